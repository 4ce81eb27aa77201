// The scorer: a pure function from (model, answers, assessor statements, mode, extensions) to an Assessment.
// Arithmetic follows ../shared/docs/pkimm-analysis.md §2; the merge of answers and statements is merge-policy.ts.
//
// Modes (ScoringMode):
//  - `methodology` (default; the written methodology as the PKIC web tool implements it, §2.3): unanswered
//    requirements are excluded from averages; a category with nothing answered is `not-evaluated` (raw null) and stays
//    out of the roll-ups; a category scoped out, or whose requirements are all N/A, is `not-applicable`. Module and
//    overall values are weighted by category weight over the raw (untruncated) category averages. Displayed levels
//    are TRUNC(raw). Completeness is reported at every level.
//  - `excel` (the official assessment workbook v240318, §2.2): an unanswered in-scope requirement counts as 0 and keeps
//    its weight; a category with nothing answered has raw 0 ("Not evaluated") and still rolls up with its weight;
//    module and overall come from the raw category averages, computed in the workbook's own order of operations; an
//    in-scope category whose requirements are all N/A is #DIV/0! (quirk Q5) and makes its module and the overall
//    #DIV/0! too (status `error`). We model the *patched* template: requirement-level N/A applies to the requirement
//    the person marked, not to the cell the shipped workbook mis-reads (quirk Q21, §2.5.1), which is not reproduced.
//  - self-assessment answers (category levels): N/A and unanswered categories are excluded and module/overall =
//    TRUNC(Σ W_c·L_c / Σ W_c) in both modes (the self-assessment workbook also drops blanks, §2.4).
//
// Extensions (§2.1): overlays change requirement and category weights (clamped at ≥ 0). Level_C is the category level
// with overlay-adjusted requirement weights (full assessment) or the self-assessed category level. WeightSum_C is the
// sum of the effective weights of the *assessed*, in-scope requirements — the web tool's reading (quirk Q16); in a
// self-assessment, where no requirement is assessed, it is the sum over the in-scope requirements. Level_C and
// WeightSum_C use assessed requirements only in both modes (an excel-mode 0 for "unanswered" is not a level).
// ExtensionScore covers every applicable, assessed category, untouched ones at their base weight (Q17); the weighted
// PKIMM uses the baseline Level_C with the extension's category weights (Q18). Values carry full precision.
import type {
  Assessment,
  CategoryResult,
  Completeness,
  ExtensionCategoryResult,
  ExtensionResult,
  ModuleResult,
  RequirementResult,
  ScoreValue,
  ScoringMode,
} from '../../model/assessment.js';
import type { ModelCategory, ModelRequirement, Overlay, PkimmExtension, PkimmModel } from '../../model/pkimm/types.js';
import { findCategory, findRequirement, schemeOf } from '../../model/pkimm/version-map.js';
import type { Level, Statement } from '../../model/statement.js';
import { MERGE_POLICY_ID, mergeRequirement } from './merge-policy.js';
import type { NormalizedAnswers } from './normalize-answers.js';

/** Everything the scorer reads. */
export interface ScoreInput {
  readonly model: PkimmModel;
  /** The person's answers, already translated into the model's ids; none means nothing is answered. */
  readonly answers?: NormalizedAnswers;
  /** Assessor statements (1.1.0 refs); statements about requirements the model lacks are dropped. */
  readonly statements?: readonly Statement[];
  /** Default `methodology`. */
  readonly mode?: ScoringMode;
  readonly extensions?: readonly PkimmExtension[];
  /** Coverage of each requirement (1.1.0 ref) by the registered assessors, whether or not they said anything. */
  readonly coverage?: ReadonlyMap<string, 'automated' | 'partial'>;
}

const NO_ANSWERS: NormalizedAnswers = {
  kind: 'full',
  requirements: new Map(),
  categoryLevels: new Map(),
  scopeCategories: new Map(),
  scopeRequirements: new Map(),
  relevance: new Map(),
  meta: {},
  warnings: [],
};

const DERIVED_NA = 'every requirement of the category is not applicable';

/** A category's value plus what the roll-ups need. */
interface CategoryScore {
  readonly category: ModelCategory;
  readonly result: CategoryResult;
}

function completeness(answered: number, inScope: number, notApplicable: number): Completeness {
  return { answered, inScope, notApplicable, ratio: inScope === 0 ? 1 : answered / inScope };
}

function sumCompleteness(parts: readonly Completeness[]): Completeness {
  let answered = 0;
  let inScope = 0;
  let notApplicable = 0;
  for (const p of parts) {
    answered += p.answered;
    inScope += p.inScope;
    notApplicable += p.notApplicable;
  }
  return completeness(answered, inScope, notApplicable);
}

/** Builds a ScoreValue: level = TRUNC(raw), label from the model's level names. */
function scoreValue(model: PkimmModel, raw: number | null, status: ScoreValue['status'], done: Completeness, error?: string): ScoreValue {
  const level = raw === null || !Number.isFinite(raw) ? 0 : Math.min(5, Math.max(0, Math.trunc(raw)));
  const label =
    status === 'not-applicable' ? 'Not applicable' : status === 'error' ? '#DIV/0!' : level === 0 ? 'Not evaluated' : model.levelNames[level - 1]!;
  return {
    raw,
    level,
    label,
    progress: raw === null ? 0 : raw - level,
    status,
    ...(error === undefined ? {} : { error }),
    completeness: done,
  };
}

/** Scores one category of a full assessment (requirement levels). */
function scoreFullCategory(model: PkimmModel, mode: ScoringMode, category: ModelCategory, requirements: readonly RequirementResult[], scopedOut: string | undefined): CategoryResult {
  const inScope = requirements.filter((r) => r.source !== 'not-applicable');
  const answered = inScope.filter((r) => r.level !== undefined);
  const done = completeness(answered.length, inScope.length, requirements.length - inScope.length);
  const base = { id: category.id, id110: category.id110, name: category.name, moduleId: category.moduleId, weight: category.weight };
  if (scopedOut !== undefined) return { ...base, ...scoreValue(model, null, 'not-applicable', done), notApplicable: scopedOut };

  let num = 0;
  let answeredWeight = 0;
  let inScopeWeight = 0;
  for (const r of inScope) {
    inScopeWeight += r.weight;
    if (r.level === undefined) continue;
    num += r.level * r.weight;
    answeredWeight += r.weight;
  }

  if (mode === 'excel') {
    if (inScope.length === 0 || inScopeWeight === 0) {
      const error =
        `category ${category.id} is in scope but every requirement in it is not applicable: the workbook divides by zero ` +
        '(#DIV/0!, quirk Q5); scope the category out instead';
      return { ...base, ...scoreValue(model, null, 'error', done, error) };
    }
    // Workbook N13: SUM(N)/SUM(E), unanswered rows count 0 with their weight.
    return { ...base, ...scoreValue(model, num / inScopeWeight, answered.length === 0 ? 'not-evaluated' : 'scored', done) };
  }

  if (inScope.length === 0) return { ...base, ...scoreValue(model, null, 'not-applicable', done), notApplicable: DERIVED_NA };
  if (answered.length === 0 || answeredWeight === 0) return { ...base, ...scoreValue(model, null, 'not-evaluated', done) };
  return { ...base, ...scoreValue(model, num / answeredWeight, 'scored', done) };
}

/** Scores one category of a self-assessment (a level per category). */
function scoreSelfCategory(model: PkimmModel, category: ModelCategory, requirements: readonly RequirementResult[], scopedOut: string | undefined, level: Level | undefined): CategoryResult {
  const base = { id: category.id, id110: category.id110, name: category.name, moduleId: category.moduleId, weight: category.weight };
  const allOut = requirements.length > 0 && requirements.every((r) => r.source === 'not-applicable');
  const reason = scopedOut ?? (allOut ? DERIVED_NA : undefined);
  if (reason !== undefined) return { ...base, ...scoreValue(model, null, 'not-applicable', completeness(0, 0, 1)), notApplicable: reason };
  if (level === undefined) return { ...base, ...scoreValue(model, null, 'not-evaluated', completeness(0, 1, 0)) };
  return { ...base, ...scoreValue(model, level, 'scored', completeness(1, 1, 0)) };
}

/** Weighted mean Σ W·raw / Σ W over categories with a raw value (methodology and self-assessment roll-ups). */
function excludingRollup(model: PkimmModel, categories: readonly CategoryResult[]): { value: ScoreValue; weight: number } {
  const done = sumCompleteness(categories.map((c) => c.completeness));
  let num = 0;
  let weight = 0;
  for (const c of categories) {
    if (c.status !== 'scored' || c.raw === null || c.raw <= 0) continue;
    num += c.weight * c.raw;
    weight += c.weight;
  }
  if (weight > 0) return { value: scoreValue(model, num / weight, 'scored', done), weight };
  const allOut = categories.every((c) => c.status === 'not-applicable');
  return { value: scoreValue(model, null, allOut ? 'not-applicable' : 'not-evaluated', done), weight: 0 };
}

/** Workbook module value (N10): (raw_c·W_c + …) / Σ W_c over the module's in-scope categories. */
function excelModule(model: PkimmModel, categories: readonly CategoryResult[]): { value: ScoreValue; weight: number } {
  const done = sumCompleteness(categories.map((c) => c.completeness));
  const included = categories.filter((c) => c.status !== 'not-applicable');
  const broken = included.filter((c) => c.status === 'error');
  if (broken.length > 0) {
    const ids = broken.map((c) => c.id).join(', ');
    return { value: scoreValue(model, null, 'error', done, `category ${ids} is #DIV/0! in the workbook, so this module is too (quirk Q5)`), weight: 0 };
  }
  let num = 0;
  let weight = 0;
  for (const c of included) {
    num += (c.raw ?? 0) * c.weight;
    weight += c.weight;
  }
  // Every category out of scope: the workbook shows 0 with an N/A badge; we report not-applicable.
  if (included.length === 0 || weight === 0) return { value: scoreValue(model, null, 'not-applicable', done), weight: 0 };
  const anyAnswered = included.some((c) => c.status === 'scored');
  return { value: scoreValue(model, num / weight, anyAnswered ? 'scored' : 'not-evaluated', done), weight };
}

/** Workbook overall value (N7): Σ_m (Σ W_c of m)·raw_m / Σ W_c. */
function excelOverall(model: PkimmModel, modules: readonly ModuleResult[], categories: readonly CategoryResult[]): ScoreValue {
  const done = sumCompleteness(categories.map((c) => c.completeness));
  const broken = modules.filter((m) => m.status === 'error');
  if (broken.length > 0) {
    const ids = broken.map((m) => m.id).join(', ');
    return scoreValue(model, null, 'error', done, `module ${ids} is #DIV/0! in the workbook, so the overall level is too (quirk Q5)`);
  }
  let num = 0;
  let weight = 0;
  for (const m of modules) {
    num += m.weight * (m.raw ?? 0);
    weight += m.weight;
  }
  if (weight === 0) return scoreValue(model, null, 'error', done, 'every category is out of scope: the workbook divides by zero (#DIV/0!)');
  const anyAnswered = categories.some((c) => c.status === 'scored');
  return scoreValue(model, num / weight, anyAnswered ? 'scored' : 'not-evaluated', done);
}

function applyOverlay(base: number, overlay: Overlay | undefined): number {
  if (overlay === undefined) return base;
  const value = overlay.type === 'multiplier' ? base * overlay.value : overlay.type === 'addition' ? base + overlay.value : overlay.value;
  return Math.max(0, value);
}

interface ExtensionContext {
  readonly model: PkimmModel;
  readonly answers: NormalizedAnswers;
  readonly requirements: Readonly<Record<string, RequirementResult>>;
  readonly categories: Readonly<Record<string, CategoryResult>>;
}

/** Finds the model category and requirement an extension's ids (written in its compatibility version) refer to. */
function extensionResolver(model: PkimmModel, numbering: string): {
  category(id: string): ModelCategory | undefined;
  requirement(category: ModelCategory, extCategoryId: string, id: string): ModelRequirement | undefined;
} {
  const catById = new Map(model.categories.map((c) => [c.id, c]));
  const catBy110 = new Map(model.categories.map((c) => [c.id110, c]));
  const reqBy110 = new Map(model.requirements.map((r) => [r.ref110, r]));
  const scheme = schemeOf(numbering);
  if (numbering === model.version || scheme === undefined || scheme === 'excel') {
    return {
      category: (id) => catById.get(id),
      requirement: (category, _extCategoryId, id) => category.requirements.find((r) => r.id === id),
    };
  }
  return {
    category: (id) => {
      const mapping = findCategory(id, scheme);
      return mapping === undefined ? undefined : catBy110.get(mapping.id110);
    },
    requirement: (_category, extCategoryId, id) => {
      const mapping = findRequirement(scheme === '2.0.0' ? `${extCategoryId}/${id}` : `${extCategoryId}.${id}`, scheme);
      return mapping === undefined ? undefined : reqBy110.get(mapping.ref110);
    },
  };
}

/** Scores one extension (§2.1 formulas; see the header comment for the choices made). */
function scoreExtension(extension: PkimmExtension, ctx: ExtensionContext): ExtensionResult {
  const { model, answers } = ctx;
  const head = { id: extension.id, name: extension.name, version: extension.version };
  if (!extension.compatibility.includes(model.version)) {
    return { ...head, compatible: false, score: null, floor: null, weightedPkimm: null, categories: [], unansweredRelevance: [] };
  }
  // Ids are written in the version the extension declares (the first, when it names several).
  const resolve = extensionResolver(model, extension.compatibility[0] ?? model.version);

  const requirementOverlays = new Map<string, Overlay>();
  const categoryOverlays = new Map<string, Overlay>();
  for (const entry of extension.overlays) {
    const category = resolve.category(entry.categoryId);
    if (category === undefined) continue;
    if (entry.overlay !== undefined) categoryOverlays.set(category.id, entry.overlay);
    for (const [requirementId, overlay] of Object.entries(entry.requirements)) {
      const requirement = resolve.requirement(category, entry.categoryId, requirementId);
      if (requirement !== undefined) requirementOverlays.set(requirement.ref, overlay);
    }
  }

  const given = answers.relevance.get(extension.id);
  const relevance = new Map<string, { weight: number; level?: Level }>();
  const unansweredRelevance: string[] = [];
  for (const entry of extension.relevance) {
    const category = resolve.category(entry.categoryId);
    const level = given?.get(entry.categoryId) ?? given?.get(`${entry.moduleId}.${entry.categoryId}`);
    if (level === undefined) unansweredRelevance.push(entry.categoryId);
    if (category !== undefined) relevance.set(category.id, { weight: entry.weight, ...(level === undefined ? {} : { level }) });
  }

  const categories: ExtensionCategoryResult[] = [];
  for (const category of model.categories) {
    const result = ctx.categories[category.id]!;
    const inScope = category.requirements.map((r) => ctx.requirements[r.ref]!).filter((r) => r.source !== 'not-applicable');
    const applicable = result.status !== 'not-applicable' && result.status !== 'error' && inScope.length > 0;
    const effectiveCategoryWeight = applyOverlay(category.weight, categoryOverlays.get(category.id));
    const effective = (r: RequirementResult): number => applyOverlay(r.weight, requirementOverlays.get(r.ref));

    let level: number | null = null;
    let baselineLevel: number | null = null;
    let weightSum = 0;
    if (applicable && answers.kind === 'self-assessment') {
      const selfLevel = answers.categoryLevels.get(category.id);
      weightSum = inScope.reduce((sum, r) => sum + effective(r), 0);
      if (selfLevel !== undefined) {
        level = selfLevel;
        baselineLevel = selfLevel;
      }
    } else if (applicable) {
      let num = 0;
      let baseNum = 0;
      let baseWeight = 0;
      for (const r of inScope) {
        if (r.level === undefined) continue;
        const w = effective(r);
        num += r.level * w;
        weightSum += w;
        baseNum += r.level * r.weight;
        baseWeight += r.weight;
      }
      if (weightSum > 0) level = num / weightSum;
      if (baseWeight > 0) baselineLevel = baseNum / baseWeight;
    }

    const rel = relevance.get(category.id);
    let extensionLevel = level;
    if (level !== null && rel?.level !== undefined && weightSum + rel.weight > 0) {
      extensionLevel = (level * weightSum + rel.level * rel.weight) / (weightSum + rel.weight);
    }
    categories.push({
      categoryId: category.id,
      level,
      baselineLevel,
      weightSum,
      effectiveCategoryWeight,
      ...(rel?.level === undefined ? {} : { relevanceLevel: rel.level }),
      ...(rel === undefined ? {} : { relevanceWeight: rel.weight }),
      extensionLevel,
    });
  }

  const assessed = categories.filter((c) => c.extensionLevel !== null && c.baselineLevel !== null);
  let num = 0;
  let baseNum = 0;
  let weight = 0;
  for (const c of assessed) {
    num += c.extensionLevel! * c.effectiveCategoryWeight;
    baseNum += c.baselineLevel! * c.effectiveCategoryWeight;
    weight += c.effectiveCategoryWeight;
  }
  const floor = extension.floorScore && assessed.length > 0 ? Math.min(...assessed.map((c) => c.extensionLevel!)) : null;
  return {
    ...head,
    compatible: true,
    score: weight > 0 ? num / weight : null,
    floor,
    weightedPkimm: weight > 0 ? baseNum / weight : null,
    categories,
    unansweredRelevance,
  };
}

/** Scores an assessment: merges answers with assessor statements, then applies the PKIMM arithmetic of the chosen mode. */
export function score(input: ScoreInput): Assessment {
  const { model } = input;
  const mode: ScoringMode = input.mode ?? 'methodology';
  const answers = input.answers ?? NO_ANSWERS;

  const bySource110 = new Map(model.requirements.map((r) => [r.ref110, r]));
  const statementsByRef = new Map<string, Statement[]>();
  for (const s of input.statements ?? []) {
    const requirement = bySource110.get(s.ref);
    if (requirement === undefined) continue;
    const list = statementsByRef.get(requirement.ref);
    if (list === undefined) statementsByRef.set(requirement.ref, [s]);
    else list.push(s);
  }

  const requirements: Record<string, RequirementResult> = {};
  for (const r of model.requirements) {
    const notApplicable = answers.scopeCategories.get(r.categoryId) ?? answers.scopeRequirements.get(r.ref);
    const answer = answers.requirements.get(r.ref);
    const coverage = input.coverage?.get(r.ref110);
    const outcome = mergeRequirement({
      statements: statementsByRef.get(r.ref) ?? [],
      ...(answer === undefined ? {} : { answer }),
      ...(notApplicable === undefined ? {} : { notApplicable }),
      ...(coverage === undefined ? {} : { coverage }),
    });
    requirements[r.ref] = {
      ref: r.ref,
      ref110: r.ref110,
      categoryId: r.categoryId,
      title: r.title,
      weight: r.weight,
      source: outcome.source,
      ...(outcome.level === undefined ? {} : { level: outcome.level }),
      ...(outcome.draftLevel === undefined ? {} : { draftLevel: outcome.draftLevel }),
      coverage: outcome.coverage,
      ...(outcome.automated === undefined ? {} : { automated: outcome.automated }),
      ...(answer === undefined
        ? {}
        : {
            answer: {
              ...(answer.level === undefined ? {} : { level: answer.level }),
              ...(answer.notes === undefined ? {} : { notes: answer.notes }),
              ...(answer.evidence === undefined ? {} : { evidence: answer.evidence }),
            },
          }),
      ...(notApplicable === undefined ? {} : { notApplicable }),
      ...(r.deprecated === true ? { deprecated: true } : {}),
      conflicts: outcome.conflicts,
    };
  }

  const scored: CategoryScore[] = model.categories.map((category) => {
    const reqs = category.requirements.map((r) => requirements[r.ref]!);
    const scopedOut = answers.scopeCategories.get(category.id);
    const result =
      answers.kind === 'self-assessment'
        ? scoreSelfCategory(model, category, reqs, scopedOut, answers.categoryLevels.get(category.id))
        : scoreFullCategory(model, mode, category, reqs, scopedOut);
    return { category, result };
  });
  const categories: Record<string, CategoryResult> = {};
  for (const { category, result } of scored) categories[category.id] = result;
  const allCategories = scored.map((s) => s.result);

  const excel = mode === 'excel' && answers.kind === 'full';
  const modules: Record<string, ModuleResult> = {};
  const moduleList: ModuleResult[] = [];
  for (const m of model.modules) {
    const members = m.categories.map((c) => categories[c.id]!);
    const { value, weight } = excel ? excelModule(model, members) : excludingRollup(model, members);
    const result: ModuleResult = { id: m.id, name: m.name, weight, ...value };
    modules[m.id] = result;
    moduleList.push(result);
  }

  const overall = excel ? excelOverall(model, moduleList, allCategories) : excludingRollup(model, allCategories).value;
  const extensions = (input.extensions ?? []).map((extension) => scoreExtension(extension, { model, answers, requirements, categories }));

  return { mode, kind: answers.kind, mergePolicy: MERGE_POLICY_ID, overall, modules, categories, requirements, extensions };
}
