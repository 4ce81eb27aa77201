/**
 * Issuing setups should generate a new key on renewal: no profile or renewal lineage may be configured to reuse the
 * key pair (certbot `reuse_key = True`, cert-manager `rotationPolicy: Never`).
 *
 * Requirement: key rotation on renewal (PKIMM 6.4; analysis §4.5 M.6.4 signals "cert-manager rotationPolicy: Always;
 * certbot reuse_key"; NIST SP 800-57 Pt 1 Rev 5 §5.3).
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'ca-renewal-rotates-key',
  title: 'Renewal configurations generate a new key',
  description: 'Flags CA or client configurations with a profile, Certificate resource or renewal lineage set to reuse its key on renewal.',
  severity: 'medium',
  pkimm: ['6.4'],
  references: ['NIST SP 800-57 Pt 1 Rev 5 §5.3', 'cert-manager Certificate spec.privateKey.rotationPolicy'],
  remediation: 'Set rotationPolicy: Always (cert-manager) or remove reuse_key (certbot), so that every renewal creates a new key.',
  docs: 'Not applicable when no profile states whether it reuses keys.',
  messages: { reuses: '{{name}}: {{profiles}} reuse the key pair on renewal.' },
  scope: 'item',
  appliesTo: 'ca-config',
  applies: (config) => config.data.profiles.some((p) => p.reusesKey !== undefined),
  evaluate(config) {
    const reusing = config.data.profiles.filter((p) => p.reusesKey === true).map((p) => p.name);
    return reusing.length === 0 ? pass() : fail('reuses', { name: config.data.name, profiles: reusing.join(', ') });
  },
});
