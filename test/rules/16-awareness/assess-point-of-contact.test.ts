import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/16-awareness/assess-point-of-contact.js';
import { assessWith, firstReasons, kinds } from '../assess-helpers.js';
import { policyWith } from '../helpers.js';

describe(assessor.id, () => {
  it('is insufficient without a declared contact', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('supports 3 with a declared contact', () => {
    const statements = assessWith(assessor, [], { policy: policyWith({ name: 'c', documents: { contact: 'pki-abuse@example.test' } }) });
    expect(kinds(statements)).toEqual(['support 3']);
    expect(firstReasons(statements)[0]).toBe('A problem-reporting contact is declared (pki-abuse@example.test); its responsiveness needs a person.');
  });
});
