import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-tls-validity-max-398-days.js';
import { certificateEvidence, evaluateOne } from '../../helpers/evidence.js';

const DAY = 86_400;

describe(rule.id, () => {
  it.each([
    { name: 'exactly 398 days', data: { validitySeconds: 398 * DAY }, status: 'pass' },
    { name: '90 days', data: { validitySeconds: 90 * DAY }, status: 'pass' },
    {
      name: '398 days and 1 second',
      data: { validitySeconds: 398 * DAY + 1 },
      status: 'fail',
      message: 'Certificate is valid for 399 days (34387201 seconds); the maximum is 398 days (34387200 seconds).',
    },
    {
      name: '825 days',
      data: { validitySeconds: 825 * DAY },
      status: 'fail',
      message: 'Certificate is valid for 825 days (71280000 seconds); the maximum is 398 days (34387200 seconds).',
    },
    { name: 'no EKU but DNS names', data: { extendedKeyUsage: [], validitySeconds: 400 * DAY }, status: 'fail', message: 'Certificate is valid for 400 days (34560000 seconds); the maximum is 398 days (34387200 seconds).' },
    { name: 'serverAuth as OID', data: { extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'], validitySeconds: 400 * DAY }, status: 'fail', message: 'Certificate is valid for 400 days (34560000 seconds); the maximum is 398 days (34387200 seconds).' },
    { name: 'CA certificate', data: { isCa: true, validitySeconds: 3650 * DAY }, status: 'not-applicable' },
    { name: 'client-only EKU', data: { extendedKeyUsage: ['clientAuth'], validitySeconds: 800 * DAY }, status: 'not-applicable' },
    { name: 'no EKU and only IP names', data: { extendedKeyUsage: [], subjectAltNames: ['IP:192.0.2.1'], policyOids: [], validitySeconds: 800 * DAY }, status: 'not-applicable' },
    { name: 'no EKU, no DNS names, CA/B Forum TLS policy OID', data: { extendedKeyUsage: [], subjectAltNames: [], validitySeconds: 800 * DAY }, status: 'fail', message: 'Certificate is valid for 800 days (69120000 seconds); the maximum is 398 days (34387200 seconds).' },
    { name: 'issued before 2020-09-01', data: { notBefore: '2020-08-31T23:59:59Z', validitySeconds: 825 * DAY }, status: 'not-applicable' },
  ])('$name → $status', ({ data, status, message }) => {
    const result = evaluateOne(rule, certificateEvidence(data));
    expect(result?.status).toBe(status);
    expect(result?.severity).toBe('medium');
    expect(result?.message).toBe(message);
  });
});
