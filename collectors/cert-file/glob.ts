/**
 * Small glob matching for include/exclude patterns and glob paths: `**` (any folders), `*` (anything but "/"), `?`,
 * `[abc]`, `{a,b}`. Paths use forward slashes. A pattern without "/" matches the last path segment (like .gitignore).
 */

const GLOB_CHARS = /[*?[\]{}]/;

/** Returns true when the text holds glob syntax. */
export function isGlob(text: string): boolean {
  return GLOB_CHARS.test(text);
}

/** Splits a glob path into the folder to walk from (no glob syntax) and the pattern for the rest. */
export function splitGlob(path: string): { base: string; pattern: string } {
  const parts = path.split('/');
  const first = parts.findIndex((p) => isGlob(p));
  if (first < 0) return { base: path, pattern: '' };
  const base = parts.slice(0, first).join('/');
  return { base: base === '' ? (path.startsWith('/') ? '/' : '.') : base, pattern: parts.slice(first).join('/') };
}

function escape(ch: string): string {
  return /[.+^$()|\\/]/.test(ch) ? `\\${ch}` : ch;
}

/** Compiles a glob pattern to an anchored regular expression; throws on an unbalanced "[" or "{". */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        const slashAfter = pattern[i + 2] === '/';
        out += slashAfter ? '(?:[^/]*/)*' : '.*';
        i += slashAfter ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) throw new Error(`unbalanced "[" in glob "${pattern}"`);
      const body = pattern.slice(i + 1, close).replace(/\\/g, '\\\\');
      out += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
      i = close;
    } else if (ch === '{') {
      depth++;
      out += '(?:';
    } else if (ch === '}' && depth > 0) {
      depth--;
      out += ')';
    } else if (ch === ',' && depth > 0) {
      out += '|';
    } else {
      out += escape(ch);
    }
  }
  if (depth !== 0) throw new Error(`unbalanced "{" in glob "${pattern}"`);
  return new RegExp(`^${out}$`);
}

/** A compiled set of patterns; `matches` takes a path relative to the walked root. */
export interface GlobSet {
  readonly empty: boolean;
  matches(relativePath: string): boolean;
}

/** Compiles patterns (see the module comment for the basename rule). */
export function globSet(patterns: readonly string[]): GlobSet {
  const compiled = patterns.map((p) => {
    const anchored = p.includes('/');
    return { anchored, re: globToRegExp(anchored ? p.replace(/^\.\//, '') : p) };
  });
  return {
    empty: compiled.length === 0,
    matches(relativePath) {
      const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
      return compiled.some(({ anchored, re }) => re.test(anchored ? relativePath : name));
    },
  };
}
