// Formula-evaluation parity: after a prefill, the workbook's own score formulas (requirement N column, category,
// module and overall cells, pkimm-analysis.md §2.2), evaluated with fast-formula-parser, equal the tool's excel-mode
// score of the same answers. Runs on the synthetic workbook always and on the official one when ../shared has it.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Statement } from '../../model/statement.js';
import { ASSESSMENT_SHEETS, EXCEL_CATEGORIES, EXCEL_MODULES, EXCEL_OVERALL, EXCEL_REQUIREMENTS } from '../../src/prefill/assessment-layout.js';
import { prefillWorkbook } from '../../src/prefill/prefill.js';
import { Workbook } from '../../src/prefill/workbook.js';
import type { ScanReport } from '../../src/report/report.js';
import { answersFixture, reportFor, uniformAnswers } from './reports.js';
import { syntheticAssessmentWorkbook } from './synthetic-workbooks.js';
import { isErrorValue, WorkbookEvaluator } from './workbook-evaluator.js';

const A = ASSESSMENT_SHEETS.assessment;
const officialPath = new URL('../../../shared/pkimm/tools/PKI_Maturity_Assessment_Tool_v240318.xlsx', import.meta.url).pathname;

/** Asserts that the workbook computes what the report's excel-mode assessment says, at every level. */
function expectParity(bytes: Uint8Array, report: ScanReport): WorkbookEvaluator {
  const evaluator = new WorkbookEvaluator(Workbook.open(bytes, 'prefilled.xlsx'));
  const { assessment } = report;
  expect(assessment.mode).toBe('excel');
  for (const category of EXCEL_CATEGORIES) {
    const result = Object.values(assessment.categories).find((c) => c.id110 === category.id110)!;
    const members = EXCEL_REQUIREMENTS.filter((r) => r.category === category);
    const first = category.firstRequirementRow;
    const last = first + members.length - 1;
    const shown = evaluator.value(A, `N${category.headerRow}`);
    if (result.status === 'not-applicable') {
      expect(evaluator.value(A, `E${category.headerRow}`), `${category.excel} weight`).toBe(0);
      continue;
    }
    if (result.status === 'error') {
      expect(isErrorValue(shown, '#DIV/0!'), `${category.excel} is #DIV/0!`).toBe(true);
      continue;
    }
    expect(shown, `${category.excel} displayed level`).toBe(result.level);
    const raw = evaluator.formula(`SUM(N${first}:N${last})/SUM(E${first}:E${last})`, { sheet: A, row: category.headerRow, col: 14 });
    expect(raw as number, `${category.excel} raw`).toBeCloseTo(result.raw!, 12);
  }
  for (const m of EXCEL_MODULES) {
    const result = assessment.modules[m.id]!;
    const raw = evaluator.value(A, m.rawCell);
    if (result.status === 'error') expect(isErrorValue(raw, '#DIV/0!'), `module ${m.id}`).toBe(true);
    else {
      expect(raw as number, `module ${m.id} raw`).toBeCloseTo(result.raw ?? 0, 12);
      expect(evaluator.value(A, m.levelCell), `module ${m.id} level`).toBe(result.level);
    }
  }
  const overall = evaluator.value(A, EXCEL_OVERALL.rawCell);
  if (assessment.overall.status === 'error') expect(isErrorValue(overall, '#DIV/0!')).toBe(true);
  else {
    expect(overall as number).toBeCloseTo(assessment.overall.raw!, 12);
    expect(evaluator.value(A, EXCEL_OVERALL.levelCell)).toBe(assessment.overall.level);
  }
  return evaluator;
}

const withGaps = (): Record<string, unknown> => {
  // N/A on correctly wired rows (1.2.4 = 1.0.0 2.4, 2.1.3 = 5.3), a category out (Excel 4.3 = 1.0.0 15),
  // unanswered requirements (2.2.4 = 6.4, 3.2.2 = 11.2) and a wholly unanswered category (Excel 3.4 = 1.0.0 10).
  const answers = uniformAnswers(4, { scope: { '2.4': { notApplicable: 'n/a' }, '5.3': { notApplicable: 'n/a' }, '15': { notApplicable: 'out' } } });
  const unanswered = ['6.4', '11.2', '10.1', '10.2', '10.3'];
  const requirements = Object.fromEntries(Object.entries(answers.requirements as Record<string, unknown>).filter(([ref]) => !unanswered.includes(ref)));
  return { ...answers, requirements: { ...requirements, '1.1': { level: 1 }, '8.3': { level: 5 } } };
};

const propose: Statement = { ref: '7.4', assessor: 'a-inventory', kind: 'propose', level: 2, reasons: [{ text: 'inventory coverage 80 %' }], evidenceIds: ['ev-1'] };

const cases: readonly [string, () => ReturnType<typeof reportFor>][] = [
  ['the workbook sample (§2.6 example 1)', () => reportFor({ answers: answersFixture('excel-sample-1.0.0.yaml') })],
  ['example 2: a category out of scope and two N/A requirements', () => reportFor({ answers: answersFixture('excel-sample-1.0.0-example-2.yaml') })],
  ['example 3: unanswered requirements and an unanswered category', () => reportFor({ answers: answersFixture('excel-sample-1.0.0-example-3.yaml') })],
  ['N/A, unanswered and an automated level together', () => reportFor({ answers: withGaps(), statements: [propose] })],
];

describe('workbook formula parity (synthetic workbook)', () => {
  it.each(cases)('%s', (_name, make) => {
    const { report, prefill } = make();
    expectParity(prefillWorkbook(syntheticAssessmentWorkbook(), 't.xlsx', prefill).bytes, report);
  });
});

describe.runIf(existsSync(officialPath))('workbook formula parity (official PKI_Maturity_Assessment_Tool_v240318.xlsx)', () => {
  const official = existsSync(officialPath) ? new Uint8Array(readFileSync(officialPath)) : new Uint8Array();

  it('the evaluator reproduces the cached value of every Assessment formula of the shipped workbook (except TODAY())', () => {
    const workbook = Workbook.open(official, 'official.xlsx');
    const evaluator = new WorkbookEvaluator(workbook);
    const refs = evaluator.formulaCells(A).filter((ref) => !/TODAY\(\)/.test(evaluator.formulaOf(A, ref)!));
    expect(refs.length).toBeGreaterThan(700);
    const differing = refs.filter((ref) => {
      const cached = workbook.value(A, ref);
      const value = evaluator.value(A, ref);
      if (cached.kind === 'number') return typeof value !== 'number' || Math.abs(value - cached.value) > 1e-12;
      if (cached.kind === 'empty') return value !== '';
      return value !== cached.value;
    });
    expect(differing).toEqual([]);
    expect(evaluator.value(A, 'N7')).toBe(2.862788375579364);
  });

  it.each(cases)('%s', (_name, make) => {
    const { report, prefill } = make();
    expectParity(prefillWorkbook(official, 'official.xlsx', prefill).bytes, report);
  });

  it('with --repair-na-wiring, N/A on the mis-wired rows (Q21) counts as the tool counts it', () => {
    // 2.2.6 (1.0.0 6.6), 3.3.1 (12.1) and 4.2.2 (14.2) are among the 34 mis-wired rows.
    const { report, prefill } = reportFor({ answers: uniformAnswers(3, { scope: { '6.6': { notApplicable: 'x' }, '12.1': { notApplicable: 'y' }, '14.2': { notApplicable: 'z' } } }) });
    const result = prefillWorkbook(official, 'official.xlsx', prefill, { repairNaWiring: true });
    expect(result.lines.join('\n')).toMatch(/N\/A wiring repaired \(quirk Q21\): 34 Assessment!F formula\(s\)/);
    expectParity(result.bytes, report);
  });

  it('without the repair, the shipped wiring ignores N/A on 3.3.1 and marks 3.1.3 N/A instead (§2.5.1), as the output warns', () => {
    const { report, prefill } = reportFor({ answers: { ...(answersFixture('excel-sample-1.0.0.yaml') as object), scope: { '12.1': { notApplicable: 'y' } } } });
    const result = prefillWorkbook(official, 'official.xlsx', prefill);
    expect(result.warnings.join('\n')).toContain('Scoping!K71 (3.3.1.) set to OUT OF also marks 3.1.3. N/A in the unrepaired workbook (quirk Q21)');
    expect(result.warnings.join('\n')).toContain('N/A ignored by the workbook (quirk Q21): 3.3.1. are N/A');
    const evaluator = new WorkbookEvaluator(Workbook.open(result.bytes, 'p'));
    expect(evaluator.value(A, 'O117')).toBe('N/A');
    expect(evaluator.value(A, 'O137')).toBe('Not evaluated');
    // The tool keeps 2.8628 (3.3 is all Advanced with or without 3.3.1); the unrepaired workbook drops 3.1.3 (BCP/DR)
    // and counts the blank 3.3.1 as 0: §2.5.1's 2.8534 (3.3.1 still rated) less 0.0222 for the blank.
    expect(report.assessment.overall.raw!).toBeCloseTo(2.862788375579364, 12);
    expect(evaluator.value(A, 'N7') as number).toBeCloseTo(2.8312, 4);
    expectParity(prefillWorkbook(official, 'official.xlsx', prefill, { repairNaWiring: true }).bytes, report);
  });

  it('a 1.1.0 report fills the workbook with everything but Cryptography, which the workbook overall leaves out', () => {
    const answers11 = uniformAnswers(3);
    const requirements: Record<string, unknown> = {};
    // 1.0.0 ids shift by one category from 5 on in 1.1.0; answer Cryptography (5.x) too.
    for (const [ref, answer] of Object.entries(answers11.requirements as Record<string, unknown>)) {
      const [c, r] = ref.split('.').map(Number) as [number, number];
      requirements[`${c >= 5 ? c + 1 : c}.${r}`] = ref === '6.4' ? { level: 5 } : answer;
    }
    for (let r = 1; r <= 6; r++) requirements[`5.${r}`] = { level: 1 };
    const { prefill } = reportFor({ answers: { model: '1.1.0', requirements } });
    const same100 = reportFor({ answers: { ...uniformAnswers(3), requirements: { ...(uniformAnswers(3).requirements as object), '6.4': { level: 5 } } } });
    const result = prefillWorkbook(official, 'official.xlsx', prefill);
    expect(result.warnings.join('\n')).toContain('not placed: the workbook has no slot for Cryptography');
    expectParity(result.bytes, same100.report);
  });
});
