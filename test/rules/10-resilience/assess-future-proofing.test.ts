import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/10-resilience/assess-future-proofing.js';
import { certificateEvidence, tlsEndpointEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';

describe(assessor.id, () => {
  it('is insufficient without PQC capability (platform EOL data is not collected)', () => {
    expect(kinds(assessWith(assessor, [certificateEvidence()]))).toEqual(['insufficient']);
  });

  it('supports 3 when PQC capability is in use', () => {
    expect(kinds(assessWith(assessor, [tlsEndpointEvidence({ keyExchange: { type: 'ECDH', group: 'X25519MLKEM768' } })]))).toEqual(['support 3']);
    expect(kinds(assessWith(assessor, [certificateEvidence({ keyAlgorithm: 'composite', signatureAlgorithm: 'id-MLDSA65-ECDSA-P256-SHA512' })]))).toEqual(['support 3']);
  });
});
