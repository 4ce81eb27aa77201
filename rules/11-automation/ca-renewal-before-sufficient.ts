/**
 * Automated renewal must start early enough to survive an outage of the CA or the automation: renewBefore must be at
 * least min(`renewal.minRemainingFraction` × validity, `renewal.windowDays`) of the policy profile (defaults 20 % and
 * 30 days).
 *
 * Requirement: automation that works before certificates expire (PKIMM 11.1 automation, 10.3 BCP; analysis §4.5 G.4.3
 * "≥ 95 % of renewals with ≥ 20 % lifetime remaining"). cert-manager renews at 2/3 of the lifetime by default, certbot
 * 30 days before expiry.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { DAY_SECONDS } from '../../src/engine/rule-helpers.js';

const days = (seconds: number): string => (seconds / DAY_SECONDS).toFixed(seconds % DAY_SECONDS === 0 ? 0 : 1);

export default defineRule({
  id: 'ca-renewal-before-sufficient',
  title: 'Automated renewal starts early enough to survive an outage',
  description: 'Flags setups whose renewBefore (per profile, or for the whole setup) is shorter than the policy minimum for the certificates\' validity. Setups that state no renewBefore are not applicable.',
  severity: 'medium',
  pkimm: ['11.1', '10.3'],
  references: ['RFC 8555 §7.4', 'NIST SP 1800-16B §4', 'cert-manager Certificate spec.renewBefore'],
  remediation: 'Renew with at least a fifth of the lifetime left (e.g. renewBefore 30 days for 90-day certificates).',
  docs: 'The required margin is min(fraction × validity, windowDays): for 90-day certificates 18 days, for 398-day certificates 30 days. Without a stated validity, windowDays applies.',
  messages: { late: '{{name}}: {{profile}} renews {{before}} days before expiry; the policy needs at least {{required}} days for {{validity}}-day certificates.' },
  scope: 'item',
  appliesTo: 'ca-config',
  applies: (config) => config.data.automation?.renewBeforeSeconds !== undefined || config.data.profiles.some((p) => p.renewBeforeSeconds !== undefined),
  evaluate(config, ctx) {
    const fraction = ctx.policy.renewal.minRemainingFraction;
    const windowSeconds = ctx.policy.renewal.windowDays * DAY_SECONDS;
    for (const profile of config.data.profiles) {
      const before = profile.renewBeforeSeconds ?? config.data.automation?.renewBeforeSeconds;
      if (before === undefined) continue;
      const validity = profile.defaultValiditySeconds ?? profile.maxValiditySeconds;
      const required = validity === undefined ? windowSeconds : Math.min(fraction * validity, windowSeconds);
      if (before < required) {
        return fail('late', { name: config.data.name, profile: profile.name, before: days(before), required: days(Math.ceil(required)), validity: validity === undefined ? 'unknown' : days(validity) });
      }
    }
    const setupBefore = config.data.automation?.renewBeforeSeconds;
    if (config.data.profiles.length === 0 && setupBefore !== undefined && setupBefore < windowSeconds) {
      return fail('late', { name: config.data.name, profile: 'the setup', before: days(setupBefore), required: days(windowSeconds), validity: 'unknown' });
    }
    return pass();
  },
});
