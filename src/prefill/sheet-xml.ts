// Reading and editing SpreadsheetML worksheet XML as text. Edits replace or insert single `<c>` elements and leave
// every other byte of the sheet as it was, so formulas, validations, conditional formats and styles stay untouched.
// New text goes into inline strings (`t="inlineStr"`), so the shared string table is never rewritten.

/** One `<c>` element found in a sheet: where it is and what it holds. */
export interface CellSpan {
  readonly ref: string;
  readonly start: number;
  readonly end: number;
  readonly attributes: Readonly<Record<string, string>>;
  /** Text between `<c …>` and `</c>`; empty for a self-closing element. */
  readonly inner: string;
}

/** A cell's value as Excel would show it (cached value for formula cells). */
export type CellValue =
  | { readonly kind: 'empty' }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'error'; readonly value: string };

/** What to put into one cell. */
export type CellContent =
  | { readonly kind: 'empty' }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'formula'; readonly formula: string; readonly cached: string };

/** One edit of one cell, by A1 reference. */
export interface CellEdit {
  readonly ref: string;
  readonly content: CellContent;
}

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_CHARS = 32_767;

const CELL_PATTERN = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const ATTRIBUTE_PATTERN = /([\w:.-]+)="([^"]*)"/g;

/** Splits "I16" into a 1-based column and row; throws on anything else (references are built by this module). */
export function parseRef(ref: string): { readonly col: number; readonly row: number } {
  const match = /^([A-Z]{1,3})(\d{1,7})$/.exec(ref);
  if (match === null) throw new Error(`not a cell reference: ${ref}`);
  let col = 0;
  for (const ch of match[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col, row: Number(match[2]) };
}

/** Returns the A1 reference of a 1-based column and row. */
export function cellRef(col: number, row: number): string {
  let letters = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row}`;
}

function attributesOf(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(ATTRIBUTE_PATTERN)) out[m[1]!] = m[2]!;
  return out;
}

/** Indexes every `<c>` element of a sheet by its reference, in one pass. */
export function indexCells(xml: string): Map<string, CellSpan> {
  const cells = new Map<string, CellSpan>();
  for (const m of xml.matchAll(CELL_PATTERN)) {
    const attributes = attributesOf(m[1]!);
    const ref = attributes.r;
    if (ref === undefined) continue;
    cells.set(ref, { ref, start: m.index, end: m.index + m[0].length, attributes, inner: m[2] ?? '' });
  }
  return cells;
}

/** Decodes XML text: line ends normalised as an XML parser does (XML 1.0 §2.11), then entity and character references. */
export function decodeXmlText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, entity: string) => {
    switch (entity) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
    }
  });
}

/** Decodes Excel's `_xHHHH_` escapes (used for control characters in cell text). */
function decodeExcelEscapes(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Concatenates the `<t>` runs of a string item (`<si>` or `<is>`), skipping phonetic runs. */
export function stringItemText(inner: string): string {
  const withoutPhonetic = inner.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let text = '';
  for (const m of withoutPhonetic.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) text += decodeExcelEscapes(decodeXmlText(m[1] ?? ''));
  return text;
}

/** Reads the shared string table (xl/sharedStrings.xml). */
export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)) out.push(stringItemText(m[1] ?? ''));
  return out;
}

/** Returns the formula text of a cell (decoded), or undefined; shared-formula children return their (empty) text. */
export function cellFormula(cell: CellSpan): { readonly text: string; readonly attributes: Readonly<Record<string, string>> } | undefined {
  const m = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(cell.inner);
  if (m === null) return undefined;
  return { text: decodeXmlText(m[2] ?? ''), attributes: attributesOf(m[1]!) };
}

/** Returns a cell's value: inline or shared string, number, boolean, error, or the cached result of a formula. */
export function cellValue(cell: CellSpan | undefined, sharedStrings: readonly string[]): CellValue {
  if (cell === undefined) return { kind: 'empty' };
  const type = cell.attributes.t ?? 'n';
  if (type === 'inlineStr') {
    const is = /<is>([\s\S]*?)<\/is>/.exec(cell.inner);
    return is === null ? { kind: 'empty' } : { kind: 'string', value: stringItemText(is[1]!) };
  }
  const v = /<v\b[^>]*?(?:\/>|>([\s\S]*?)<\/v>)/.exec(cell.inner);
  if (v === null) return { kind: 'empty' };
  const raw = decodeXmlText(v[1] ?? '');
  switch (type) {
    case 's': {
      const text = sharedStrings[Number(raw)];
      return text === undefined ? { kind: 'empty' } : { kind: 'string', value: text };
    }
    case 'str':
      return { kind: 'string', value: decodeExcelEscapes(raw) };
    case 'b':
      return { kind: 'boolean', value: raw === '1' };
    case 'e':
      return { kind: 'error', value: raw };
    default:
      return raw === '' ? { kind: 'empty' } : { kind: 'number', value: Number(raw) };
  }
}

/** Whether a cell's current value already equals the content (so the cell can stay byte-identical). */
export function holds(cell: CellSpan | undefined, sharedStrings: readonly string[], content: CellContent): boolean {
  if (content.kind === 'formula') return cell !== undefined && cellFormula(cell)?.text === content.formula;
  if (cell !== undefined && cellFormula(cell) !== undefined) return false;
  const value = cellValue(cell, sharedStrings);
  switch (content.kind) {
    case 'empty':
      return value.kind === 'empty';
    case 'string':
      return value.kind === 'string' && value.value === sanitizeCellText(content.text);
    case 'number':
      return value.kind === 'number' && value.value === content.value;
  }
}

/** Removes characters XML 1.0 cannot carry, normalises line ends and cuts the text to Excel's cell limit. */
export function sanitizeCellText(text: string): string {
  const clean = text
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
  if (clean.length <= MAX_CELL_CHARS) return clean;
  const cut = clean.slice(0, MAX_CELL_CHARS - 1);
  return `${/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}

/** Escapes text for element content or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function inlineStringXml(text: string): string {
  // A literal "_x000D_" would be read back by Excel as an escape: protect the underscore (ECMA-376 §22.9.2.19).
  const safe = escapeXml(sanitizeCellText(text).replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_'));
  const preserve = /^\s|\s$|\n/.test(safe) ? ' xml:space="preserve"' : '';
  return `<is><t${preserve}>${safe}</t></is>`;
}

/** Builds the `<c>` element for a content, keeping the cell's style index. */
export function cellXml(ref: string, style: string | undefined, content: CellContent): string {
  const s = style === undefined ? '' : ` s="${escapeXml(style)}"`;
  switch (content.kind) {
    case 'empty':
      return `<c r="${ref}"${s}/>`;
    case 'string':
      return `<c r="${ref}"${s} t="inlineStr">${inlineStringXml(content.text)}</c>`;
    case 'number':
      if (!Number.isFinite(content.value)) throw new Error(`cell ${ref}: not a finite number`);
      return `<c r="${ref}"${s}><v>${String(content.value)}</v></c>`;
    case 'formula':
      return `<c r="${ref}"${s} t="str"><f>${escapeXml(content.formula)}</f><v>${escapeXml(content.cached)}</v></c>`;
  }
}

/**
 * Applies cell edits to a sheet and returns the new XML. Existing cells are replaced in place (style kept);
 * missing cells are inserted into their row in column order, creating the row in row order when needed.
 */
export function applyCellEdits(xml: string, edits: readonly CellEdit[]): string {
  const cells = indexCells(xml);
  const replace: { span: CellSpan; text: string }[] = [];
  const insert: CellEdit[] = [];
  for (const edit of edits) {
    const span = cells.get(edit.ref);
    if (span === undefined) insert.push(edit);
    else replace.push({ span, text: cellXml(edit.ref, span.attributes.s, edit.content) });
  }
  replace.sort((a, b) => b.span.start - a.span.start);
  let out = xml;
  for (const { span, text } of replace) out = out.slice(0, span.start) + text + out.slice(span.end);
  for (const edit of insert) out = insertCell(out, edit);
  return out;
}

function insertCell(xml: string, edit: CellEdit): string {
  const { col, row } = parseRef(edit.ref);
  const text = cellXml(edit.ref, undefined, edit.content);
  const rowMatch = new RegExp(`<row\\b[^>]*?\\br="${row}"[^>]*?(/?)>`).exec(xml);
  if (rowMatch !== null) {
    const openEnd = rowMatch.index + rowMatch[0].length;
    if (rowMatch[1] === '/') return `${xml.slice(0, openEnd - 2)}>${text}</row>${xml.slice(openEnd)}`;
    const close = xml.indexOf('</row>', openEnd);
    const body = xml.slice(openEnd, close);
    for (const span of indexCells(body).values()) {
      if (parseRef(span.ref).col > col) return xml.slice(0, openEnd + span.start) + text + xml.slice(openEnd + span.start);
    }
    return xml.slice(0, close) + text + xml.slice(close);
  }
  const rowXml = `<row r="${row}">${text}</row>`;
  const emptyData = /<sheetData\s*\/>/.exec(xml);
  if (emptyData !== null) return `${xml.slice(0, emptyData.index)}<sheetData>${rowXml}</sheetData>${xml.slice(emptyData.index + emptyData[0].length)}`;
  const dataStart = xml.indexOf('<sheetData');
  const dataEnd = xml.indexOf('</sheetData>');
  if (dataStart < 0 || dataEnd < 0) throw new Error('sheet has no sheetData element');
  for (const m of xml.slice(dataStart, dataEnd).matchAll(/<row\b[^>]*?\br="(\d+)"/g)) {
    if (Number(m[1]) > row) return xml.slice(0, dataStart + m.index) + rowXml + xml.slice(dataStart + m.index);
  }
  return xml.slice(0, dataEnd) + rowXml + xml.slice(dataEnd);
}
