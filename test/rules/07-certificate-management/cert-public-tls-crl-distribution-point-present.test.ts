import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-public-tls-crl-distribution-point-present.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

const DAY = 86_400;

describe(rule.id, () => {
  it.each([
    { name: 'with CDP', cert: {}, status: 'pass' },
    { name: 'without CDP, 90 days', cert: { crlUrls: [], validitySeconds: 90 * DAY }, status: 'fail' },
    { name: 'without CDP, 10 days, issued 2026-01', cert: { crlUrls: [], validitySeconds: 10 * DAY }, status: 'pass' },
    { name: 'without CDP, 10 days, issued 2026-04', cert: { crlUrls: [], validitySeconds: 10 * DAY, notBefore: '2026-04-01T00:00:00Z' }, status: 'fail' },
    { name: 'without CDP, 7 days, issued 2026-04', cert: { crlUrls: [], validitySeconds: 7 * DAY, notBefore: '2026-04-01T00:00:00Z' }, status: 'pass' },
    { name: 'private TLS', cert: { crlUrls: [], policyOids: [] }, status: 'not-applicable' },
  ])('$name → $status', ({ cert, status }) => {
    const result = resultFor(rule, certificateEvidence(cert));
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toMatch(/^Public TLS certificate valid for \d+ days has no CRL distribution point\.$/);
  });
});
