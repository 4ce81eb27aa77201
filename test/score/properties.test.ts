// Property tests of the scorer over random answers to model 1.1.0.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Assessment, ScoringMode } from '../../model/assessment.js';
import type { Level } from '../../model/statement.js';
import { score } from '../../src/score/index.js';
import type { NormalizedAnswer, NormalizedAnswers } from '../../src/score/index.js';
import { testModel } from './helpers/model.js';

const model = testModel('1.1.0');

type Cell = Level | 'unanswered' | 'na';

interface Draw {
  /** Per category: scoped out, and (when set) the single level all its answered requirements get. */
  readonly categories: readonly { readonly out: boolean; readonly uniform: Level | null }[];
  readonly cells: readonly Cell[];
}

const level = fc.constantFrom<Level>(1, 2, 3, 4, 5);
const cell: fc.Arbitrary<Cell> = fc.oneof({ weight: 6, arbitrary: level }, { weight: 3, arbitrary: fc.constant('unanswered' as const) }, { weight: 1, arbitrary: fc.constant('na' as const) });
const draw: fc.Arbitrary<Draw> = fc.record({
  categories: fc.array(fc.record({ out: fc.integer({ min: 0, max: 9 }).map((n) => n === 0), uniform: fc.option(level, { nil: null }) }), {
    minLength: model.categories.length,
    maxLength: model.categories.length,
  }),
  cells: fc.array(cell, { minLength: model.requirements.length, maxLength: model.requirements.length }),
});

function toAnswers(d: Draw): NormalizedAnswers {
  const requirements = new Map<string, NormalizedAnswer>();
  const scopeRequirements = new Map<string, string>();
  const scopeCategories = new Map<string, string>();
  model.categories.forEach((c, i) => {
    if (d.categories[i]!.out) scopeCategories.set(c.id, 'out');
  });
  model.requirements.forEach((r, i) => {
    const value = d.cells[i]!;
    const uniform = d.categories[model.categories.findIndex((c) => c.id === r.categoryId)]!.uniform;
    if (value === 'na') scopeRequirements.set(r.ref, 'na');
    else if (value !== 'unanswered') requirements.set(r.ref, { level: uniform ?? value });
  });
  return { kind: 'full', requirements, categoryLevels: new Map(), scopeCategories, scopeRequirements, relevance: new Map(), meta: {}, warnings: [] };
}

const run = (answers: NormalizedAnswers, mode: ScoringMode): Assessment => score({ model, answers, mode });
const modes: readonly ScoringMode[] = ['methodology', 'excel'];

describe('scorer properties', () => {
  it('keeps levels within 0–5 and raw values within range when scored', () => {
    fc.assert(
      fc.property(draw, (d) => {
        for (const mode of modes) {
          const a = run(toAnswers(d), mode);
          const values = [a.overall, ...Object.values(a.modules), ...Object.values(a.categories)];
          for (const v of values) {
            expect(v.level).toBeGreaterThanOrEqual(0);
            expect(v.level).toBeLessThanOrEqual(5);
            expect(Number.isInteger(v.level)).toBe(true);
            if (v.status === 'scored') {
              expect(v.raw).not.toBeNull();
              expect(v.raw!).toBeGreaterThanOrEqual(mode === 'methodology' ? 1 : 0);
              expect(v.raw!).toBeLessThanOrEqual(5);
              expect(v.level).toBe(Math.trunc(v.raw!));
              expect(v.progress).toBeGreaterThanOrEqual(0);
              expect(v.progress).toBeLessThan(1);
            }
            if (v.status === 'not-applicable' || v.status === 'error') expect(v.raw).toBeNull();
          }
          for (const r of Object.values(a.requirements)) if (r.level !== undefined) expect([1, 2, 3, 4, 5]).toContain(r.level);
        }
      }),
    );
  });

  it('marking a category N/A never changes the other categories', () => {
    fc.assert(
      fc.property(draw, fc.nat({ max: model.categories.length - 1 }), (d, index) => {
        const target = model.categories[index]!.id;
        const answers = toAnswers(d);
        const scoped: NormalizedAnswers = { ...answers, scopeCategories: new Map([...answers.scopeCategories, [target, 'scoped out in test']]) };
        for (const mode of modes) {
          const before = run(answers, mode);
          const after = run(scoped, mode);
          expect(after.categories[target]!.status).toBe('not-applicable');
          for (const c of model.categories) {
            if (c.id === target) continue;
            expect(after.categories[c.id]).toEqual(before.categories[c.id]);
          }
        }
      }),
    );
  });

  it('answering an unanswered requirement with the (integer) category average leaves the category unchanged (methodology)', () => {
    fc.assert(
      fc.property(draw, (d) => {
        const answers = toAnswers(d);
        const before = run(answers, 'methodology');
        for (const c of model.categories) {
          const result = before.categories[c.id]!;
          if (result.status !== 'scored' || !Number.isInteger(result.raw)) continue;
          const open = c.requirements.find((r) => before.requirements[r.ref]!.source === 'unanswered');
          if (open === undefined) continue;
          const more: NormalizedAnswers = { ...answers, requirements: new Map([...answers.requirements, [open.ref, { level: result.raw as Level }]]) };
          const after = run(more, 'methodology');
          expect(after.categories[c.id]!.raw).toBe(result.raw);
          expect(after.categories[c.id]!.level).toBe(result.level);
          expect(after.overall.raw).toBe(before.overall.raw);
          expect(after.categories[c.id]!.completeness.answered).toBe(result.completeness.answered + 1);
        }
      }),
    );
  });

  it('overall equals the category-weighted mean of the in-scope evaluated categories', () => {
    fc.assert(
      fc.property(draw, (d) => {
        const answers = toAnswers(d);
        const m = run(answers, 'methodology');
        const scored = Object.values(m.categories).filter((c) => c.status === 'scored');
        const weight = scored.reduce((s, c) => s + c.weight, 0);
        if (weight === 0) expect(m.overall.raw).toBeNull();
        else expect(m.overall.raw!).toBeCloseTo(scored.reduce((s, c) => s + c.weight * c.raw!, 0) / weight, 12);

        // Excel mode: the same mean over every in-scope category (unanswered ones count 0), unless a category is #DIV/0!.
        const x = run(answers, 'excel');
        const inScope = Object.values(x.categories).filter((c) => c.status !== 'not-applicable');
        if (inScope.some((c) => c.status === 'error')) expect(x.overall.status).toBe('error');
        else if (inScope.length > 0) {
          const w = inScope.reduce((s, c) => s + c.weight, 0);
          expect(x.overall.raw!).toBeCloseTo(inScope.reduce((s, c) => s + c.weight * c.raw!, 0) / w, 12);
        }
      }),
    );
  });
});
