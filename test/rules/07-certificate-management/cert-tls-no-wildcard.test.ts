import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-tls-no-wildcard.js';
import { certificateEvidence, evaluateOne } from '../../helpers/evidence.js';

describe(rule.id, () => {
  it.each([
    { name: 'explicit host names', data: { subjectAltNames: ['DNS:www.example.test', 'DNS:api.example.test'] }, status: 'pass' },
    { name: 'IP address', data: { subjectAltNames: ['IP:192.0.2.1'] }, status: 'pass' },
    { name: 'asterisk inside a label is not a wildcard SAN here', data: { subjectAltNames: ['DNS:w*.example.test'] }, status: 'pass' },
    { name: 'one wildcard', data: { subjectAltNames: ['DNS:*.example.test'] }, status: 'fail', message: 'TLS server certificate covers wildcard names: *.example.test.' },
    {
      name: 'wildcards among host names, serverAuth as OID',
      data: { extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'], subjectAltNames: ['DNS:example.test', 'DNS:*.example.test', 'DNS:*.api.example.test'] },
      status: 'fail',
      message: 'TLS server certificate covers wildcard names: *.example.test, *.api.example.test.',
    },
    { name: 'CA certificate', data: { isCa: true, subjectAltNames: ['DNS:*.example.test'] }, status: 'not-applicable' },
    { name: 'client-only EKU', data: { extendedKeyUsage: ['clientAuth'], subjectAltNames: ['DNS:*.example.test'] }, status: 'not-applicable' },
  ])('$name → $status', ({ data, status, message }) => {
    const result = evaluateOne(rule, certificateEvidence(data));
    expect(result?.status).toBe(status);
    expect(result?.severity).toBe('low');
    expect(result?.message).toBe(message);
  });
});
