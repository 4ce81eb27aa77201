// Read-back checks shared by the prefill tests: what a cell holds after the prefill, and proof that nothing but the
// intended cells changed (every other ZIP entry byte for byte, every other cell and byte of the edited sheets).
import { expect } from 'vitest';
import { indexCells } from '../../src/prefill/sheet-xml.js';
import { Workbook } from '../../src/prefill/workbook.js';
import { ZipArchive } from '../../src/prefill/zip.js';

/** Asserts that XML text is well formed: balanced, properly nested tags, quoted attributes, escaped text. */
export function expectWellFormed(xml: string, name: string): void {
  const body = xml.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const stack: string[] = [];
  let last = 0;
  for (const m of body.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/g)) {
    const text = body.slice(last, m.index);
    expect(/[<>]|&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text), `${name}: stray markup or unescaped & before offset ${m.index}`).toBe(false);
    last = m.index + m[0].length;
    if (m[1] === '/') expect(stack.pop(), `${name}: closing </${m[2]!}> at offset ${m.index}`).toBe(m[2]);
    else if (m[4] !== '/') stack.push(m[2]!);
  }
  expect(/[<>]/.test(body.slice(last).trim()), `${name}: stray markup at the end`).toBe(false);
  expect(stack, `${name}: unclosed elements`).toEqual([]);
}

/** A cell's value as a plain JS value ('' for empty). */
export function cellOf(workbook: Workbook, sheet: string, ref: string): string | number | boolean {
  const v = workbook.value(sheet, ref);
  return v.kind === 'empty' ? '' : v.value;
}

/** Removes the given cells' elements from a sheet, so the rest can be compared. */
export function withoutCells(xml: string, refs: ReadonlySet<string>): string {
  const spans = [...indexCells(xml).values()].filter((s) => refs.has(s.ref)).sort((a, b) => b.start - a.start);
  let out = xml;
  for (const s of spans) out = out.slice(0, s.start) + out.slice(s.end);
  // An inserted cell may have created its row: compare rows without their now-empty shells.
  return out.replace(/<row r="\d+"><\/row>/g, '');
}

/**
 * Asserts that `after` differs from `before` only in the intended cells of the edited sheets, in workbook.xml's calcPr
 * and in `otherEditedParts` (checked for well-formedness only): every other ZIP entry has identical stored bytes
 * (local header and compressed data).
 */
export function expectOnlyIntendedChanges(before: Uint8Array, after: Uint8Array, intended: ReadonlyMap<string, ReadonlySet<string>>, otherEditedParts: ReadonlySet<string> = new Set()): void {
  const a = ZipArchive.read(before, 'before');
  const b = ZipArchive.read(after, 'after');
  const wbBefore = Workbook.open(before, 'before');
  const editedPaths = new Map([...intended.keys()].map((sheet) => [wbBefore.sheetPath(sheet), sheet]));
  expect(b.entries.map((e) => e.name)).toEqual(a.entries.map((e) => e.name));
  for (const entry of a.entries) {
    const other = b.entries.find((e) => e.name === entry.name)!;
    const sheet = editedPaths.get(entry.name);
    if (sheet !== undefined || entry.name === wbBefore.workbookPath) expectWellFormed(b.text(entry.name), entry.name);
    if (sheet !== undefined) {
      const refs = intended.get(sheet)!;
      expect(withoutCells(b.text(entry.name), refs), `${entry.name} outside the intended cells`).toBe(withoutCells(a.text(entry.name), refs));
    } else if (entry.name === wbBefore.workbookPath) {
      const strip = (xml: string): string => xml.replace(/<calcPr\b[^>]*\/>/, '<calcPr/>');
      expect(strip(b.text(entry.name))).toBe(strip(a.text(entry.name)));
      expect(b.text(entry.name)).toMatch(/<calcPr\b[^>]*fullCalcOnLoad="1"/);
    } else if (otherEditedParts.has(entry.name)) {
      expectWellFormed(b.text(entry.name), entry.name);
    } else {
      expect(Buffer.from(b.rawRecord(other)).equals(Buffer.from(a.rawRecord(entry))), `${entry.name} is byte-identical`).toBe(true);
    }
  }
}
