import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/cert-key-not-debian-weak.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'sound RSA key', cert: {}, status: 'pass' },
    { name: 'Debian weak key', cert: { rsaWeaknesses: ['debian-weak' as const, 'fermat' as const] }, status: 'fail' },
    { name: 'Ed25519 key', cert: { keyAlgorithm: 'Ed25519' as const }, status: 'not-applicable' },
  ])('$name → $status', ({ cert, status }) => {
    const result = resultFor(rule, certificateEvidence(cert));
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toBe('The RSA key is a Debian weak key (CVE-2008-0166): the private key is compromised.');
  });
});
