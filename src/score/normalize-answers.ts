// Turns a validated answers file into the loaded model's own ids. Answers are written in the numbering of
// `file.model` ("1.0.0", "1.1.0" or "2.0.0"); the model the score runs against may be another version, so every id is
// translated through the version map (model/pkimm/version-map.ts), keyed on the 1.1.0 reference that every supported
// version maps onto. An id the answers' own version does not know is an error; an id that exists there but has no
// counterpart in the loaded model (1.1.0 "7.2" into 2.0.0, Cryptography into 1.0.0) is only a warning.
import type { AnswersFile } from '../../model/answers.js';
import type { ModelCategory, ModelRequirement, PkimmModel } from '../../model/pkimm/types.js';
import { findCategory, findRequirement, schemeOf } from '../../model/pkimm/version-map.js';
import { isLevel, type Level } from '../../model/statement.js';
import { ConfigError } from '../errors.js';

/** What a person answered for one requirement, without its scope entry. */
export interface NormalizedAnswer {
  readonly level?: Level;
  readonly notes?: string;
  readonly evidence?: readonly string[];
}

/** Who assessed, for whom and when; copied from the answers file for the report. */
export interface AnswersMeta {
  readonly organisation?: string;
  readonly assessor?: NonNullable<AnswersFile['assessor']>;
  readonly date?: string;
  readonly useCase?: string;
}

/** An answers file with every id translated into the loaded model's own references and category ids. */
export interface NormalizedAnswers {
  /** `full`: requirement levels; `self-assessment`: category levels. */
  readonly kind: 'full' | 'self-assessment';
  /** Requirement answers keyed by the model's own ref, in model order. */
  readonly requirements: ReadonlyMap<string, NormalizedAnswer>;
  /** Self-assessment category levels keyed by the model's own category id, in model order. */
  readonly categoryLevels: ReadonlyMap<string, Level>;
  /** Categories marked not applicable, with the reason. */
  readonly scopeCategories: ReadonlyMap<string, string>;
  /** Requirements marked not applicable (in `scope` or with `requirements."x".notApplicable`), with the reason. */
  readonly scopeRequirements: ReadonlyMap<string, string>;
  /** Extension relevance answers: extension id → extension category id (as written) → level. */
  readonly relevance: ReadonlyMap<string, ReadonlyMap<string, Level>>;
  readonly meta: AnswersMeta;
  /** Answers that were dropped or adjusted, one readable line each. */
  readonly warnings: readonly string[];
}

type Resolved<T> = { readonly kind: 'found'; readonly item: T } | { readonly kind: 'no-destination'; readonly note: string } | { readonly kind: 'unknown' };

/** Looks ids up in the answers' numbering and finds their counterpart in the loaded model. */
class IdResolver {
  private readonly reqByRef: ReadonlyMap<string, ModelRequirement>;
  private readonly reqBy110: ReadonlyMap<string, ModelRequirement>;
  private readonly catById: ReadonlyMap<string, ModelCategory>;
  private readonly catBy110: ReadonlyMap<string, ModelCategory>;
  private readonly sameNumbering: boolean;
  private readonly scheme: ReturnType<typeof schemeOf>;

  constructor(
    private readonly model: PkimmModel,
    private readonly answersVersion: string,
  ) {
    this.reqByRef = new Map(model.requirements.map((r) => [r.ref, r]));
    this.reqBy110 = new Map(model.requirements.map((r) => [r.ref110, r]));
    this.catById = new Map(model.categories.map((c) => [c.id, c]));
    this.catBy110 = new Map(model.categories.map((c) => [c.id110, c]));
    this.sameNumbering = answersVersion === model.version;
    this.scheme = schemeOf(answersVersion);
  }

  /** Whether the answers' version can be read at all. */
  get supported(): boolean {
    return this.sameNumbering || this.scheme !== undefined;
  }

  requirement(id: string): Resolved<ModelRequirement> {
    if (this.sameNumbering) {
      const item = this.reqByRef.get(id);
      return item === undefined ? { kind: 'unknown' } : { kind: 'found', item };
    }
    const mapping = this.scheme === undefined ? undefined : findRequirement(id, this.scheme);
    if (mapping === undefined) return { kind: 'unknown' };
    const item = this.reqBy110.get(mapping.ref110);
    return item === undefined
      ? { kind: 'no-destination', note: `model ${this.model.version} has no counterpart of ${this.answersVersion} requirement ${id}` }
      : { kind: 'found', item };
  }

  category(id: string): Resolved<ModelCategory> {
    if (this.sameNumbering) {
      const item = this.catById.get(id);
      return item === undefined ? { kind: 'unknown' } : { kind: 'found', item };
    }
    const mapping = this.scheme === undefined ? undefined : findCategory(id, this.scheme);
    if (mapping === undefined) return { kind: 'unknown' };
    const item = this.catBy110.get(mapping.id110);
    return item === undefined
      ? { kind: 'no-destination', note: `model ${this.model.version} has no counterpart of ${this.answersVersion} category ${id}` }
      : { kind: 'found', item };
  }
}

/** Sorts a map's entries into the order of `order` (model order); keys not in `order` go last, in their own order. */
function inOrder<V>(map: ReadonlyMap<string, V>, order: readonly string[]): Map<string, V> {
  const position = new Map(order.map((key, i) => [key, i]));
  return new Map([...map].sort(([a], [b]) => (position.get(a) ?? Infinity) - (position.get(b) ?? Infinity)));
}

/**
 * Translates a validated answers file into the loaded model's ids.
 * Throws ConfigError (one line, naming the file and key) for ids unknown in the answers' own model version and for a
 * file that gives both requirement levels and category levels; returns warnings for answers the model cannot hold.
 */
export function normalizeAnswers(file: AnswersFile, model: PkimmModel, sourceName = 'answers'): NormalizedAnswers {
  function fail(message: string): never {
    throw new ConfigError(`${sourceName}: ${message}`, sourceName);
  }
  const resolver = new IdResolver(model, file.model);
  if (!resolver.supported) fail(`model: unsupported model version ${file.model} (expected 1.0.0, 1.1.0 or 2.0.0)`);

  const warnings: string[] = [];
  const requirements = new Map<string, NormalizedAnswer>();
  const categoryLevels = new Map<string, Level>();
  const scopeCategories = new Map<string, string>();
  const scopeRequirements = new Map<string, string>();

  const withLevel = Object.entries(file.requirements).filter(([, a]) => a.level !== undefined);
  const categoryEntries = Object.entries(file.categories);
  if (withLevel.length > 0 && categoryEntries.length > 0) {
    fail(
      `both requirement levels (requirements."${withLevel[0]![0]}") and category levels (categories."${categoryEntries[0]![0]}") are given; ` +
        'an answers file is either a full assessment (requirements) or a self-assessment (categories)',
    );
  }

  const setRequirementScope = (ref: string, reason: string, key: string): void => {
    const previous = scopeRequirements.get(ref);
    if (previous !== undefined && previous !== reason) warnings.push(`${key}: requirement ${ref} is marked not applicable twice; the first reason is kept`);
    if (previous === undefined) scopeRequirements.set(ref, reason);
  };

  for (const [id, entry] of Object.entries(file.scope)) {
    const key = `scope."${id}"`;
    const category = resolver.category(id);
    if (category.kind === 'found') {
      scopeCategories.set(category.item.id, entry.notApplicable);
      continue;
    }
    const requirement = resolver.requirement(id);
    if (requirement.kind === 'found') {
      setRequirementScope(requirement.item.ref, entry.notApplicable, key);
      continue;
    }
    const dropped = category.kind === 'no-destination' ? category : requirement.kind === 'no-destination' ? requirement : undefined;
    if (dropped === undefined) fail(`${key}: no category or requirement ${id} in model ${file.model}`);
    else warnings.push(`${key}: ${dropped.note}; ignored`);
  }

  for (const [id, answer] of Object.entries(file.requirements)) {
    const key = `requirements."${id}"`;
    const resolved = resolver.requirement(id);
    if (resolved.kind === 'unknown') fail(`${key}: no requirement ${id} in model ${file.model}`);
    if (resolved.kind !== 'found') {
      if (resolved.kind === 'no-destination') warnings.push(`${key}: ${resolved.note}; answer ignored`);
      continue;
    }
    const ref = resolved.item.ref;
    if (requirements.has(ref)) warnings.push(`${key}: requirement ${ref} is answered twice; the later answer is used`);
    if (answer.notApplicable !== undefined) {
      setRequirementScope(ref, answer.notApplicable, key);
      if (answer.level !== undefined) warnings.push(`${key}: has both a level and notApplicable; treated as not applicable`);
    }
    const level = isLevel(answer.level) ? answer.level : undefined;
    const normalized: NormalizedAnswer = {
      ...(level === undefined ? {} : { level }),
      ...(answer.notes === undefined ? {} : { notes: answer.notes }),
      ...(answer.evidence === undefined ? {} : { evidence: answer.evidence }),
    };
    if (Object.keys(normalized).length > 0) requirements.set(ref, normalized);
  }

  for (const [id, value] of categoryEntries) {
    const key = `categories."${id}"`;
    const resolved = resolver.category(id);
    if (resolved.kind === 'unknown') fail(`${key}: no category ${id} in model ${file.model}`);
    if (resolved.kind !== 'found') {
      if (resolved.kind === 'no-destination') warnings.push(`${key}: ${resolved.note}; answer ignored`);
      continue;
    }
    const level = typeof value === 'number' ? value : value.level;
    if (!isLevel(level)) fail(`${key}: level must be an integer 1–5`);
    else categoryLevels.set(resolved.item.id, level);
  }

  const relevance = new Map<string, ReadonlyMap<string, Level>>();
  for (const extensionId of Object.keys(file.extensions).sort()) {
    const levels = new Map<string, Level>();
    for (const [categoryId, level] of Object.entries(file.extensions[extensionId]?.relevance ?? {})) {
      if (isLevel(level)) levels.set(categoryId, level);
      else fail(`extensions."${extensionId}".relevance."${categoryId}": level must be an integer 1–5`);
    }
    relevance.set(extensionId, levels);
  }

  const requirementOrder = model.requirements.map((r) => r.ref);
  const categoryOrder = model.categories.map((c) => c.id);
  return {
    kind: categoryEntries.length > 0 ? 'self-assessment' : 'full',
    requirements: inOrder(requirements, requirementOrder),
    categoryLevels: inOrder(categoryLevels, categoryOrder),
    scopeCategories: inOrder(scopeCategories, categoryOrder),
    scopeRequirements: inOrder(scopeRequirements, requirementOrder),
    relevance,
    meta: {
      ...(file.organisation === undefined ? {} : { organisation: file.organisation }),
      ...(file.assessor === undefined ? {} : { assessor: file.assessor }),
      ...(file.date === undefined ? {} : { date: file.date }),
      ...(file.useCase === undefined ? {} : { useCase: file.useCase }),
    },
    warnings,
  };
}
