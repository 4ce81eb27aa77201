import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/05-cryptography/assess-crypto-lifecycle.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { policyWith } from '../helpers.js';

const noDates = policyWith({
  name: 'flat',
  algorithms: {
    keys: { approved: [{ algorithm: 'RSA', minBits: 2048 }, { algorithm: 'EC' }], deprecated: [], prohibited: [] },
    signatureHashes: { approved: ['SHA-256'], deprecated: [], prohibited: ['SHA-1'] },
  },
});

describe(assessor.id, () => {
  it('is insufficient without certificates or keys', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('supports 3 when the profile has dates and nothing is deprecated or past its sunset', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence({ keySizeBits: 3072 })]))).toEqual(['support 3']);
  });

  it('caps at 2 when the profile has no lifecycle dates', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence()], { policy: noDates }))).toEqual(['cap 2']);
  });

  it('says "insufficient evidence" when the evidence is older than the profile allows', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence()], { facts: { now: new Date('2027-01-01T00:00:00Z') } }))).toEqual(['insufficient']);
  });

  it('caps at 3 for assets past their sunset', () => {
    const cert = certificateEvidence({ notAfter: '2032-01-01T00:00:00Z' }, { observedAt: '2031-02-01T00:00:00Z' });
    const statements = assessWith(assessor, [cert], { facts: { now: new Date('2031-02-01T00:00:00Z') } });
    expect(kinds(statements)).toEqual(['cap 3']);
  });
});
