import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/cert-key-algorithm-not-dsa.js';
import { certificateEvidence, evaluateOne } from '../../helpers/evidence.js';

describe(rule.id, () => {
  it.each([
    { name: 'RSA', data: {}, status: 'pass' },
    { name: 'EC P-256', data: { keyAlgorithm: 'EC' as const, keyAlgorithmOid: '1.2.840.10045.2.1', curve: 'P-256', keySizeBits: 256 }, status: 'pass' },
    { name: 'ML-DSA (not DSA)', data: { keyAlgorithm: 'ML-DSA' as const, keyAlgorithmOid: '2.16.840.1.101.3.4.3.18', keySizeBits: undefined }, status: 'pass' },
    { name: 'self-signed RSA root', data: { isCa: true, isSelfSigned: true }, status: 'pass' },
    {
      name: 'DSA 2048',
      data: { keyAlgorithm: 'DSA' as const, keyAlgorithmOid: '1.2.840.10040.4.1', keySizeBits: 2048 },
      status: 'fail',
      message: 'Certificate has a DSA key (2048 bits); DSA is no longer approved for signatures.',
    },
    {
      name: 'DSA known by OID only, size unknown',
      data: { keyAlgorithm: 'other' as const, keyAlgorithmOid: '1.2.840.10040.4.1', keySizeBits: undefined },
      status: 'fail',
      message: 'Certificate has a DSA key; DSA is no longer approved for signatures.',
    },
    {
      name: 'self-signed DSA root',
      data: { isCa: true, isSelfSigned: true, keyAlgorithm: 'DSA' as const, keyAlgorithmOid: '1.2.840.10040.4.1', keySizeBits: 1024 },
      status: 'fail',
      message: 'Certificate has a DSA key (1024 bits); DSA is no longer approved for signatures.',
    },
  ])('$name → $status', ({ data, status, message }) => {
    const result = evaluateOne(rule, certificateEvidence(data));
    expect(result?.status).toBe(status);
    expect(result?.severity).toBe('high');
    expect(result?.message).toBe(message);
  });

  it('is never not-applicable: every certificate is in scope', () => {
    expect('applies' in rule).toBe(false);
  });
});
