import { describe, expect, it } from 'vitest';
import rule from '../../../rules/11-automation/ca-auto-renewal-enabled.js';
import { caConfigEvidence, caProfile, resultFor } from '../helpers.js';

const client = (data: Parameters<typeof caConfigEvidence>[0]) => caConfigEvidence({ product: 'certbot', role: 'client', name: 'certbot', ...data });

describe(rule.id, () => {
  it.each([
    { name: 'timer present', data: { automation: { autoRenewal: true, schedulerPresent: true, mechanism: 'certbot.timer' } }, status: 'pass', message: undefined },
    { name: 'renewal off', data: { automation: { autoRenewal: false } }, status: 'fail', message: 'certbot: automatic renewal is off.' },
    { name: 'one lineage manual', data: { profiles: [caProfile({ name: 'legacy.example.test', autoRenewal: false })] }, status: 'fail', message: 'certbot: automatic renewal is off for legacy.example.test.' },
    { name: 'no timer', data: { automation: { autoRenewal: true, schedulerPresent: false, mechanism: 'certbot (no systemd timer, no cron entry)' } }, status: 'fail', message: 'certbot: no scheduler runs the renewals (certbot (no systemd timer, no cron entry)).' },
    { name: 'nothing stated', data: { profiles: [caProfile({ autoRenewal: undefined })] }, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ data, status, message }) => {
    const result = resultFor(rule, client(data));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('is not applicable to CAs', () => {
    expect(resultFor(rule, caConfigEvidence({ automation: { autoRenewal: false } })).status).toBe('not-applicable');
  });
});
