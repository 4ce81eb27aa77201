/**
 * PKIMM 5.4 (model 1.1.0) Crypto usage visibility: the organisation knows where and how cryptography is used,
 * through recurring, broad and complete discovery of certificates, protocols and algorithms.
 *
 * Why automated (class A, analysis §4.4 G.5.4): visibility is the coverage, freshness and breadth of the scan data
 * itself (E9 scanner operations metadata), which the scanner knows about its own runs.
 *
 * Levels, top-down (first match wins); cov_scope = observed / configured targets over all collectors:
 * - 5: level 4, continuous scanning (a chain of scans no more than 1 day apart reaching back ≥ 7 days) and the
 *   attestation "cbom-consumed-downstream".
 * - 4: level 3, cov_scope ≥ 95 % on ≥ 3 source types including a CA-configuration source, and a previous scan
 *   ≤ 7 days ago.
 * - 3: recurring scans (≥ 3 runs in 90 days, every interval ≤ 30 days), cov_scope ≥ 80 %, and certificates,
 *   protocols (TLS endpoints) and algorithms all collected.
 * - 2: some evidence or an imported inventory, but one-off (≤ 1 run in 180 days), single-source, cov_scope < 50 %,
 *   or otherwise short of level 3.
 * - 1: no evidence at all and no imported inventory.
 */
import type { AnyEvidence } from '../../model/evidence.js';
import type { Level, Reason, Statement } from '../../model/statement.js';
import { defineAssessor, statement, type Assessor, type AssessorInput } from '../../src/engine/define-assessor.js';
import { DAY_MS, percent, scanTimes } from '../../src/engine/rule-helpers.js';

const CBOM_ATTESTATION = 'cbom-consumed-downstream';

const days = (ms: number): string => (ms / DAY_MS).toFixed(1);

/** Whether numerator / denominator ≥ percentage / 100, in integer arithmetic. */
const atLeast = (numerator: number, denominator: number, percentage: number): boolean => denominator > 0 && numerator * 100 >= percentage * denominator;

/** The largest gap between consecutive scans among those in the window; undefined with fewer than two scans. */
function maxInterval(timesInWindow: readonly number[]): number | undefined {
  let max: number | undefined;
  for (let i = 1; i < timesInWindow.length; i++) {
    const gap = timesInWindow[i - 1]! - timesInWindow[i]!;
    max = max === undefined ? gap : Math.max(max, gap);
  }
  return max;
}

/** Whether scans form a chain with gaps ≤ 1 day that reaches back at least 7 days. */
function isContinuous(times: readonly number[]): boolean {
  const nowMs = times[0];
  if (nowMs === undefined) return false;
  for (let i = 1; i < times.length; i++) {
    if (times[i - 1]! - times[i]! > DAY_MS) return false;
    if (nowMs - times[i]! >= 7 * DAY_MS) return true;
  }
  return false;
}

/** What kinds of cryptographic facts the evidence contains. */
function breadth(evidence: readonly AnyEvidence[]): { certificates: boolean; protocols: boolean; algorithms: boolean; caConfig: boolean } {
  let certificates = false;
  let protocols = false;
  let algorithms = false;
  let caConfig = false;
  for (const item of evidence) {
    if (item.kind === 'certificate') {
      certificates = true;
      if (item.data.keyAlgorithm !== 'other' || item.data.signatureAlgorithm !== '') algorithms = true;
    } else if (item.kind === 'tls-endpoint') {
      protocols = true;
      if (item.data.cipher !== undefined) algorithms = true;
    } else if (item.kind === 'ca-config') {
      caConfig = true;
    }
  }
  return { certificates, protocols, algorithms, caConfig };
}

function assess(assessor: Assessor, input: AssessorInput): Statement[] {
  const { facts, evidence } = input;
  const configured = Object.values(facts.targets).reduce((sum, t) => sum + t.configured, 0);
  const observedTargets = Object.values(facts.targets).reduce((sum, t) => sum + t.observed, 0);
  const cov = configured === 0 ? 0 : observedTargets / configured;
  const covText =
    configured === 0
      ? 'No configured targets were recorded, so cov_scope counts as 0 %.'
      : `${observedTargets} of ${configured} configured targets were observed without a problem (cov_scope ${percent(cov)}).`;
  const covThreshold = !atLeast(observedTargets, configured, 50) ? 0.5 : !atLeast(observedTargets, configured, 80) ? 0.8 : 0.95;
  const covReason: Reason = { text: covText, metric: { name: 'cov_scope', value: cov, threshold: covThreshold } };

  if (evidence.length === 0 && facts.declaredInventory === undefined) {
    return [
      statement(assessor, 'propose', 1, [
        { text: 'Level 1: the scan produced no evidence and no inventory was imported.', metric: { name: 'evidence_items', value: 0, threshold: 1 } },
        covReason,
      ]),
    ];
  }

  const times = scanTimes(facts.now, facts.previousScans);
  const nowMs = facts.now.getTime();
  const runs180 = times.filter((t) => nowMs - t <= 180 * DAY_MS).length;
  const in90 = times.filter((t) => nowMs - t <= 90 * DAY_MS);
  const runs90 = in90.length;
  const interval90 = maxInterval(in90);
  const previousAge = times[1] === undefined ? undefined : nowMs - times[1];
  const sources = [...facts.sourceTypes].sort();
  const seen = breadth(evidence);

  const isOneOff = runs180 <= 1;
  const isSingleSource = sources.length <= 1;
  const isLowCoverage = !atLeast(observedTargets, configured, 50);

  const missingFor3: string[] = [];
  if (runs90 < 3) missingFor3.push(`${runs90} run(s) in the last 90 days (needs ≥ 3)`);
  if (interval90 === undefined || interval90 > 30 * DAY_MS) missingFor3.push(interval90 === undefined ? 'no interval between scans to judge' : `an interval of ${days(interval90)} days between scans (needs ≤ 30)`);
  if (!atLeast(observedTargets, configured, 80)) missingFor3.push(`cov_scope ${percent(cov)} (needs ≥ 80 %)`);
  const notCollected = [
    ...(seen.certificates ? [] : ['certificates']),
    ...(seen.protocols ? [] : ['protocols (TLS endpoints)']),
    ...(seen.algorithms ? [] : ['algorithms']),
  ];
  if (notCollected.length > 0) missingFor3.push(`not collected: ${notCollected.join(', ')}`);

  const missingFor4: string[] = [];
  if (!atLeast(observedTargets, configured, 95)) missingFor4.push(`cov_scope ${percent(cov)} (needs ≥ 95 %)`);
  if (sources.length < 3) missingFor4.push(`${sources.length} source type(s) (needs ≥ 3)`);
  if (!seen.caConfig) missingFor4.push('no CA-configuration source (no CA configuration collector exists yet)');
  if (previousAge === undefined || previousAge > 7 * DAY_MS) missingFor4.push(previousAge === undefined ? 'no previous scan' : `the previous scan ran ${days(previousAge)} days ago (needs ≤ 7)`);

  const missingFor5: string[] = [];
  if (!isContinuous(times)) missingFor5.push('scanning is not continuous (scans at most 1 day apart over the last 7 days)');
  if (facts.attestations[CBOM_ATTESTATION] !== true) missingFor5.push(`the attestation "${CBOM_ATTESTATION}" is not given`);

  let level: Level;
  let why: string;
  if (missingFor3.length === 0 && missingFor4.length === 0 && missingFor5.length === 0) {
    level = 5;
    why = 'level 4 holds, scanning is continuous and the CBOM is consumed downstream';
  } else if (missingFor3.length === 0 && missingFor4.length === 0) {
    level = 4;
    why = `level 5 is not met: ${missingFor5.join('; ')}`;
  } else if (missingFor3.length === 0) {
    level = 3;
    why = `level 4 is not met: ${missingFor4.join('; ')}`;
  } else {
    level = 2;
    const markers = [
      ...(isOneOff ? ['a one-off scan (≤ 1 run in 180 days)'] : []),
      ...(isSingleSource ? ['a single source type'] : []),
      ...(isLowCoverage ? ['cov_scope below 50 %'] : []),
    ];
    why = `${markers.length > 0 ? `${markers.join(', ')}; ` : ''}level 3 is not met: ${missingFor3.join('; ')}`;
  }

  const reasons: Reason[] = [
    { text: `Level ${level}: ${why}.` },
    covReason,
    { text: `${runs90} run(s) in the last 90 days, this one included.`, metric: { name: 'runs_90d', value: runs90, threshold: 3 } },
    { text: `${runs180} run(s) in the last 180 days, this one included.`, metric: { name: 'runs_180d', value: runs180, threshold: 2 } },
    interval90 === undefined
      ? { text: 'Only one scan in the last 90 days, so there is no interval between scans.' }
      : { text: `The largest interval between scans in the last 90 days is ${days(interval90)} days.`, metric: { name: 'max_interval_days', value: interval90 / DAY_MS, threshold: 30 } },
    {
      text: `Source types: ${sources.length === 0 ? 'none' : sources.join(', ')}.`,
      metric: { name: 'source_types', value: sources.length, threshold: level >= 3 ? 3 : 2 },
    },
    {
      text: `Collected: certificates ${seen.certificates ? 'yes' : 'no'}, protocols ${seen.protocols ? 'yes' : 'no'}, algorithms ${seen.algorithms ? 'yes' : 'no'}, CA configuration ${seen.caConfig ? 'yes' : 'no'}.`,
    },
  ];
  return [statement(assessor, 'propose', level, reasons)];
}

/** G.5.4 crypto usage visibility: proposes a level from scan coverage, cadence and breadth. */
const assessCryptoVisibility: Assessor = defineAssessor({
  id: 'assess-crypto-visibility',
  title: 'Crypto usage visibility from scan coverage, cadence and breadth',
  description:
    'Proposes the PKIMM 5.4 level from the share of configured targets observed, how often scans run, how many source types they use and whether certificates, protocols, algorithms and CA configurations were collected.',
  pkimm: '5.4',
  automation: 'A',
  uses: [],
  assess: (input) => assess(assessCryptoVisibility, input),
});

export default assessCryptoVisibility;
