// Helpers for checks and assessors that compare with the previous scan: a PreviousScan view over chosen evidence, and
// a runner that evaluates one check with it.
import type { AnyEvidence, EvidenceKind, Evidence } from '../../model/evidence.js';
import type { RuleResult } from '../../model/finding.js';
import type { AnyRule, PreviousScan } from '../../src/engine/define-rule.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { NOW } from '../helpers/evidence.js';

/** The previous scan's start the tests pin: one week before NOW. */
export const PREVIOUS_AT = '2026-11-15T00:00:00.000Z';

/** A previous scan holding `evidence`; configured targets (before "#") it has evidence from count as observed, unless listed as `unobserved`. */
export function previousScan(evidence: readonly AnyEvidence[], opts: { startedAt?: string; unobserved?: readonly string[] } = {}): PreviousScan {
  const sourceTypes = [...new Set(evidence.map((e) => e.collector))].sort();
  return {
    startedAt: opts.startedAt ?? PREVIOUS_AT,
    source: 'test previous report',
    sourceTypes,
    evidence: (id) => evidence.find((e) => e.id === id),
    items: <K extends EvidenceKind>(kind: K) => evidence.filter((e) => e.kind === kind) as unknown as readonly Evidence<K>[],
    observed: (collector, target) =>
      evidence.some((e) => e.collector === collector && e.target.split('#')[0] === target.split('#')[0]) && !(opts.unobserved ?? []).includes(target.split('#')[0] ?? target),
  };
}

/** Evaluates one check over today's items with a previous scan (or none); returns every result. */
export function runWithPrevious(rule: AnyRule, items: readonly AnyEvidence[], previous: PreviousScan | undefined, now: Date = NOW): RuleResult[] {
  return evaluate(items, { rules: [rule], now, ...(previous === undefined ? {} : { previous }) });
}
