import { SEVERITIES, severityRank, type Severity } from '../../model/finding.js';
import { ConfigError } from '../errors.js';
import type { ScanReport } from '../report/report.js';

/** Conditions a report must meet. */
export interface GateConditions {
  /** Minimum overall raw maturity value (e.g. 2.5), compared with full precision. */
  readonly minOverall?: number;
  /** Minimum raw value per category id (the report's own category ids, or 1.1.0 ids). */
  readonly minCategory?: Readonly<Record<string, number>>;
  /** Maximum number of failed checks at or above each severity: { high: 0 } allows no high or critical finding. */
  readonly maxFindings?: Partial<Readonly<Record<Severity, number>>>;
  /** Fail when the report has conflicts between answers and evidence. */
  readonly noConflicts?: boolean;
}

/** The gate's verdict: one line per failed condition. */
export interface GateResult {
  readonly passed: boolean;
  readonly failures: readonly string[];
  readonly checked: number;
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

/** Checks a report against the conditions. */
export function evaluateGate(report: ScanReport, conditions: GateConditions): GateResult {
  const failures: string[] = [];
  let checked = 0;
  const a = report.assessment;
  if (conditions.minOverall !== undefined) {
    checked++;
    const rawValue = a.overall.raw;
    if (rawValue === null || rawValue < conditions.minOverall) {
      failures.push(`overall maturity ${fmt(rawValue)} (${a.overall.label}) is below the minimum ${conditions.minOverall}`);
    }
  }
  for (const [id, min] of Object.entries(conditions.minCategory ?? {})) {
    checked++;
    const category = a.categories[id] ?? Object.values(a.categories).find((c) => c.id110 === id);
    if (!category) {
      throw new ConfigError(`--min-category ${id}=${min}: no category ${id} in model ${report.model.version} (ids: ${Object.keys(a.categories).join(', ')})`, '--min-category');
    }
    if (category.status === 'not-applicable') continue;
    if (category.raw === null || category.raw < min) {
      failures.push(`category ${category.id} ${category.name} maturity ${fmt(category.raw)} (${category.label}) is below the minimum ${min}`);
    }
  }
  for (const [severity, max] of Object.entries(conditions.maxFindings ?? {}) as [Severity, number][]) {
    checked++;
    const atOrAbove = report.findings.filter((f) => severityRank(f.severity) >= severityRank(severity)).length;
    if (atOrAbove > max) {
      const label = severity === 'critical' ? 'critical' : `${severity} or higher`;
      failures.push(`${atOrAbove} failed checks of severity ${label}, more than the ${max} allowed`);
    }
  }
  if (conditions.noConflicts) {
    checked++;
    if (report.summary.conflicts > 0) failures.push(`${report.summary.conflicts} conflicts between answers and evidence are unresolved`);
  }
  return { passed: failures.length === 0, failures, checked };
}

/** Returns whether a severity name is known. */
export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}
