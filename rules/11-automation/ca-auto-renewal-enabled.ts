/**
 * Certificate clients (cert-manager, certbot, ACM, ...) must renew automatically, with a scheduler that runs the
 * renewal when the product needs one (certbot's systemd timer or cron entry).
 *
 * Requirement: extent of automation (PKIMM 11.1; analysis `auto_cov`) and automation that actually runs (11.2
 * monitoring: "certbot renewal errors or a disabled timer").
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'ca-auto-renewal-enabled',
  title: 'Certificate clients renew automatically',
  description: 'Flags client setups whose automation or profiles have auto-renewal off, or where the renewal scheduler the product needs was looked for and not found. Setups that state nothing about renewal are not applicable.',
  severity: 'low',
  pkimm: ['11.1', '11.2'],
  references: ['RFC 8555', 'NIST SP 1800-16B §4'],
  remediation: 'Enable automatic renewal (certbot.timer, cert-manager Certificate resources, ACM managed renewal) and monitor it.',
  docs: 'CA setups (role ca) are not applicable: renewal is a client duty.',
  messages: {
    off: '{{name}}: automatic renewal is off{{which}}.',
    noScheduler: '{{name}}: no scheduler runs the renewals ({{mechanism}}).',
  },
  scope: 'item',
  appliesTo: 'ca-config',
  applies: (config) => config.data.role === 'client' && (config.data.automation !== undefined || config.data.profiles.some((p) => p.autoRenewal !== undefined)),
  evaluate(config) {
    const { name, automation, profiles } = config.data;
    const manual = profiles.filter((p) => p.autoRenewal === false).map((p) => p.name);
    if (automation?.autoRenewal === false) return fail('off', { name, which: '' });
    if (manual.length > 0) return fail('off', { name, which: ` for ${manual.join(', ')}` });
    if (automation?.schedulerPresent === false) return fail('noScheduler', { name, mechanism: automation.mechanism ?? 'no timer or cron entry found' });
    return pass();
  },
});
