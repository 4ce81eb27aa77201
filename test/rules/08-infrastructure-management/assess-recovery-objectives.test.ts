import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/08-infrastructure-management/assess-recovery-objectives.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { caConfigEvidence } from '../helpers.js';

const privateCert = (crl: number, ocsp: number) =>
  certificateEvidence({ policyOids: [], crlUrls: Array.from({ length: crl }, (_, i) => `http://crl${i}.example.test/a.crl`), ocspUrls: Array.from({ length: ocsp }, (_, i) => `http://ocsp${i}.example.test`) });

describe(assessor.id, () => {
  it('is insufficient without CA configurations or certificates', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('caps at 3 for a large CA with a single revocation endpoint', () => {
    const single = caConfigEvidence({ issued: { valid: 5000 }, revocation: { crl: { enabled: true, urls: ['http://crl.example.test/a.crl'] } } });
    expect(kinds(assessWith(assessor, [single]))).toEqual(['cap 3']);
  });

  it('supports 3 when revocation is redundant', () => {
    expect(kinds(assessWith(assessor, [caConfigEvidence(), privateCert(1, 1)]))).toEqual(['support 3']);
    expect(kinds(assessWith(assessor, [caConfigEvidence(), privateCert(1, 0)]))).toEqual(['insufficient']);
  });
});
