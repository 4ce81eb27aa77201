import { describe, expect, it } from 'vitest';
import rule from '../../../rules/11-automation/ca-renewal-before-sufficient.js';
import { caConfigEvidence, caProfile, resultFor } from '../helpers.js';

const DAY = 86_400;

describe(rule.id, () => {
  it.each([
    { name: '90 days, renew 30 before', profile: {}, status: 'pass', message: undefined },
    { name: '90 days, renew 18 before (20 %)', profile: { renewBeforeSeconds: 18 * DAY }, status: 'pass', message: undefined },
    { name: '90 days, renew 7 before', profile: { renewBeforeSeconds: 7 * DAY }, status: 'fail', message: 'vault pki_int/: web-server renews 7 days before expiry; the policy needs at least 18 days for 90-day certificates.' },
    { name: '398 days, renew 30 before', profile: { defaultValiditySeconds: 398 * DAY, renewBeforeSeconds: 30 * DAY }, status: 'pass', message: undefined },
    { name: 'unknown validity, renew 14 before', profile: { maxValiditySeconds: undefined, defaultValiditySeconds: undefined, renewBeforeSeconds: 14 * DAY }, status: 'fail', message: 'vault pki_int/: web-server renews 14 days before expiry; the policy needs at least 30 days for unknown-day certificates.' },
    { name: 'nothing stated', profile: { renewBeforeSeconds: undefined }, status: 'not-applicable', message: undefined },
  ])('$name → $status', ({ profile, status, message }) => {
    const result = resultFor(rule, caConfigEvidence({ profiles: [caProfile(profile)] }));
    expect(result.status).toBe(status);
    expect(result.message).toBe(message);
  });

  it('applies the setup-wide renewBefore to profiles and to setups without profiles', () => {
    expect(resultFor(rule, caConfigEvidence({ automation: { renewBeforeSeconds: 2 * DAY }, profiles: [caProfile({ renewBeforeSeconds: undefined })] })).status).toBe('fail');
    expect(resultFor(rule, caConfigEvidence({ automation: { renewBeforeSeconds: 10 * DAY }, profiles: [] })).message).toBe(
      'vault pki_int/: the setup renews 10 days before expiry; the policy needs at least 30 days for unknown-day certificates.',
    );
  });
});
