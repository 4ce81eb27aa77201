import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/cert-rsa-exponent-valid.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'e = 65537', cert: { rsaPublicExponent: 65_537 }, status: 'pass', message: undefined },
    { name: 'e = 3', cert: { rsaPublicExponent: 3, rsaWeaknesses: ['small-exponent' as const] }, status: 'fail', message: 'RSA public exponent 3 is below 65537.' },
    { name: 'e = 65536', cert: { rsaPublicExponent: 65_536, rsaWeaknesses: ['even-exponent' as const] }, status: 'fail', message: 'RSA public exponent 65536 is even, so this is not a valid RSA key.' },
    { name: 'exponent not parsed', cert: {}, status: 'not-applicable', message: undefined },
    { name: 'EC key', cert: { keyAlgorithm: 'EC' as const, curve: 'P-256' }, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ cert, status, message }) => {
    const result = resultFor(rule, certificateEvidence(cert));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });
});
