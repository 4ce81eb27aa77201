// Tiny stand-ins for the two official workbooks, generated in the test so the core tests run without ../shared:
// the same sheet names and the same cells the prefill reads and writes, sample values in the input cells, and score
// formulas shaped like the workbook's (pkimm-analysis.md §2.2, §2.4), including two of the mis-wired N/A cells (Q21).
import { zipSync, strToU8 } from 'fflate';
import { builtinModel } from '../../model/pkimm/load-model.js';
import { EXCEL_CATEGORIES, EXCEL_MODULES, EXCEL_REQUIREMENTS } from '../../src/prefill/assessment-layout.js';
import { SELF_LINKED_CELLS } from '../../src/prefill/prefill-self-assessment.js';
import { escapeXml, parseRef } from '../../src/prefill/sheet-xml.js';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The sample values the synthetic assessment workbook ships, like the official template's example data. */
export const SYNTHETIC_SAMPLE = { useCase: 'Sample PKI', company: 'Sample Co', assessor: 'Sample Assessor', position: 'Internal', level: 'Initial', startDate: 45048 } as const;

/** Rows whose F formula is mis-wired in the synthetic workbook, as in the official one: 2.2.6 (none) and 2.3.1 (K52). */
export const SYNTHETIC_MISWIRED: Readonly<Record<string, number | undefined>> = { '2.2.6.': undefined, '2.3.1.': 52 };

type Cell = { kind: 'shared'; text: string; style?: number } | { kind: 'number'; value: number; style?: number } | { kind: 'formula'; formula: string; style?: number; str?: boolean } | { kind: 'blank'; style: number };

class SheetBuilder {
  readonly cells = new Map<string, Cell>();
  set(ref: string, cell: Cell): this {
    this.cells.set(ref, cell);
    return this;
  }
  xml(strings: StringTable, extra = ''): string {
    const rows = new Map<number, [number, string][]>();
    for (const [ref, cell] of this.cells) {
      const { col, row } = parseRef(ref);
      const list = rows.get(row) ?? [];
      list.push([col, cellXml(ref, cell, strings)]);
      rows.set(row, list);
    }
    const body = [...rows.entries()]
      .sort(([a], [b]) => a - b)
      .map(([row, cells]) => `<row r="${row}">${cells.sort(([a], [b]) => a - b).map(([, x]) => x).join('')}</row>`)
      .join('');
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData>${body}</sheetData>${extra}</worksheet>`;
  }
}

class StringTable {
  readonly items: string[] = [];
  index(text: string): number {
    let i = this.items.indexOf(text);
    if (i < 0) i = this.items.push(text) - 1;
    return i;
  }
  xml(): string {
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}" count="${this.items.length}" uniqueCount="${this.items.length}">${this.items.map((t) => `<si><t>${escapeXml(t)}</t></si>`).join('')}</sst>`;
  }
}

function cellXml(ref: string, cell: Cell, strings: StringTable): string {
  const s = cell.style === undefined ? '' : ` s="${cell.style}"`;
  switch (cell.kind) {
    case 'shared':
      return `<c r="${ref}"${s} t="s"><v>${strings.index(cell.text)}</v></c>`;
    case 'number':
      return `<c r="${ref}"${s}><v>${cell.value}</v></c>`;
    case 'formula':
      return `<c r="${ref}"${s}${cell.str === true ? ' t="str"' : ''}><f>${escapeXml(cell.formula)}</f><v>${cell.str === true ? '' : '0'}</v></c>`;
    case 'blank':
      return `<c r="${ref}"${s}/>`;
  }
}

function packageFiles(sheets: readonly { name: string; xml: string; rels?: string }[], strings: StringTable, extra: Record<string, Uint8Array>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const overrides = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  files['[Content_Types].xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Default Extension="png" ContentType="image/png"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
  );
  files['_rels/.rels'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets><calcPr calcId="191028"/></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rIdS" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(s.xml);
    if (s.rels !== undefined) files[`xl/worksheets/_rels/sheet${i + 1}.xml.rels`] = strToU8(s.rels);
  });
  files['xl/sharedStrings.xml'] = strToU8(strings.xml());
  Object.assign(files, extra);
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { level: 6 }]])));
}

/** A few bytes that are not XML, so byte-identity of untouched binary parts is tested too. */
const IMAGE = Uint8Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256);

/** Builds a synthetic PKI Maturity Assessment Tool (v240318 layout) with sample data in every input cell. */
export function syntheticAssessmentWorkbook(options: { readonly omitSheet?: string } = {}): Uint8Array {
  const model = builtinModel('1.0.0');
  const strings = new StringTable();
  const overview = new SheetBuilder()
    .set('B5', { kind: 'shared', text: 'Use-case name' })
    .set('D5', { kind: 'shared', text: SYNTHETIC_SAMPLE.useCase, style: 3 })
    .set('D6', { kind: 'shared', text: SYNTHETIC_SAMPLE.company, style: 3 })
    .set('D7', { kind: 'number', value: SYNTHETIC_SAMPLE.startDate, style: 4 })
    .set('D8', { kind: 'number', value: SYNTHETIC_SAMPLE.startDate + 55, style: 4 })
    .set('L5', { kind: 'shared', text: SYNTHETIC_SAMPLE.position, style: 3 })
    .set('L7', { kind: 'shared', text: SYNTHETIC_SAMPLE.assessor, style: 3 });
  const scoping = new SheetBuilder();
  const assessment = new SheetBuilder();
  const tech = new SheetBuilder();
  ['Initial', 'Basic', 'Advanced', 'Managed', 'Optimized'].forEach((name, i) => {
    tech.set(`A${13 + i}`, { kind: 'shared', text: name }).set(`B${13 + i}`, { kind: 'number', value: i + 1 });
  });
  tech.set('A5', { kind: 'shared', text: 'OUT OF' }).set('B9', { kind: 'shared', text: 'N/A' });
  for (const category of EXCEL_CATEGORIES) {
    const modelCategory = model.categories.find((c) => c.id110 === category.id110)!;
    const h = category.headerRow;
    const members = EXCEL_REQUIREMENTS.filter((r) => r.category === category);
    const first = category.firstRequirementRow;
    const last = first + members.length - 1;
    scoping.set(`F${category.scopingRow}`, { kind: 'shared', text: 'IN', style: 8 }).set(`L${category.scopingRow}`, { kind: 'blank', style: 9 });
    assessment
      .set(`C${h - 1}`, { kind: 'shared', text: `${category.excel}.` })
      .set(`B${h}`, { kind: 'formula', formula: `IF(Scoping!F${category.scopingRow}=tech!$A$5,0,1)` })
      .set(`E${h}`, { kind: 'formula', formula: `${modelCategory.weight}*B${h}` })
      .set(`N${h}`, { kind: 'formula', formula: `IF(SUM(B${first}:B${last})=0,0,TRUNC(SUM(N${first}:N${last})/SUM(E${first}:E${last}),0))` });
    for (const r of members) {
      const weight = model.requirements.find((x) => x.ref110 === r.ref110)!.weight;
      const miswired = r.excel in SYNTHETIC_MISWIRED;
      const reads = miswired ? SYNTHETIC_MISWIRED[r.excel] : r.scopingRow;
      scoping.set(`K${r.scopingRow}`, { kind: 'shared', text: 'IN', style: 10 });
      assessment
        .set(`C${r.row}`, { kind: 'shared', text: r.excel, style: 1 })
        .set(`I${r.row}`, { kind: 'shared', text: SYNTHETIC_SAMPLE.level, style: 5 })
        .set(`J${r.row}`, { kind: 'blank', style: 6 })
        .set(`L${r.row}`, { kind: 'blank', style: 7 })
        .set(`B${r.row}`, { kind: 'formula', formula: `IF(B$${h}=0,0,IF(F${r.row}=tech!$B$9,0,1))` })
        .set(`E${r.row}`, { kind: 'formula', formula: `${weight}*B${r.row}` })
        .set(`N${r.row}`, { kind: 'formula', formula: `IF(I${r.row}="",0,VLOOKUP(I${r.row},tech!$A$13:$B$17,2,0))*E${r.row}` });
      if (reads === undefined) assessment.set(`F${r.row}`, { kind: 'blank', style: 2 });
      else assessment.set(`F${r.row}`, { kind: 'formula', formula: `IF(Scoping!K${reads}=tech!$A$5,tech!$B$9,"")`, style: 2, str: true });
    }
  }
  const rawCategory = (excel: string): string => {
    const c = EXCEL_CATEGORIES.find((x) => x.excel === excel)!;
    const last = c.firstRequirementRow + EXCEL_REQUIREMENTS.filter((r) => r.category === c).length - 1;
    return `IF(B${c.headerRow}=0,0,SUM(N${c.firstRequirementRow}:N${last})/SUM(E${c.firstRequirementRow}:E${last})*E${c.headerRow})`;
  };
  for (const m of EXCEL_MODULES) {
    const weights = m.categories.map((x) => `E${EXCEL_CATEGORIES.find((c) => c.excel === x)!.headerRow}`).join(',');
    const raw = `IF(SUM(${weights})=0,0,(${m.categories.map(rawCategory).join('+')})/SUM(${weights}))`;
    assessment.set(m.rawCell, { kind: 'formula', formula: raw }).set(m.levelCell, { kind: 'formula', formula: `TRUNC(${m.rawCell},0)` });
  }
  const moduleTerms = EXCEL_MODULES.map((m) => `SUM(${m.categories.map((x) => `E${EXCEL_CATEGORIES.find((c) => c.excel === x)!.headerRow}`).join(',')})*${m.rawCell}`);
  const allWeights = EXCEL_CATEGORIES.map((c) => `E${c.headerRow}`).join(',');
  assessment.set('N7', { kind: 'formula', formula: `(${moduleTerms.join('+')})/SUM(${allWeights})` }).set('N6', { kind: 'formula', formula: 'TRUNC(N7,0)' });
  const evaluation = new SheetBuilder().set('E10', { kind: 'formula', formula: 'Assessment!N6' }).set('B2', { kind: 'shared', text: 'Evaluation' });
  const source = new SheetBuilder().set('A1', { kind: 'shared', text: 'model texts live here in the real workbook' });
  const sheets = [
    { name: 'Overview', xml: overview.xml(strings) },
    { name: 'Scoping', xml: scoping.xml(strings) },
    { name: 'Assessment', xml: assessment.xml(strings) },
    { name: 'Evaluation', xml: evaluation.xml(strings) },
    { name: 'tech', xml: tech.xml(strings) },
    { name: 'source', xml: source.xml(strings) },
  ].filter((s) => s.name !== options.omitSheet);
  return packageFiles(sheets, strings, { 'xl/media/image1.png': IMAGE, 'docProps/core.xml': strToU8('<?xml version="1.0"?><coreProperties/>') });
}

/** Report rows of the synthetic self-assessment workbook, one per Excel category (as in the official Report sheet). */
export const SYNTHETIC_SELF_REPORT_ROWS: readonly number[] = [61, 66, 71, 76, 88, 93, 98, 103, 115, 120, 125, 130, 142, 147, 152];

/** Builds a synthetic PKI Maturity Self-Assessment Tool (v231220 layout): linked cells, option-button groups, a Report sheet. */
export function syntheticSelfAssessmentWorkbook(): Uint8Array {
  const model = builtinModel('1.0.0');
  const strings = new StringTable();
  const tool = new SheetBuilder().set('E3', { kind: 'shared', text: 'Sample use case', style: 2 });
  const report = new SheetBuilder();
  const extra: Record<string, Uint8Array> = {};
  const controls: string[] = [];
  const rels: string[] = [`<Relationship Id="rIdV" Type="${REL_NS}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/>`];
  const shapes: string[] = [];
  let shapeId = 1050;
  let prop = 0;
  EXCEL_CATEGORIES.forEach((category, i) => {
    const linked = SELF_LINKED_CELLS[category.excel]!;
    const { col, row } = { col: linked.startsWith('C') ? 2 : 6, row: Number(linked.slice(1)) };
    const sample = (i % 5) + 1;
    tool.set(linked, { kind: 'number', value: sample, style: 1 });
    const reportRow = SYNTHETIC_SELF_REPORT_ROWS[i]!;
    report
      .set(`D${reportRow}`, { kind: 'formula', formula: `Tool!${linked}` })
      .set(`E${reportRow}`, { kind: 'formula', formula: `IF(D${reportRow}>5,0,D${reportRow})` })
      .set(`F${reportRow}`, { kind: 'formula', formula: `IF(E${reportRow}=0,0,${model.categories.find((c) => c.id110 === category.id110)!.weight})` })
      .set(`G${reportRow}`, { kind: 'formula', formula: `E${reportRow}*F${reportRow}` });
    const anchor = (c0: number, r0: number, c1: number, r1: number): string =>
      `<anchor moveWithCells="1"><from><xdr:col>${c0}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r0}</xdr:row><xdr:rowOff>0</xdr:rowOff></from><to><xdr:col>${c1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${r1}</xdr:row><xdr:rowOff>0</xdr:rowOff></to></anchor>`;
    const add = (xml: string, anchorXml: string, vmlType: string, checked: boolean): void => {
      prop++;
      extra[`xl/ctrlProps/ctrlProp${prop}.xml`] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${xml}`);
      rels.push(`<Relationship Id="rIdC${prop}" Type="${REL_NS}/ctrlProp" Target="../ctrlProps/ctrlProp${prop}.xml"/>`);
      controls.push(`<control shapeId="${shapeId}" r:id="rIdC${prop}" name="Control ${shapeId}"><controlPr>${anchorXml}</controlPr></control>`);
      shapes.push(`<v:shape id="_x0000_s${shapeId}" type="#_x0000_t201">\n  <x:ClientData ObjectType="${vmlType}">\n   <x:SizeWithCells/>${checked ? '\n   <x:Checked>1</x:Checked>' : ''}\n  </x:ClientData>\n </v:shape>`);
      shapeId++;
    };
    const ns = 'xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"';
    add(`<formControlPr ${ns} objectType="GBox" noThreeD="1"/>`, anchor(col, row - 1, col + 1, row + 6), 'GBox', false);
    for (let b = 1; b <= 6; b++) {
      const checked = b === sample;
      const attrs = `objectType="Radio"${checked ? ' checked="Checked"' : ''}${b === 1 ? ` firstButton="1" fmlaLink="$${linked.replace(/(\d+)/, '$$$1')}"` : ''} lockText="1"`;
      add(`<formControlPr ${ns} ${attrs}/>`, anchor(col, row + b - 1, col, row + b - 1), 'Radio', checked);
    }
  });
  const vml = `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">\n ${shapes.join('')}</xml>`;
  extra['xl/drawings/vmlDrawing1.vml'] = strToU8(vml);
  const sheetExtra = `<legacyDrawing r:id="rIdV"/><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"><mc:Choice Requires="x14"><controls>${controls.join('')}</controls></mc:Choice></mc:AlternateContent>`;
  const sheets = [
    { name: 'Tool', xml: tool.xml(strings, sheetExtra), rels: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">${rels.join('')}</Relationships>` },
    { name: 'Report', xml: report.xml(strings) },
    { name: 'Source', xml: new SheetBuilder().set('A1', { kind: 'shared', text: 'lists' }).xml(strings) },
  ];
  return packageFiles(sheets, strings, extra);
}

/** A one-sheet workbook ("S") with the given constants (text as shared strings) and formulas ("=…"), for evaluator tests. */
export function singleSheetWorkbook(cells: Readonly<Record<string, string | number>>): Uint8Array {
  const strings = new StringTable();
  const sheet = new SheetBuilder();
  for (const [ref, value] of Object.entries(cells)) {
    if (typeof value === 'number') sheet.set(ref, { kind: 'number', value });
    else if (value.startsWith('=')) sheet.set(ref, { kind: 'formula', formula: value.slice(1) });
    else sheet.set(ref, { kind: 'shared', text: value });
  }
  return packageFiles([{ name: 'S', xml: sheet.xml(strings) }], strings, {});
}
