import type { Assessment, ScoringMode } from '../../model/assessment.js';
import type { AnyEvidence, CollectionProblem } from '../../model/evidence.js';
import type { RuleResult } from '../../model/finding.js';
import type { PkimmExtension, PkimmModel } from '../../model/pkimm/types.js';
import type { Statement } from '../../model/statement.js';
import { builtInAssessors, builtInRules } from '../../rules/index.js';
import type { NormalizedAnswers } from '../score/normalize-answers.js';
import { defaultPolicy } from '../policy/builtin-profiles.js';
import type { PolicyProfile } from '../policy/profile.js';
import { applyWaivers, resultKey, type Waiver, type WaiverOutcome } from '../policy/waivers.js';
import { score } from '../score/score.js';
import type { Assessor, ScanFacts } from './define-assessor.js';
import type { AnyRule } from './define-rule.js';
import { coverageOf, evaluate, runAssessors } from './evaluate.js';

/** Input of an assessment over evidence that was already collected. */
export interface AssessOptions {
  readonly model: PkimmModel;
  readonly evidence: readonly AnyEvidence[];
  readonly facts: ScanFacts;
  readonly problems?: readonly CollectionProblem[];
  readonly answers?: NormalizedAnswers;
  readonly mode?: ScoringMode;
  readonly extensions?: readonly PkimmExtension[];
  readonly rules?: readonly AnyRule[];
  readonly assessors?: readonly Assessor[];
  readonly disable?: readonly string[];
  readonly ruleOptions?: Record<string, Record<string, unknown>>;
  /** The policy profile checks and assessors judge against; default: the built-in `default` profile. */
  readonly policy?: PolicyProfile;
  /** Accepted exceptions: covered failures are reported as waived and never fail a gate. */
  readonly waivers?: readonly Waiver[];
}

/** What an assessment produced: check results, assessor statements and the scored assessment. */
export interface AssessResult {
  readonly results: RuleResult[];
  readonly statements: Statement[];
  readonly assessment: Assessment;
  /** Which failed results the waivers cover, and which waivers expired or matched nothing. */
  readonly waivers: WaiverOutcome;
}

/** Runs the checks and assessors over evidence, merges the answers and scores: everything after collection. */
export function assess(options: AssessOptions): AssessResult {
  const rules = options.rules ?? builtInRules;
  const assessors = options.assessors ?? builtInAssessors;
  const policy = options.policy ?? defaultPolicy;
  const results = evaluate(options.evidence, {
    rules,
    now: options.facts.now,
    ...(options.disable === undefined ? {} : { disable: options.disable }),
    ...(options.ruleOptions === undefined ? {} : { ruleOptions: options.ruleOptions }),
    policy,
    ...(options.facts.previous === undefined ? {} : { previous: options.facts.previous }),
    ...(options.facts.declaredInventory === undefined
      ? {}
      : {
          inventory: {
            declaredInventory: options.facts.declaredInventory,
            ...(options.facts.reconciliation === undefined ? {} : { reconciliation: options.facts.reconciliation }),
          },
        }),
  });
  const waivers = applyWaivers(results, options.evidence, options.waivers ?? [], options.facts.now);
  const statements = runAssessors(assessors, {
    evidence: options.evidence,
    results,
    problems: options.problems ?? [],
    facts: options.facts,
    policy,
    waived: new Set(waivers.waived.map((w) => resultKey(w.result))),
  });
  const assessment = score({
    model: options.model,
    ...(options.answers === undefined ? {} : { answers: options.answers }),
    statements,
    mode: options.mode ?? 'methodology',
    ...(options.extensions === undefined ? {} : { extensions: options.extensions }),
    coverage: coverageOf(assessors),
  });
  return { results, statements, assessment, waivers };
}
