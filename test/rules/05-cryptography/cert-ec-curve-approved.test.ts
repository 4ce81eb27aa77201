import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/cert-ec-curve-approved.js';
import { certificateEvidence, evaluateOne } from '../../helpers/evidence.js';

const ec = (curve: string | undefined, keySizeBits = 256) => ({ keyAlgorithm: 'EC' as const, keyAlgorithmOid: '1.2.840.10045.2.1', keySizeBits, curve });

describe(rule.id, () => {
  it.each([
    { name: 'P-256', data: ec('P-256'), status: 'pass' },
    { name: 'P-384', data: ec('P-384', 384), status: 'pass' },
    { name: 'P-521', data: ec('P-521', 521), status: 'pass' },
    { name: 'P-384 named secp384r1', data: ec('secp384r1', 384), status: 'pass' },
    { name: 'secp256k1', data: ec('secp256k1'), status: 'fail', message: 'EC key uses curve secp256k1; the approved curves are P-256, P-384 and P-521.' },
    { name: 'brainpoolP256r1', data: ec('brainpoolP256r1'), status: 'fail', message: 'EC key uses curve brainpoolP256r1; the approved curves are P-256, P-384 and P-521.' },
    { name: 'P-192', data: ec('P-192', 192), status: 'fail', message: 'EC key uses curve P-192; the approved curves are P-256, P-384 and P-521.' },
    { name: 'unknown curve OID', data: ec('1.2.3.4.5'), status: 'fail', message: 'EC key uses curve 1.2.3.4.5; the approved curves are P-256, P-384 and P-521.' },
    { name: 'no named curve', data: ec(undefined), status: 'fail', message: 'EC key has no named curve; the approved curves are P-256, P-384 and P-521.' },
    { name: 'RSA', data: {}, status: 'not-applicable' },
    { name: 'Ed25519', data: { keyAlgorithm: 'Ed25519' as const, keySizeBits: undefined }, status: 'not-applicable' },
  ])('$name → $status', ({ data, status, message }) => {
    const result = evaluateOne(rule, certificateEvidence(data));
    expect(result?.status).toBe(status);
    expect(result?.severity).toBe('high');
    expect(result?.message).toBe(message);
  });
});
