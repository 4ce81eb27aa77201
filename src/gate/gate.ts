import type { CategoryResult } from '../../model/assessment.js';
import { SEVERITIES, severityRank, type Severity } from '../../model/finding.js';
import { ConfigError } from '../errors.js';
import { applyWaivers, resultKey, type Waiver, type WaiverInfo } from '../policy/waivers.js';
import type { Finding, ScanReport } from '../report/report.js';

/** Conditions a report must meet. */
export interface GateConditions {
  /** Minimum overall raw maturity value (e.g. 2.5), compared with full precision. */
  readonly minOverall?: number;
  /** Minimum raw value per category id (the report's own category ids, or 1.1.0 ids). */
  readonly minCategory?: Readonly<Record<string, number>>;
  /** Minimum level per requirement ref (the report's own refs, or 1.1.0 refs such as "7.4"). */
  readonly minRequirement?: Readonly<Record<string, number>>;
  /** Maximum number of failed checks at or above each severity: { high: 0 } allows no high or critical finding. */
  readonly maxFindings?: Partial<Readonly<Record<Severity, number>>>;
  /** Fail when the report has conflicts between answers and evidence. */
  readonly noConflicts?: boolean;
  /** An earlier report to compare with; `source` names it in messages. */
  readonly baseline?: { readonly report: ScanReport; readonly source: string };
  /** Fail when a category's level is lower than in the baseline. */
  readonly noRegression?: boolean;
  /** Fail on failed checks at or above this severity that the baseline did not have (matched by rule id and evidence id). */
  readonly noNewFindings?: Severity;
  /** Waivers applied at gate time (a waivers file), judged at `now`; waivers recorded in the report always apply. */
  readonly waivers?: { readonly list: readonly Waiver[]; readonly now: Date };
}

/** One condition and its outcome: a JUnit test case, and the findings behind a failure (for annotations). */
export interface GateConditionResult {
  /** The option it comes from: "min-overall", "min-category", "min-requirement", "max-findings", "no-conflicts", "no-regression", "no-new-findings". */
  readonly id: string;
  /** What was required, e.g. "overall maturity at least 2.5". */
  readonly name: string;
  readonly passed: boolean;
  /** Why it failed, one line each; empty when it passed. */
  readonly messages: readonly string[];
  /** The failed checks that made it fail (max-findings, no-new-findings). */
  readonly findings?: readonly Finding[];
}

/** The gate's verdict: every condition, and one line per failure. */
export interface GateResult {
  readonly passed: boolean;
  readonly failures: readonly string[];
  readonly checked: number;
  readonly conditions: readonly GateConditionResult[];
  /** Failed checks a gate-time waiver covers (not counted). */
  readonly waived: readonly (Finding & { readonly waiver: WaiverInfo })[];
  /** Things to tell the user that do not fail the gate: expired gate-time waivers. */
  readonly notes: readonly string[];
}

/** Parses "ID=N" pairs (repeatable options) into a record; throws ConfigError naming the option. */
export function parsePairs(values: readonly string[], option: string, parseValue: (v: string) => number | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) {
    const m = /^([^=\s]+)=(.+)$/.exec(v.trim());
    const value = m ? parseValue(m[2]!.trim()) : undefined;
    if (!m || value === undefined) throw new ConfigError(`${option} ${v}: expected ID=NUMBER`, option);
    out[m[1]!] = value;
  }
  return out;
}

function fmt(n: number | null): string {
  return n === null ? 'not evaluated' : String(Math.round(n * 10_000) / 10_000);
}

const severityLabel = (severity: Severity): string => (severity === 'critical' ? 'critical' : `${severity} or higher`);
const atOrAbove = (findings: readonly Finding[], severity: Severity): Finding[] => findings.filter((f) => severityRank(f.severity) >= severityRank(severity));
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The report's findings that still count: gate-time waivers take out the failures they cover. */
function countedFindings(report: ScanReport, waivers: GateConditions['waivers']): Pick<GateResult, 'waived' | 'notes'> & { readonly findings: readonly Finding[] } {
  if (waivers === undefined || waivers.list.length === 0) return { findings: report.findings, waived: [], notes: [] };
  const asResults = report.findings.map((f) => ({ ruleId: f.ruleId, ...(f.evidenceId === undefined ? {} : { evidenceId: f.evidenceId }), status: 'fail' as const, severity: f.severity }));
  const outcome = applyWaivers(asResults, report.evidence, waivers.list, waivers.now);
  const waiverOf = new Map(outcome.waived.map((w) => [resultKey(w.result), w.waiver]));
  return {
    findings: report.findings.filter((f) => !waiverOf.has(resultKey(f))),
    waived: report.findings.flatMap((f) => {
      const waiver = waiverOf.get(resultKey(f));
      return waiver === undefined ? [] : [{ ...f, waiver }];
    }),
    notes: outcome.expired.filter((e) => e.matching > 0).map((e) => e.message),
  };
}

function findCategory(report: ScanReport, id: string): CategoryResult | undefined {
  const categories = report.assessment.categories;
  return categories[id] ?? Object.values(categories).find((c) => c.id110 === id);
}

function minCategoryConditions(report: ScanReport, minCategory: Readonly<Record<string, number>>): GateConditionResult[] {
  return Object.entries(minCategory).map(([id, min]) => {
    const category = findCategory(report, id);
    if (!category) {
      throw new ConfigError(`--min-category ${id}=${min}: no category ${id} in model ${report.model.version} (ids: ${Object.keys(report.assessment.categories).join(', ')})`, '--min-category');
    }
    const name = `category ${category.id} ${category.name} maturity at least ${min}`;
    if (category.status === 'not-applicable') return { id: 'min-category', name: `${name} (not applicable)`, passed: true, messages: [] };
    const failed = category.raw === null || category.raw < min;
    return { id: 'min-category', name, passed: !failed, messages: failed ? [`category ${category.id} ${category.name} maturity ${fmt(category.raw)} (${category.label}) is below the minimum ${min}`] : [] };
  });
}

function minRequirementConditions(report: ScanReport, minRequirement: Readonly<Record<string, number>>): GateConditionResult[] {
  const requirements = report.assessment.requirements;
  return Object.entries(minRequirement).map(([ref, min]) => {
    const r = requirements[ref] ?? Object.values(requirements).find((x) => x.ref110 === ref);
    if (!r) throw new ConfigError(`--min-requirement ${ref}=${min}: no requirement ${ref} in model ${report.model.version}`, '--min-requirement');
    const name = `requirement ${r.ref} ${r.title} level at least ${min}`;
    if (r.source === 'not-applicable') return { id: 'min-requirement', name: `${name} (not applicable)`, passed: true, messages: [] };
    if (r.level === undefined) {
      const draft = r.draftLevel === undefined ? '' : `; the evidence suggests ${r.draftLevel}`;
      return { id: 'min-requirement', name, passed: false, messages: [`requirement ${r.ref} ${r.title} has no level (unanswered${draft}), below the minimum ${min}`] };
    }
    const failed = r.level < min;
    return { id: 'min-requirement', name, passed: !failed, messages: failed ? [`requirement ${r.ref} ${r.title} level ${r.level} is below the minimum ${min}`] : [] };
  });
}

/** Categories whose level dropped since the baseline (matched by 1.1.0 id, so reports on different model versions compare). */
function regressionCondition(report: ScanReport, baseline: NonNullable<GateConditions['baseline']>): GateConditionResult {
  const messages: string[] = [];
  for (const old of Object.values(baseline.report.assessment.categories)) {
    if (old.status !== 'scored') continue;
    const now = Object.values(report.assessment.categories).find((c) => c.id110 === old.id110);
    if (now === undefined || now.status === 'not-applicable') continue;
    if (now.status !== 'scored') messages.push(`category ${now.id} ${now.name} was level ${old.level} in the baseline ${baseline.source} and is now ${now.label.toLowerCase()}`);
    else if (now.level < old.level) messages.push(`category ${now.id} ${now.name} dropped from level ${old.level} to ${now.level} since the baseline ${baseline.source}`);
  }
  return { id: 'no-regression', name: `no category below its level in the baseline ${baseline.source}`, passed: messages.length === 0, messages };
}

/** Failed checks at or above `severity` that the baseline had neither as a finding nor as a waived one. */
function newFindingsCondition(findings: readonly Finding[], severity: Severity, baseline: NonNullable<GateConditions['baseline']>): GateConditionResult {
  const known = new Set([...baseline.report.findings, ...(baseline.report.waived ?? [])].map(resultKey));
  const fresh = atOrAbove(findings, severity).filter((f) => !known.has(resultKey(f)));
  const label = severityLabel(severity);
  return {
    id: 'no-new-findings',
    name: `no new failed checks of severity ${label} since the baseline ${baseline.source}`,
    passed: fresh.length === 0,
    messages: fresh.length === 0 ? [] : [`${plural(fresh.length, 'new failed check', 'new failed checks')} of severity ${label} since the baseline ${baseline.source}`],
    ...(fresh.length === 0 ? {} : { findings: fresh }),
  };
}

/** Checks a report against the conditions; throws ConfigError when a condition names a category or requirement the model lacks. */
export function evaluateGate(report: ScanReport, conditions: GateConditions): GateResult {
  const results: GateConditionResult[] = [];
  const a = report.assessment;
  const counted = countedFindings(report, conditions.waivers);
  if (conditions.minOverall !== undefined) {
    const min = conditions.minOverall;
    const rawValue = a.overall.raw;
    const failed = rawValue === null || rawValue < min;
    results.push({ id: 'min-overall', name: `overall maturity at least ${min}`, passed: !failed, messages: failed ? [`overall maturity ${fmt(rawValue)} (${a.overall.label}) is below the minimum ${min}`] : [] });
  }
  results.push(...minCategoryConditions(report, conditions.minCategory ?? {}));
  results.push(...minRequirementConditions(report, conditions.minRequirement ?? {}));
  for (const [severity, max] of Object.entries(conditions.maxFindings ?? {}) as [Severity, number][]) {
    const over = atOrAbove(counted.findings, severity);
    const failed = over.length > max;
    results.push({
      id: 'max-findings',
      name: `at most ${max} failed checks of severity ${severityLabel(severity)}`,
      passed: !failed,
      messages: failed ? [`${over.length} failed checks of severity ${severityLabel(severity)}, more than the ${max} allowed`] : [],
      ...(failed ? { findings: over } : {}),
    });
  }
  if (conditions.noConflicts) {
    const n = report.summary.conflicts;
    results.push({ id: 'no-conflicts', name: 'no conflicts between answers and evidence', passed: n === 0, messages: n === 0 ? [] : [`${n} conflicts between answers and evidence are unresolved`] });
  }
  if (conditions.baseline !== undefined && conditions.noRegression) results.push(regressionCondition(report, conditions.baseline));
  if (conditions.baseline !== undefined && conditions.noNewFindings !== undefined) results.push(newFindingsCondition(counted.findings, conditions.noNewFindings, conditions.baseline));
  const failures = results.flatMap((c) => (c.passed ? [] : c.messages));
  return { passed: failures.length === 0, failures, checked: results.length, conditions: results, waived: counted.waived, notes: counted.notes };
}

/** Returns whether a severity name is known. */
export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}
