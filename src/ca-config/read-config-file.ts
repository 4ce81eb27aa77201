// Reading configuration files that come from anywhere: bounded in size, decoded whatever the encoding (UTF-8 with or
// without BOM, UTF-16 LE/BE with or without BOM as PowerShell writes them, Latin-1), parsed as JSON (optionally with
// comments) or multi-document YAML, bounded in depth and alias expansion, with line/column positions for problems.
// Parser messages are reduced to their first clause so no source text (which may hold a secret) reaches a problem.
import { relative, sep } from 'node:path';
import { Lexer, LineCounter, parseAllDocuments } from 'yaml';
import type { FileSystem } from '../engine/collector-context.js';
import { CollectError } from '../engine/define-collector.js';

/** How a configuration file's bytes were decoded. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'latin1';

/** A decoded configuration file. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
}

/** Bounds on parsing untrusted structured text. */
export interface ParseLimits {
  /** Deepest nesting of maps and lists accepted (default 64). */
  readonly maxDepth?: number;
  /** YAML alias expansions accepted per document (default 100); more is treated as an alias bomb. */
  readonly maxAliasCount?: number;
  /** YAML documents read from one file (default 10,000); the rest are reported. */
  readonly maxDocuments?: number;
}

/** A configuration file could not be parsed; `line`/`column` (1-based) locate the first error when known. */
export class ConfigParseError extends CollectError {
  override name = 'ConfigParseError';
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super('parse', line === undefined ? message : `line ${line}${column === undefined ? '' : `, column ${column}`}: ${message}`);
  }
}

/** One parsed document of a (multi-document) file. */
export interface ConfigDocument {
  readonly value: unknown;
  /** 0-based position of the document in the file. */
  readonly index: number;
  /** 1-based line where the document starts. */
  readonly line: number;
}

/** A document that could not be parsed; the other documents of the file are still returned. */
export interface DocumentError {
  readonly index: number;
  readonly line?: number;
  readonly column?: number;
  /** One line, without source text. */
  readonly message: string;
}

/** What parsing a file produced: the readable documents and the unreadable ones. */
export interface ParsedDocuments {
  readonly documents: ConfigDocument[];
  readonly errors: DocumentError[];
  /** Lines holding only a documentation placeholder ("..." or "…") that were ignored (JSON only). */
  readonly placeholderLines: number[];
}

const DEFAULT_DEPTH = 64;
const DEFAULT_ALIASES = 100;
const DEFAULT_DOCUMENTS = 10_000;

/**
 * Decodes configuration bytes: a BOM decides (UTF-8, UTF-16 LE/BE); without one, UTF-16 is recognised by its zero
 * bytes, valid UTF-8 is UTF-8 and anything else is read as Latin-1 (Windows-1252). Returns the text without BOM;
 * throws ConfigParseError for binary data (NUL characters after decoding).
 */
export function decodeConfigText(bytes: Uint8Array): DecodedText {
  let decoded: DecodedText;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) decoded = { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) decoded = { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) decoded = { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  else {
    const guess = guessUtf16(bytes);
    if (guess) decoded = { text: new TextDecoder(guess).decode(bytes), encoding: guess };
    else {
      try {
        decoded = { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
      } catch {
        decoded = { text: new TextDecoder('latin1').decode(bytes), encoding: 'latin1' };
      }
    }
  }
  const nul = decoded.text.indexOf('\u0000');
  if (nul >= 0) throw new ConfigParseError(`binary data (a NUL character at offset ${nul}), not a text configuration`);
  return decoded;
}

/** UTF-16 without BOM: ASCII text puts a zero in every other byte (odd offsets for LE, even for BE). */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 2048) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Reads at most `maxBytes` of a file through the collector's file system and decodes it; throws CollectError ('too-large', 'not-found', 'permission', 'parse'). */
export async function readConfigText(fs: FileSystem, path: string, maxBytes: number): Promise<DecodedText> {
  return decodeConfigText(await fs.readFile(path, maxBytes));
}

/** Returns the 1-based line and column of a character offset in `text`. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** Returns the deepest nesting of objects and arrays in a parsed value, stopping early above `limit` (iterative). */
export function nestingDepth(value: unknown, limit = Number.MAX_SAFE_INTEGER): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  let visited = 0;
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    const level = depth + 1;
    if (level > max) max = level;
    if (max > limit || ++visited > 10_000_000) return max;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, level]);
    }
  }
  return max;
}

/** Lines that hold only a documentation placeholder such as "...", "…" or "...," (as documentation snippets have). */
const PLACEHOLDER_LINE = /^[ \t]*(\.\.\.|…)[ \t]*,?[ \t]*$/;

/**
 * Parses JSON text. With `allowComments`, `//` and `/* *\/` comments and trailing commas are accepted (JSONC, as
 * step-ca documentation and VS Code write it). With `allowPlaceholders`, lines holding only "..." are ignored and
 * reported in the result. Returns the value and the ignored lines; throws ConfigParseError with the position of the
 * first error, or when nesting exceeds `maxDepth`.
 */
export function parseJson(text: string, options: { allowComments?: boolean; allowPlaceholders?: boolean } & ParseLimits = {}): { value: unknown; placeholderLines: number[] } {
  const placeholderLines: number[] = [];
  let source = text;
  if (options.allowPlaceholders) {
    const lines = text.split('\n');
    lines.forEach((l, i) => {
      if (PLACEHOLDER_LINE.test(l)) {
        placeholderLines.push(i + 1);
        lines[i] = ' '.repeat(l.length);
      }
    });
    source = lines.join('\n');
  }
  if (options.allowComments) source = stripJsonComments(source);
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const offset = jsonErrorOffset(source, error);
    const { line, column } = positionAt(source, offset);
    throw new ConfigParseError(`not valid JSON: ${jsonReason(error)}`, line, column);
  }
  const maxDepth = options.maxDepth ?? DEFAULT_DEPTH;
  if (nestingDepth(value, maxDepth) > maxDepth) throw new ConfigParseError(`nested deeper than ${maxDepth} levels`);
  return { value, placeholderLines };
}

/** The first clause of V8's JSON error message, without the source snippet some messages quote. */
function jsonReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/is not valid JSON|^Unexpected token/.test(message)) return 'unexpected character';
  const reason = message.replace(/ in JSON at position \d+.*$/s, '').replace(/ at position \d+.*$/s, '');
  return reason.length > 0 && reason.length < 120 && !reason.includes('\n') ? reason : 'syntax error';
}

/** The offset of a JSON syntax error: from V8's message when it names one, else found by scanning. */
function jsonErrorOffset(text: string, error: unknown): number {
  const message = error instanceof Error ? error.message : '';
  const at = / at position (\d+)/.exec(message);
  return at ? Number(at[1]) : jsonSyntaxErrorOffset(text);
}

/** Finds the offset of the first JSON syntax error with a small iterative scanner (for V8 messages without a position). */
function jsonSyntaxErrorOffset(text: string): number {
  const n = text.length;
  const stack: string[] = [];
  let i = 0;
  type State = 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'colon' | 'commaOrEnd' | 'end';
  let state: State = 'value';
  const after = (): State => (stack.length > 0 ? 'commaOrEnd' : 'end');
  const scanString = (): boolean => {
    i++;
    while (i < n) {
      const ch = text[i]!;
      if (ch === '"') {
        i++;
        return true;
      }
      if (ch < ' ') return false;
      if (ch === '\\') {
        const esc = text[i + 1] ?? '';
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(esc) || esc === '') return false;
        i += 2;
        continue;
      }
      i++;
    }
    return false;
  };
  const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  for (;;) {
    while (i < n && ' \t\n\r'.includes(text[i]!)) i++;
    if (i >= n) return n;
    const c = text[i]!;
    if (state === 'end') return i;
    if (state === 'colon') {
      if (c !== ':') return i;
      i++;
      state = 'value';
    } else if (state === 'commaOrEnd') {
      const top = stack[stack.length - 1];
      if (c === ',') {
        i++;
        state = top === '{' ? 'key' : 'value';
      } else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
        stack.pop();
        i++;
        state = after();
      } else return i;
    } else if (state === 'key' || state === 'keyOrEnd') {
      if (state === 'keyOrEnd' && c === '}') {
        stack.pop();
        i++;
        state = after();
      } else if (c === '"') {
        if (!scanString()) return i;
        state = 'colon';
      } else return i;
    } else if (state === 'valueOrEnd' && c === ']') {
      stack.pop();
      i++;
      state = after();
    } else if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      state = c === '{' ? 'keyOrEnd' : 'valueOrEnd';
    } else if (c === '"') {
      if (!scanString()) return i;
      state = after();
    } else {
      literal.lastIndex = i;
      const m = literal.exec(text);
      if (!m) return i;
      i += m[0].length;
      state = after();
    }
  }
}

/** Replaces `//` and `/* *\/` comments with spaces (keeping positions) and drops trailing commas before `}` or `]`. */
function stripJsonComments(text: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const start = i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      out.push(text.slice(start, i));
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out.push(' '.repeat(stop - i));
      i = stop;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out.push(text.slice(i, stop).replace(/[^\n]/g, ' '));
      i = stop;
    } else {
      out.push(c);
      i++;
    }
  }
  return out.join('').replace(/,(\s*[}\]])/g, ' $1');
}

/** The deepest flow-collection nesting (`[`/`{`) of YAML text, measured with the YAML lexer so quoting is honoured. */
function yamlFlowDepth(text: string, limit: number): { depth: number; offset: number } {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') {
      if (++depth > limit) return { depth, offset };
    } else if ((token === ']' || token === '}') && depth > 0) depth--;
    offset += token.length;
  }
  return { depth, offset };
}

/**
 * Parses multi-document YAML (JSON is YAML too). With `allowPlaceholders`, indented lines holding only "..." (as
 * documentation snippets have) are ignored and reported. Each document is parsed on its own: a broken one becomes a
 * DocumentError with its position, the others are returned. Flow nesting is measured before parsing (the YAML
 * library exhausts memory on thousands of nested brackets), block nesting after, and alias expansion is bounded.
 * Throws ConfigParseError only when the whole text is refused (nesting too deep).
 */
export function parseYamlDocuments(source: string, limits: ParseLimits & { allowPlaceholders?: boolean } = {}): ParsedDocuments {
  const placeholderLines: number[] = [];
  let text = source;
  if (limits.allowPlaceholders) {
    // An indented "..." is a documentation placeholder; at column 0 it is YAML's document-end marker and stays.
    const lines = source.split('\n');
    lines.forEach((l, i) => {
      if (PLACEHOLDER_LINE.test(l) && (/^[ \t]/.test(l) || l.includes('…'))) {
        placeholderLines.push(i + 1);
        lines[i] = ' '.repeat(l.length);
      }
    });
    text = lines.join('\n');
  }
  const maxDepth = limits.maxDepth ?? DEFAULT_DEPTH;
  const maxAliasCount = limits.maxAliasCount ?? DEFAULT_ALIASES;
  const maxDocuments = limits.maxDocuments ?? DEFAULT_DOCUMENTS;
  let brackets = 0;
  for (let i = text.indexOf('['); i >= 0 && brackets <= maxDepth; i = text.indexOf('[', i + 1)) brackets++;
  for (let i = text.indexOf('{'); i >= 0 && brackets <= maxDepth; i = text.indexOf('{', i + 1)) brackets++;
  if (brackets > maxDepth) {
    const flow = yamlFlowDepth(text, maxDepth);
    if (flow.depth > maxDepth) {
      const { line, column } = positionAt(text, flow.offset);
      throw new ConfigParseError(`nested deeper than ${maxDepth} levels`, line, column);
    }
  }
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const documents: ConfigDocument[] = [];
  const errors: DocumentError[] = [];
  // An empty stream (only comments or directives) has no documents but may carry errors.
  if ('empty' in parsed) for (const e of parsed.errors) errors.push(toDocumentError(e, 0));
  parsed.forEach((doc, index) => {
    if (index >= maxDocuments) {
      if (index === maxDocuments) errors.push({ index, message: `more than ${maxDocuments} documents; the rest were not read` });
      return;
    }
    const line = lineCounter.linePos(doc.contents?.range[0] ?? doc.range[0]).line;
    const firstError = doc.errors[0];
    if (firstError) {
      errors.push(toDocumentError(firstError, index));
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      errors.push({
        index,
        line,
        message: /alias/i.test(message) ? `too many YAML alias expansions (more than ${maxAliasCount}): refused as an alias bomb` : firstClause(message),
      });
      return;
    }
    if (nestingDepth(value, maxDepth) > maxDepth) {
      errors.push({ index, line, message: `nested deeper than ${maxDepth} levels` });
      return;
    }
    if (value === null || value === undefined) return; // an empty document ("---" alone)
    documents.push({ value, index, line });
  });
  return { documents, errors, placeholderLines };
}

function toDocumentError(error: { message: string; linePos?: [{ line: number; col: number }] | [{ line: number; col: number }, { line: number; col: number }] }, index: number): DocumentError {
  const pos = error.linePos?.[0];
  return { index, ...(pos ? { line: pos.line, column: pos.col } : {}), message: firstClause(error.message) };
}

/** The first line of a parser message without its " at line L, column C:" suffix and the quoted source that follows. */
function firstClause(message: string): string {
  const first = (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?.*$/, '').replace(/:$/, '').trim();
  return first.length > 0 && first.length <= 160 ? first : 'syntax error';
}

/**
 * Parses a configuration file's text as JSON or YAML: `json` and `jsonc` force JSON (jsonc with comments), `yaml`
 * forces YAML, `auto` picks JSON when the first non-blank character is `{` or `[` and the text parses as JSON, else
 * YAML. Never throws for syntax errors: they come back in `errors` with positions. Throws ConfigParseError when the
 * whole file is refused (nesting too deep).
 */
export function parseConfigDocuments(text: string, format: 'json' | 'jsonc' | 'yaml' | 'auto', limits: ParseLimits & { allowPlaceholders?: boolean } = {}): ParsedDocuments {
  const looksJson = /^\s*[[{]/.test(text) || (limits.allowPlaceholders === true && /^\s*(\.\.\.|…)\s*\n\s*[[{]/.test(text));
  if (format === 'json' || format === 'jsonc' || (format === 'auto' && looksJson)) {
    try {
      const { value, placeholderLines } = parseJson(text, { ...limits, allowComments: format !== 'json' });
      return { documents: [{ value, index: 0, line: 1 }], errors: [], placeholderLines };
    } catch (error) {
      if (!(error instanceof ConfigParseError)) throw error;
      if (/nested deeper/.test(error.message)) throw error;
      if (format !== 'auto') return { documents: [], errors: [{ index: 0, ...(error.line === undefined ? {} : { line: error.line }), ...(error.column === undefined ? {} : { column: error.column }), message: error.message.replace(/^line \d+(, column \d+)?: /, '') }], placeholderLines: [] };
    }
  }
  return parseYamlDocuments(text, limits);
}

/** Formats a DocumentError as one line for a problem: "document 2, line 14, column 3: message". */
export function describeDocumentError(error: DocumentError, documentCount: number): string {
  const where = [documentCount > 1 || error.index > 0 ? `document ${error.index + 1}` : undefined, error.line === undefined ? undefined : `line ${error.line}`, error.column === undefined ? undefined : `column ${error.column}`].filter(Boolean);
  return where.length > 0 ? `${where.join(', ')}: ${error.message}` : error.message;
}

/** What listing a configured path found. */
export interface ListedFiles {
  /** Absolute paths, sorted. */
  readonly files: string[];
  /** The walk stopped at `maxFiles`. */
  readonly truncated: boolean;
  /** Folders that could not be read, with the error. */
  readonly errors: { readonly path: string; readonly error: unknown }[];
}

/**
 * Lists the files a configured path names: the path itself when it is a file, else the files under it whose names end
 * with one of `extensions` (case-insensitive; all files when empty), descending when `recursive`. Symlink loops are
 * cut by real path; dangling links are skipped. Throws CollectError when `root` itself cannot be read.
 */
export async function listConfigFiles(fs: FileSystem, root: string, options: { recursive: boolean; extensions: readonly string[]; maxFiles: number }): Promise<ListedFiles> {
  const info = await fs.stat(root);
  if (info.isFile) return { files: [root], truncated: false, errors: [] };
  if (!info.isDirectory) throw new CollectError('other', `${root}: neither a file nor a folder`);
  const extensions = options.extensions.map((e) => e.toLowerCase());
  const files: string[] = [];
  const errors: { path: string; error: unknown }[] = [];
  const visited = new Set<string>();
  const stack = [root];
  while (stack.length > 0) {
    const current = stack.pop()!;
    let entries;
    try {
      const real = await fs.realPath(current);
      if (visited.has(real)) continue;
      visited.add(real);
      entries = await fs.readDir(current);
    } catch (error) {
      errors.push({ path: current, error });
      continue;
    }
    for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = `${current.replace(/[\\/]+$/, '')}/${entry.name}`;
      let { isFile, isDirectory } = entry;
      if (entry.isSymbolicLink) {
        try {
          ({ isFile, isDirectory } = await fs.stat(path));
        } catch {
          continue; // dangling link: nothing to read
        }
      }
      if (isDirectory) {
        if (options.recursive) stack.push(path);
      } else if (isFile && (extensions.length === 0 || extensions.some((e) => entry.name.toLowerCase().endsWith(e)))) {
        if (files.length >= options.maxFiles) return { files: files.sort(), truncated: true, errors };
        files.push(path);
      }
    }
  }
  return { files: files.sort(), truncated: false, errors };
}

/** Returns the forward-slash path of `abs` relative to `baseDir` ("." for the folder itself), for messages and evidence. */
export function relativePath(baseDir: string, abs: string): string {
  const r = relative(baseDir, abs);
  return (r === '' ? '.' : r).split(sep).join('/');
}

/** Rewrites an error as a CollectError whose message names `relPath` instead of the absolute path `abs`. */
export function relativeError(error: unknown, abs: string, relPath: string): CollectError {
  const code = error instanceof CollectError ? error.code : 'other';
  const text = (error instanceof Error ? error.message : String(error)).split(abs).join(relPath);
  return new CollectError(code, text.startsWith(relPath) ? text : `${relPath}: ${text}`, { cause: error });
}
