/**
 * PKIMM 7.5 (model 1.1.0) Certificate discovery: certificates are discovered regularly across the whole estate, with
 * a documented process, and fed back into the inventory.
 *
 * Automated (class A, analysis §4.4 M.7.5): discovery is what this scanner does, so its own schedule, scope coverage
 * and source types are the substance of the requirement. Source types group the collectors: network (tls-endpoint),
 * file, kubernetes, cloud, CT (crtsh, ct-log), CA configuration, revocation.
 *
 * Levels, top-down (first match wins):
 * - 5: level 4, continuous (scans at most 1 day apart over the last 7 days), CT monitoring, 100 % of the declared scope,
 *   and automatic inventory update (the scanner inventory is adopted as the system of record).
 * - 4: weekly (previous scan ≤ 7 days ago and ≥ 2 runs in 30 days), cov_scope ≥ 95 %, ≥ 3 source types including CT,
 *   and discoveries reconciled into the inventory (adopted scanner inventory, or a declared inventory with inv_match
 *   ≥ 95 %).
 * - 3: scheduled at ≤ 30-day intervals (≥ 2 runs in 90 days, largest gap ≤ 30 days), cov_scope ≥ 80 %, ≥ 2 source
 *   types: network plus one of file, Kubernetes or cloud.
 * - 2: any discovery, but ad hoc (≤ 1 run in 180 days), single-source, or short of level 3.
 * - 1: no discovery run produced evidence and no source was configured.
 * Without the attestation "discovery-process-documented" the level is capped at 2 (the requirement is about a
 * documented process).
 */
import type { Level, Reason } from '../../model/statement.js';
import { defineAssessor, statement, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { DAY_MS, cadence, coverageReason, inventoryMatch, percent, scanTimes, scopeCoverage, sourceClass } from '../../src/engine/rule-helpers.js';

const ATTESTATION = 'discovery-process-documented';

/** Whether scans form a chain with gaps ≤ 1 day reaching back ≥ 7 days. */
function continuous(input: AssessorInput): boolean {
  const times = scanTimes(input.facts.now, input.facts.previousScans);
  for (let i = 1; i < times.length; i++) {
    if (times[i - 1]! - times[i]! > DAY_MS) return false;
    if (times[0]! - times[i]! >= 7 * DAY_MS) return true;
  }
  return false;
}

function assess(assessor: Assessor, input: AssessorInput) {
  const { facts } = input;
  const classes = new Set(facts.sourceTypes.map(sourceClass).filter((c) => c !== 'other'));
  if (input.evidence.length === 0 && facts.sourceTypes.length === 0) {
    return [statement(assessor, 'propose', 1, [{ text: 'Level 1: no discovery source is configured and no evidence was collected.' }])];
  }
  const coverage = scopeCoverage(input);
  const cov = coverage.ratio ?? 0;
  const runs = cadence(input);
  const hasCt = classes.has('ct');
  const reconciled = facts.inventoryAdopted || (inventoryMatch(input) ?? 0) >= 0.95;
  const missing3: string[] = [];
  if (runs.runs90 < 2 || runs.maxGapDays90 === undefined || runs.maxGapDays90 > 30) missing3.push(`scheduled scans at ≤ 30-day intervals (${runs.runs90} run(s) in 90 days${runs.maxGapDays90 === undefined ? '' : `, largest gap ${runs.maxGapDays90.toFixed(1)} days`})`);
  if (cov < 0.8) missing3.push(`cov_scope ≥ 80 % (${percent(cov)})`);
  if (!classes.has('network') || !(['file', 'kubernetes', 'cloud'] as const).some((c) => classes.has(c))) missing3.push('network discovery plus one of file, Kubernetes or cloud sources');
  const missing4: string[] = [];
  if (runs.previousAgeDays === undefined || runs.previousAgeDays > 7 || runs.runs30 < 2) missing4.push('weekly scans');
  if (cov < 0.95) missing4.push(`cov_scope ≥ 95 % (${percent(cov)})`);
  if (classes.size < 3 || !hasCt) missing4.push(`≥ 3 source types including CT (${[...classes].sort().join(', ') || 'none'})`);
  if (!reconciled) missing4.push('discoveries reconciled into the inventory (adopted scanner inventory or inv_match ≥ 95 %)');
  const missing5: string[] = [];
  if (!continuous(input)) missing5.push('continuous scanning (≤ 1 day apart over 7 days)');
  if (coverage.basis === 'units' ? coverage.covered < coverage.total : cov < 1) missing5.push('100 % of the declared scope');
  if (!facts.inventoryAdopted) missing5.push('automatic inventory update (adopted scanner inventory)');

  let level: Level;
  let why: string;
  if (missing3.length + missing4.length + missing5.length === 0) [level, why] = [5, 'continuous discovery with CT monitoring over the whole declared scope, updating the inventory'];
  else if (missing3.length + missing4.length === 0) [level, why] = [4, `level 5 needs ${missing5.join('; ')}`];
  else if (missing3.length === 0) [level, why] = [3, `level 4 needs ${missing4.join('; ')}`];
  else [level, why] = [2, `${runs.runs180 <= 1 ? 'ad hoc (≤ 1 run in 180 days); ' : ''}${classes.size <= 1 ? 'a single source type; ' : ''}level 3 needs ${missing3.join('; ')}`];

  const reasons: Reason[] = [
    { text: `Level ${level}: ${why}.` },
    coverageReason(coverage, level >= 4 ? 0.95 : 0.8),
    { text: `Source types: ${[...classes].sort().join(', ') || 'none'}.`, metric: { name: 'source_types', value: classes.size, threshold: level >= 3 ? 3 : 2 } },
    { text: `${runs.runs90} run(s) in 90 days, ${runs.runs30} in 30 days; previous scan ${runs.previousAgeDays === undefined ? 'none' : `${runs.previousAgeDays.toFixed(1)} days ago`}.`, metric: { name: 'runs_90d', value: runs.runs90, threshold: 2 } },
  ];
  if (facts.attestations[ATTESTATION] === true) return [statement(assessor, 'propose', level, reasons)];
  const capReason: Reason = { text: `The attestation "${ATTESTATION}" is not given, so the discovery process is not shown to be documented; the level is capped at 2.` };
  const proposed = Math.min(level, 2) as Level;
  return [statement(assessor, 'propose', proposed, level > proposed ? [...reasons, { text: `The evidence alone supports level ${level}.` }, capReason] : reasons), statement(assessor, 'cap', 2, [capReason])];
}

/** M.7.5 certificate discovery: proposes a level from scan cadence, scope coverage, source types and CT. */
const assessCertDiscovery: Assessor = defineAssessor({
  id: 'assess-cert-discovery',
  title: 'Certificate discovery from scan cadence, coverage, sources and CT',
  description: 'Proposes the PKIMM 7.5 level from how often discovery runs, how much of the declared scope it covers, how many source types it uses (CT included) and whether it feeds the inventory.',
  pkimm: '7.5',
  automation: 'A',
  uses: [],
  assess: (input) => assess(assessCertDiscovery, input),
});

export default assessCertDiscovery;
