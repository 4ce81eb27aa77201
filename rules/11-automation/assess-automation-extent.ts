/**
 * PKIMM 11.1 (model 1.1.0) Automation description: the extent of automation is known and described.
 *
 * Partial (class P, analysis §4.5 O.11.1; the mapping mirrors the category level texts). Signal: `auto_cov` over valid
 * end-entity certificates, and the automation tools identified (cert-manager, certbot, ACM, Key Vault, Google).
 * Caps: auto_cov = 0 → 1; < 50 % → 2.
 * Supports: ≥ 50 % → 3; ≥ 90 % → 4, provided automation is monitored (no silent failure: no automated certificate
 * expired or inside the last third of its lifetime, see 11.2).
 * Gate: at least one fresh valid end-entity certificate.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, automationCoverage, automationOf, evidenceGate, freshItems, insufficient, percent } from '../../src/engine/rule-helpers.js';

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate'], describe: 'certificates' });
  if (gate !== undefined) return [gate];
  const now = input.facts.now.getTime();
  const certs = freshItems(input, 'certificate');
  const auto = automationCoverage(certs, input.facts.now);
  if (auto.total === 0) return [insufficient(assessor, 'no valid end-entity certificate was observed.')];
  const ratio = auto.ratio ?? 0;
  const tools = [...new Set(certs.flatMap((c) => automationOf(c.data) ?? []))].sort();
  const silent = certs.filter((c) => !c.data.isCa && automationOf(c.data) !== undefined && Date.parse(c.data.notAfter) - now < (Date.parse(c.data.notAfter) - Date.parse(c.data.notBefore)) / 3);
  const out = new StatementBuilder(assessor);
  const metric = { name: 'auto_cov', value: ratio, threshold: 0.5 };
  if (auto.automated.length === 0) out.cap(1, { text: 'No certificate has an observed automated renewal path (auto_cov = 0).', metric, ruleIds: ['cert-renewal-automated'] }, auto.manual);
  else if (ratio < 0.5) out.cap(2, { text: `auto_cov ${percent(ratio)} is below 50 %.`, metric, ruleIds: ['cert-renewal-automated'] }, auto.manual);
  else if (ratio >= 0.9 && silent.length === 0) out.support(4, { text: `auto_cov ${percent(ratio)} with monitored automation (no automated certificate in the last third of its lifetime).`, metric: { ...metric, threshold: 0.9 } });
  else out.support(3, { text: `auto_cov ${percent(ratio)}${silent.length > 0 ? `; ${silent.length} automated certificate(s) are late, so 4 is not supported` : ''}.`, metric });
  return out.build([{ text: `${auto.automated.length} of ${auto.total} valid end-entity certificates renew automatically; tools identified: ${tools.join(', ') || 'none'}.` }]);
}

/** O.11.1 automation description: auto_cov and the tools identified. */
const assessAutomationExtent: Assessor = defineAssessor({
  id: 'assess-automation-extent',
  title: 'Automation: share of certificates renewed automatically',
  description: 'Caps 11.1 at 1 or 2 by auto_cov and supports 3–4 when at least half (or 90 %, monitored) of the certificates renew automatically.',
  pkimm: '11.1',
  automation: 'P',
  uses: ['cert-renewal-automated'],
  assess: (input) => assess(assessAutomationExtent, input),
});

export default assessAutomationExtent;
