/**
 * Certificates must not be valid longer than the policy profile allows for their class (public TLS, private TLS,
 * client, code signing, S/MIME, intermediate CA, root CA), picked by the issuance date when the profile gives a
 * schedule.
 *
 * Requirement: the organisation's certificate profiles bound lifetimes (PKIMM 7.1 profiles, 7.3 lifecycle; analysis
 * §4.5 G.2.3 "declared parameters vs observed"). Defaults follow the CA/B Forum TLS, code signing and S/MIME BRs §6.3.2.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { DAY_SECONDS } from '../../src/engine/rule-helpers.js';
import { CLASS_LABELS, certificateClass, maxLifetimeDays } from '../../src/policy/classify.js';

export default defineRule({
  id: 'cert-validity-within-policy',
  title: 'Certificate validity is within the policy profile\'s maximum for its class',
  description: 'Flags certificates whose validity period exceeds the policy profile\'s maximum lifetime for their class. Certificates of no class (e.g. OCSP signers) are not applicable.',
  severity: 'medium',
  pkimm: ['7.1', '7.3', '2.3'],
  references: ['CABF TLS BR §6.3.2', 'CABF Code Signing BR §6.3.2', 'CABF S/MIME BR §6.3.2', 'NIST SP 800-57 Pt 1 Rev 5 §5.3'],
  remediation: 'Re-issue with a validity within the policy and cap the validity in the CA profile or role that issued it.',
  docs: 'The class comes from basic constraints and EKU; TLS certificates are public when they carry a CA/B Forum policy OID or their issuer matches `cas.publicIssuers`.',
  messages: { tooLong: '{{label}} certificate valid for {{days}} days; policy profile "{{profile}}" allows {{maxDays}} days for certificates issued {{notBefore}}.' },
  scope: 'item',
  appliesTo: 'certificate',
  applies: (cert, ctx) => certificateClass(cert.data, ctx.policy) !== undefined,
  evaluate(cert, ctx) {
    const certClass = certificateClass(cert.data, ctx.policy)!;
    const maxDays = maxLifetimeDays(ctx.policy, certClass, cert.data.notBefore);
    if (cert.data.validitySeconds <= maxDays * DAY_SECONDS) return pass();
    const label = CLASS_LABELS[certClass];
    return fail('tooLong', {
      label: label.charAt(0).toUpperCase() + label.slice(1),
      days: Math.ceil(cert.data.validitySeconds / DAY_SECONDS),
      profile: ctx.policy.name,
      maxDays,
      notBefore: cert.data.notBefore,
    });
  },
});
