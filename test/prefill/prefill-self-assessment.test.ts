import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXCEL_CATEGORIES } from '../../src/prefill/assessment-layout.js';
import { prefillWorkbook } from '../../src/prefill/prefill.js';
import { optionGroups, SELF_ASSESSMENT_SHEET, SELF_LINKED_CELLS, SELF_NOT_APPLICABLE } from '../../src/prefill/prefill-self-assessment.js';
import { Workbook } from '../../src/prefill/workbook.js';
import type { ScanReport } from '../../src/report/report.js';
import { cellOf, expectOnlyIntendedChanges } from './read-back.js';
import { answersFixture, reportFor } from './reports.js';
import { SYNTHETIC_SELF_REPORT_ROWS, syntheticSelfAssessmentWorkbook } from './synthetic-workbooks.js';
import { WorkbookEvaluator } from './workbook-evaluator.js';

const officialPath = new URL('../../../shared/pkimm/tools/PKI_Maturity_Self_Assessment_Tool_v231220.xlsx', import.meta.url).pathname;
/** Report sheet rows of the 15 categories in the official workbook (pkimm-analysis.md §2.4: D61 = Tool!C13, …). */
const REPORT_ROWS = SYNTHETIC_SELF_REPORT_ROWS;

/** Self-assessment answers (1.0.0 ids): category levels, Infrastructure management (1.0.0 7 = Excel 2.3) N/A, one unanswered. */
const selfAnswers = { model: '1.0.0', scope: { '7': { notApplicable: 'outsourced' } }, categories: { '1': 2, '2': 3, '3': 1, '4': 4, '5': 5, '6': 2, '8': 3, '9': 4, '10': 2, '11': 1, '12': 3, '13': 4, '14': 2 } };

/** The value each Excel category's linked cell should hold for a report (undefined = blank). */
function expectedValues(report: ScanReport): Map<string, number | undefined> {
  return new Map(
    EXCEL_CATEGORIES.map((c) => {
      const result = Object.values(report.assessment.categories).find((x) => x.id110 === c.id110)!;
      return [c.excel, result.status === 'not-applicable' ? SELF_NOT_APPLICABLE : result.status === 'scored' && result.level >= 1 ? result.level : undefined];
    }),
  );
}

/** Checks cells, option buttons (ctrlProps and VML agree) and the Report sheet's own arithmetic against the tool. */
function expectFilled(bytes: Uint8Array, report: ScanReport): void {
  const out = Workbook.open(bytes, 'out.xlsx');
  const values = expectedValues(report);
  const groups = optionGroups(out);
  const vmlPath = [...out.archive.entries.map((e) => e.name)].find((n) => n.endsWith('.vml'))!;
  const vml = Buffer.from(out.archive.read(vmlPath)).toString('latin1');
  for (const c of EXCEL_CATEGORIES) {
    const value = values.get(c.excel);
    const ref = SELF_LINKED_CELLS[c.excel]!;
    expect(cellOf(out, SELF_ASSESSMENT_SHEET, ref), `${c.excel} ${ref}`).toBe(value ?? '');
    const radios = groups.get(ref)!;
    expect(radios).toHaveLength(6);
    radios.forEach((radio, i) => {
      const checked = value !== undefined && i === value - 1;
      expect(/checked="Checked"/.test(out.text(radio.propPath)), `${c.excel} button ${i + 1}`).toBe(checked);
      const shape = new RegExp(`id="_x0000_s${radio.shapeId}"[\\s\\S]*?</v:shape>`).exec(vml)![0];
      expect(shape.includes('<x:Checked>1</x:Checked>'), `${c.excel} VML button ${i + 1}`).toBe(checked);
    });
  }
  const evaluator = new WorkbookEvaluator(out);
  EXCEL_CATEGORIES.forEach((c, i) => expect(evaluator.value('Report', `D${REPORT_ROWS[i]!}`)).toBe(values.get(c.excel) ?? 0));
  const g = REPORT_ROWS.map((r) => `G${r}`).join(',');
  const f = REPORT_ROWS.map((r) => `F${r}`).join('+');
  const raw = evaluator.formula(`SUM(${g})/(${f})`, { sheet: 'Report', row: 1, col: 1 });
  expect(raw as number).toBeCloseTo(report.assessment.overall.raw!, 12);
}

describe('prefill: self-assessment workbook (synthetic v231220 layout)', () => {
  it('sets each category level, checks the matching option button and changes nothing else', () => {
    const template = syntheticSelfAssessmentWorkbook();
    const { report, prefill } = reportFor({ answers: selfAnswers });
    const result = prefillWorkbook(template, 'self.xlsx', prefill, { useCase: 'Device PKI' });
    expect(result.kind).toBe('self-assessment');
    expectFilled(result.bytes, report);
    expect(result.lines).toContain('levels: 1.1=2 1.2=3 1.3=1 1.4=4 2.1=5 2.2=2 2.3=N/A 2.4=3 3.1=4 3.2=1 3.3=3 3.4=2 4.1=4 4.2=2 4.3=-');
    const tool = Workbook.open(template, 'before').sheetPath(SELF_ASSESSMENT_SHEET);
    const props = result.editedParts.filter((p) => p.startsWith('xl/ctrlProps/'));
    expect(props.length).toBeGreaterThan(0);
    expectOnlyIntendedChanges(template, result.bytes, new Map([[SELF_ASSESSMENT_SHEET, new Set([...Object.values(SELF_LINKED_CELLS), 'E3'])]]), new Set([...props, 'xl/drawings/vmlDrawing1.vml']));
    expect(result.editedParts).toContain(tool);
    expect(cellOf(Workbook.open(result.bytes, 'o'), SELF_ASSESSMENT_SHEET, 'E3')).toBe('Device PKI');
  });

  it("writes the answers file's use case when --use-case is not given", () => {
    const { prefill } = reportFor({ answers: { ...selfAnswers, useCase: 'Code signing' } });
    const result = prefillWorkbook(syntheticSelfAssessmentWorkbook(), 'self.xlsx', prefill);
    expect(cellOf(Workbook.open(result.bytes, 'o'), SELF_ASSESSMENT_SHEET, 'E3')).toBe('Code signing');
    expect(result.warnings.join('\n')).not.toContain('use-case name');
  });

  it('takes the displayed (truncated) category levels of a full assessment', () => {
    const { report, prefill } = reportFor({ answers: answersFixture('excel-sample-1.0.0-example-3.yaml') });
    const result = prefillWorkbook(syntheticSelfAssessmentWorkbook(), 'self.xlsx', prefill);
    expect(result.lines.join('\n')).toContain("category levels from a full assessment: each category's displayed (truncated) level in excel mode");
    // Excel 3.4 is wholly unanswered (raw 0): not evaluated, so blank; 2.2 is 2.35 → 2.
    expect(result.lines.join('\n')).toMatch(/2\.2=2 .*3\.4=-/);
    const out = Workbook.open(result.bytes, 'o');
    expect(cellOf(out, SELF_ASSESSMENT_SHEET, 'G71')).toBe('');
    expect(expectedValues(report).get('2.2')).toBe(2);
  });
});

describe.runIf(existsSync(officialPath))('prefill: the official PKI_Maturity_Self_Assessment_Tool_v231220.xlsx', () => {
  it('fills all 15 option-button groups; the Report sheet computes what the tool scores', () => {
    const official = new Uint8Array(readFileSync(officialPath));
    const { report, prefill } = reportFor({ answers: selfAnswers });
    const result = prefillWorkbook(official, 'official-self.xlsx', prefill);
    // Two of the shipped sample levels already equal the answers: those cells stay byte-identical.
    expect(result.lines).toContain('cells changed: Tool 13; option-button groups updated: 15 of 15');
    expectFilled(result.bytes, report);
    const props = result.editedParts.filter((p) => p.startsWith('xl/ctrlProps/'));
    expectOnlyIntendedChanges(official, result.bytes, new Map([[SELF_ASSESSMENT_SHEET, new Set(Object.values(SELF_LINKED_CELLS))]]), new Set([...props, 'xl/drawings/vmlDrawing1.vml']));
    const evaluator = new WorkbookEvaluator(Workbook.open(result.bytes, 'o'));
    // Report!E8: the overall label, TRUNC(ΣW·L / ΣW) looked up in the level names.
    expect(evaluator.value('Report', 'E8')).toBe(['Initial', 'Basic', 'Advanced', 'Managed', 'Optimized'][report.assessment.overall.level - 1]);
    expect(result.warnings.join('\n')).toContain('Tool!E3 (use-case name) kept');
  });
});
