import { readFile, stat } from 'node:fs/promises';
import { basename, extname, relative, resolve, isAbsolute } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors.js';

const MAX_CONFIG_BYTES = 5_000_000;

/** Returns a path for messages and reports: relative to `baseDir` when inside it, else the file name. */
export function displayPath(path: string, baseDir: string): string {
  const absolute = resolve(baseDir, path);
  const rel = relative(baseDir, absolute);
  if (rel === '' ) return basename(absolute);
  if (rel.startsWith('..') || isAbsolute(rel)) return basename(absolute);
  return rel.split('\\').join('/');
}

/** Formats the first zod issues as one line: `file: path.to.field: message; ...`. */
export function formatZodError(error: z.ZodError, source: string): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.length === 0 ? '' : `${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[')}: `;
    return `${path}${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return `${source}: ${parts.join('; ')}${more}`;
}

/** Reads a text file of at most `maxBytes`; throws one ConfigError naming the file ("answers file x.yaml: file not found"). */
export async function readBoundedText(path: string, baseDir: string, what: string, maxBytes: number): Promise<string> {
  const absolute = resolve(baseDir, path);
  const shown = displayPath(path, baseDir);
  try {
    const info = await stat(absolute);
    if (!info.isFile()) throw new ConfigError(`${what} ${shown}: not a file`, shown);
    if (info.size > maxBytes) throw new ConfigError(`${what} ${shown}: larger than ${maxBytes} bytes`, shown);
    return await readFile(absolute, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new ConfigError(`${what} ${shown}: ${why}`, shown, { cause: error });
  }
}

/** Reads a YAML or JSON file (bounded in size) and returns its parsed content; throws ConfigError with the file name. */
export async function readStructuredFile(path: string, baseDir: string, what: string): Promise<unknown> {
  const absolute = resolve(baseDir, path);
  const shown = displayPath(path, baseDir);
  const text = await readBoundedText(path, baseDir, what, MAX_CONFIG_BYTES);
  try {
    if (extname(absolute).toLowerCase() === '.json') return JSON.parse(text) as unknown;
    return parseYaml(text, { maxAliasCount: 100 }) as unknown;
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? 'unreadable';
    throw new ConfigError(`${what} ${shown}: not valid ${extname(absolute).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${message}`, shown, { cause: error });
  }
}

/** Reads and validates a YAML/JSON file against a zod schema; throws one ConfigError naming the file and field. */
export async function loadValidatedFile<S extends z.ZodType>(schema: S, path: string, baseDir: string, what: string): Promise<z.infer<S>> {
  const raw = await readStructuredFile(path, baseDir, what);
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) throw new ConfigError(formatZodError(parsed.error, `${what} ${displayPath(path, baseDir)}`), displayPath(path, baseDir));
  return parsed.data;
}
