import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/cert-signature-hash-min-sha256.js';
import { certificateEvidence, evaluateOne } from '../../helpers/evidence.js';

describe(rule.id, () => {
  it.each([
    { name: 'SHA-256 RSA', data: {}, status: 'pass' },
    { name: 'ECDSA SHA-384', data: { signatureAlgorithm: 'ecdsa-with-SHA384', signatureAlgorithmOid: '1.2.840.10045.4.3.3', signatureHash: 'SHA-384' }, status: 'pass' },
    { name: 'SHA3-256', data: { signatureAlgorithm: 'id-rsassa-pkcs1-v1_5-with-sha3-256', signatureAlgorithmOid: '2.16.840.1.101.3.4.3.14', signatureHash: 'SHA3-256' }, status: 'pass' },
    {
      name: 'SHA-224 RSA',
      data: { signatureAlgorithm: 'sha224WithRSAEncryption', signatureAlgorithmOid: '1.2.840.113549.1.1.14', signatureHash: 'SHA-224' },
      status: 'fail',
      message: 'Certificate is signed with SHA-224 (sha224WithRSAEncryption); the minimum is SHA-256.',
    },
    {
      name: 'ECDSA SHA-224, known by OID only',
      data: { signatureAlgorithm: '1.2.840.10045.4.3.1', signatureAlgorithmOid: '1.2.840.10045.4.3.1', signatureHash: undefined },
      status: 'fail',
      message: 'Certificate is signed with SHA-224 (1.2.840.10045.4.3.1); the minimum is SHA-256.',
    },
    {
      name: 'SHA3-224',
      data: { signatureAlgorithm: 'id-ecdsa-with-sha3-224', signatureAlgorithmOid: '2.16.840.1.101.3.4.3.9', signatureHash: 'SHA3-224' },
      status: 'fail',
      message: 'Certificate is signed with SHA3-224 (id-ecdsa-with-sha3-224); the minimum is SHA-256.',
    },
    { name: 'SHA-1 (cert-signature-no-sha1)', data: { signatureAlgorithm: 'sha1WithRSAEncryption', signatureAlgorithmOid: '1.2.840.113549.1.1.5', signatureHash: 'SHA-1' }, status: 'not-applicable' },
    { name: 'MD5 (cert-signature-no-sha1)', data: { signatureAlgorithm: 'md5WithRSAEncryption', signatureAlgorithmOid: '1.2.840.113549.1.1.4', signatureHash: 'MD5' }, status: 'not-applicable' },
    { name: 'Ed25519 (no hash)', data: { signatureAlgorithm: 'Ed25519', signatureAlgorithmOid: '1.3.101.112', signatureHash: undefined }, status: 'not-applicable' },
    {
      name: 'self-signed SHA-224 root',
      data: { isCa: true, isSelfSigned: true, signatureAlgorithm: 'sha224WithRSAEncryption', signatureAlgorithmOid: '1.2.840.113549.1.1.14', signatureHash: 'SHA-224' },
      status: 'not-applicable',
    },
  ])('$name → $status', ({ data, status, message }) => {
    const result = evaluateOne(rule, certificateEvidence(data));
    expect(result?.status).toBe(status);
    expect(result?.severity).toBe('low');
    expect(result?.message).toBe(message);
  });
});
