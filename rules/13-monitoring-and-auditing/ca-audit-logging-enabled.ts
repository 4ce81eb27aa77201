/**
 * Every CA must have audit logging enabled (Vault audit devices, ADCS AuditFilter, EJBCA audit devices, CloudTrail
 * for AWS Private CA), when the policy profile requires it (default on).
 *
 * Requirement: PKIMM 13.2 log collection (analysis §4.5 O.13.2: "any CA with audit logging disabled → cap 1"); CA/B
 * Forum TLS BR §5.4.1 (types of events recorded); NIST SP 800-92.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'ca-audit-logging-enabled',
  title: 'CAs have audit logging enabled',
  description: 'Flags CA setups whose configuration shows audit logging disabled. Clients, and CAs whose audit state is unknown, are not applicable.',
  severity: 'high',
  pkimm: ['13.2', '4.4'],
  references: ['CABF TLS BR §5.4.1', 'NIST SP 800-92', 'RFC 3647 §5.4'],
  remediation: 'Enable auditing (vault audit enable file ...; ADCS AuditFilter 127 plus the OS object-access policy; EJBCA audit devices) and forward the logs centrally.',
  docs: 'Not applicable when the policy profile sets `cas.requireAuditLogging: false`.',
  messages: { disabled: '{{name}} ({{product}}) has audit logging disabled{{detail}}.' },
  scope: 'item',
  appliesTo: 'ca-config',
  applies: (config, ctx) => ctx.policy.cas.requireAuditLogging && config.data.role === 'ca' && config.data.audit !== undefined,
  evaluate(config) {
    const { audit, name, product } = config.data;
    return audit?.enabled === true ? pass() : fail('disabled', { name, product, detail: audit?.detail === undefined ? '' : ` (${audit.detail})` });
  },
});
