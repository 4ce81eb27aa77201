import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/cert-pqc-algorithms-present.js';
import { certificateEvidence, tlsEndpointEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

const classical = [certificateEvidence(), certificateEvidence({ subject: 'CN=b' })];

describe(rule.id, () => {
  it('reports when no certificate is PQC or hybrid', () => {
    const result = resultFor(rule, undefined, classical);
    expect(result.status).toBe('fail');
    expect(result.severity).toBe('info');
    expect(result.message).toBe('None of the 2 observed certificates uses a post-quantum or hybrid algorithm.');
  });

  it.each([
    ['an ML-DSA certificate', { keyAlgorithm: 'ML-DSA' as const, signatureAlgorithm: 'ML-DSA-65' }],
    ['a composite certificate', { keyAlgorithm: 'composite' as const, signatureAlgorithm: 'id-MLDSA65-ECDSA-P256-SHA512' }],
    ['an RSA key signed by an ML-DSA CA', { signatureAlgorithm: 'ML-DSA-87' }],
  ])('passes with %s', (_name, cert) => {
    expect(resultFor(rule, undefined, [...classical, certificateEvidence(cert)]).status).toBe('pass');
  });

  it('is not applicable without certificates', () => {
    expect(resultFor(rule, undefined, [tlsEndpointEvidence()]).status).toBe('not-applicable');
  });
});
