// Test helper: builds PkimmModel objects from the builtin structure facts (no texts), and tiny hand-made models.
// Stands in for model/pkimm/load-model.ts while that file is being written.
import { BUILTIN_STRUCTURES } from '../../../model/pkimm/structure.js';
import { CATEGORY_MAP, DEPRECATED_IN_200, findCategory, findRequirement, schemeOf } from '../../../model/pkimm/version-map.js';
import type { Level } from '../../../model/statement.js';
import type { ModelCategory, ModelModule, ModelRequirement, ModuleId, PkimmModel } from '../../../model/pkimm/types.js';

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

/** Builds a model of a builtin version ("1.0.0", "1.1.0", "2.0.0") from the structure facts and the version map. */
export function testModel(version = '1.1.0'): PkimmModel {
  const structure = BUILTIN_STRUCTURES[version];
  const scheme = schemeOf(version);
  if (structure === undefined || scheme === undefined || scheme === 'excel') throw new Error(`no builtin structure ${version}`);
  const levelNames = structure.levelNames.map((n) => n.replace(/^\d+\s*-\s*/, '')) as unknown as [string, string, string, string, string];
  const slugs = scheme === '2.0.0';
  const categories: ModelCategory[] = structure.modules.flatMap((m) =>
    m.categories.map((c) => {
      const id110 = findCategory(c.id, scheme)?.id110;
      if (id110 === undefined) throw new Error(`category ${c.id} of ${version} is not in the version map`);
      const requirements: ModelRequirement[] = c.requirements.map((r) => {
        const ref = slugs ? `${c.id}/${r.id}` : `${c.id}.${r.id}`;
        const mapping = findRequirement(ref, scheme);
        if (mapping === undefined) throw new Error(`requirement ${ref} of ${version} is not in the version map`);
        return {
          id: r.id,
          ref,
          ref110: mapping.ref110,
          categoryId: c.id,
          moduleId: m.id,
          weight: r.weight,
          title: mapping.label,
          ...(DEPRECATED_IN_200.includes(mapping.ref110) && !slugs ? { deprecated: true } : {}),
        };
      });
      return { id: c.id, id110, moduleId: m.id, name: c.name, weight: c.weight, levels: levelsOf(levelNames), requirements };
    }),
  );
  if (categories.length !== (version === '1.0.0' ? CATEGORY_MAP.length - 1 : CATEGORY_MAP.length)) throw new Error('unexpected category count');
  return assemble(version, levelNames, categories);
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
