// An xlsx package opened for targeted edits: sheets found by name through the workbook relationships, cells read
// with the shared string table, edits collected per part and written back by ZipArchive.rewrite, which copies every
// other part byte for byte.
import { XMLParser } from 'fast-xml-parser';
import { ConfigError } from '../errors.js';
import { applyCellEdits, cellValue, holds, indexCells, parseSharedStrings, type CellEdit, type CellSpan, type CellValue } from './sheet-xml.js';
import { WORKBOOK_ZIP_LIMITS, ZipArchive, type ZipLimits } from './zip.js';

const RELATIONSHIP_OFFICE_DOCUMENT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'sheet' || name === 'Relationship',
});

interface SheetInfo {
  readonly name: string;
  readonly path: string;
}

/** Resolves a relationship target against the folder of the part that owns the relationship. */
export function resolvePartPath(ownerPath: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ownerPath.split('/').slice(0, -1);
  for (const segment of target.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/');
}

/** Returns the relationships of a part (`<folder>/_rels/<name>.rels`) as id → target path. */
export function relationshipsOf(archive: ZipArchive, partPath: string): Map<string, { readonly type: string; readonly path: string }> {
  const slash = partPath.lastIndexOf('/');
  const relsPath = `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
  const out = new Map<string, { type: string; path: string }>();
  if (!archive.has(relsPath)) return out;
  const parsed = xmlParser.parse(archive.text(relsPath)) as { Relationships?: { Relationship?: { Id?: string; Type?: string; Target?: string; TargetMode?: string }[] } };
  for (const r of parsed.Relationships?.Relationship ?? []) {
    if (r.Id === undefined || r.Target === undefined || r.TargetMode === 'External') continue;
    out.set(r.Id, { type: r.Type ?? '', path: resolvePartPath(partPath, r.Target) });
  }
  return out;
}

/** An xlsx workbook with pending edits. */
export class Workbook {
  private readonly sheets: readonly SheetInfo[];
  private readonly edited = new Map<string, string>();
  private readonly editedBytes = new Map<string, Uint8Array>();
  private readonly texts = new Map<string, string>();
  private readonly cellIndex = new Map<string, Map<string, CellSpan>>();
  private shared: string[] | undefined;

  private constructor(
    readonly archive: ZipArchive,
    readonly source: string,
    readonly workbookPath: string,
  ) {
    const parsed = xmlParser.parse(this.text(workbookPath)) as { workbook?: { sheets?: { sheet?: { name?: string; 'r:id'?: string }[] } } };
    const rels = relationshipsOf(archive, workbookPath);
    const sheets: SheetInfo[] = [];
    for (const s of parsed.workbook?.sheets?.sheet ?? []) {
      const rel = s['r:id'] === undefined ? undefined : rels.get(s['r:id']);
      if (s.name !== undefined && rel !== undefined) sheets.push({ name: s.name, path: rel.path });
    }
    this.sheets = sheets;
  }

  /** Opens an xlsx file; throws one ConfigError for a file that is not a bounded, readable xlsx package. */
  static open(bytes: Uint8Array, source: string, limits: ZipLimits = WORKBOOK_ZIP_LIMITS): Workbook {
    const archive = ZipArchive.read(bytes, source, limits);
    if (!archive.has('[Content_Types].xml')) throw new ConfigError(`${source}: not an xlsx file (no [Content_Types].xml)`, source);
    const root = [...relationshipsOf(archive, '').values()].find((r) => r.type === RELATIONSHIP_OFFICE_DOCUMENT);
    const workbookPath = root?.path ?? 'xl/workbook.xml';
    if (!archive.has(workbookPath)) throw new ConfigError(`${source}: not an xlsx file (no workbook part)`, source);
    try {
      return new Workbook(archive, source, workbookPath);
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError(`${source}: not an xlsx file (${(error as Error).message})`, source);
    }
  }

  /** Sheet names in workbook order. */
  get sheetNames(): readonly string[] {
    return this.sheets.map((s) => s.name);
  }

  /** The package path of a sheet; throws ConfigError when the workbook has no such sheet. */
  sheetPath(name: string): string {
    const sheet = this.sheets.find((s) => s.name === name);
    if (sheet === undefined) throw new ConfigError(`${this.source}: the workbook has no sheet "${name}"`, this.source);
    return sheet.path;
  }

  /** The current text of a part (with pending edits). */
  text(path: string): string {
    const edited = this.edited.get(path);
    if (edited !== undefined) return edited;
    let text = this.texts.get(path);
    if (text === undefined) {
      text = this.archive.text(path);
      this.texts.set(path, text);
    }
    return text;
  }

  /** Replaces the text of a part (written on save). */
  setText(path: string, text: string): void {
    this.edited.set(path, text);
    this.cellIndex.delete(path);
  }

  /** Replaces the bytes of a part that is not UTF-8 text (a VML drawing), written on save. */
  setBytes(path: string, bytes: Uint8Array): void {
    this.editedBytes.set(path, bytes);
  }

  /** The shared string table (empty when the workbook has none). */
  get sharedStrings(): readonly string[] {
    if (this.shared === undefined) {
      const rel = [...relationshipsOf(this.archive, this.workbookPath).values()].find((r) => r.type.endsWith('/sharedStrings'));
      this.shared = rel !== undefined && this.archive.has(rel.path) ? parseSharedStrings(this.archive.text(rel.path)) : [];
    }
    return this.shared;
  }

  /** The cells of a sheet, indexed by reference. */
  cells(sheet: string): ReadonlyMap<string, CellSpan> {
    const path = this.sheetPath(sheet);
    let index = this.cellIndex.get(path);
    if (index === undefined) {
      index = indexCells(this.text(path));
      this.cellIndex.set(path, index);
    }
    return index;
  }

  /** One cell's value (the cached value for a formula cell). */
  value(sheet: string, ref: string): CellValue {
    return cellValue(this.cells(sheet).get(ref), this.sharedStrings);
  }

  /** Applies edits to a sheet, skipping cells that already hold the wanted content; returns the refs changed. */
  edit(sheet: string, edits: readonly CellEdit[]): string[] {
    const cells = this.cells(sheet);
    const needed = edits.filter((e) => !holds(cells.get(e.ref), this.sharedStrings, e.content));
    if (needed.length > 0) this.setText(this.sheetPath(sheet), applyCellEdits(this.text(this.sheetPath(sheet)), needed));
    return needed.map((e) => e.ref);
  }

  /** Asks Excel to recalculate every formula when the file is opened (`<calcPr fullCalcOnLoad="1"/>`). */
  forceFullCalculationOnLoad(): void {
    const xml = this.text(this.workbookPath);
    const calcPr = /<calcPr\b([^>]*?)(\/?)>/.exec(xml);
    let next: string;
    if (calcPr !== null) {
      const attributes = /\bfullCalcOnLoad="[^"]*"/.test(calcPr[1]!) ? calcPr[1]!.replace(/\bfullCalcOnLoad="[^"]*"/, 'fullCalcOnLoad="1"') : `${calcPr[1]!} fullCalcOnLoad="1"`;
      next = `${xml.slice(0, calcPr.index)}<calcPr${attributes}${calcPr[2]!}>${xml.slice(calcPr.index + calcPr[0].length)}`;
    } else {
      const anchor = xml.includes('</definedNames>') ? '</definedNames>' : '</sheets>';
      const at = xml.indexOf(anchor);
      if (at < 0) throw new ConfigError(`${this.source}: the workbook part has no sheets element`, this.source);
      next = `${xml.slice(0, at + anchor.length)}<calcPr fullCalcOnLoad="1"/>${xml.slice(at + anchor.length)}`;
    }
    if (next !== xml) this.setText(this.workbookPath, next);
  }

  /** The parts that were changed. */
  get editedParts(): readonly string[] {
    return [...this.edited.keys(), ...this.editedBytes.keys()];
  }

  /** Writes the package: edited parts re-deflated, every other part copied byte for byte. */
  save(): Uint8Array {
    const encoder = new TextEncoder();
    return this.archive.rewrite(new Map([...[...this.edited].map(([path, text]): [string, Uint8Array] => [path, encoder.encode(text)]), ...this.editedBytes]));
  }
}
