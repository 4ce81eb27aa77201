// File plumbing shared by the file-reading CA-configuration collectors (vault-pki, ejbca, adcs, cfssl, aws-pca): the
// common configuration options, a bounded folder walk, bounded reads, and emitting a setup with the secrets guard
// applied last.
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { byteSize } from '../config/units.js';
import type { CaConfigData } from '../../model/evidence.js';
import { ConfigParseError, decodeConfigText, parseJson } from './read-config-file.js';
import { collectSecretValues, redactText, stripSecrets } from './secrets.js';
import type { CollectorContext } from '../engine/collector-context.js';
import { CollectError } from '../engine/define-collector.js';

/** The options every file-reading CA-configuration collector accepts, with the product's default file endings. */
export function fileOptions(defaultExtensions: readonly string[], defaultMaxFileBytes = 5_000_000) {
  return {
    /** Files or folders, relative to the scan's base directory. */
    paths: z.array(z.string().min(1)).default([]),
    /** Descend into sub-folders. */
    recursive: z.boolean().default(true),
    /** File name endings read inside folders (case-insensitive); files named directly are always read. */
    extensions: z.array(z.string().min(1)).default([...defaultExtensions]),
    /** Files larger than this are reported as too large and not read. */
    maxFileBytes: byteSize().default(defaultMaxFileBytes),
    /** Stop after this many files per configured path. */
    maxFiles: z.number().int().positive().default(10_000),
  };
}

/** The parsed common options. */
export interface FileOptions {
  readonly paths: readonly string[];
  readonly recursive: boolean;
  readonly extensions: readonly string[];
  readonly maxFileBytes: number;
  readonly maxFiles: number;
}

/** One file found under a configured path. */
export interface ConfigFile {
  /** Absolute path, never shown. */
  readonly abs: string;
  /** Forward-slash path relative to the scan's base directory: what messages and evidence show. */
  readonly rel: string;
  /** Forward-slash path relative to the configured path ("" for a file named directly). */
  readonly within: string;
  readonly name: string;
}

/** Forward-slash path of `abs` relative to `base`. */
function relPath(base: string, abs: string): string {
  const r = relative(base, abs);
  return (r === '' ? '.' : r).split(sep).join('/');
}

/** Rewrites an error so its message names `shown` instead of the absolute path; returns a CollectError. */
function relativeError(error: unknown, abs: string, shown: string): CollectError {
  const code = error instanceof CollectError ? error.code : 'other';
  const message = (error instanceof Error ? error.message : String(error)).split(abs).join(shown);
  return new CollectError(code, message.startsWith(shown) ? message : `${shown}: ${message}`, { cause: error });
}

/**
 * Lists the files of one configured path: the file itself, or the files under a folder whose names end with one of
 * the extensions (symlink loops detected by real path, sorted, at most maxFiles). Problems go to ctx under `target`.
 * Returns the files (empty when the path cannot be read).
 */
export async function listConfigFiles(target: string, options: FileOptions, ctx: CollectorContext): Promise<ConfigFile[]> {
  const root = isAbsolute(target) ? target : resolve(ctx.baseDir, target);
  let info;
  try {
    info = await ctx.fs.stat(root);
  } catch (error) {
    ctx.problem(target, relativeError(error, root, target));
    return [];
  }
  if (info.isFile) return [{ abs: root, rel: relPath(ctx.baseDir, root), within: '', name: root.slice(root.lastIndexOf(sep) + 1) }];
  if (!info.isDirectory) {
    ctx.problem(target, new CollectError('other', `${target}: neither a file nor a folder`));
    return [];
  }
  const extensions = options.extensions.map((e) => e.toLowerCase());
  const files: ConfigFile[] = [];
  const visited = new Set<string>();
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries;
    try {
      const real = await ctx.fs.realPath(dir);
      if (visited.has(real)) continue;
      visited.add(real);
      entries = await ctx.fs.readDir(dir);
    } catch (error) {
      ctx.problem(target, relativeError(error, dir, relPath(ctx.baseDir, dir)));
      continue;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      let { isFile, isDirectory } = entry;
      if (entry.isSymbolicLink) {
        try {
          ({ isFile, isDirectory } = await ctx.fs.stat(path));
        } catch {
          continue; // a dangling link holds nothing to read
        }
      }
      if (isDirectory && options.recursive) stack.push(path);
      else if (isFile && extensions.some((e) => entry.name.toLowerCase().endsWith(e))) {
        if (files.length >= options.maxFiles) {
          ctx.problem(target, new CollectError('too-large', `${target}: more than ${options.maxFiles} files; the rest were not read`));
          return sortFiles(files);
        }
        files.push({ abs: path, rel: relPath(ctx.baseDir, path), within: relPath(root, path), name: entry.name });
      }
    }
  }
  return sortFiles(files);
}

function sortFiles(files: ConfigFile[]): ConfigFile[] {
  return files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/** Reads and decodes one file (UTF-8/UTF-16 with or without BOM, Latin-1); reports a problem and returns undefined when it cannot. */
export async function readConfigFileText(file: ConfigFile, target: string, options: FileOptions, ctx: CollectorContext): Promise<string | undefined> {
  try {
    const bytes = await ctx.fs.readFile(file.abs, options.maxFileBytes);
    return decodeConfigText(bytes).text;
  } catch (error) {
    ctx.problem(target, relativeError(error, file.abs, file.rel));
    return undefined;
  }
}

/** Reports one problem about a file: "<file>: <message>", secrets scrubbed. */
export function fileProblem(ctx: CollectorContext, target: string, file: string, code: CollectError['code'], message: string, secrets: Iterable<string> = []): void {
  ctx.problem(target, new CollectError(code, redactText(`${file}: ${message}`, secrets)));
}

/**
 * Emits one setup as ca-config evidence after the last guard: secret-named keys are dropped and every secret value
 * found in the source documents (and anything that looks secret on its own) is redacted. The evidence target is the
 * configured target plus the setup's file and pointer ("vault#api/pki_int#mount pki_int/"), as the other CA
 * configuration collectors do, so that several setups under one configured path stay distinct evidence.
 */
export function emitSetup(ctx: CollectorContext, target: string, data: CaConfigData, sources: readonly unknown[] = []): void {
  const secrets = new Set<string>();
  for (const source of sources) collectSecretValues(source, secrets);
  const parts = [data.source.path !== undefined && data.source.path !== target ? data.source.path : undefined, data.source.pointer].filter((p): p is string => p !== undefined && p !== '');
  ctx.emit('ca-config', parts.length === 0 ? target : `${target}#${parts.join('#')}`, stripSecrets(data, secrets));
}

/**
 * Parses JSON text; a syntax error becomes a one-line problem with its line and column (and says so when the line is
 * a documentation placeholder such as "..."), never quoting the text. Returns the value or the problem.
 */
export function parseJsonText(text: string): { readonly value: unknown } | { readonly problem: string } {
  try {
    return { value: parseJson(text).value };
  } catch (error) {
    if (!(error instanceof ConfigParseError)) throw error;
    const line = error.line === undefined ? undefined : text.split('\n')[error.line - 1];
    if (line !== undefined && /^\s*(\.\.\.|…)\s*,?\s*$/.test(line)) return { problem: `line ${error.line}: a documentation placeholder ("..."), not JSON: the file is an excerpt, not a configuration` };
    return { problem: error.message };
  }
}
