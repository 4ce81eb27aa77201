import type { AnyEvidence, Evidence, EvidenceKind } from '../../model/evidence.js';
import type { RuleResult } from '../../model/finding.js';
import type { Statement } from '../../model/statement.js';
import { oneLine } from '../errors.js';
import { defaultPolicy } from '../policy/builtin-profiles.js';
import type { PolicyProfile } from '../policy/profile.js';
import { statement, type Assessor, type AssessorInput } from './define-assessor.js';
import { renderMessage, type AnyRule, type RuleContext, type Verdict } from './define-rule.js';

/** Options of one evaluation run. */
export interface EvaluateOptions {
  /** The checks to run, in any order; results are sorted anyway. */
  readonly rules: readonly AnyRule[];
  /** The scan's "now", handed to every rule as `ctx.now`. */
  readonly now: Date;
  /** Rule ids to skip entirely (no result at all, not even `not-applicable`). */
  readonly disable?: readonly string[];
  /** Per-rule options by rule id; merged over the defaults each rule passes to `ctx.options`. */
  readonly ruleOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The policy profile checks read as `ctx.policy`; default: the built-in `default` profile. */
  readonly policy?: PolicyProfile;
  /** The declared inventory and its reconciliation, for inventory checks (`ctx.inventory`). */
  readonly inventory?: RuleContext['inventory'];
  /** The previous scan's evidence, for checks that compare scans (`ctx.previous`). */
  readonly previous?: RuleContext['previous'];
}

const MAX_DETAIL_CHARS = 500;

type Base = Pick<RuleResult, 'ruleId' | 'severity'> & { readonly evidenceId?: string };

function toResult(base: Base, rule: AnyRule, verdict: Verdict<string>): RuleResult {
  if (verdict.status === 'pass') return { ...base, status: 'pass' };
  const messages: Readonly<Record<string, string>> = rule.messages;
  const template = Object.hasOwn(messages, verdict.messageId) ? messages[verdict.messageId] : undefined;
  if (template === undefined) throw new Error(`unknown message id "${verdict.messageId}"`);
  return { ...base, status: 'fail', message: renderMessage(template, verdict.data) };
}

function errorResult(base: Base, error: unknown): RuleResult {
  const text = oneLine(error);
  const detail = `rule ${base.ruleId} threw: ${text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS)}…` : text}`;
  return { ...base, status: 'error', detail };
}

/** Runs one rule against one subject; `applies` false → not-applicable, a throw → error. Never throws. */
function runGuarded(base: Base, rule: AnyRule, applies: () => boolean, run: () => Verdict<string>): RuleResult {
  try {
    if (!applies()) return { ...base, status: 'not-applicable' };
    return toResult(base, rule, run());
  } catch (error) {
    return errorResult(base, error);
  }
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Orders results by (ruleId, evidenceId); set-level results (no evidence id) come first within a rule. */
function compareResults(a: RuleResult, b: RuleResult): number {
  return compareText(a.ruleId, b.ruleId) || compareText(a.evidenceId ?? '', b.evidenceId ?? '');
}

/**
 * Runs checks over evidence: item rules once per evidence item of their kind, set rules once over the evidence of
 * their kinds. The engine owns applicability (`applies()` false → `not-applicable`), configuration (disabled rules are
 * skipped; options are merged over defaults) and crashes (a throwing rule yields one `error` result).
 * Returns the results sorted by (ruleId, evidenceId); never throws because of a rule.
 */
export function evaluate(evidence: readonly AnyEvidence[], options: EvaluateOptions): RuleResult[] {
  const disabled = new Set(options.disable ?? []);
  const ruleOptions = options.ruleOptions ?? {};
  const byId = new Map<string, AnyEvidence>();
  const byKind = new Map<EvidenceKind, AnyEvidence[]>();
  for (const item of evidence) {
    if (byId.has(item.id)) continue;
    byId.set(item.id, item);
    const list = byKind.get(item.kind);
    if (list === undefined) byKind.set(item.kind, [item]);
    else list.push(item);
  }
  const certificates = new Map<string, Evidence<'certificate'>>();
  for (const item of byKind.get('certificate') ?? []) if (item.kind === 'certificate') certificates.set(item.data.sha256.toLowerCase(), item);

  const ctx: RuleContext = {
    now: options.now,
    options<T extends object>(ruleId: string, defaults: T): T {
      const configured = Object.hasOwn(ruleOptions, ruleId) ? ruleOptions[ruleId] : undefined;
      return { ...defaults, ...(configured ?? {}) };
    },
    evidence: (id) => byId.get(id),
    items: <K extends EvidenceKind>(kind: K) => (byKind.get(kind) ?? []) as unknown as readonly Evidence<K>[],
    certificate: (sha256) => certificates.get(sha256.toLowerCase()),
    policy: options.policy ?? defaultPolicy,
    ...(options.inventory === undefined ? {} : { inventory: options.inventory }),
    ...(options.previous === undefined ? {} : { previous: options.previous }),
  };

  const results: RuleResult[] = [];
  for (const rule of options.rules) {
    if (disabled.has(rule.id)) continue;
    if (rule.scope === 'item') {
      for (const item of evidence) {
        if (item.kind !== rule.appliesTo) continue;
        const base: Base = { ruleId: rule.id, evidenceId: item.id, severity: rule.severity };
        results.push(
          runGuarded(
            base,
            rule,
            () => (rule.applies ? rule.applies(item, ctx) : true),
            () => rule.evaluate(item, ctx),
          ),
        );
      }
    } else {
      const kinds = new Set(rule.appliesTo);
      const items = evidence.filter((item) => kinds.has(item.kind));
      const base: Base = { ruleId: rule.id, severity: rule.severity };
      results.push(
        runGuarded(
          base,
          rule,
          () => (rule.applies ? rule.applies(items, ctx) : true),
          () => rule.evaluate(items, ctx),
        ),
      );
    }
  }
  return results.sort(compareResults);
}

/**
 * Runs every assessor over the same input. A throwing assessor yields one `insufficient` statement whose reason says
 * it failed, so one broken assessor never stops the others. Returns the statements in assessor order.
 */
export function runAssessors(assessors: readonly Assessor[], input: AssessorInput): Statement[] {
  const statements: Statement[] = [];
  for (const assessor of assessors) {
    try {
      statements.push(...assessor.assess(input));
    } catch (error) {
      statements.push(statement(assessor, 'insufficient', undefined, [{ text: `Assessor ${assessor.id} failed: ${oneLine(error)}` }]));
    }
  }
  return statements;
}

/**
 * Returns which requirements (model 1.1.0 refs) the assessors cover: automation class A → `automated`,
 * P → `partial`. When several assessors speak about one requirement, `automated` wins.
 */
export function coverageOf(assessors: readonly Pick<Assessor, 'pkimm' | 'automation'>[]): Map<string, 'automated' | 'partial'> {
  const coverage = new Map<string, 'automated' | 'partial'>();
  for (const assessor of assessors) {
    const kind = assessor.automation === 'A' ? 'automated' : 'partial';
    if (coverage.get(assessor.pkimm) !== 'automated') coverage.set(assessor.pkimm, kind);
  }
  return coverage;
}
