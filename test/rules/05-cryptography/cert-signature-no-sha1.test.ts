import { describe, expect, it } from 'vitest';
import rule from '../../../rules/05-cryptography/cert-signature-no-sha1.js';
import { certificateEvidence, evaluateOne } from '../../helpers/evidence.js';

describe(rule.id, () => {
  it.each([
    { name: 'SHA-256 RSA', data: {}, status: 'pass' },
    {
      name: 'ECDSA SHA-384',
      data: { signatureAlgorithm: 'ecdsa-with-SHA384', signatureAlgorithmOid: '1.2.840.10045.4.3.3', signatureHash: 'SHA-384' },
      status: 'pass',
    },
    { name: 'Ed25519 (no hash)', data: { signatureAlgorithm: 'Ed25519', signatureAlgorithmOid: '1.3.101.112', signatureHash: undefined }, status: 'pass' },
    {
      name: 'SHA-1 RSA',
      data: { signatureAlgorithm: 'sha1WithRSAEncryption', signatureAlgorithmOid: '1.2.840.113549.1.1.5', signatureHash: 'SHA-1' },
      status: 'fail',
      message: 'Certificate is signed with SHA-1 (sha1WithRSAEncryption); SHA-1 and MD5 signatures can be forged.',
    },
    {
      name: 'MD5 RSA, known by OID only',
      data: { signatureAlgorithm: '1.2.840.113549.1.1.4', signatureAlgorithmOid: '1.2.840.113549.1.1.4', signatureHash: undefined },
      status: 'fail',
      message: 'Certificate is signed with MD5 (1.2.840.113549.1.1.4); SHA-1 and MD5 signatures can be forged.',
    },
    {
      name: 'ECDSA SHA-1, known by name only',
      data: { signatureAlgorithm: 'ecdsa-with-SHA1', signatureAlgorithmOid: '9.9.9', signatureHash: undefined },
      status: 'fail',
      message: 'Certificate is signed with SHA-1 (ecdsa-with-SHA1); SHA-1 and MD5 signatures can be forged.',
    },
    {
      name: 'MD2 RSA',
      data: { signatureAlgorithm: 'md2WithRSAEncryption', signatureAlgorithmOid: '1.2.840.113549.1.1.2', signatureHash: 'MD2' },
      status: 'fail',
      message: 'Certificate is signed with MD2 (md2WithRSAEncryption); SHA-1 and MD5 signatures can be forged.',
    },
    {
      name: 'self-signed SHA-1 root',
      data: { isCa: true, isSelfSigned: true, signatureAlgorithm: 'sha1WithRSAEncryption', signatureAlgorithmOid: '1.2.840.113549.1.1.5', signatureHash: 'SHA-1' },
      status: 'not-applicable',
    },
  ])('$name → $status', ({ data, status, message }) => {
    const result = evaluateOne(rule, certificateEvidence(data));
    expect(result?.status).toBe(status);
    expect(result?.severity).toBe('high');
    expect(result?.message).toBe(message);
  });
});
