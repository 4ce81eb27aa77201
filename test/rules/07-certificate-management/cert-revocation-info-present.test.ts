import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-revocation-info-present.js';
import { certificateEvidence, evaluateOne } from '../../helpers/evidence.js';

const DAY = 86_400;
const MESSAGE = 'Certificate has neither a CRL distribution point nor an OCSP URL; its revocation cannot be checked.';

describe(rule.id, () => {
  it.each([
    { name: 'CRL and OCSP', data: {}, status: 'pass' },
    { name: 'CRL only', data: { ocspUrls: [] }, status: 'pass' },
    { name: 'OCSP only', data: { crlUrls: [] }, status: 'pass' },
    { name: 'neither', data: { crlUrls: [], ocspUrls: [] }, status: 'fail', message: MESSAGE },
    { name: 'neither, 8-day certificate', data: { crlUrls: [], ocspUrls: [], validitySeconds: 8 * DAY }, status: 'fail', message: MESSAGE },
    { name: 'neither, short-lived intermediate CA', data: { isCa: true, crlUrls: [], ocspUrls: [], validitySeconds: 7 * DAY }, status: 'fail', message: MESSAGE },
    { name: 'self-signed root', data: { isCa: true, isSelfSigned: true, crlUrls: [], ocspUrls: [] }, status: 'not-applicable' },
    { name: 'short-lived subscriber certificate (7 days)', data: { crlUrls: [], ocspUrls: [], validitySeconds: 7 * DAY }, status: 'not-applicable' },
  ])('$name → $status', ({ data, status, message }) => {
    const result = evaluateOne(rule, certificateEvidence(data));
    expect(result?.status).toBe(status);
    expect(result?.severity).toBe('medium');
    expect(result?.message).toBe(message);
  });
});
