// Extension scoring: the worked example of extensions/scoring/_index.md and the PQC G.1 illustration (pkimm-analysis.md §2.6).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ExtensionCategoryOverlay, ExtensionRelevance, ModuleId, Overlay, PkimmExtension } from '../../model/pkimm/types.js';
import type { Level } from '../../model/statement.js';
import { score } from '../../src/score/index.js';
import type { NormalizedAnswers } from '../../src/score/index.js';
import { testModel, tinyModel } from './helpers/model.js';

function answers(levels: Record<string, Level>, relevance: Record<string, Record<string, Level>> = {}, extra: Partial<NormalizedAnswers> = {}): NormalizedAnswers {
  return {
    kind: 'full',
    requirements: new Map(Object.entries(levels).map(([ref, level]) => [ref, { level }])),
    categoryLevels: new Map(),
    scopeCategories: new Map(),
    scopeRequirements: new Map(),
    relevance: new Map(Object.entries(relevance).map(([id, m]) => [id, new Map(Object.entries(m))])),
    meta: {},
    warnings: [],
    ...extra,
  };
}

function extension(partial: Partial<PkimmExtension> & Pick<PkimmExtension, 'compatibility'>): PkimmExtension {
  return { id: 'ext', name: 'Test extension', version: '0.0.1', description: '', floorScore: true, relevance: [], overlays: [], source: 'test', ...partial };
}

const multiplier = (value: number): Overlay => ({ type: 'multiplier', value });

describe('extension worked example (extensions/scoring/_index.md)', () => {
  // C: requirements weighted 3, 2, 1 at levels 4, 3, 4; r1 × 1.5; relevance level 2 at weight 2; category weight 4 × 1.25.
  // C′: weight 3, Level 4.10 (requirements weighted 9 and 1 at levels 4 and 5: 41/10).
  const model = tinyModel('test-1', [
    { id: '1', moduleId: 'G', weight: 4, requirementWeights: [3, 2, 1] },
    { id: '2', moduleId: 'M', weight: 3, requirementWeights: [9, 1] },
  ]);
  const ext = extension({
    compatibility: ['test-1'],
    relevance: [{ moduleId: 'G', categoryId: '1', weight: 2, levels: [] }],
    overlays: [{ moduleId: 'G', categoryId: '1', overlay: multiplier(1.25), requirements: { '1': multiplier(1.5) } }],
  });
  const a = score({ model, answers: answers({ '1.1': 4, '1.2': 3, '1.3': 4, '2.1': 4, '2.2': 5 }, { ext: { '1': 2 } }), extensions: [ext] });
  const result = a.extensions[0]!;

  it('reproduces 3.73 / 3.37 / 3.64 and the floor 3.37', () => {
    const c = result.categories.find((x) => x.categoryId === '1')!;
    expect(c.weightSum).toBe(7.5);
    expect(c.level).toBeCloseTo(28 / 7.5, 14);
    expect(c.level!.toFixed(2)).toBe('3.73');
    expect(c.extensionLevel).toBeCloseTo(32 / 9.5, 14);
    expect(c.extensionLevel!.toFixed(2)).toBe('3.37');
    expect(c.effectiveCategoryWeight).toBe(5);
    expect(c.relevanceLevel).toBe(2);
    expect(c.relevanceWeight).toBe(2);
    expect(c.baselineLevel).toBe(22 / 6);
    const other = result.categories.find((x) => x.categoryId === '2')!;
    expect(other.extensionLevel).toBe(4.1);
    expect(other.effectiveCategoryWeight).toBe(3);
    expect(result.compatible).toBe(true);
    expect(result.score).toBeCloseTo(((32 / 9.5) * 5 + 4.1 * 3) / 8, 14);
    expect(result.score!.toFixed(2)).toBe('3.64');
    expect(result.floor).toBeCloseTo(32 / 9.5, 14);
    expect(result.floor!.toFixed(2)).toBe('3.37');
    expect(result.weightedPkimm).toBeCloseTo(((22 / 6) * 5 + 4.1 * 3) / 8, 14);
    expect(result.unansweredRelevance).toEqual([]);
  });

  it('leaves the baseline untouched', () => {
    const plain = score({ model, answers: answers({ '1.1': 4, '1.2': 3, '1.3': 4, '2.1': 4, '2.2': 5 }) });
    expect(a.overall).toEqual(plain.overall);
    expect(a.categories).toEqual(plain.categories);
  });

  it('falls back to Level_C when the relevance is unanswered, and lists it', () => {
    const b = score({ model, answers: answers({ '1.1': 4, '1.2': 3, '1.3': 4 }), extensions: [ext] }).extensions[0]!;
    expect(b.categories[0]!.extensionLevel).toBeCloseTo(28 / 7.5, 14);
    expect(b.unansweredRelevance).toEqual(['1']);
    // C′ is unassessed, so it is not part of the score (Q17: applicable, assessed categories only).
    expect(b.categories[1]!.extensionLevel).toBeNull();
    expect(b.score).toBeCloseTo(28 / 7.5, 14);
  });

  it('uses only assessed requirements in WeightSum_C (Q16), and clamps overlays at 0', () => {
    const clamp = extension({
      compatibility: ['test-1'],
      overlays: [{ moduleId: 'G', categoryId: '1', overlay: { type: 'addition', value: -10 }, requirements: { '1': { type: 'override', value: 6 } } }],
    });
    const b = score({ model, answers: answers({ '1.1': 4, '1.2': 3, '2.1': 4 }), extensions: [clamp] }).extensions[0]!;
    expect(b.categories[0]!.weightSum).toBe(8);
    expect(b.categories[0]!.level).toBe((4 * 6 + 3 * 2) / 8);
    expect(b.categories[0]!.effectiveCategoryWeight).toBe(0);
    expect(b.score).toBe(4);
    expect(b.floor).toBe(b.categories[0]!.level);
  });

  it('reports an incompatible extension with null scores', () => {
    const b = score({ model, answers: answers({ '1.1': 4 }), extensions: [extension({ compatibility: ['1.1.0'] })] }).extensions[0]!;
    expect(b).toMatchObject({ compatible: false, score: null, floor: null, weightedPkimm: null, categories: [] });
  });

  it('uses the self-assessed category level as Level_C', () => {
    const self = answers({}, { ext: { '1': 2 } }, { kind: 'self-assessment', categoryLevels: new Map<string, Level>([['1', 4], ['2', 3]]) });
    const b = score({ model, answers: self, extensions: [ext] }).extensions[0]!;
    const c = b.categories[0]!;
    expect(c.level).toBe(4);
    expect(c.weightSum).toBe(7.5);
    expect(c.extensionLevel).toBe((4 * 7.5 + 2 * 2) / 9.5);
    expect(b.weightedPkimm).toBe((4 * 5 + 3 * 3) / 8);
  });
});

/** The PQC overlay on G.1 as pkimm-analysis.md §2.6/§4.7 describes it (1.1.0 numbering), built by hand. */
const pqcG1 = extension({
  id: 'pqc',
  compatibility: ['1.1.0'],
  relevance: [{ moduleId: 'G', categoryId: '1', weight: 5, levels: [] }],
  overlays: [{ moduleId: 'G', categoryId: '1', requirements: { '1': multiplier(2), '2': multiplier(2), '3': multiplier(2), '4': multiplier(2.5) } }],
});

describe('PQC extension on model 1.1.0, G.1 illustration', () => {
  const m110 = testModel('1.1.0');
  const a = score({ model: m110, answers: answers({ '1.1': 3, '1.2': 2, '1.3': 3, '1.4': 1 }, { pqc: { '1': 2 } }), extensions: [pqcG1] });
  const g1 = a.extensions[0]!.categories.find((c) => c.categoryId === '1')!;

  it('reproduces 2.50 / 2.4545 / 2.3488', () => {
    expect(g1.baselineLevel).toBe(2.5);
    expect(g1.weightSum).toBe(16.5);
    expect(g1.level).toBeCloseTo(40.5 / 16.5, 14);
    expect(g1.level).toBeCloseTo(2.4545, 4);
    expect(g1.extensionLevel).toBeCloseTo(50.5 / 21.5, 14);
    expect(g1.extensionLevel).toBeCloseTo(2.3488, 4);
    expect(g1.effectiveCategoryWeight).toBe(5);
    expect(a.extensions[0]!.score).toBeCloseTo(50.5 / 21.5, 14);
  });

  it('is not compatible with model 1.0.0 or 2.0.0', () => {
    for (const version of ['1.0.0', '2.0.0']) {
      expect(score({ model: testModel(version), extensions: [pqcG1] }).extensions[0]!.compatible).toBe(false);
    }
  });
});

// Minimal in-test reading of the shipped PQC extension (the real loader is someone else's), to check the hand-built numbers.
const PQC_FILE = new URL('../../../shared/pkimm/extensions/pqc-extension.yaml', import.meta.url).pathname;

interface RawExtension {
  extension: { id: string; name: string; version: string; compatibility: string[]; floorScore?: boolean };
  relevance?: { modules: { id: ModuleId; categories: { id: string; weight: number }[] }[] };
  overlays?: { modules: { id: ModuleId; categories: { id: string; requirements?: { id: string; type: string; multiplier?: number }[] }[] }[] };
}

function readPqc(): PkimmExtension {
  const raw = parse(readFileSync(PQC_FILE, 'utf8')) as RawExtension;
  const relevance: ExtensionRelevance[] = (raw.relevance?.modules ?? []).flatMap((m) => m.categories.map((c) => ({ moduleId: m.id, categoryId: c.id, weight: c.weight, levels: [] })));
  const overlays: ExtensionCategoryOverlay[] = (raw.overlays?.modules ?? []).flatMap((m) =>
    m.categories.map((c) => ({
      moduleId: m.id,
      categoryId: c.id,
      requirements: Object.fromEntries((c.requirements ?? []).filter((r) => r.type === 'multiplier').map((r) => [r.id, multiplier(r.multiplier ?? 1)])),
    })),
  );
  return extension({ id: raw.extension.id, compatibility: raw.extension.compatibility, floorScore: raw.extension.floorScore ?? false, relevance, overlays });
}

describe.runIf(existsSync(PQC_FILE))('PQC extension file (minimal parse)', () => {
  it('gives the WeightSums 16.5, 30, 21.5, 27 and the G.1 illustration', () => {
    const pqc = readPqc();
    const all: Record<string, Level> = {};
    for (const r of testModel('1.1.0').requirements) if (['1', '2', '3', '4'].includes(r.categoryId)) all[r.ref] = 3;
    Object.assign(all, { '1.1': 3, '1.2': 2, '1.3': 3, '1.4': 1 });
    const a = score({ model: testModel('1.1.0'), answers: answers(all, { pqc: { '1': 2 } }), extensions: [pqc] }).extensions[0]!;
    expect(a.categories.slice(0, 4).map((c) => c.weightSum)).toEqual([16.5, 30, 21.5, 27]);
    expect(a.categories[0]!.extensionLevel).toBeCloseTo(50.5 / 21.5, 14);
    expect(a.unansweredRelevance).toEqual(['2', '3', '4']);
    expect(a.floor).not.toBeNull();
  });
});
