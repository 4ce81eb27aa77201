import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/07-certificate-management/assess-cert-cipher-suites.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { caConfigEvidence, caProfile } from '../helpers.js';

describe(assessor.id, () => {
  it('is insufficient without certificates', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('supports 4 when certificates conform and CAs restrict key types', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence(), caConfigEvidence()]))).toEqual(['support 4']);
  });

  it('caps at 2 for weak certificates and at 3 for unrestricted CAs', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence({ signatureHash: 'SHA-1', signatureAlgorithm: 'sha1WithRSAEncryption' })]))).toEqual(['cap 2']);
    const open = caConfigEvidence({ profiles: [caProfile({ keyTypes: [{ algorithm: 'any' }] })] });
    expect(kinds(assessWith(assessor, [certificateEvidence(), open]))).toEqual(['cap 3']);
  });
});
