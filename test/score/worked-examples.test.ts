// The worked examples of pkimm-analysis.md §2.6, scored against the builtin 1.0.0 structure (the Excel tool's model).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AnswersFile } from '../../model/answers.js';
import type { Assessment, ScoringMode } from '../../model/assessment.js';
import type { PkimmModel } from '../../model/pkimm/types.js';
import { normalizeAnswers, score } from '../../src/score/index.js';
import type { NormalizedAnswers } from '../../src/score/index.js';
import { testModel } from './helpers/model.js';

const fixture = (name: string): AnswersFile => AnswersFile.parse(parse(readFileSync(new URL(`../../fixtures/answers/${name}`, import.meta.url), 'utf8')));

const m100 = testModel('1.0.0');
const m110 = testModel('1.1.0');

function run(name: string, mode: ScoringMode, model: PkimmModel = m100): Assessment {
  return score({ model, answers: normalizeAnswers(fixture(name), model, name), mode });
}

/** Example 1 with every requirement of 1.0.0 category 1 (Excel 1.1) marked not applicable (quirk Q5). */
function q5Answers(): NormalizedAnswers {
  const base = normalizeAnswers(fixture('excel-sample-1.0.0.yaml'), m100);
  return { ...base, scopeRequirements: new Map(['1.1', '1.2', '1.3', '1.4'].map((ref) => [ref, 'sample'])) };
}

describe('Example 1: the workbook sample, all 72 answered (excel mode)', () => {
  const a = run('excel-sample-1.0.0.yaml', 'excel');

  it('reproduces the overall value bit for bit', () => {
    expect(a.overall.raw).toBe(2.862788375579364);
    expect(a.overall.level).toBe(2);
    expect(a.overall.label).toBe('Basic');
    expect(a.overall.progress).toBeCloseTo(0.862788375579364, 14);
    expect(a.overall.completeness).toEqual({ answered: 72, inScope: 72, notApplicable: 0, ratio: 1 });
  });

  it('reproduces the module values', () => {
    expect(a.modules.G!.raw).toBeCloseTo(28.117647058823529 / 14, 12);
    expect(a.modules.G!.raw).toBeCloseTo(2.0084, 4);
    expect(a.modules.M!.raw).toBeCloseTo(2.9057, 4);
    expect(a.modules.O!.raw).toBeCloseTo(3.1897, 4);
    expect(a.modules.R!.raw).toBeCloseTo(3.6762, 4);
    expect([a.modules.G!.level, a.modules.M!.level, a.modules.O!.level, a.modules.R!.level]).toEqual([2, 2, 3, 3]);
    expect(a.modules.G!.weight).toBe(14);
  });

  it('reproduces the category values (num/den) and the truncated display levels', () => {
    const expected: Record<string, [number, number]> = {
      '1': [8 / 8, 1], '2': [38 / 19, 2], '3': [30 / 15, 2], '4': [63 / 17, 3],
      '5': [38 / 12, 3], '6': [54 / 20, 2], '7': [41 / 13, 3], '8': [40 / 15, 2],
      '9': [89 / 25, 3], '10': [12 / 5, 2], '11': [24 / 7, 3], '12': [69 / 23, 3],
      '13': [55 / 15, 3], '14': [38 / 9, 4], '15': [22 / 7, 3],
    };
    for (const [id, [raw, level]] of Object.entries(expected)) {
      expect(a.categories[id]!.raw, `category ${id}`).toBe(raw);
      expect(a.categories[id]!.level, `category ${id}`).toBe(level);
    }
    expect(Object.keys(a.categories)).toEqual(Object.keys(expected));
  });

  it('gives the same values in methodology mode when everything is answered', () => {
    const b = run('excel-sample-1.0.0.yaml', 'methodology');
    expect(b.overall.raw).toBeCloseTo(2.862788375579364, 14);
    for (const id of Object.keys(a.categories)) expect(b.categories[id]!.raw).toBe(a.categories[id]!.raw);
  });

  it('scores the same 1.0.0 answers against model 1.1.0: same category values, Cryptography unanswered', () => {
    for (const mode of ['excel', 'methodology'] as const) {
      const b = run('excel-sample-1.0.0.yaml', mode, m110);
      for (const c of m110.categories) {
        if (c.id110 === '5') continue;
        const c100 = m100.categories.find((x) => x.name === c.name)!;
        expect(b.categories[c.id]!.raw, `${mode} ${c.id}`).toBe(a.categories[c100.id]!.raw);
      }
      const crypto = b.categories['5']!;
      expect(crypto.status).toBe('not-evaluated');
      expect(crypto.label).toBe('Not evaluated');
      expect(crypto.completeness).toMatchObject({ answered: 0, inScope: 6 });
      expect(crypto.raw).toBe(mode === 'excel' ? 0 : null);
      expect(b.overall.completeness).toMatchObject({ answered: 72, inScope: 78 });
      for (const ref of ['5.1', '5.2', '5.3', '5.4', '5.5', '5.6']) expect(b.requirements[ref]!.source).toBe('unanswered');
    }
    // Methodology excludes the unanswered category, so the overall is unchanged; Excel counts it as 0 with weight 5.
    expect(run('excel-sample-1.0.0.yaml', 'methodology', m110).overall.raw).toBeCloseTo(2.862788375579364, 14);
    expect(run('excel-sample-1.0.0.yaml', 'excel', m110).overall.raw).toBeCloseTo(134.551 / 52, 3);
  });
});

describe('Example 2: with N/A (excel mode)', () => {
  const a = run('excel-sample-1.0.0-example-2.yaml', 'excel');

  it('reproduces the values', () => {
    expect(a.overall.raw).toBeCloseTo(2.8138, 4);
    expect(a.overall.raw).toBeCloseTo(126.6197 / 45, 4);
    expect(a.overall.label).toBe('Basic');
    expect(a.modules.M!.raw).toBeCloseTo(2.713, 4);
    expect(a.modules.M!.weight).toBe(11);
    expect(a.modules.G!.raw).toBeCloseTo(2.0084, 4);
    expect(a.categories['2']!.raw).toBe(2);
    expect(a.categories['6']!.raw).toBe(39 / 17);
    expect(a.categories['6']!.level).toBe(2);
  });

  it('shows the scoped-out category as not applicable, with its reason', () => {
    const c = a.categories['7']!;
    expect(c.status).toBe('not-applicable');
    expect(c.raw).toBeNull();
    expect(c.label).toBe('Not applicable');
    expect(c.notApplicable).toMatch(/third party/);
    expect(a.requirements['7.1']!.source).toBe('not-applicable');
    expect(a.requirements['2.4']!.source).toBe('not-applicable');
  });

  it('counts 7 requirements N/A and 65 applicable', () => {
    expect(a.overall.completeness).toEqual({ answered: 65, inScope: 65, notApplicable: 7, ratio: 1 });
  });
});

describe('Example 3: with unanswered requirements', () => {
  it('excel mode: blanks count 0 with their weight', () => {
    const a = run('excel-sample-1.0.0-example-3.yaml', 'excel');
    expect(a.overall.raw).toBeCloseTo(2.7309, 4);
    expect(a.overall.raw).toBeCloseTo(128.351 / 47, 4);
    expect(a.overall.level).toBe(2);
    expect(a.categories['6']!.raw).toBe(47 / 20);
    expect(a.modules.M!.raw).toBeCloseTo(2.798, 4);
    expect(a.modules.O!.raw).toBeCloseTo(2.7097, 4);
    expect(a.modules.O!.level).toBe(2);
    expect(a.modules.O!.label).toBe('Basic');
    const automation = a.categories['10']!;
    expect(automation.raw).toBe(0);
    expect(automation.level).toBe(0);
    expect(automation.label).toBe('Not evaluated');
    expect(automation.status).toBe('not-evaluated');
    expect(a.modules.O!.weight).toBe(10);
    expect(a.overall.completeness).toEqual({ answered: 67, inScope: 72, notApplicable: 0, ratio: 67 / 72 });
  });

  it('methodology mode: unanswered requirements and categories are excluded', () => {
    const a = run('excel-sample-1.0.0-example-3.yaml', 'methodology');
    expect(a.overall.raw).toBeCloseTo(2.9219, 4);
    expect(a.overall.level).toBe(2);
    expect(a.modules.M!.raw).toBeCloseTo(3.0391, 4);
    expect(a.modules.M!.level).toBe(3);
    expect(a.modules.O!.raw).toBeCloseTo(3.3871, 4);
    expect(a.modules.O!.level).toBe(3);
    expect(a.modules.O!.weight).toBe(8);
    expect(a.categories['6']!.raw).toBe(47 / 15);
    expect(a.categories['10']!.status).toBe('not-evaluated');
    expect(a.categories['10']!.raw).toBeNull();
    expect(a.overall.completeness).toEqual({ answered: 67, inScope: 72, notApplicable: 0, ratio: 67 / 72 });
    expect(a.categories['6']!.completeness).toMatchObject({ answered: 5, inScope: 7 });
  });
});

describe('Edge case Q5: category in scope, all its requirements N/A', () => {
  it('excel mode: #DIV/0! in the category, its module and the overall', () => {
    const a = score({ model: m100, answers: q5Answers(), mode: 'excel' });
    const c = a.categories['1']!;
    expect(c.status).toBe('error');
    expect(c.raw).toBeNull();
    expect(c.label).toBe('#DIV/0!');
    expect(c.error).toMatch(/Q5/);
    expect(a.modules.G!.status).toBe('error');
    expect(a.modules.G!.label).toBe('#DIV/0!');
    expect(a.overall.status).toBe('error');
    expect(a.overall.raw).toBeNull();
    expect(a.overall.error).toMatch(/G/);
    expect(a.modules.M!.status).toBe('scored');
  });

  it('methodology mode: the category is not applicable and drops out', () => {
    const a = score({ model: m100, answers: q5Answers() });
    expect(a.categories['1']!.status).toBe('not-applicable');
    expect(a.categories['1']!.notApplicable).toBeDefined();
    expect(a.modules.G!.raw).toBeCloseTo(2.5686, 4);
    expect(a.overall.raw).toBeCloseTo(3.0845, 4);
    expect(a.overall.completeness).toEqual({ answered: 68, inScope: 68, notApplicable: 4, ratio: 1 });
  });
});

describe('self-assessment (category levels)', () => {
  it('rolls up TRUNC(Σ W·L / Σ W), excluding N/A and unanswered, in both modes', () => {
    const file = AnswersFile.parse({ model: '1.0.0', categories: { '1': 2, '2': { level: 3 }, '5': 4, '9': 1 }, scope: { '13': { notApplicable: 'outsourced' } } });
    const answers = normalizeAnswers(file, m100);
    expect(answers.kind).toBe('self-assessment');
    for (const mode of ['methodology', 'excel'] as const) {
      const a = score({ model: m100, answers, mode });
      expect(a.kind).toBe('self-assessment');
      expect(a.overall.raw).toBe((5 * 2 + 4 * 3 + 4 * 4 + 4 * 1) / 17);
      expect(a.overall.level).toBe(2);
      expect(a.modules.G!.raw).toBe(22 / 9);
      expect(a.modules.R!.status).toBe('not-evaluated');
      expect(a.categories['13']!.status).toBe('not-applicable');
      expect(a.categories['3']!.status).toBe('not-evaluated');
      expect(a.overall.completeness).toEqual({ answered: 4, inScope: 14, notApplicable: 1, ratio: 4 / 14 });
    }
  });
});

describe('labels and determinism', () => {
  it('uses the model level names and model order', () => {
    const a = run('excel-sample-1.0.0.yaml', 'excel');
    expect(a.categories['14']!.label).toBe('Managed');
    expect(Object.keys(a.requirements)).toEqual(m100.requirements.map((r) => r.ref));
    expect(Object.keys(a.modules)).toEqual(['G', 'M', 'O', 'R']);
    expect(JSON.stringify(run('excel-sample-1.0.0.yaml', 'excel'))).toBe(JSON.stringify(a));
  });

  it('uses the 2.0.0 level names with a 2.0.0 model', () => {
    const m200 = testModel('2.0.0');
    const a = score({ model: m200, answers: normalizeAnswers(fixture('excel-sample-1.0.0.yaml'), m200) });
    expect(a.categories['policies-and-documentation']!.label).toBe('Foundational');
    expect(a.categories['certificate-management']!.raw).toBe((54 - 5 * 3) / 17);
  });
});
