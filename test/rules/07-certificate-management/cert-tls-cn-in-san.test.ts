import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-tls-cn-in-san.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

describe(rule.id, () => {
  it.each([
    { name: 'CN in SAN', cert: {}, status: 'pass' },
    { name: 'CN in SAN, other case', cert: { subject: 'C=US, O=Example, CN=WWW.Example.Test' }, status: 'pass' },
    { name: 'IP CN', cert: { subject: 'CN=192.0.2.1', subjectAltNames: ['IP:192.0.2.1'] }, status: 'pass' },
    { name: 'CN missing from SAN', cert: { subject: 'CN=legacy.example.test', subjectAltNames: ['DNS:www.example.test'] }, status: 'fail' },
    { name: 'no CN', cert: { subject: 'O=Example' }, status: 'not-applicable' },
    { name: 'client certificate', cert: { subject: 'CN=alice', extendedKeyUsage: ['clientAuth'] }, status: 'not-applicable' },
  ])('$name → $status', ({ cert, status }) => {
    const result = resultFor(rule, certificateEvidence(cert));
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toBe('Common name legacy.example.test is not among the subject alternative names.');
  });
});
