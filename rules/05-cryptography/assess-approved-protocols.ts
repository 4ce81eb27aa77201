/**
 * PKIMM 5.3 (model 1.1.0) Approved protocols and versions: TLS versions and cipher suites (and enrollment and status
 * protocols) follow the approved list.
 *
 * Partial (class P, analysis §4.5 G.5.3). Signals: per endpoint, the protocol, suite and forward-secrecy checks
 * (tls-protocol-no-legacy, tls-cipher-not-weak, tls-forward-secrecy, tls-key-exchange-min-strength); waivers are the
 * registered exceptions.
 * Caps: SSLv3/TLS 1.0/TLS 1.1 accepted without a waiver on > 5 % of endpoints → 2; on any endpoint → 3.
 * Supports: ≥ 99 % of endpoints conform (waived deviations count as conforming) → 4; ≥ 95 % → 3 (a tuning of the
 * analysis, which only names 4: a conforming majority with a few gaps is the "defined and mostly applied" level 3).
 * Gate: at least one fresh TLS endpoint, and declared-scope coverage.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, evidenceGate, failedIds, freshItems, insufficient, percent, ratioAtLeast } from '../../src/engine/rule-helpers.js';

const PROTOCOL_CHECKS = ['tls-protocol-no-legacy', 'tls-cipher-not-weak', 'tls-forward-secrecy', 'tls-key-exchange-min-strength'];

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['tls-endpoint'], describe: 'TLS endpoints' });
  if (gate !== undefined) return [gate];
  const endpoints = freshItems(input, 'tls-endpoint').filter((e) => e.data.protocol !== undefined || e.data.protocolVersions !== undefined);
  if (endpoints.length === 0) return [insufficient(assessor, 'no TLS endpoint completed a handshake, so no protocol was observed.')];
  const ids = new Set(endpoints.map((e) => e.id));
  const legacy = [...failedIds(input, ['tls-protocol-no-legacy'])].filter((id) => ids.has(id));
  const nonConforming = [...failedIds(input, PROTOCOL_CHECKS)].filter((id) => ids.has(id));
  const n = endpoints.length;
  const conform = (n - nonConforming.length) / n;
  const out = new StatementBuilder(assessor);
  if (legacy.length > 0 && !ratioAtLeast(n - legacy.length, n, 0.95)) out.cap(2, { text: `${legacy.length} of ${n} endpoints (${percent(legacy.length / n)}) accept SSLv3, TLS 1.0 or TLS 1.1 without an exception.`, metric: { name: 'legacy_protocol_share', value: legacy.length / n, threshold: 0.05 } }, legacy);
  else if (legacy.length > 0) out.cap(3, { text: `${legacy.length} endpoint(s) accept SSLv3, TLS 1.0 or TLS 1.1 without an exception.` }, legacy);
  if (ratioAtLeast(n - nonConforming.length, n, 0.99)) out.support(4, { text: `${percent(conform)} of endpoints conform to the protocol policy (exceptions registered as waivers).`, metric: { name: 'protocol_conform', value: conform, threshold: 0.99 } });
  else if (ratioAtLeast(n - nonConforming.length, n, 0.95)) out.support(3, { text: `${percent(conform)} of endpoints conform to the protocol policy.`, metric: { name: 'protocol_conform', value: conform, threshold: 0.95 } });
  return out.build([{ text: `${n - nonConforming.length} of ${n} TLS endpoints pass the protocol, suite and key-exchange checks.`, ruleIds: PROTOCOL_CHECKS, metric: { name: 'protocol_conform', value: conform } }]);
}

/** G.5.3 approved protocols: caps on legacy TLS versions, supports from conforming endpoints. */
const assessApprovedProtocols: Assessor = defineAssessor({
  id: 'assess-approved-protocols',
  title: 'Approved protocols: legacy TLS versions and conforming endpoints',
  description: 'Caps 5.3 when endpoints accept SSLv3/TLS 1.0/1.1 without exception and supports 3–4 from the share of endpoints passing the protocol, suite and key-exchange checks.',
  pkimm: '5.3',
  automation: 'P',
  uses: PROTOCOL_CHECKS,
  assess: (input) => assess(assessApprovedProtocols, input),
});

export default assessApprovedProtocols;
