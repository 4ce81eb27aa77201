import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { ASSESSMENT_SHEETS, EXCEL_CATEGORIES, EXCEL_REQUIREMENTS, OVERVIEW_CELLS } from '../../src/prefill/assessment-layout.js';
import { prefillWorkbook } from '../../src/prefill/prefill.js';
import { Workbook } from '../../src/prefill/workbook.js';
import type { Statement } from '../../model/statement.js';
import { cellOf, expectOnlyIntendedChanges } from './read-back.js';
import { answersFixture, reportFor, uniformAnswers } from './reports.js';
import { SYNTHETIC_SAMPLE, syntheticAssessmentWorkbook } from './synthetic-workbooks.js';

const { assessment: A, scoping: S, overview: O } = ASSESSMENT_SHEETS;
const row = (excel: string) => EXCEL_REQUIREMENTS.find((r) => r.excel === excel)!;

function intendedCells(extraAssessment: readonly string[] = []): Map<string, Set<string>> {
  return new Map([
    [A, new Set([...EXCEL_REQUIREMENTS.flatMap((r) => [`I${r.row}`, `J${r.row}`, `L${r.row}`]), ...extraAssessment])],
    [S, new Set([...EXCEL_REQUIREMENTS.map((r) => `K${r.scopingRow}`), ...EXCEL_CATEGORIES.flatMap((c) => [`F${c.scopingRow}`, `L${c.scopingRow}`])])],
    [O, new Set(Object.values(OVERVIEW_CELLS))],
  ]);
}

const propose = (ref: string, level: 1 | 2 | 3 | 4 | 5, assessor = 'a-inventory'): Statement => ({
  ref,
  assessor,
  kind: 'propose',
  level,
  reasons: [{ text: `observed ${ref}` }],
  evidenceIds: ['ev-1', 'ev-2'],
});
const support = (ref: string, level: 1 | 2 | 3 | 4 | 5): Statement => ({ ref, assessor: 'a-support', kind: 'support', level, reasons: [{ text: 'consistent evidence' }], evidenceIds: ['ev-3'] });
const cap = (ref: string, level: 1 | 2 | 3 | 4 | 5): Statement => ({ ref, assessor: 'a-cap', kind: 'cap', level, reasons: [{ text: '12 % missing' }], evidenceIds: ['ev-4'] });

describe('prefill: assessment workbook (synthetic v240318 layout)', () => {
  it('writes levels, notes, evidence, scope and metadata into the input cells and changes nothing else', () => {
    const template = syntheticAssessmentWorkbook();
    const answers = answersFixture('excel-sample-1.0.0-example-2.yaml') as Record<string, unknown>;
    const { prefill } = reportFor({
      answers: { ...answers, organisation: 'Example Corp', assessor: { name: 'A. Person' }, date: '2026-11-22', requirements: { ...(answers.requirements as object), '1.1': { level: 1, notes: 'Board minutes reviewed', evidence: ['minutes-2026.pdf'] } } },
    });
    const result = prefillWorkbook(template, 'template.xlsx', prefill);
    expect(result.kind).toBe('assessment');
    const out = Workbook.open(result.bytes, 'out.xlsx');

    // Levels as the validation list spells them; 2.3 (1.0.0 category 7) is out of scope, so its levels are blank.
    expect(cellOf(out, A, `I${row('1.1.1.').row}`)).toBe('Initial');
    expect(cellOf(out, A, `I${row('1.4.3.').row}`)).toBe('Optimized');
    expect(cellOf(out, A, `I${row('2.3.1.').row}`)).toBe('');
    expect(cellOf(out, A, `I${row('1.2.4.').row}`)).toBe('');
    expect(cellOf(out, A, `J${row('1.1.1.').row}`)).toBe('Board minutes reviewed');
    expect(cellOf(out, A, `L${row('1.1.1.').row}`)).toBe('minutes-2026.pdf');
    // Scope: category 2.3 OUT OF with its reason; single requirements 1.2.4 and 2.2.2 OUT OF, reasons in their category's cell.
    expect(cellOf(out, S, 'F47')).toBe('OUT OF');
    expect(cellOf(out, S, 'L47')).toBe('Infrastructure is operated by a third party (sample)');
    expect(cellOf(out, S, 'F16')).toBe('IN');
    expect(cellOf(out, S, `K${row('1.2.4.').scopingRow}`)).toBe('OUT OF');
    expect(cellOf(out, S, `K${row('2.2.2.').scopingRow}`)).toBe('OUT OF');
    expect(cellOf(out, S, 'L16')).toBe('1.2.4. No disclosure statement required (sample)');
    expect(cellOf(out, S, 'L40')).toBe('2.2.2. Covered by the cryptography policy (sample)');
    // Overview: what the report has; the rest kept and reported.
    expect(cellOf(out, O, 'D6')).toBe('Example Corp');
    expect(cellOf(out, O, 'L7')).toBe('A. Person');
    expect(cellOf(out, O, 'D7')).toBe(46348);
    expect(cellOf(out, O, 'D5')).toBe(SYNTHETIC_SAMPLE.useCase);
    expect(result.warnings.join('\n')).toMatch(/Overview: kept use-case name \(D5\), target date \(D8\), assessor's position \(L5\)/);

    expectOnlyIntendedChanges(template, result.bytes, intendedCells());
    expect(new Set(result.editedParts)).toEqual(new Set(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml', 'xl/workbook.xml']));
  });

  it('takes the use case, finish date and assessor company from the answers file; --use-case overrides the use case', () => {
    const template = syntheticAssessmentWorkbook();
    const { prefill } = reportFor({
      answers: uniformAnswers(3, { useCase: 'Public TLS', finishDate: '2026-11-30', date: '2026-11-22', assessor: { name: 'B. Auditor', type: 'external', organisation: 'Audit & Co' } }),
    });
    expect(prefill.answers).toMatchObject({ useCase: 'Public TLS', finishDate: '2026-11-30', assessorType: 'external', assessorOrganisation: 'Audit & Co' });
    const result = prefillWorkbook(template, 't.xlsx', prefill);
    const out = Workbook.open(result.bytes, 'o');
    expect(cellOf(out, O, 'D5')).toBe('Public TLS');
    expect(cellOf(out, O, 'D7')).toBe(46348);
    expect(cellOf(out, O, 'D9')).toBe(46356);
    expect(cellOf(out, O, 'L6')).toBe('Audit & Co');
    expect(cellOf(out, O, 'L7')).toBe('B. Auditor');
    expect(result.warnings.join('\n')).not.toMatch(/use-case name \(D5\)|finish date \(D9\)|assessor company \(L6\)/);
    const overridden = prefillWorkbook(template, 't.xlsx', prefill, { useCase: 'Internal devices' });
    expect(cellOf(Workbook.open(overridden.bytes, 'o'), O, 'D5')).toBe('Internal devices');
  });

  it('writes new text as inline strings and keeps each cell style, leaving the shared string table untouched', () => {
    const template = syntheticAssessmentWorkbook();
    const { prefill } = reportFor({ answers: uniformAnswers(3, { organisation: 'R&D <Lab> "PKI"' }) });
    const result = prefillWorkbook(template, 't.xlsx', prefill);
    const sheet = Workbook.open(result.bytes, 'o').text('xl/worksheets/sheet3.xml');
    expect(sheet).toContain(`<c r="I${row('1.1.1.').row}" s="5" t="inlineStr"><is><t>Advanced</t></is></c>`);
    const overview = Workbook.open(result.bytes, 'o').text('xl/worksheets/sheet1.xml');
    expect(overview).toContain('<c r="D6" s="3" t="inlineStr"><is><t>R&amp;D &lt;Lab&gt; &quot;PKI&quot;</t></is></c>');
    expect(cellOf(Workbook.open(result.bytes, 'o'), O, 'D6')).toBe('R&D <Lab> "PKI"');
  });

  it('marks automated levels for confirmation and keeps draft levels out of the level cells', () => {
    const template = syntheticAssessmentWorkbook();
    const answers = uniformAnswers(2);
    const requirements = answers.requirements as Record<string, unknown>;
    delete requirements['6.4'];
    delete requirements['6.5'];
    requirements['6.3'] = { level: 4 };
    const { prefill } = reportFor({ answers, statements: [propose('7.4', 3), support('7.5', 3), cap('7.3', 2)] });
    const result = prefillWorkbook(template, 't.xlsx', prefill);
    const out = Workbook.open(result.bytes, 'o');
    // 2.2.4 (1.1.0 7.4): automated level 3, flagged in the notes, evidence ids in the evidence cell.
    expect(cellOf(out, A, `I${row('2.2.4.').row}`)).toBe('Advanced');
    expect(cellOf(out, A, `J${row('2.2.4.').row}`)).toContain('pkimm-scan: automated level 3 (Advanced) from a-inventory; a person must confirm it.');
    expect(cellOf(out, A, `L${row('2.2.4.').row}`)).toMatch(/2 evidence item\(s\): ev-1, ev-2$/);
    // 2.2.5 (7.5): only support → draft 3 in the notes, level blank.
    expect(cellOf(out, A, `I${row('2.2.5.').row}`)).toBe('');
    expect(cellOf(out, A, `J${row('2.2.5.').row}`)).toContain('DRAFT level 3 (Advanced)');
    // 2.2.3 (7.3): answered 4, capped at 2: level 2 written, conflict in the notes.
    expect(cellOf(out, A, `I${row('2.2.3.').row}`)).toBe('Basic');
    expect(cellOf(out, A, `J${row('2.2.3.').row}`)).toMatch(/answered 4, counted 2[\s\S]*pkimm-scan conflict \(cap-exceeded\)/);
    expect(result.lines.join('\n')).toMatch(/levels: 71 of 72 written \(1 automated, marked for a person to confirm: 2\.2\.4\.\); 1 unanswered left blank \(draft levels in the notes of 2\.2\.5\.\)/);
    expect(result.warnings.join('\n')).toMatch(/1 in-scope requirement\(s\) are unanswered: the workbook counts a blank level as 0/);
  });

  it('scopes out a whole category whose requirements are all N/A (quirk Q5) and says so', () => {
    const template = syntheticAssessmentWorkbook();
    const scope = Object.fromEntries(['1.1', '1.2', '1.3', '1.4'].map((id) => [id, { notApplicable: `reason ${id}` }]));
    const { prefill } = reportFor({ answers: uniformAnswers(2, { scope }) });
    const result = prefillWorkbook(template, 't.xlsx', prefill);
    const out = Workbook.open(result.bytes, 'o');
    expect(cellOf(out, S, 'F10')).toBe('OUT OF');
    expect(cellOf(out, S, 'L10')).toBe('1.1.1. reason 1.1\n1.1.2. reason 1.2\n1.1.3. reason 1.3\n1.1.4. reason 1.4');
    expect(EXCEL_REQUIREMENTS.filter((r) => r.category.excel === '1.1').map((r) => cellOf(out, S, `K${r.scopingRow}`))).toEqual(['IN', 'IN', 'IN', 'IN']);
    expect(result.warnings.join('\n')).toContain('Excel category 1.1: every requirement is N/A, so the whole category is scoped out (Scoping!F10)');
  });

  it('warns that the unrepaired workbook ignores N/A on mis-wired rows (quirk Q21) and repairs them on request', () => {
    const template = syntheticAssessmentWorkbook();
    const { prefill } = reportFor({ answers: uniformAnswers(3, { scope: { '6.6': { notApplicable: 'no CM review' }, '7.1': { notApplicable: 'documented elsewhere' } } }) });
    const plain = prefillWorkbook(template, 't.xlsx', prefill);
    expect(plain.warnings.join('\n')).toContain('N/A ignored by the workbook (quirk Q21): 2.2.6., 2.3.1. are N/A');
    expect(plain.lines.join('\n')).toContain('N/A wiring: 2 Assessment!F formula(s) read the wrong Scoping cell');
    expect(Workbook.open(plain.bytes, 'o').cells(A).get('F81')?.inner ?? '').not.toContain('<f>');

    const repaired = prefillWorkbook(template, 't.xlsx', prefill, { repairNaWiring: true });
    expect(repaired.lines.join('\n')).toContain('N/A wiring repaired (quirk Q21): 2 Assessment!F formula(s) now read their own Scoping!K cell: 2.2.6. F81 had no formula → K45; 2.3.1. F88 read K52 → K47');
    const out = Workbook.open(repaired.bytes, 'o');
    expect(out.text(out.sheetPath(A))).toContain('<c r="F81" s="2" t="str"><f>IF(Scoping!K45=tech!$A$5,tech!$B$9,&quot;&quot;)</f><v>N/A</v></c>');
    expect(repaired.warnings.join('\n')).not.toContain('quirk Q21');
    expectOnlyIntendedChanges(template, repaired.bytes, intendedCells(['F81', 'F88']));
  });

  it('lists what has no slot in the workbook: Cryptography of a 1.1.0 report', () => {
    const template = syntheticAssessmentWorkbook();
    const requirements: Record<string, unknown> = { '5.1': { level: 2 }, '5.4': { level: 4 }, '7.4': { level: 3 } };
    const { prefill } = reportFor({ answers: { model: '1.1.0', requirements } });
    const result = prefillWorkbook(template, 't.xlsx', prefill);
    expect(result.warnings.join('\n')).toContain('not placed: the workbook has no slot for Cryptography (model 1.1.0 category 5): 5.1 level 2 (manual), 5.2 unanswered, 5.3 unanswered, 5.4 level 4 (manual)');
    expect(cellOf(Workbook.open(result.bytes, 'o'), A, `I${row('2.2.4.').row}`)).toBe('Advanced');
  });

  it.each([
    ['a text file', strToU8('not a zip at all'), /t\.xlsx: not an xlsx file \(no ZIP directory found\)/],
    ['a ZIP without a workbook', zipSync({ 'hello.txt': strToU8('hi') }), /t\.xlsx: not an xlsx file \(no \[Content_Types\]\.xml\)/],
    ['a workbook without the Assessment sheet', syntheticAssessmentWorkbook({ omitSheet: 'Assessment' }), /neither the PKI Maturity Assessment Tool \(sheets Overview, Scoping, Assessment, Evaluation, tech, source\) nor the Self-Assessment Tool/],
  ])('refuses %s with one clear error', (_name, bytes, message) => {
    const { prefill } = reportFor({ answers: uniformAnswers(2) });
    expect(() => prefillWorkbook(bytes, 't.xlsx', prefill)).toThrow(message);
  });

  it('refuses a workbook whose requirement rows are not where the v240318 layout has them', () => {
    const template = Workbook.open(syntheticAssessmentWorkbook(), 't.xlsx');
    template.edit(A, [{ ref: 'C79', content: { kind: 'string', text: '9.9.9.' } }]);
    const { prefill } = reportFor({ answers: uniformAnswers(2) });
    expect(() => prefillWorkbook(template.save(), 't.xlsx', prefill)).toThrow('t.xlsx: Assessment!C79 holds "9.9.9.", expected requirement 2.2.4.: not the v240318 assessment layout');
  });

  it('refuses a self-assessment report: the assessment workbook needs requirement levels', () => {
    const { prefill } = reportFor({ answers: { model: '1.0.0', categories: { '1': 3 } } });
    expect(() => prefillWorkbook(syntheticAssessmentWorkbook(), 't.xlsx', prefill)).toThrow(/holds a self-assessment .* use the Self-Assessment Tool workbook instead/);
  });
});

const officialPath = new URL('../../../shared/pkimm/tools/PKI_Maturity_Assessment_Tool_v240318.xlsx', import.meta.url).pathname;

describe.runIf(existsSync(officialPath))('prefill: the official PKI_Maturity_Assessment_Tool_v240318.xlsx', () => {
  it('changes only the input cells: every other part, formula, validation list and style stays byte-identical', () => {
    const official = new Uint8Array(readFileSync(officialPath));
    const { prefill } = reportFor({ answers: { ...(answersFixture('excel-sample-1.0.0-example-3.yaml') as object), organisation: 'Example Corp', date: '2026-11-22' } });
    const result = prefillWorkbook(official, 'official.xlsx', prefill, { useCase: 'Internal TLS PKI' });
    expectOnlyIntendedChanges(official, result.bytes, intendedCells());
    const out = Workbook.open(result.bytes, 'out.xlsx');
    expect(cellOf(out, O, 'D5')).toBe('Internal TLS PKI');
    expect(cellOf(out, O, 'D6')).toBe('Example Corp');
    // Example 3 clears 2.2.4, 2.2.5 and all of 3.4: blank levels; the sample's "Initial" elsewhere replaced by the answers.
    expect(['2.2.4.', '2.2.5.', '3.4.1.', '3.4.2.', '3.4.3.'].map((id) => cellOf(out, A, `I${row(id).row}`))).toEqual(['', '', '', '', '']);
    expect(cellOf(out, A, `I${row('4.1.2.').row}`)).toBe('Optimized');
    // The shared string table and the x14 data validations (level, scope and position lists) are untouched.
    const before = Workbook.open(official, 'before');
    expect(out.text('xl/sharedStrings.xml')).toBe(before.text('xl/sharedStrings.xml'));
    const validations = (wb: Workbook, sheet: string): string => /<extLst>[\s\S]*<\/extLst>/.exec(wb.text(wb.sheetPath(sheet)))?.[0] ?? '';
    for (const sheet of [A, S, O]) expect(validations(out, sheet)).toBe(validations(before, sheet));
    expect(validations(out, A)).toContain('tech!$A$13:$A$17');
  });
});
