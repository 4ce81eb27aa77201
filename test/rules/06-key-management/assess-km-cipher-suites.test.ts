import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/06-key-management/assess-km-cipher-suites.js';
import { certificateEvidence, tlsEndpointEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';

describe(assessor.id, () => {
  it('is insufficient without evidence', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('supports 3 when nothing is weak', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence(), tlsEndpointEvidence()]))).toEqual(['support 3']);
  });

  it('caps on weak assets and legacy protocols, sharing the 5.2/5.3 signals', () => {
    const legacy = tlsEndpointEvidence({ host: 'old', protocol: 'TLSv1' });
    expect(kinds(assessWith(assessor, [certificateEvidence({ keySizeBits: 1024 }), legacy]))).toEqual(['cap 2', 'cap 2']);
  });
});
