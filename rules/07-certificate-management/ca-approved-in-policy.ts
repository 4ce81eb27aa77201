/**
 * Every CA the scan finds configured must be on the organisation's approved-CA register (policy profile
 * `cas.approved`), when it keeps one.
 *
 * Requirement: PKIMM 7.7 organisation PKI governance (analysis §4.5 M.7.7: "≥ 3 unregistered CAs issuing into
 * production → cap 2; any → cap 3"); a CA outside the register is a shadow CA.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';
import { isApprovedIssuer } from '../../src/policy/classify.js';

export default defineRule({
  id: 'ca-approved-in-policy',
  title: 'Configured CAs are on the approved-CA register',
  description: 'Flags CA setups (role ca) whose CA subject or certificate fingerprints match no entry of `cas.approved`. Not applicable without a register or when the CA\'s identity is unknown.',
  severity: 'medium',
  pkimm: ['7.7'],
  references: ['NIST SP 1800-16B §2.2', 'NIST SP 800-57 Pt 2 Rev 1 §3'],
  remediation: 'Register the CA after review (owner, purpose, policy) or decommission it.',
  docs: 'Client setups point at a CA; their certificates are judged by cert-issuer-approved.',
  messages: { unregistered: 'CA {{ca}} ({{name}}) is not on the approved-CA list of policy profile "{{policy}}".' },
  scope: 'item',
  appliesTo: 'ca-config',
  applies: (config, ctx) =>
    ctx.policy.cas.approved.length > 0 && config.data.role === 'ca' && (config.data.ca?.subject !== undefined || (config.data.ca?.certificateSha256?.length ?? 0) > 0),
  evaluate(config, ctx) {
    const ca = config.data.ca!;
    const fingerprints = ca.certificateSha256 ?? [];
    const approved = (ca.subject !== undefined && isApprovedIssuer(ctx.policy, ca.subject)) || fingerprints.some((sha) => isApprovedIssuer(ctx.policy, '', sha));
    return approved ? pass() : fail('unregistered', { ca: ca.subject ?? fingerprints[0] ?? 'unknown', name: config.data.name, policy: ctx.policy.name });
  },
});
