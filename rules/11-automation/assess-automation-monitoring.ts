/**
 * PKIMM 11.2 (model 1.1.0) Automation monitoring: automated processes are monitored and failures are noticed.
 *
 * Partial (class P, analysis §4.5 O.11.2). Signals: silent failures — automated certificates that expired or passed
 * two-thirds of their lifetime (the automation should have renewed them); failing automation reported by the platform
 * (ACM renewalStatus FAILED); client setups without a renewal scheduler (ca-auto-renewal-enabled); the attestation
 * "automation-monitoring" (alert rules or probes exist: PrometheusRules, EventBridge rules, blackbox probes).
 * Caps: any silent failure → 2.
 * Supports: no silent failure and the attestation → 4; no silent failure and this scanner runs at least weekly (it
 * reports expiring certificates) → 3.
 * Gate: at least one fresh automated certificate.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, automationOf, cadence, evidenceGate, failedIds, freshItems, insufficient } from '../../src/engine/rule-helpers.js';

const ATTESTATION = 'automation-monitoring';

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate'], describe: 'certificates' });
  if (gate !== undefined) return [gate];
  const now = input.facts.now.getTime();
  const automated = freshItems(input, 'certificate').filter((c) => !c.data.isCa && automationOf(c.data) !== undefined);
  if (automated.length === 0) return [insufficient(assessor, 'no certificate with an automated renewal path was observed, so there is no automation to monitor.')];
  const silent = automated.filter((c) => {
    const notAfter = Date.parse(c.data.notAfter);
    return notAfter - now < (notAfter - Date.parse(c.data.notBefore)) / 3 || c.data.sightings.some((s) => s.attributes?.renewalStatus === 'FAILED');
  });
  const noScheduler = failedIds(input, ['ca-auto-renewal-enabled']);
  const out = new StatementBuilder(assessor);
  if (silent.length > 0) out.cap(2, { text: `${silent.length} automated certificate(s) expired, passed two-thirds of their lifetime or report a failed renewal without being renewed.`, metric: { name: 'silent_failures', value: silent.length, threshold: 0 } }, silent.map((c) => c.id));
  else if (input.facts.attestations[ATTESTATION] === true && noScheduler.size === 0) out.support(4, { text: `No silent failure among ${automated.length} automated certificates, and monitoring of the automation is attested.` });
  else if ((cadence(input).previousAgeDays ?? Number.POSITIVE_INFINITY) <= 7 && noScheduler.size === 0) out.support(3, { text: `No silent failure among ${automated.length} automated certificates, and this scanner runs at least weekly.` });
  if (noScheduler.size > 0) out.cap(3, { text: `${noScheduler.size} client setup(s) have no scheduler running their renewals.`, ruleIds: ['ca-auto-renewal-enabled'] }, noScheduler);
  return out.build([{ text: `${automated.length} automated certificate(s) checked for silent failures.` }]);
}

/** O.11.2 automation monitoring: silent failures and monitoring presence. */
const assessAutomationMonitoring: Assessor = defineAssessor({
  id: 'assess-automation-monitoring',
  title: 'Automation monitoring: silent failures of automated renewal',
  description: 'Caps 11.2 on automated certificates that were not renewed in time and on missing renewal schedulers; supports 3–4 without silent failures.',
  pkimm: '11.2',
  automation: 'P',
  uses: ['ca-auto-renewal-enabled'],
  assess: (input) => assess(assessAutomationMonitoring, input),
});

export default assessAutomationMonitoring;
