/**
 * PKIMM 6.5 (model 1.1.0; deprecated in 2.0) Key-management cipher suites and protocols: the algorithms and protocols
 * used for keys follow the encryption policy.
 *
 * Partial (class P, analysis §4.5 M.6.5): the same computation as 5.2 and 5.3, not repeated: this assessor reads the
 * `weak` metric and the legacy-protocol check results. Caps as G.5.3: legacy protocol versions without exception on
 * > 5 % of endpoints → 2, on any → 3; plus weak assets > 5 % → 2. Supports: no weak asset without exception and no
 * legacy protocol → 3 (the analysis' support 4, "deviations fixed within 30 days", needs the findings lifecycle).
 * Gate: at least one fresh certificate, key or endpoint.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, WEAK_CHECKS, algorithmMetrics, evidenceGate, failedIds, freshItems, percent, ratioAtLeast } from '../../src/engine/rule-helpers.js';

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate', 'private-key', 'tls-endpoint'], describe: 'certificates, keys or endpoints' });
  if (gate !== undefined) return [gate];
  const m = algorithmMetrics(input);
  const endpoints = freshItems(input, 'tls-endpoint').length;
  const legacy = failedIds(input, ['tls-protocol-no-legacy']);
  const out = new StatementBuilder(assessor);
  if (m.assets > 0 && !ratioAtLeast(m.assets - m.weak.length, m.assets, 0.95)) out.cap(2, { text: `weak assets exceed 5 % (${percent(m.weak.length / m.assets)}).`, metric: { name: 'weak', value: m.weak.length / m.assets, threshold: 0.05 } }, m.weak);
  if (legacy.size > 0 && endpoints > 0 && !ratioAtLeast(endpoints - legacy.size, endpoints, 0.95)) out.cap(2, { text: `${legacy.size} of ${endpoints} endpoints accept legacy protocol versions.` }, legacy);
  else if (legacy.size > 0) out.cap(3, { text: `${legacy.size} endpoint(s) accept legacy protocol versions without an exception.` }, legacy);
  if (m.weakUnwaived.length === 0 && legacy.size === 0 && m.assets > 0) out.support(3, { text: 'No weak asset without a registered exception and no legacy protocol: the encryption policy is applied.' });
  return out.build([{ text: `Shared with 5.2/5.3: ${m.weak.length} weak of ${m.assets} assets; ${legacy.size} endpoint(s) with legacy protocols.`, ruleIds: [...WEAK_CHECKS, 'tls-protocol-no-legacy'] }]);
}

/** M.6.5 key-management cipher suites: reuses the 5.2/5.3 signals against the encryption policy. */
const assessKmCipherSuites: Assessor = defineAssessor({
  id: 'assess-km-cipher-suites',
  title: 'Key-management cipher suites and protocols (5.2/5.3 signals)',
  description: 'Caps 6.5 on weak assets and legacy protocols, and supports 3 when neither is found without an exception.',
  pkimm: '6.5',
  automation: 'P',
  uses: [...WEAK_CHECKS, 'tls-protocol-no-legacy'],
  assess: (input) => assess(assessKmCipherSuites, input),
});

export default assessKmCipherSuites;
