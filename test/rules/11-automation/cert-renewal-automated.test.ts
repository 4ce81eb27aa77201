import { describe, expect, it } from 'vitest';
import rule from '../../../rules/11-automation/cert-renewal-automated.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { resultFor } from '../helpers.js';

const seen = (attributes: Record<string, string>) => ({ sightings: [{ collector: 'kubernetes', target: 'secret default/web', attributes }] });

describe(rule.id, () => {
  it.each([
    { name: 'cert-manager', cert: seen({ managedBy: 'cert-manager' }), status: 'pass' },
    { name: 'ACM eligible', cert: seen({ renewalEligibility: 'ELIGIBLE' }), status: 'pass' },
    { name: 'Key Vault auto-renew', cert: seen({ autoRenew: 'true' }), status: 'pass' },
    { name: 'endpoint only', cert: {}, status: 'fail' },
    { name: 'expired', cert: { notAfter: '2026-01-01T00:00:00Z' }, status: 'not-applicable' },
    { name: 'CA', cert: { isCa: true }, status: 'not-applicable' },
  ])('$name → $status', ({ cert, status }) => {
    const result = resultFor(rule, certificateEvidence(cert));
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.message).toBe('No automated renewal path was observed for CN=www.example.test.');
  });
});
