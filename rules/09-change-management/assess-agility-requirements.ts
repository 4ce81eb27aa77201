/**
 * PKIMM 9.4 (model 1.1.0) Agility requirements: the organisation has identified what it needs to change algorithms,
 * CAs and certificates quickly, and its systems meet it.
 *
 * Partial (class P, analysis §4.5 M.9.4): the technical agility signals of 5.6 (computed once, see agilitySignals):
 * auto_cov, median lifetime, CAs able to issue a second key family. Caps: auto_cov < 30 % and no multi-algorithm CA
 * capability → 2. Supports: the 5.6 thresholds (auto_cov ≥ 70 % and median ≤ 398 days → 3; ≥ 90 % and ≤ 100 days → 4).
 * Identifying the operational agility requirements stays manual.
 * Gate: at least 3 fresh certificates.
 */
import { defineAssessor, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { agilitySignals, agilityStatements, evidenceGate } from '../../src/engine/rule-helpers.js';

function assess(assessor: Assessor, input: AssessorInput) {
  const gate = evidenceGate(assessor, input, { kinds: ['certificate'], describe: 'certificates', min: 3 });
  if (gate !== undefined) return [gate];
  return agilityStatements(assessor, agilitySignals(input), 'agility-requirements');
}

/** M.9.4 agility requirements: the 5.6 technical agility signals. */
const assessAgilityRequirements: Assessor = defineAssessor({
  id: 'assess-agility-requirements',
  title: 'Agility requirements: technical agility signals',
  description: 'Caps 9.4 when automation is low and no CA can issue a second key family; supports 3–4 with the 5.6 thresholds.',
  pkimm: '9.4',
  automation: 'P',
  uses: [],
  assess: (input) => assess(assessAgilityRequirements, input),
});

export default assessAgilityRequirements;
