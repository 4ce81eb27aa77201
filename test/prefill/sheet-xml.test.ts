import { describe, expect, it } from 'vitest';
import { applyCellEdits, cellValue, holds, indexCells, parseSharedStrings, sanitizeCellText, MAX_CELL_CHARS } from '../../src/prefill/sheet-xml.js';

const sheet = (rows: string): string => `<worksheet><sheetData>${rows}</sheetData><dataValidations count="1"><dataValidation sqref="I16"/></dataValidations></worksheet>`;

describe('sheet XML edits', () => {
  it.each([
    ['replaces a cell in place, keeping its style', '<row r="2"><c r="A2" s="4" t="s"><v>0</v></c><c r="B2"/></row>', 'A2', '<row r="2"><c r="A2" s="4" t="inlineStr"><is><t>new</t></is></c><c r="B2"/></row>'],
    ['inserts a missing cell in column order', '<row r="2"><c r="A2"/><c r="D2"/></row>', 'C2', '<row r="2"><c r="A2"/><c r="C2" t="inlineStr"><is><t>new</t></is></c><c r="D2"/></row>'],
    ['appends a cell after the last one', '<row r="2"><c r="A2"/></row>', 'AA2', '<row r="2"><c r="A2"/><c r="AA2" t="inlineStr"><is><t>new</t></is></c></row>'],
    ['fills a self-closing row', '<row r="2" spans="1:3"/>', 'B2', '<row r="2" spans="1:3"><c r="B2" t="inlineStr"><is><t>new</t></is></c></row>'],
    ['creates a row in row order', '<row r="1"><c r="A1"/></row><row r="5"><c r="A5"/></row>', 'B3', '<row r="1"><c r="A1"/></row><row r="3"><c r="B3" t="inlineStr"><is><t>new</t></is></c></row><row r="5"><c r="A5"/></row>'],
  ])('%s', (_name, rows, ref, expected) => {
    expect(applyCellEdits(sheet(rows), [{ ref, content: { kind: 'string', text: 'new' } }])).toBe(sheet(expected));
  });

  it('creates the first row of an empty sheet', () => {
    expect(applyCellEdits('<worksheet><sheetData/></worksheet>', [{ ref: 'A1', content: { kind: 'number', value: 46348 } }])).toBe('<worksheet><sheetData><row r="1"><c r="A1"><v>46348</v></c></row></sheetData></worksheet>');
  });

  it('escapes markup, protects literal _xHHHH_ sequences, preserves line breaks and drops characters XML cannot carry', () => {
    const xml = applyCellEdits(sheet('<row r="1"><c r="A1"/></row>'), [{ ref: 'A1', content: { kind: 'string', text: 'a < b & "c"\r\nline _x000D_ end\u0001\uFFFF' } }]);
    expect(xml).toContain('<t xml:space="preserve">a &lt; b &amp; &quot;c&quot;\nline _x005F_x000D_ end</t>');
    const cell = indexCells(xml).get('A1');
    expect(cellValue(cell, [])).toEqual({ kind: 'string', value: 'a < b & "c"\nline _x000D_ end' });
  });

  it('cuts text to the Excel cell limit and says a cell already holds a value only when it does', () => {
    expect(sanitizeCellText('x'.repeat(MAX_CELL_CHARS + 10))).toHaveLength(MAX_CELL_CHARS);
    const cells = indexCells(sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><f>A1</f><v>IN</v></c><c r="C1"/></row>'));
    const shared = parseSharedStrings('<sst><si><t>IN</t></si></sst>');
    expect(holds(cells.get('A1'), shared, { kind: 'string', text: 'IN' })).toBe(true);
    expect(holds(cells.get('A1'), shared, { kind: 'string', text: 'OUT OF' })).toBe(false);
    expect(holds(cells.get('B1'), shared, { kind: 'string', text: 'IN' })).toBe(false);
    expect(holds(cells.get('C1'), shared, { kind: 'empty' })).toBe(true);
    expect(holds(undefined, shared, { kind: 'empty' })).toBe(true);
  });

  it('reads rich-text shared strings without their phonetic runs, with XML line-end normalisation', () => {
    expect(parseSharedStrings('<sst><si><r><t>Cert</t></r><r><rPr/><t xml:space="preserve"> policy\r\n</t></r><rPh><t>x</t></rPh></si><si><t/></si></sst>')).toEqual(['Cert policy\n', '']);
  });
});
