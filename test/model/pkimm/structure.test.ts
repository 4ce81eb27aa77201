import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinModel, modelFromYaml } from '../../../model/pkimm/load-model.js';
import { BUILTIN_STRUCTURES } from '../../../model/pkimm/structure.js';
import type { PkimmModel } from '../../../model/pkimm/types.js';
import { CATEGORY_MAP, DEPRECATED_IN_200, findCategory, findRequirement, REQUIREMENT_MAP } from '../../../model/pkimm/version-map.js';

const SHARED_MODELS = join(import.meta.dirname, '../../../../shared/pkimm/model');
const hasShared = existsSync(SHARED_MODELS);

/** Expected totals per version: Σ category weights, requirement count, Σ requirement weights. */
const TOTALS = [
  { version: '1.0.0', file: 'pkimm-model-1.0.0.yaml', categories: 15, catWeight: 47, requirements: 72, reqWeight: 210 },
  { version: '1.1.0', file: 'pkimm-model-1.1.0.yaml', categories: 16, catWeight: 52, requirements: 78, reqWeight: 235 },
  { version: '2.0.0', file: 'pkimm-model-2.0.0-draft.yaml', categories: 16, catWeight: 52, requirements: 76, reqWeight: 230 },
] as const;

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** The structural facts of a model: module membership, ids, names, weights, in order. */
const facts = (model: PkimmModel) =>
  model.modules.map((m) => ({
    id: m.id,
    name: m.name,
    categories: m.categories.map((c) => ({ id: c.id, name: c.name, weight: c.weight, requirements: c.requirements.map((r) => ({ id: r.id, weight: r.weight })) })),
  }));

describe('builtin structure', () => {
  it.each(TOTALS)('$version has $categories categories (Σ$catWeight) and $requirements requirements (Σ$reqWeight)', (t) => {
    const model = builtinModel(t.version);
    expect(model.categories).toHaveLength(t.categories);
    expect(sum(model.categories.map((c) => c.weight))).toBe(t.catWeight);
    expect(model.requirements).toHaveLength(t.requirements);
    expect(sum(model.requirements.map((r) => r.weight))).toBe(t.reqWeight);
    expect(model.modules.map((m) => m.id)).toEqual(['G', 'M', 'O', 'R']);
  });

  it('maps every builtin requirement and category to one distinct 1.1.0 ref', () => {
    for (const t of TOTALS) {
      const model = builtinModel(t.version);
      const refs = model.requirements.map((r) => r.ref110);
      expect(new Set(refs).size).toBe(refs.length);
      const cats = model.categories.map((c) => c.id110);
      expect(new Set(cats).size).toBe(cats.length);
    }
  });

  it('keeps the version map in step with the 1.1.0 structure and the other versions', () => {
    const v110 = builtinModel('1.1.0');
    expect(REQUIREMENT_MAP.map((m) => m.ref110)).toEqual(v110.requirements.map((r) => r.ref));
    expect(CATEGORY_MAP.map((c) => c.id110)).toEqual(v110.categories.map((c) => c.id));
    expect(REQUIREMENT_MAP.filter((m) => m.ref100 !== undefined)).toHaveLength(72);
    expect(REQUIREMENT_MAP.filter((m) => m.slug200 !== undefined)).toHaveLength(76);
    expect(REQUIREMENT_MAP.filter((m) => m.slug200 === undefined).map((m) => m.ref110)).toEqual([...DEPRECATED_IN_200]);
    // Weights agree across versions for every mapped requirement.
    const v100 = builtinModel('1.0.0');
    const v200 = builtinModel('2.0.0');
    for (const r of v110.requirements) {
      const m = findRequirement(r.ref, '1.1.0')!;
      if (m.ref100 !== undefined) expect(v100.requirement(m.ref100)?.weight).toBe(r.weight);
      if (m.slug200 !== undefined) expect(v200.requirement(m.slug200)?.weight).toBe(r.weight);
    }
    for (const c of CATEGORY_MAP) {
      expect(findCategory(c.slug200, '2.0.0')?.id110).toBe(c.id110);
      if (c.id100 !== undefined) expect(findCategory(c.id100, '1.0.0')?.id110).toBe(c.id110);
    }
  });

  it('flags 6.5 and 7.2 (1.1.0) and 5.5 and 6.2 (1.0.0) as deprecated', () => {
    expect(builtinModel('1.1.0').requirements.filter((r) => r.deprecated === true).map((r) => r.ref)).toEqual(['6.5', '7.2']);
    expect(builtinModel('1.0.0').requirements.filter((r) => r.deprecated === true).map((r) => r.ref)).toEqual(['5.5', '6.2']);
    expect(builtinModel('2.0.0').requirements.some((r) => r.deprecated === true)).toBe(false);
  });
});

describe.runIf(hasShared)('parity with the official model files in ../shared/pkimm/model', () => {
  it.each(TOTALS)('$file has exactly the builtin structure of $version', (t) => {
    const text = readFileSync(join(SHARED_MODELS, t.file), 'utf8');
    const loaded = modelFromYaml(text, { kind: 'file', location: t.file });
    const builtin = builtinModel(t.version);
    expect(loaded.version).toBe(t.version);
    expect(loaded.schemaVersion).toBe(BUILTIN_STRUCTURES[t.version]!.schemaVersion);
    expect(facts(loaded)).toEqual(facts(builtin));
    expect(loaded.levelNames).toEqual(builtin.levelNames);
    expect(loaded.requirements.map((r) => r.ref110)).toEqual(builtin.requirements.map((r) => r.ref110));
    expect(loaded.categories.map((c) => c.id110)).toEqual(builtin.categories.map((c) => c.id110));
    expect(sum(loaded.categories.map((c) => c.weight))).toBe(t.catWeight);
    expect(sum(loaded.requirements.map((r) => r.weight))).toBe(t.reqWeight);
    expect(loaded.categories.every((c) => c.levels.length === 5)).toBe(true);
  });
});
