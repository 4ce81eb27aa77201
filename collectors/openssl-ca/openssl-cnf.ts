// The OpenSSL configuration syntax (config(5)): [sections], `name = value`, `#` comments, quotes and backslash
// escapes, `\` line continuation, `$var` / `${var}` / `$section::var` expansion at parse time, and `.include`
// directives. Includes are read through a callback that bounds them (root folder, depth, count); `$ENV::name` is never
// read from the scanner's environment. Expanded values are capped so a variable bomb cannot exhaust memory.
import { ConfigParseError } from '../../src/ca-config/read-config-file.js';

/** One value with where it was set. */
export interface CnfValue {
  readonly value: string;
  readonly file: string;
  readonly line: number;
}

/** Something the parser could not resolve but could carry on without. */
export interface CnfNote {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** A parsed configuration: sections in order of first appearance ("default" holds lines before any section). */
export interface OpenSslConf {
  readonly sections: ReadonlyMap<string, ReadonlyMap<string, CnfValue>>;
  readonly notes: readonly CnfNote[];
  /** Files read through `.include`, as the callback named them. */
  readonly included: readonly string[];
}

/** Reads an included path (relative to the including file); returns the texts to parse, or a reason it was not read. */
export type IncludeReader = (path: string, fromFile: string) => Promise<{ readonly files: readonly { readonly text: string; readonly name: string }[] } | { readonly refused: string }>;

/** Longest value after expansion (OpenSSL's own limit is 64 KiB). */
const MAX_VALUE_LENGTH = 65_536;
const MAX_INCLUDE_DEPTH = 8;
const MAX_INCLUDED_FILES = 64;

/** Joins `\`-continued lines; returns logical lines with the number of their first physical line. */
function logicalLines(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const physical = text.split(/\r?\n/);
  let pending: { text: string; line: number } | undefined;
  physical.forEach((raw, index) => {
    let trailing = 0;
    for (let i = raw.length - 1; i >= 0 && raw[i] === '\\'; i--) trailing++;
    const continues = trailing % 2 === 1;
    const piece = continues ? raw.slice(0, -1) : raw;
    pending = pending ? { text: pending.text + piece, line: pending.line } : { text: piece, line: index + 1 };
    if (!continues) {
      out.push(pending);
      pending = undefined;
    }
  });
  if (pending) out.push(pending);
  return out;
}

/** Cuts a `#` comment that is outside quotes and not escaped. */
function stripComment(text: string): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return text.slice(0, i);
  }
  return text;
}

/** A syntax error located as "file: line N: message". */
function fail(file: string, line: number, message: string): ConfigParseError {
  return new ConfigParseError(`${file}: line ${line}: ${message}`);
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', b: '\b', t: '\t' };

class Parser {
  readonly sections = new Map<string, Map<string, CnfValue>>([['default', new Map()]]);
  readonly notes: CnfNote[] = [];
  readonly included: string[] = [];
  private section = 'default';

  constructor(private readonly readInclude: IncludeReader) {}

  private lookup(section: string, name: string): string | undefined {
    return this.sections.get(section)?.get(name)?.value ?? (section === this.section ? this.sections.get('default')?.get(name)?.value : undefined);
  }

  /** Removes quotes, applies escapes and expands variables, as OpenSSL's str_copy does. */
  private expand(raw: string, file: string, line: number): string {
    let out = '';
    let i = 0;
    while (i < raw.length) {
      const c = raw[i]!;
      if (c === '"' || c === "'") {
        const end = raw.indexOf(c, i + 1);
        if (end < 0) throw fail(file, line, 'unterminated quote');
        out += raw.slice(i + 1, end);
        i = end + 1;
      } else if (c === '\\' && i + 1 < raw.length) {
        const next = raw[i + 1]!;
        out += ESCAPES[next] ?? next;
        i += 2;
      } else if (c === '$') {
        const braced = raw[i + 1] === '{' || raw[i + 1] === '(';
        const close = raw[i + 1] === '{' ? '}' : ')';
        const match = braced ? new RegExp(`^[{(]([A-Za-z0-9_.]+)(?:::([A-Za-z0-9_.]+))?\\${close}`).exec(raw.slice(i + 1)) : /^([A-Za-z0-9_]+)(?:::([A-Za-z0-9_]+))?/.exec(raw.slice(i + 1));
        if (!match) {
          out += c;
          i++;
          continue;
        }
        const [whole, first, second] = match;
        const section = second === undefined ? this.section : first!;
        const name = second ?? first!;
        const value = section === 'ENV' ? undefined : this.lookup(section, name);
        if (value === undefined) {
          this.notes.push({ file, line, message: section === 'ENV' ? `$ENV::${name} is read from the environment at run time; not expanded` : `variable ${second === undefined ? name : `${section}::${name}`} has no value` });
          out += `$${whole}`;
        } else out += value;
        i += 1 + whole.length;
      } else {
        out += c;
        i++;
      }
      if (out.length > MAX_VALUE_LENGTH) throw fail(file, line, `a value expands to more than ${MAX_VALUE_LENGTH} characters`);
    }
    return out.trim();
  }

  async parse(text: string, file: string, depth: number): Promise<void> {
    for (const { text: rawLine, line } of logicalLines(text)) {
      const content = stripComment(rawLine).trim();
      if (content === '') continue;
      if (content.startsWith('[')) {
        const m = /^\[\s*([^\]]*?)\s*\]$/.exec(content);
        if (!m || m[1] === '') throw fail(file, line, 'malformed section header');
        this.section = m[1]!;
        if (!this.sections.has(this.section)) this.sections.set(this.section, new Map());
        continue;
      }
      const directive = /^\.(include|pragma)\s*(?:=\s*|\s+)(.*)$/.exec(content);
      if (directive) {
        if (directive[1] === 'include') await this.include(this.expand(directive[2]!, file, line), file, line, depth);
        continue;
      }
      const pair = /^([^=\s]+)\s*=\s*(.*)$/.exec(content);
      if (!pair) throw fail(file, line, 'not "name = value", a [section] or a directive');
      const name = pair[1]!;
      if (name.startsWith('ENV::')) continue; // sets an environment variable for OpenSSL; irrelevant here
      const value = this.expand(pair[2]!, file, line);
      this.sections.get(this.section)!.set(name, { value, file, line });
    }
  }

  private async include(path: string, file: string, line: number, depth: number): Promise<void> {
    if (depth >= MAX_INCLUDE_DEPTH) throw fail(file, line, `.include nested deeper than ${MAX_INCLUDE_DEPTH} levels`);
    const result = await this.readInclude(path, file);
    if ('refused' in result) {
      this.notes.push({ file, line, message: `.include ${path} not read: ${result.refused}` });
      return;
    }
    for (const included of result.files) {
      if (this.included.length >= MAX_INCLUDED_FILES) throw fail(file, line, `more than ${MAX_INCLUDED_FILES} included files`);
      this.included.push(included.name);
      await this.parse(included.text, included.name, depth + 1);
    }
  }
}

/**
 * Parses an OpenSSL configuration named `file` (used in messages), reading `.include`s through `readInclude`.
 * Returns sections, notes (unresolved variables, includes not read) and the included files; throws ConfigParseError
 * with file and line for syntax errors, include loops deeper than 8 levels, more than 64 included files, or values
 * that expand beyond 64 KiB.
 */
export async function parseOpenSslConf(text: string, file: string, readInclude: IncludeReader): Promise<OpenSslConf> {
  const parser = new Parser(readInclude);
  await parser.parse(text, file, 0);
  return { sections: parser.sections, notes: parser.notes, included: parser.included };
}
