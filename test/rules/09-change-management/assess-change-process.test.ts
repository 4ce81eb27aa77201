import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/09-change-management/assess-change-process.js';
import { assessWith, firstReasons, kinds } from '../assess-helpers.js';
import { caConfigEvidence } from '../helpers.js';

describe(assessor.id, () => {
  it('states what is missing', () => {
    const statements = assessWith(assessor, [caConfigEvidence()]);
    expect(kinds(statements)).toEqual(['insufficient']);
    expect(statements[0]?.ref).toBe('9.3');
    expect(firstReasons(statements)[0]).toBe(
      'Insufficient evidence: configuration drift between scans and change tickets are not available to assessors (1 CA configuration(s) in this scan, no previous configurations, no ticket import).',
    );
  });
});
