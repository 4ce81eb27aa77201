import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigParseError, decodeConfigText, describeDocumentError, nestingDepth, parseConfigDocuments, parseJson, parseYamlDocuments, positionAt, readConfigText } from '../../src/ca-config/read-config-file.js';
import { nodeFileSystem } from '../../src/engine/file-system.js';

const SAMPLE = 'name: "Zoë café"\nduration: 2160h\n';

function utf16be(text: string): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
}

describe('decodeConfigText', () => {
  it.each([
    ['UTF-8', Buffer.from(SAMPLE, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]), 'utf-8-bom'],
    ['UTF-16 LE with BOM (PowerShell)', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]), 'utf-16le'],
    ['UTF-16 LE without BOM', Buffer.from(SAMPLE, 'utf16le'), 'utf-16le'],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(SAMPLE)]), 'utf-16be'],
    ['UTF-16 BE without BOM', utf16be(SAMPLE), 'utf-16be'],
    ['Latin-1', Buffer.from(SAMPLE, 'latin1'), 'latin1'],
  ])('%s decodes to the same text', (_name, bytes, encoding) => {
    const decoded = decodeConfigText(new Uint8Array(bytes));
    expect(decoded).toEqual({ text: SAMPLE, encoding });
  });

  it('refuses binary data with a message that names the offset, not the content', () => {
    expect(() => decodeConfigText(new Uint8Array([0x7b, 0x00, 0x00, 0x00, 0x01, 0x02, 0xff, 0x00, 0x41]))).toThrow(/binary data \(a NUL character at offset \d+\)/);
  });
});

describe('readConfigText', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pkimm-read-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a 50 MB file as too-large without reading it', async () => {
    const big = join(dir, 'huge.yaml');
    await writeFile(big, '');
    await truncate(big, 50 * 1024 * 1024);
    await expect(readConfigText(nodeFileSystem, big, 5_000_000)).rejects.toMatchObject({ code: 'too-large' });
  });

  it('reads and decodes a UTF-16 file', async () => {
    const file = join(dir, 'utf16.json');
    await writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a": 1}', 'utf16le')]));
    expect(await readConfigText(nodeFileSystem, file, 1000)).toEqual({ text: '{"a": 1}', encoding: 'utf-16le' });
  });
});

describe('positionAt', () => {
  it.each([
    [0, 1, 1],
    [3, 1, 4],
    [4, 2, 1],
    [9, 3, 1],
    [10, 3, 2],
  ])('offset %d → line %d column %d', (offset, line, column) => {
    expect(positionAt('abc\ndefg\nhi', offset)).toEqual({ line, column });
  });
});

describe('parseJson', () => {
  it.each([
    ['{"a": 1,}', 1, 9, 'Expected double-quoted property name'],
    ['{\n  "secret": "hunter2hunter2" x\n}', 2, 30, "Expected ',' or '}' after property value"],
    ['{\n  "token": hvs.ABCDEFGHIJKLMNOPQRSTUVWXYZ\n}', 2, 12, 'unexpected character'],
    ['{"a": "b\nc"}', 1, 9, 'Bad control character in string literal'],
    ['[1, 2', 1, 6, "Expected ',' or ']' after array element"],
  ])('%j fails at line %d column %d without quoting the source', (text, line, column, reason) => {
    let caught: unknown;
    try {
      parseJson(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigParseError);
    const e = caught as ConfigParseError;
    expect([e.line, e.column]).toEqual([line, column]);
    expect(e.message).toBe(`line ${line}, column ${column}: not valid JSON: ${reason}`);
    expect(e.message).not.toMatch(/hunter2|hvs\./);
  });

  it('accepts comments and trailing commas as JSONC, keeping positions', () => {
    const text = '{\n  // the CA\n  "a": [1, 2,], /* note */\n  "b": "http://x//y"\n}';
    expect(parseJson(text, { allowComments: true }).value).toEqual({ a: [1, 2], b: 'http://x//y' });
    expect(() => parseJson(text)).toThrow(/line 2, column 3/);
  });

  it('ignores documentation placeholder lines when asked and reports them', () => {
    const text = '...\n{\n  "type": "ACME",\n  …\n  "name": "acme"\n}\n';
    expect(parseJson(text, { allowPlaceholders: true })).toEqual({ value: { type: 'ACME', name: 'acme' }, placeholderLines: [1, 4] });
  });

  it('refuses JSON nested deeper than the limit', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => parseJson(deep)).toThrow('nested deeper than 64 levels');
    expect(parseJson('[[[1]]]', { maxDepth: 3 }).value).toEqual([[[1]]]);
  });
});

describe('parseYamlDocuments', () => {
  it('returns every document with its starting line, and a positioned error for a broken one', () => {
    const text = 'kind: A\n---\nkind: B\n  bad: indent\n---\n# only a comment\n---\nkind: C\n';
    const parsed = parseYamlDocuments(text);
    expect(parsed.documents).toEqual([
      { value: { kind: 'A' }, index: 0, line: 1 },
      { value: { kind: 'C' }, index: 3, line: 8 },
    ]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ index: 1, line: 3 });
    expect(describeDocumentError(parsed.errors[0]!, 4)).toMatch(/^document 2, line 3, column \d+: /);
  });

  it('refuses a YAML alias bomb', () => {
    const rows = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    const parsed = parseYamlDocuments(`${rows.join('\n')}\n`);
    expect(parsed.documents).toEqual([]);
    expect(parsed.errors[0]?.message).toBe('too many YAML alias expansions (more than 100): refused as an alias bomb');
  });

  it('refuses deep flow nesting before the YAML library sees it, even behind quoted brackets', () => {
    const hidden = `a: ${Array(200).fill('[ "]" ').join('')}${']'.repeat(200)}\n`;
    expect(() => parseYamlDocuments(hidden)).toThrow(/^line 1, column \d+: nested deeper than 64 levels$/);
    expect(() => parseYamlDocuments(`x: ${'{a: '.repeat(50_000)}1${'}'.repeat(50_000)}`)).toThrow(/nested deeper than 64 levels/);
  });

  it('refuses deep block nesting after parsing', () => {
    const lines = Array.from({ length: 80 }, (_, i) => `${' '.repeat(i)}k${i}:`);
    const parsed = parseYamlDocuments(`${lines.join('\n')} end\n`);
    expect(parsed.errors).toEqual([{ index: 0, line: 1, message: 'nested deeper than 64 levels' }]);
  });

  it('treats an empty file as no documents', () => {
    expect(parseYamlDocuments('# nothing here\n')).toEqual({ documents: [], errors: [], placeholderLines: [] });
  });
});

describe('parseConfigDocuments', () => {
  it('picks JSON for JSON text and YAML otherwise', () => {
    expect(parseConfigDocuments('{"kind": "List", "items": []}', 'auto').documents[0]?.value).toEqual({ kind: 'List', items: [] });
    expect(parseConfigDocuments('kind: List\nitems: []\n', 'auto').documents[0]?.value).toEqual({ kind: 'List', items: [] });
  });

  it('reports a forced-JSON syntax error as a document error with its position', () => {
    expect(parseConfigDocuments('{\n "a": }', 'json').errors).toEqual([{ index: 0, line: 2, column: 7, message: 'not valid JSON: unexpected character' }]);
  });
});

describe('nestingDepth', () => {
  it('counts objects and arrays and stops above the limit', () => {
    expect(nestingDepth({ a: [{ b: 1 }] })).toBe(3);
    expect(nestingDepth('x')).toBe(0);
    let deep: unknown = 1;
    for (let i = 0; i < 1000; i++) deep = [deep];
    expect(nestingDepth(deep, 10)).toBe(11);
  });
});
