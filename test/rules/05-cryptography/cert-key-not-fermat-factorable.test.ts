import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/cert-key-not-fermat-factorable.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'sound RSA key', cert: {}, status: 'pass' },
    { name: 'Fermat-factorable', cert: { rsaWeaknesses: ['fermat' as const] }, status: 'fail' },
    { name: 'other weakness only', cert: { rsaWeaknesses: ['small-exponent' as const] }, status: 'pass' },
    { name: 'EC key', cert: { keyAlgorithm: 'EC' as const }, status: 'not-applicable' },
  ])('$name → $status', ({ cert, status }) => {
    const result = resultFor(rule, certificateEvidence(cert));
    expect(result.status).toBe(status);
    if (status === 'fail') {
      expect(result.severity).toBe('critical');
      expect(result.message).toBe("The RSA modulus factors with Fermat's method: the private key is compromised.");
    }
  });
});
