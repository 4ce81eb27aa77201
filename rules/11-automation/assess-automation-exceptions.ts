/**
 * PKIMM 11.3 (model 1.1.0) Exceptions handling: certificates outside automation are registered exceptions.
 *
 * Partial (class P, analysis §4.5 O.11.3). Signals: certificates without an automated renewal path
 * (cert-renewal-automated failures) and the exception register, which is the waiver list: a waiver of
 * cert-renewal-automated names the owner, reason and expiry of the exception.
 * Caps: > 20 % of manual certificates without an exception → 2.
 * Supports: ≥ 90 % recorded → 3; 100 % recorded → 4 (every waiver has an expiry date by construction).
 * Gate: at least one fresh certificate; when nothing is manual there is nothing to handle and 4 is supported.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { StatementBuilder, evidenceGate, failedResults, percent, ratioAtLeast } from '../../src/engine/rule-helpers.js';

const CHECK = 'cert-renewal-automated';

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate'], describe: 'certificates' });
  if (gate !== undefined) return [gate];
  const manual = failedResults(input, [CHECK], true);
  const recorded = manual.filter((r) => input.waived?.has(`${r.ruleId}|${r.evidenceId ?? ''}`) === true);
  const recordedSet = new Set(recorded);
  const unrecorded = manual.filter((r) => !recordedSet.has(r)).flatMap((r) => (r.evidenceId === undefined ? [] : [r.evidenceId]));
  const n = manual.length;
  const out = new StatementBuilder(assessor);
  const metric = { name: 'recorded_exceptions', value: n === 0 ? 1 : recorded.length / n, threshold: 0.9 };
  if (n > 0 && !ratioAtLeast(recorded.length, n, 0.8)) out.cap(2, { text: `${unrecorded.length} of ${n} manually renewed certificates (${percent(unrecorded.length / n)}) have no registered exception.`, metric }, unrecorded);
  if (n === 0 || recorded.length === n) out.support(4, { text: n === 0 ? 'No certificate is outside automation.' : `All ${n} manually renewed certificates are registered exceptions with an expiry date.`, metric });
  else if (ratioAtLeast(recorded.length, n, 0.9)) out.support(3, { text: `${percent(recorded.length / n)} of manually renewed certificates are registered exceptions.`, metric });
  return out.build([{ text: `${n} certificate(s) outside automation, ${recorded.length} registered as exceptions (waivers of ${CHECK}).`, ruleIds: [CHECK] }]);
}

/** O.11.3 exceptions handling: manual certificates against the waiver register. */
const assessAutomationExceptions: Assessor = defineAssessor({
  id: 'assess-automation-exceptions',
  title: 'Automation exceptions: manual certificates registered as waivers',
  description: 'Caps 11.3 when manually renewed certificates lack an exception (waiver) and supports 3–4 when they are registered.',
  pkimm: '11.3',
  automation: 'P',
  uses: [CHECK],
  assess: (input) => assess(assessAutomationExceptions, input),
});

export default assessAutomationExceptions;
