import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/cert-key-strength-beyond-2030.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'RSA-2048 until 2030-12-31T23:59:59Z', cert: { notAfter: '2030-12-31T23:59:59Z' }, status: 'pass' },
    { name: 'RSA-2048 until 2031-01-01', cert: { notAfter: '2031-01-01T00:00:00Z' }, status: 'fail' },
    { name: 'RSA-3072 until 2035', cert: { keySizeBits: 3072, notAfter: '2035-01-01T00:00:00Z' }, status: 'not-applicable' },
    { name: 'P-224 until 2032', cert: { keyAlgorithm: 'EC' as const, keySizeBits: 224, curve: 'P-224', notAfter: '2032-01-01T00:00:00Z' }, status: 'fail' },
    { name: 'P-256 until 2040', cert: { keyAlgorithm: 'EC' as const, keySizeBits: 256, notAfter: '2040-01-01T00:00:00Z' }, status: 'not-applicable' },
    { name: 'RSA-1024 (left to other checks)', cert: { keySizeBits: 1024, notAfter: '2040-01-01T00:00:00Z' }, status: 'not-applicable' },
  ])('$name → $status', ({ cert, status }) => {
    expect(resultFor(rule, certificateEvidence(cert)).status).toBe(status);
  });

  it('explains the horizon', () => {
    expect(resultFor(rule, certificateEvidence({ notAfter: '2031-01-01T00:00:00Z' })).message).toBe(
      'RSA-2048 gives 112-bit security, acceptable only through 2030, but the certificate is valid until 2031-01-01T00:00:00Z.',
    );
  });
});
