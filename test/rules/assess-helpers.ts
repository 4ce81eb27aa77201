// Helpers for assessor tests: run every built-in check over the evidence, apply waivers, then one assessor. Kept apart
// from helpers.ts so that check tests do not load the whole registry.
import type { AnyEvidence, CollectionProblem } from '../../model/evidence.js';
import type { Statement } from '../../model/statement.js';
import { builtInRules } from '../../rules/index.js';
import type { Assessor, ScanFacts } from '../../src/engine/define-assessor.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { defaultPolicy } from '../../src/policy/builtin-profiles.js';
import type { PolicyProfile } from '../../src/policy/profile.js';
import { applyWaivers, resultKey, type Waiver } from '../../src/policy/waivers.js';
import { scanFacts } from '../helpers/evidence.js';

/** Options of one assessor run. */
export interface AssessOptions {
  readonly facts?: Partial<ScanFacts>;
  readonly policy?: PolicyProfile;
  readonly waivers?: readonly Waiver[];
  readonly problems?: readonly CollectionProblem[];
}

/**
 * Runs every built-in check over the evidence (so assessors read real results), applies the waivers, then runs one
 * assessor; returns its statements.
 */
export function assessWith(assessor: Assessor, evidence: readonly AnyEvidence[], opts: AssessOptions = {}): Statement[] {
  const facts = scanFacts(opts.facts ?? {});
  const policy = opts.policy ?? defaultPolicy;
  const results = evaluate(evidence, {
    rules: builtInRules,
    now: facts.now,
    policy,
    ...(facts.declaredInventory === undefined ? {} : { inventory: { declaredInventory: facts.declaredInventory, ...(facts.reconciliation === undefined ? {} : { reconciliation: facts.reconciliation }) } }),
  });
  const waivers = applyWaivers(results, evidence, opts.waivers ?? [], facts.now);
  return [...assessor.assess({ evidence, results, problems: opts.problems ?? [], facts, policy, waived: new Set(waivers.waived.map((w) => resultKey(w.result))) })];
}

/** Statements as "kind level" strings ("cap 2", "support 3", "insufficient"), in order: easy to compare in tests. */
export const kinds = (statements: readonly Statement[]): string[] => statements.map((s) => (s.level === undefined ? s.kind : `${s.kind} ${s.level}`));

/** The first reason text of every statement. */
export const firstReasons = (statements: readonly Statement[]): string[] => statements.map((s) => s.reasons[0]?.text ?? '');

