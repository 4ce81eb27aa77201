import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-key-usage-consistent.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'RSA TLS with both', cert: {}, status: 'pass', message: undefined },
    { name: 'EC TLS with digitalSignature', cert: { keyAlgorithm: 'EC' as const, keyUsage: ['digitalSignature'] }, status: 'pass', message: undefined },
    { name: 'EC with keyEncipherment', cert: { keyAlgorithm: 'EC' as const, keyUsage: ['digitalSignature', 'keyEncipherment'] }, status: 'fail', message: 'EC key asserts keyEncipherment, which this key type cannot perform.' },
    { name: 'RSA TLS with keyEncipherment only', cert: { keyUsage: ['keyEncipherment'] }, status: 'fail', message: 'TLS server certificate key usage (keyEncipherment) lacks digitalSignature.' },
    { name: 'RSA client with keyEncipherment only', cert: { keyUsage: ['keyEncipherment'], extendedKeyUsage: ['emailProtection'] }, status: 'pass', message: undefined },
    { name: 'no key usage', cert: { keyUsage: [] }, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ cert, status, message }) => {
    const result = resultFor(rule, certificateEvidence(cert));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });
});
