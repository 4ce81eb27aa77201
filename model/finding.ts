/** What happened when a check ran. The engine, not the check, produces `not-applicable` and `error`. */
export type RuleStatus = 'pass' | 'fail' | 'not-applicable' | 'error';

/** How much a failure matters; declared on the check. */
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** Returns the rank of a severity (info 0 … critical 4). */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** One check result for one evidence item (item checks) or for the whole scan (set checks). */
export interface RuleResult {
  readonly ruleId: string;
  /** Absent for set-level checks. */
  readonly evidenceId?: string;
  readonly status: RuleStatus;
  readonly severity: Severity;
  /** Rendered from the check's message templates. */
  readonly message?: string;
  /** For status "error": what broke. */
  readonly detail?: string;
}
