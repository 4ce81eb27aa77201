import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/02-policies-and-documentation/assess-disclosure-statement.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, firstReasons, kinds } from '../assess-helpers.js';
import { policyWith } from '../helpers.js';

const qualified = certificateEvidence({ policyOids: ['0.4.0.194112.1.4'] });

describe(assessor.id, () => {
  it('has no signal without qualified certificates', () => {
    const statements = assessWith(assessor, [certificateEvidence()]);
    expect(kinds(statements)).toEqual(['insufficient']);
    expect(firstReasons(statements)[0]).toMatch(/consider N\/A/);
  });

  it('caps at 2 for qualified certificates without a PDS, supports 3 with one', () => {
    expect(kinds(assessWith(assessor, [qualified]))).toEqual(['cap 2']);
    const policy = policyWith({ name: 'q', documents: { pds: { url: 'https://pki.example.test/pds-en.pdf' } } });
    expect(kinds(assessWith(assessor, [qualified], { policy }))).toEqual(['support 3']);
  });
});
