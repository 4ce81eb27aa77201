import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-public-tls-sct-embedded.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { policyWith, resultFor } from '../helpers.js';

const DAY = 86_400;
const sct = (logId: string) => ({ version: 0, logId, timestamp: '2026-01-01T00:00:00Z' });

describe(rule.id, () => {
  it.each([
    { name: '90 days, 2 SCTs', cert: { validitySeconds: 90 * DAY, embeddedSctCount: 2 }, status: 'pass' },
    { name: '90 days, 1 SCT', cert: { validitySeconds: 90 * DAY, embeddedSctCount: 1 }, status: 'fail' },
    { name: '181 days, 2 SCTs', cert: { validitySeconds: 181 * DAY, embeddedSctCount: 2 }, status: 'fail' },
    { name: '365 days, 3 SCTs', cert: { embeddedSctCount: 3 }, status: 'pass' },
    { name: '3 SCTs from 2 distinct logs', cert: { embeddedSctCount: 3, embeddedScts: [sct('a'), sct('a'), sct('b')] }, status: 'fail' },
    { name: 'precertificate', cert: { precertificate: true as const }, status: 'not-applicable' },
    { name: 'private TLS', cert: { policyOids: [] }, status: 'not-applicable' },
  ])('$name → $status', ({ cert, status }) => {
    expect(resultFor(rule, certificateEvidence(cert)).status).toBe(status);
  });

  it('names the counts', () => {
    expect(resultFor(rule, certificateEvidence({ validitySeconds: 90 * DAY })).message).toBe('Public TLS certificate valid for 90 days embeds 0 SCT(s) from distinct logs; 2 are required.');
  });

  it('is not applicable when the profile does not require SCTs', () => {
    expect(resultFor(rule, certificateEvidence(), [], { policy: policyWith({ name: 'no-ct', tls: { requireSct: false } }) }).status).toBe('not-applicable');
  });
});
