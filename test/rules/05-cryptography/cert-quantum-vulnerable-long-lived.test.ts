import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/cert-quantum-vulnerable-long-lived.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'RSA leaf expiring 2026', cert: {}, status: 'pass', message: undefined },
    { name: 'EC root until 2033', cert: { keyAlgorithm: 'EC' as const, isCa: true, notAfter: '2033-01-01T00:00:00Z' }, status: 'fail', message: 'EC certificate valid until 2033-01-01T00:00:00Z, after the 2030 deprecation horizon for quantum-vulnerable algorithms.' },
    { name: 'RSA root until 2040', cert: { isCa: true, notAfter: '2040-01-01T00:00:00Z' }, status: 'fail', message: 'RSA certificate valid until 2040-01-01T00:00:00Z, after the 2035 disallowance horizon for quantum-vulnerable algorithms.' },
    { name: 'ML-DSA root until 2045', cert: { keyAlgorithm: 'ML-DSA' as const, signatureAlgorithm: 'ML-DSA-65', notAfter: '2045-01-01T00:00:00Z' }, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ cert, status, message }) => {
    const result = resultFor(rule, certificateEvidence(cert));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
    if (status === 'fail') expect(result.severity).toBe('info');
  });
});
