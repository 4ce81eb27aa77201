// The merge policy: how a person's answer and the assessors' statements combine into the level that counts.
// This is the only place that decides it (house style rule 30; pkimm-analysis.md §4.1). Its id is stamped into every
// report, so change MERGE_POLICY_ID whenever a rule below changes.
//
// Policy 'answer-capped-by-evidence/1':
//  1. Scope first: a requirement that is not applicable (itself or its category) is `not-applicable`, whatever was
//     answered or stated. Statements are still shown, but nothing is scored and no conflict is raised.
//  2. Statements per requirement combine as: proposed = the lowest proposal, cap = the lowest cap, support = the
//     highest support; `insufficient` only when some assessor said so and nobody said anything else.
//  3. With an answered level m: level = min(m, cap). Source `merged` when any assessor made a statement, else `manual`.
//     Conflicts for the assessor to resolve:
//       - m > cap               → `cap-exceeded` ("answered 4, evidence caps at 2: <reason>"); the cap applies;
//       - proposal p ≠ m        → `differs-from-proposal`; the answer stands (still capped);
//       - m < support − 1       → `evidence-suggests-higher`; the answer stands.
//  4. Without an answered level:
//       - a proposal p          → level = min(p, cap), source `automated` (class A requirements);
//       - only support and/or cap → source `unanswered`; draftLevel = min(support, cap) when a support exists. A draft is
//         shown, never scored or exported as a confirmed level;
//       - nothing               → `unanswered`.
//  5. Coverage: `automated` when a propose-capable (class A) assessor covers the requirement, `partial` when only
//     cap/support (class P) assessors do, `manual` otherwise. Taken from the registered assessors when the caller knows
//     them (an assessor counts even if it emitted nothing), else from the statements present.
//  6. Extension relevance (statements with refs "ext:<extension id>:<category id>", e.g. the PQC extension): the same
//     combination, conflicts and drafts, but advisory only — the scorer uses relevance answers as given, so a cap is a
//     conflict to resolve, never a lowered relevance level (mergeExtensionRelevance).
import type { AutomatedView, Conflict, RequirementSource } from '../../model/assessment.js';
import type { Level, Reason, Statement } from '../../model/statement.js';
import type { NormalizedAnswer } from './normalize-answers.js';

/** Identifies this merge policy in reports; bump the suffix when the rules change. */
export const MERGE_POLICY_ID = 'answer-capped-by-evidence/1';

/** How much of a requirement the registered assessors can observe. */
export type Coverage = 'automated' | 'partial' | 'manual';

/** Everything the policy needs to know about one requirement. */
export interface MergeInput {
  /** The person's answer, if any (a level, notes, evidence). */
  readonly answer?: NormalizedAnswer;
  /** Reason when the requirement or its category is scoped out. */
  readonly notApplicable?: string;
  /** The assessors' statements about this requirement (any order). */
  readonly statements: readonly Statement[];
  /** Coverage known from the registered assessors, if the caller knows it. */
  readonly coverage?: 'automated' | 'partial';
}

/** The policy's verdict for one requirement. */
export interface MergeOutcome {
  readonly source: RequirementSource;
  /** The level that counts; absent when unanswered or not applicable. */
  readonly level?: Level;
  /** Shown for unanswered requirements with supporting evidence; never scored. */
  readonly draftLevel?: Level;
  readonly coverage: Coverage;
  readonly automated?: AutomatedView;
  readonly conflicts: readonly Conflict[];
}

const kindOrder: Record<Statement['kind'], number> = { propose: 0, cap: 1, support: 2, insufficient: 3 };

/** Orders statements deterministically: by assessor, kind, level. */
function sortStatements(statements: readonly Statement[]): Statement[] {
  return [...statements].sort(
    (a, b) =>
      (a.assessor < b.assessor ? -1 : a.assessor > b.assessor ? 1 : 0) ||
      kindOrder[a.kind] - kindOrder[b.kind] ||
      (a.level ?? 0) - (b.level ?? 0),
  );
}

/** The statement behind a combined value: the first (in sorted order) of `kind` with `level`. */
function decisive(statements: readonly Statement[], kind: Statement['kind'], level: Level): Statement {
  return statements.find((s) => s.kind === kind && s.level === level)!;
}

/** Combines statements about one requirement into the automated view (lowest proposal and cap, highest support). */
export function combineStatements(statements: readonly Statement[]): AutomatedView | undefined {
  if (statements.length === 0) return undefined;
  const sorted = sortStatements(statements);
  const levels = (kind: Statement['kind']): Level[] => sorted.flatMap((s) => (s.kind === kind && s.level !== undefined ? [s.level] : []));
  const proposals = levels('propose');
  const caps = levels('cap');
  const supports = levels('support');
  const anythingElse = proposals.length + caps.length + supports.length > 0;
  const reasons: Reason[] = sorted.flatMap((s) => s.reasons);
  return {
    ...(proposals.length === 0 ? {} : { proposed: Math.min(...proposals) as Level }),
    ...(caps.length === 0 ? {} : { cap: Math.min(...caps) as Level }),
    ...(supports.length === 0 ? {} : { support: Math.max(...supports) as Level }),
    ...(!anythingElse && sorted.some((s) => s.kind === 'insufficient') ? { insufficient: true } : {}),
    assessors: [...new Set(sorted.map((s) => s.assessor))].sort(),
    reasons,
    evidenceIds: [...new Set(sorted.flatMap((s) => s.evidenceIds))].sort(),
  };
}

/** The first reason text of a statement, for a conflict message. */
function because(statement: Statement): string {
  const text = statement.reasons[0]?.text;
  return text === undefined || text === '' ? ` (${statement.assessor})` : `: ${text}`;
}

/** Applies the merge policy to one requirement. */
export function mergeRequirement(input: MergeInput): MergeOutcome {
  const sorted = sortStatements(input.statements);
  const automated = combineStatements(sorted);
  const coverage: Coverage =
    input.coverage === 'automated' || sorted.some((s) => s.kind === 'propose')
      ? 'automated'
      : input.coverage === 'partial' || sorted.length > 0
        ? 'partial'
        : 'manual';
  const base = { coverage, ...(automated === undefined ? {} : { automated }) };

  if (input.notApplicable !== undefined) return { ...base, source: 'not-applicable', conflicts: [] };

  const cap = automated?.cap;
  const capped = (level: Level): Level => (cap === undefined ? level : (Math.min(level, cap) as Level));
  const answered = input.answer?.level;

  if (answered !== undefined) {
    const conflicts: Conflict[] = [];
    if (cap !== undefined && answered > cap) {
      const s = decisive(sorted, 'cap', cap);
      conflicts.push({ kind: 'cap-exceeded', answered, evidenceLevel: cap, assessor: s.assessor, message: `answered ${answered}, evidence caps at ${cap}${because(s)}` });
    }
    const proposed = automated?.proposed;
    if (proposed !== undefined && proposed !== answered) {
      const s = decisive(sorted, 'propose', proposed);
      conflicts.push({
        kind: 'differs-from-proposal',
        answered,
        evidenceLevel: proposed,
        assessor: s.assessor,
        message: `answered ${answered}, evidence proposes ${proposed}${because(s)}`,
      });
    }
    const support = automated?.support;
    if (support !== undefined && answered < support - 1) {
      const s = decisive(sorted, 'support', support);
      conflicts.push({
        kind: 'evidence-suggests-higher',
        answered,
        evidenceLevel: support,
        assessor: s.assessor,
        message: `answered ${answered}, evidence supports ${support}${because(s)}`,
      });
    }
    return { ...base, source: sorted.length > 0 ? 'merged' : 'manual', level: capped(answered), conflicts };
  }

  if (automated?.proposed !== undefined) return { ...base, source: 'automated', level: capped(automated.proposed), conflicts: [] };
  const support = automated?.support;
  return { ...base, source: 'unanswered', ...(support === undefined ? {} : { draftLevel: capped(support) }), conflicts: [] };
}

/** Prefix of statements about an extension's relevance categories: "ext:<extension id>:<category id>". */
const EXTENSION_REF = /^ext:([^:]+):(.+)$/;

/** The extension relevance category a statement speaks about, when its ref is "ext:<id>:<category>". */
export function extensionRefOf(ref: string): { readonly extension: string; readonly category: string } | undefined {
  const m = EXTENSION_REF.exec(ref);
  return m === null ? undefined : { extension: m[1]!, category: m[2]! };
}

/** The merge of statements about one extension relevance category with the relevance level a person answered. */
export interface RelevanceOutcome {
  readonly extension: string;
  readonly category: string;
  readonly answered?: Level;
  readonly automated: AutomatedView;
  /** min(support, cap) for an unanswered category with a support: shown, never scored. */
  readonly draftLevel?: Level;
  readonly conflicts: readonly Conflict[];
}

/**
 * Applies the same policy to extension relevance (statements with refs "ext:<id>:<category>"): an answered relevance
 * level stands and conflicts are recorded (cap exceeded, evidence suggests higher); an unanswered one gets a draft from
 * min(support, cap). Relevance answers are used by the scorer as given: caps here are advice for the assessor, so
 * `cap-exceeded` does not lower the relevance level.
 */
export function mergeExtensionRelevance(statements: readonly Statement[], answers: ReadonlyMap<string, ReadonlyMap<string, Level>>): RelevanceOutcome[] {
  const groups = new Map<string, { extension: string; category: string; statements: Statement[] }>();
  for (const s of statements) {
    const ref = extensionRefOf(s.ref);
    if (ref === undefined) continue;
    const key = `${ref.extension}\u0000${ref.category}`;
    const group = groups.get(key) ?? { ...ref, statements: [] };
    group.statements.push(s);
    groups.set(key, group);
  }
  const outcomes: RelevanceOutcome[] = [];
  for (const { extension, category, statements: group } of [...groups.values()].sort((a, b) => a.extension.localeCompare(b.extension) || a.category.localeCompare(b.category, undefined, { numeric: true }))) {
    const sorted = sortStatements(group);
    const automated = combineStatements(sorted)!;
    const answered = answers.get(extension)?.get(category);
    const conflicts: Conflict[] = [];
    if (answered !== undefined && automated.cap !== undefined && answered > automated.cap) {
      const s = decisive(sorted, 'cap', automated.cap);
      conflicts.push({ kind: 'cap-exceeded', answered, evidenceLevel: automated.cap, assessor: s.assessor, message: `answered ${answered}, evidence caps at ${automated.cap}${because(s)}` });
    }
    if (answered !== undefined && automated.support !== undefined && answered < automated.support - 1) {
      const s = decisive(sorted, 'support', automated.support);
      conflicts.push({ kind: 'evidence-suggests-higher', answered, evidenceLevel: automated.support, assessor: s.assessor, message: `answered ${answered}, evidence supports ${automated.support}${because(s)}` });
    }
    const draft = answered === undefined && automated.support !== undefined ? (Math.min(automated.support, automated.cap ?? 5) as Level) : undefined;
    outcomes.push({ extension, category, ...(answered === undefined ? {} : { answered }), automated, ...(draft === undefined ? {} : { draftLevel: draft }), conflicts });
  }
  return outcomes;
}
