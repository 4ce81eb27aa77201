import type { Level, Reason } from './statement.js';
import type { ModuleId } from './pkimm/types.js';

/** How unanswered requirements and roll-ups are treated; named in every report. */
export type ScoringMode = 'methodology' | 'excel';

/** Where a requirement's level comes from. */
export type RequirementSource = 'automated' | 'manual' | 'merged' | 'unanswered' | 'not-applicable';

/** A disagreement between a person's answer and the evidence, for the assessor to resolve. */
export interface Conflict {
  /**
   * - `cap-exceeded`: answered above an evidence cap; the cap was applied.
   * - `evidence-suggests-higher`: answered more than one level below what evidence supports.
   * - `differs-from-proposal`: an automated proposal was overridden by the answer.
   */
  readonly kind: 'cap-exceeded' | 'evidence-suggests-higher' | 'differs-from-proposal';
  readonly answered: Level;
  readonly evidenceLevel: Level;
  readonly assessor: string;
  /** One readable line: "answered 4, but evidence caps at 2: 12 % of served certificates are missing from the inventory". */
  readonly message: string;
}

/** What the assessors said about one requirement, combined. */
export interface AutomatedView {
  readonly proposed?: Level;
  /** The lowest cap stated. */
  readonly cap?: Level;
  /** The highest support stated. */
  readonly support?: Level;
  /** True when an assessor looked but found too little evidence. */
  readonly insufficient?: boolean;
  readonly assessors: readonly string[];
  readonly reasons: readonly Reason[];
  readonly evidenceIds: readonly string[];
}

/** One requirement's result. */
export interface RequirementResult {
  /** The loaded model's own reference ("7.4", or a 2.0.0 slug path). */
  readonly ref: string;
  /** The same requirement in 1.1.0 numbering. */
  readonly ref110: string;
  readonly categoryId: string;
  readonly title: string;
  readonly weight: number;
  readonly source: RequirementSource;
  /** The level that counts in the score; absent when unanswered or not applicable. */
  readonly level?: Level;
  /** For unanswered requirements with evidence: min(support, cap) or a capped proposal, shown but not scored. */
  readonly draftLevel?: Level;
  /** How much of the requirement rules can observe: `automated` (A), `partial` (P) or `manual` (no rule). */
  readonly coverage: 'automated' | 'partial' | 'manual';
  readonly automated?: AutomatedView;
  readonly answer?: { readonly level?: Level; readonly notes?: string; readonly evidence?: readonly string[] };
  /** Reason for N/A (requirement or its category scoped out). */
  readonly notApplicable?: string;
  readonly deprecated?: boolean;
  readonly conflicts: readonly Conflict[];
}

/** Counts behind a completeness figure. */
export interface Completeness {
  /** Requirements (or self-assessed categories) with a level that counts. */
  readonly answered: number;
  /** Requirements (or categories) in scope. */
  readonly inScope: number;
  readonly notApplicable: number;
  /** answered / inScope, 0..1 (1 when nothing is in scope). */
  readonly ratio: number;
}

/** A raw value with its displayed level. */
export interface ScoreValue {
  /** Full precision; null when not evaluated, not applicable or (excel mode) #DIV/0!. */
  readonly raw: number | null;
  /** TRUNC(raw): 0 = not evaluated, 1..5. */
  readonly level: number;
  /** Level name ("Basic"), or "Not evaluated" / "Not applicable" / "#DIV/0!". */
  readonly label: string;
  /** raw − level: the fraction of the way to the next level (0..1); 0 when raw is null. */
  readonly progress: number;
  readonly status: 'scored' | 'not-evaluated' | 'not-applicable' | 'error';
  /** For status "error": what the official workbook would show and why. */
  readonly error?: string;
  readonly completeness: Completeness;
}

/** One category's result. */
export interface CategoryResult extends ScoreValue {
  readonly id: string;
  readonly id110: string;
  readonly name: string;
  readonly moduleId: ModuleId;
  readonly weight: number;
  readonly notApplicable?: string;
}

/** One module's result. */
export interface ModuleResult extends ScoreValue {
  readonly id: ModuleId;
  readonly name: string;
  /** Sum of the weights of the module's in-scope categories that entered the roll-up. */
  readonly weight: number;
}

/** Extension scoring (PKIMM extension framework). */
export interface ExtensionCategoryResult {
  /** The loaded model's category id. */
  readonly categoryId: string;
  /** Level_C with overlay-adjusted requirement weights. */
  readonly level: number | null;
  /** Level_C of the baseline (no overlays). */
  readonly baselineLevel: number | null;
  readonly weightSum: number;
  readonly effectiveCategoryWeight: number;
  readonly relevanceLevel?: number;
  readonly relevanceWeight?: number;
  /** ExtensionCategoryLevel_C: Level_C blended with the relevance answer. */
  readonly extensionLevel: number | null;
}

/** One extension's scores. */
export interface ExtensionResult {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly compatible: boolean;
  /** ExtensionScore (2 decimals for display; full precision here). */
  readonly score: number | null;
  /** ExtensionFloor, when the extension asks for a floor score. */
  readonly floor: number | null;
  /** ExtensionWeightedPKIMM: baseline category levels with extension category weights. */
  readonly weightedPkimm: number | null;
  readonly categories: readonly ExtensionCategoryResult[];
  /** Relevance categories the answers did not give a level for. */
  readonly unansweredRelevance: readonly string[];
}

/** The complete scored assessment. */
export interface Assessment {
  readonly mode: ScoringMode;
  /** `full`: requirement levels; `self-assessment`: category levels. */
  readonly kind: 'full' | 'self-assessment';
  readonly mergePolicy: string;
  readonly overall: ScoreValue;
  readonly modules: Readonly<Record<string, ModuleResult>>;
  readonly categories: Readonly<Record<string, CategoryResult>>;
  readonly requirements: Readonly<Record<string, RequirementResult>>;
  readonly extensions: readonly ExtensionResult[];
}
