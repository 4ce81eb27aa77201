import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-tls-san-present.js';
import { certificateEvidence, evaluateOne } from '../../helpers/evidence.js';

describe(rule.id, () => {
  it.each([
    { name: 'DNS name', data: {}, status: 'pass' },
    { name: 'IP address only', data: { subjectAltNames: ['IP:192.0.2.1'] }, status: 'pass' },
    { name: 'serverAuth as OID with DNS name', data: { extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'] }, status: 'pass' },
    { name: 'no SAN at all', data: { subjectAltNames: [] }, status: 'fail', message: 'TLS server certificate has no DNS or IP subject alternative name (found: none).' },
    {
      name: 'only email and URI names',
      data: { subjectAltNames: ['email:ops@example.test', 'URI:https://example.test/'] },
      status: 'fail',
      message: 'TLS server certificate has no DNS or IP subject alternative name (found: email:ops@example.test, URI:https://example.test/).',
    },
    { name: 'CA certificate', data: { isCa: true, subjectAltNames: [] }, status: 'not-applicable' },
    { name: 'client-only EKU', data: { extendedKeyUsage: ['clientAuth'], subjectAltNames: [] }, status: 'not-applicable' },
    { name: 'no EKU', data: { extendedKeyUsage: [], subjectAltNames: [] }, status: 'not-applicable' },
  ])('$name → $status', ({ data, status, message }) => {
    const result = evaluateOne(rule, certificateEvidence(data));
    expect(result?.status).toBe(status);
    expect(result?.severity).toBe('medium');
    expect(result?.message).toBe(message);
  });
});
