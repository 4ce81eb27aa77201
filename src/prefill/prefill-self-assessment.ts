// Pre-fills the official PKI Maturity Self-Assessment Tool v231220 (pkimm-analysis.md §2.4, §3.6): one level per
// category in the option-button linked cells of the Tool sheet (1–5, 6 = not applicable, blank = not evaluated), and
// the buttons' checked state in the form-control parts (xl/ctrlProps, the VML drawing) so the screen matches the cells.
import { Buffer } from 'node:buffer';
import { ConfigError } from '../errors.js';
import { EXCEL_CATEGORIES } from './assessment-layout.js';
import { categoriesBy110, type PrefillReport } from './prefill-report.js';
import type { PrefillSummary } from './prefill-assessment.js';
import { cellFormula, type CellContent, type CellEdit } from './sheet-xml.js';
import { relationshipsOf, type Workbook } from './workbook.js';

/** Sheets whose presence identifies the self-assessment workbook. */
export const SELF_ASSESSMENT_MARKER_SHEETS: readonly string[] = ['Tool', 'Report', 'Source'];

/** The Tool sheet. */
export const SELF_ASSESSMENT_SHEET = 'Tool';

/** Tool!E3: the use-case name. */
export const SELF_USE_CASE_CELL = 'E3';

/** The option-button linked cell of each Excel category (§3.6). */
export const SELF_LINKED_CELLS: Readonly<Record<string, string>> = {
  '1.1': 'C13',
  '1.2': 'G13',
  '1.3': 'C23',
  '1.4': 'G23',
  '2.1': 'C37',
  '2.2': 'G37',
  '2.3': 'C47',
  '2.4': 'G47',
  '3.1': 'C61',
  '3.2': 'G61',
  '3.3': 'C71',
  '3.4': 'G71',
  '4.1': 'C85',
  '4.2': 'G85',
  '4.3': 'C95',
};

/** The linked-cell value for "not applicable" (the sixth button of each group). */
export const SELF_NOT_APPLICABLE = 6;

/** A form control of the Tool sheet: its shape id, properties part, type, linked cell and anchor. */
export interface Control {
  readonly shapeId: number;
  readonly propPath: string;
  readonly objectType: string;
  readonly link?: string;
  readonly from: readonly [number, number, number, number];
  readonly to: readonly [number, number, number, number];
}

const point = (xml: string, tag: 'from' | 'to'): [number, number, number, number] | undefined => {
  const m = new RegExp(`<(?:xdr:)?${tag}>\\s*<xdr:col>(\\d+)</xdr:col>\\s*<xdr:colOff>(-?\\d+)</xdr:colOff>\\s*<xdr:row>(\\d+)</xdr:row>\\s*<xdr:rowOff>(-?\\d+)</xdr:rowOff>`).exec(xml);
  return m === null ? undefined : [Number(m[3]), Number(m[4]), Number(m[1]), Number(m[2])];
};
const before = (a: readonly number[], b: readonly number[]): boolean => a[0]! < b[0]! || (a[0] === b[0] && a[1]! <= b[1]!);
/** Whether box `inner` lies inside box `outer` (rows and columns compared separately, with their offsets). */
const inside = (inner: Control, outer: Control): boolean =>
  before(outer.from.slice(0, 2), inner.from.slice(0, 2)) &&
  before(inner.to.slice(0, 2), outer.to.slice(0, 2)) &&
  before(outer.from.slice(2), inner.from.slice(2)) &&
  before(inner.to.slice(2), outer.to.slice(2));

/** Reads the Tool sheet's form controls: option buttons grouped (by linked cell) by the group box that contains them, in creation order. */
export function optionGroups(workbook: Workbook): Map<string, Control[]> {
  const sheetPath = workbook.sheetPath(SELF_ASSESSMENT_SHEET);
  const rels = relationshipsOf(workbook.archive, sheetPath);
  const controls: Control[] = [];
  const seen = new Set<number>();
  for (const m of workbook.text(sheetPath).matchAll(/<control\b([^>]*)>([\s\S]*?)<\/control>/g)) {
    const shapeId = Number(/\bshapeId="(\d+)"/.exec(m[1]!)?.[1]);
    const relId = /\br:id="([^"]+)"/.exec(m[1]!)?.[1];
    const from = point(m[2]!, 'from');
    const to = point(m[2]!, 'to');
    const rel = relId === undefined ? undefined : rels.get(relId);
    if (!Number.isInteger(shapeId) || seen.has(shapeId) || rel === undefined || from === undefined || to === undefined || !workbook.archive.has(rel.path)) continue;
    seen.add(shapeId);
    const prop = workbook.text(rel.path);
    const objectType = /\bobjectType="([^"]+)"/.exec(prop)?.[1] ?? '';
    const link = /\bfmlaLink="([^"]+)"/.exec(prop)?.[1]?.replace(/\$/g, '');
    controls.push({ shapeId, propPath: rel.path, objectType, ...(link === undefined ? {} : { link }), from, to });
  }
  const groups = new Map<string, Control[]>();
  for (const box of controls.filter((c) => c.objectType === 'GBox')) {
    const radios = controls.filter((c) => c.objectType === 'Radio' && inside(c, box)).sort((a, b) => a.shapeId - b.shapeId);
    const link = radios.find((r) => r.link !== undefined)?.link;
    if (link !== undefined && radios.length > 0) groups.set(link, radios);
  }
  return groups;
}

function setRadioProp(xml: string, checked: boolean): string {
  const without = xml.replace(/\s+checked="[^"]*"/, '');
  return checked ? without.replace(/(<formControlPr\b[^>]*?\bobjectType="Radio")/, '$1 checked="Checked"') : without;
}

function setVmlChecked(vml: string, shapeId: number, checked: boolean): string {
  const shape = new RegExp(`<v:shape\\b[^>]*\\bid="_x0000_s${shapeId}"[\\s\\S]*?</v:shape>`).exec(vml);
  if (shape === null) return vml;
  let body = shape[0].replace(/\s*<x:Checked>[^<]*<\/x:Checked>/, '');
  if (checked) body = body.replace(/(\s*)<\/x:ClientData>/, '\n   <x:Checked>1</x:Checked>$1</x:ClientData>');
  return vml.slice(0, shape.index) + body + vml.slice(shape.index + shape[0].length);
}

/** Pre-fills an opened self-assessment workbook in place (pending edits on `workbook`) and says what it did. */
export function prefillSelfAssessmentWorkbook(workbook: Workbook, report: PrefillReport, options: { readonly useCase?: string } = {}): PrefillSummary {
  const lines: string[] = [];
  const warnings: string[] = [];
  const cells = workbook.cells(SELF_ASSESSMENT_SHEET);
  for (const ref of Object.values(SELF_LINKED_CELLS)) {
    const cell = cells.get(ref);
    if (cell !== undefined && cellFormula(cell) !== undefined) {
      throw new ConfigError(`${workbook.source}: Tool!${ref} holds a formula where the v231220 layout has an option-button cell`, workbook.source);
    }
  }
  const categories = categoriesBy110(report);
  const values = new Map<string, number | undefined>();
  const errors: string[] = [];
  for (const category of EXCEL_CATEGORIES) {
    const result = categories.get(category.id110);
    let value: number | undefined;
    if (result?.status === 'not-applicable') value = SELF_NOT_APPLICABLE;
    else if (result?.status === 'scored' && result.level >= 1) value = result.level;
    else if (result?.status === 'error') errors.push(category.excel);
    values.set(category.excel, value);
  }
  const edits: CellEdit[] = EXCEL_CATEGORIES.map((c) => {
    const v = values.get(c.excel);
    const content: CellContent = v === undefined ? { kind: 'empty' } : { kind: 'number', value: v };
    return { ref: SELF_LINKED_CELLS[c.excel]!, content };
  });
  if (options.useCase !== undefined) edits.push({ ref: SELF_USE_CASE_CELL, content: options.useCase === '' ? { kind: 'empty' } : { kind: 'string', text: options.useCase } });
  else if (workbook.value(SELF_ASSESSMENT_SHEET, SELF_USE_CASE_CELL).kind !== 'empty') {
    warnings.push(`Tool!${SELF_USE_CASE_CELL} (use-case name) kept: the official template ships a sample value there; pass --use-case or edit it`);
  }
  const changed = workbook.edit(SELF_ASSESSMENT_SHEET, edits);

  // Option buttons: check the button matching each value, clear the rest of its group.
  const groups = optionGroups(workbook);
  const vmlRel = [...relationshipsOf(workbook.archive, workbook.sheetPath(SELF_ASSESSMENT_SHEET)).values()].find((r) => r.type.endsWith('/vmlDrawing'));
  let vml = vmlRel === undefined ? undefined : Buffer.from(workbook.archive.read(vmlRel.path)).toString('latin1');
  const vmlBefore = vml;
  let buttons = 0;
  const noGroup: string[] = [];
  for (const category of EXCEL_CATEGORIES) {
    const ref = SELF_LINKED_CELLS[category.excel]!;
    const radios = groups.get(ref);
    if (radios === undefined) {
      noGroup.push(category.excel);
      continue;
    }
    const value = values.get(category.excel);
    radios.forEach((radio, i) => {
      const checked = value !== undefined && i === value - 1;
      const prop = workbook.text(radio.propPath);
      const next = setRadioProp(prop, checked);
      if (next !== prop) workbook.setText(radio.propPath, next);
      if (vml !== undefined) vml = setVmlChecked(vml, radio.shapeId, checked);
    });
    buttons++;
  }
  if (vml !== undefined && vmlRel !== undefined && vml !== vmlBefore) workbook.setBytes(vmlRel.path, Buffer.from(vml, 'latin1'));

  const shown = EXCEL_CATEGORIES.map((c) => {
    const v = values.get(c.excel);
    return `${c.excel}=${v === undefined ? '-' : v === SELF_NOT_APPLICABLE ? 'N/A' : v}`;
  });
  lines.push(`workbook: PKI Maturity Self-Assessment Tool (v231220 layout, Excel category numbering); report model ${report.model.version}`);
  lines.push(
    report.assessment.kind === 'full'
      ? `category levels from a full assessment: each category's displayed (truncated) level in ${report.assessment.mode} mode; "-" = not evaluated`
      : 'category levels from the self-assessment answers; "-" = not evaluated',
  );
  lines.push(`levels: ${shown.join(' ')}`);
  lines.push(`cells changed: Tool ${changed.length}; option-button groups updated: ${buttons} of ${EXCEL_CATEGORIES.length}`);
  lines.push('recalculation: set fullCalcOnLoad, so Excel recomputes the Report sheet when the file is opened');
  if (noGroup.length > 0) warnings.push(`no option-button group found for ${noGroup.join(', ')}: the linked cells are set, but the buttons on screen may not show the level`);
  if (errors.length > 0) warnings.push(`categories ${errors.join(', ')} are #DIV/0! in the report (every requirement N/A in excel mode): left not evaluated`);
  const crypto = categories.get('5');
  if (crypto !== undefined && crypto.status !== 'not-evaluated') {
    warnings.push(`not placed: the workbook has no slot for Cryptography (model 1.1.0 category 5, ${crypto.status === 'not-applicable' ? 'not applicable' : `level ${crypto.level}`}); its overall level excludes Cryptography`);
  }
  workbook.forceFullCalculationOnLoad();
  return { lines, warnings };
}
