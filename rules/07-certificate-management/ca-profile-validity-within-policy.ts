/**
 * CA profiles, roles, templates and Certificate resources must not allow a validity longer than the policy profile's
 * maximum for the class of certificate they issue.
 *
 * Requirement: profiles enforce the certificate policy (PKIMM 7.1 profiles; analysis §4.5 M.7.1 "configured profiles
 * vs observed certificate clusters"); the CA is where a lifetime limit is enforced, before any certificate exists.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { DAY_SECONDS } from '../../src/engine/rule-helpers.js';
import { describeAcmeServer } from '../../src/ca-config/acme.js';
import { CLASS_LABELS, maxLifetimeDays, profileClass } from '../../src/policy/classify.js';
import { globToRegExp } from '../../src/policy/waivers.js';

export default defineRule({
  id: 'ca-profile-validity-within-policy',
  title: 'CA profiles cap validity within the policy profile',
  description: 'Flags CA and client configurations with a profile whose maximum (or, lacking one, default) validity exceeds the policy profile\'s lifetime for the class it issues. Profiles without a stated validity are not applicable.',
  severity: 'medium',
  pkimm: ['7.1', '2.3'],
  references: ['CABF TLS BR §6.3.2', 'NIST SP 800-57 Pt 1 Rev 5 §5.3'],
  remediation: 'Lower max_ttl / duration / validity period in the profile to the policy maximum.',
  docs: 'The class is judged from the profile (isCa, EKU) and whether the CA is public: a well-known public ACME directory or a CA subject listed in `cas.publicIssuers`. The limit is taken for issuance at the scan time.',
  messages: { tooLong: '{{name}}: profile {{profile}} allows {{days}}-day {{label}} certificates; policy profile "{{policy}}" allows {{maxDays}}.' },
  scope: 'item',
  appliesTo: 'ca-config',
  applies: (config) => config.data.profiles.some((p) => (p.maxValiditySeconds ?? p.defaultValiditySeconds) !== undefined),
  evaluate(config, ctx) {
    const { ca, name } = config.data;
    const acme = ca?.url === undefined ? undefined : describeAcmeServer(ca.url);
    const isPublic =
      (acme?.operator !== undefined && !acme.staging) || (ca?.subject !== undefined && ctx.policy.cas.publicIssuers.some((g) => globToRegExp(g).test(ca.subject!)));
    const issuedAt = ctx.now.toISOString();
    for (const profile of config.data.profiles) {
      const seconds = profile.maxValiditySeconds ?? profile.defaultValiditySeconds;
      if (seconds === undefined) continue;
      const certClass = profileClass(profile, isPublic);
      const maxDays = maxLifetimeDays(ctx.policy, certClass, issuedAt);
      if (seconds > maxDays * DAY_SECONDS) {
        return fail('tooLong', { name, profile: profile.name, days: Math.ceil(seconds / DAY_SECONDS), label: CLASS_LABELS[certClass], policy: ctx.policy.name, maxDays });
      }
    }
    return pass();
  },
});
