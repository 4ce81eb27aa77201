import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-public-tls-validity-cabf.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

const DAY = 86_400;

describe(rule.id, () => {
  it.each([
    { notBefore: '2025-06-01T00:00:00Z', days: 398, extra: 0, status: 'pass' },
    { notBefore: '2025-06-01T00:00:00Z', days: 398, extra: 1, status: 'fail' },
    { notBefore: '2026-03-14T23:59:59Z', days: 398, extra: 0, status: 'pass' },
    { notBefore: '2026-03-15T00:00:00Z', days: 200, extra: 0, status: 'pass' },
    { notBefore: '2026-03-15T00:00:00Z', days: 200, extra: 1, status: 'fail' },
    { notBefore: '2027-03-15T00:00:00Z', days: 100, extra: 1, status: 'fail' },
    { notBefore: '2027-03-15T00:00:00Z', days: 100, extra: 0, status: 'pass' },
    { notBefore: '2029-03-15T00:00:00Z', days: 47, extra: 1, status: 'fail' },
    { notBefore: '2029-03-15T00:00:00Z', days: 47, extra: 0, status: 'pass' },
  ])('issued $notBefore, $days days + $extra s → $status', ({ notBefore, days, extra, status }) => {
    const result = resultFor(rule, certificateEvidence({ notBefore, validitySeconds: days * DAY + extra }));
    expect(result.status).toBe(status);
  });

  it('explains the limit', () => {
    expect(resultFor(rule, certificateEvidence({ notBefore: '2026-04-01T00:00:00Z', validitySeconds: 365 * DAY })).message).toBe(
      'Issued 2026-04-01T00:00:00Z with a validity of 365 days (31536000 seconds); the CA/B Forum maximum for that date is 200 days (17280000 seconds).',
    );
  });

  it.each([
    { name: 'private TLS (no CA/B policy OID)', cert: { policyOids: [], validitySeconds: 800 * DAY } },
    { name: 'issued before 2020-09-01', cert: { notBefore: '2019-01-01T00:00:00Z', validitySeconds: 800 * DAY } },
    { name: 'CA certificate', cert: { isCa: true, validitySeconds: 800 * DAY } },
  ])('$name → not-applicable', ({ cert }) => {
    expect(resultFor(rule, certificateEvidence(cert)).status).toBe('not-applicable');
  });
});
