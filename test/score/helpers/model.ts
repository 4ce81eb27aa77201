// Test helper: the builtin models (structure facts, no texts) and tiny hand-made models for the scorer tests.
import { builtinModel } from '../../../model/pkimm/load-model.js';
import type { Level } from '../../../model/statement.js';
import type { ModelCategory, ModelModule, ModuleId, PkimmModel } from '../../../model/pkimm/types.js';

const LEVEL_NUMBERS: readonly Level[] = [1, 2, 3, 4, 5];

/** A category of a hand-made model: requirement weights in order (ids "1", "2", …). */
export interface TinyCategory {
  readonly id: string;
  readonly moduleId: ModuleId;
  readonly weight: number;
  readonly requirementWeights: readonly number[];
  readonly name?: string;
}

function assemble(
  version: string,
  levelNames: readonly [string, string, string, string, string],
  categories: readonly ModelCategory[],
): PkimmModel {
  const moduleNames: Record<ModuleId, string> = { G: 'Governance', M: 'Management', O: 'Operations', R: 'Resources' };
  const modules: ModelModule[] = (['G', 'M', 'O', 'R'] as const)
    .map((id) => ({ id, name: moduleNames[id], categories: categories.filter((c) => c.moduleId === id) }))
    .filter((m) => m.categories.length > 0);
  const requirements = categories.flatMap((c) => c.requirements);
  const reqByRef = new Map(requirements.map((r) => [r.ref, r]));
  const reqBy110 = new Map(requirements.map((r) => [r.ref110, r]));
  const catById = new Map(categories.map((c) => [c.id, c]));
  const catBy110 = new Map(categories.map((c) => [c.id110, c]));
  return {
    version,
    schemaVersion: version.startsWith('2.') ? '2.0.0' : '1.0.0',
    source: { kind: 'builtin', location: `test:${version}` },
    modules,
    levelNames,
    categories,
    requirements,
    requirement: (ref) => reqByRef.get(ref) ?? reqBy110.get(ref),
    category: (id) => catById.get(id) ?? catBy110.get(id),
  };
}

function levelsOf(names: readonly [string, string, string, string, string]): ModelCategory['levels'] {
  return LEVEL_NUMBERS.map((number) => ({ number, name: names[number - 1]! }));
}

/** Builds a model of a builtin version ("1.0.0", "1.1.0", "2.0.0"): the tool's own builtin structure model. */
export function testModel(version = '1.1.0'): PkimmModel {
  return builtinModel(version);
}

/** Builds a small hand-made model (refs "<cat>.<n>", 1.1.0 refs equal to the own refs). */
export function tinyModel(version: string, categories: readonly TinyCategory[]): PkimmModel {
  const levelNames: [string, string, string, string, string] = ['Initial', 'Basic', 'Advanced', 'Managed', 'Optimized'];
  return assemble(
    version,
    levelNames,
    categories.map((c) => ({
      id: c.id,
      id110: c.id,
      moduleId: c.moduleId,
      name: c.name ?? `Category ${c.id}`,
      weight: c.weight,
      levels: levelsOf(levelNames),
      requirements: c.requirementWeights.map((weight, i) => ({
        id: String(i + 1),
        ref: `${c.id}.${i + 1}`,
        ref110: `${c.id}.${i + 1}`,
        categoryId: c.id,
        moduleId: c.moduleId,
        weight,
        title: `Requirement ${c.id}.${i + 1}`,
      })),
    })),
  );
}
