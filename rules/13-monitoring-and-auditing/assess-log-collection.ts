/**
 * PKIMM 13.2 (model 1.1.0) Log collection: CA audit logs are collected and forwarded centrally.
 *
 * Partial (class P, analysis §4.5 O.13.2). Signals: audit logging state of every CA setup (Vault audit devices, ADCS
 * AuditFilter, EJBCA audit devices, CloudTrail), and whether the configured device forwards logs (syslog, socket,
 * HTTP, cloud logging) or only writes them locally (file), judged from the normalised audit detail.
 * Caps: any CA with audit logging disabled → 1; logs local-only → 2.
 * Supports: centrally forwarded for ≥ 90 % of CAs → 3; for 100 % → 4 (a consistent structured format is for a person).
 * Gate: at least one fresh CA setup that states its audit state.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, freshItems, insufficient, ratioAtLeast } from '../../src/engine/rule-helpers.js';

const FORWARDED = /syslog|socket|http|splunk|elastic|cloudwatch|cloudtrail|log analytics|diagnostic|fluent|kafka|siem|forward/i;

function assess(assessor: Assessor, input: AssessorInput) {
  const cas = freshItems(input, 'ca-config').filter((c) => c.data.role === 'ca' && c.data.audit !== undefined);
  if (cas.length === 0) return [insufficient(assessor, 'no CA configuration stating its audit logging was read.')];
  const disabled = cas.filter((c) => c.data.audit?.enabled !== true);
  const forwarded = cas.filter((c) => c.data.audit?.enabled === true && FORWARDED.test(c.data.audit.detail ?? ''));
  const local = cas.filter((c) => c.data.audit?.enabled === true && !FORWARDED.test(c.data.audit.detail ?? ''));
  const out = new StatementBuilder(assessor);
  if (disabled.length > 0) out.cap(1, { text: `${disabled.length} CA(s) have audit logging disabled.`, ruleIds: ['ca-audit-logging-enabled'] }, disabled.map((c) => c.id));
  else if (local.length > 0) out.cap(2, { text: `${local.length} CA(s) keep audit logs locally only: ${local.slice(0, 5).map((c) => `${c.data.name} (${c.data.audit?.detail ?? 'no detail'})`).join('; ')}.` }, local.map((c) => c.id));
  if (forwarded.length === cas.length) out.support(4, { text: `All ${cas.length} CA(s) forward audit logs centrally.` });
  else if (ratioAtLeast(forwarded.length, cas.length, 0.9)) out.support(3, { text: `${forwarded.length} of ${cas.length} CAs forward audit logs centrally.` });
  return out.build([{ text: `${cas.length} CA(s) state their audit logging: ${disabled.length} disabled, ${local.length} local only, ${forwarded.length} forwarded.` }]);
}

/** O.13.2 log collection: CA audit logging enabled and forwarded. */
const assessLogCollection: Assessor = defineAssessor({
  id: 'assess-log-collection',
  title: 'Log collection: CA audit logging and forwarding',
  description: 'Caps 13.2 at 1 when a CA has audit logging off and at 2 when logs stay local; supports 3–4 when they are forwarded centrally.',
  pkimm: '13.2',
  automation: 'P',
  uses: ['ca-audit-logging-enabled'],
  assess: (input) => assess(assessLogCollection, input),
});

export default assessLogCollection;
