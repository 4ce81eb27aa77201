import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/cert-rsa-key-min-2048.js';
import { certificateEvidence, evaluateOne } from '../../helpers/evidence.js';

describe(rule.id, () => {
  it.each([
    { name: 'RSA 2048', data: { keySizeBits: 2048 }, status: 'pass' },
    { name: 'RSA 4096', data: { keySizeBits: 4096 }, status: 'pass' },
    { name: 'RSA 2047', data: { keySizeBits: 2047 }, status: 'fail', message: 'RSA key is 2047 bits; the minimum is 2048.' },
    { name: 'RSA 1024', data: { keySizeBits: 1024 }, status: 'fail', message: 'RSA key is 1024 bits; the minimum is 2048.' },
    { name: 'EC P-256', data: { keyAlgorithm: 'EC' as const, keySizeBits: 256, curve: 'P-256' }, status: 'not-applicable' },
    { name: 'Ed25519', data: { keyAlgorithm: 'Ed25519' as const, keySizeBits: undefined }, status: 'not-applicable' },
  ])('$name → $status', ({ data, status, message }) => {
    const result = evaluateOne(rule, certificateEvidence(data));
    expect(result?.status).toBe(status);
    expect(result?.severity).toBe('high');
    expect(result?.message).toBe(message);
  });

  it('reports an RSA key of unknown size as an error', () => {
    const result = evaluateOne(rule, certificateEvidence({ keySizeBits: undefined }));
    expect(result?.status).toBe('error');
    expect(result?.detail).toBe('rule cert-rsa-key-min-2048 threw: RSA key size is unknown');
  });
});
