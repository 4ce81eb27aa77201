import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ProblemCode } from '../../model/evidence.js';
import type { CollectorContext } from './collector-context.js';
import { CollectError } from './define-collector.js';

/** A JSON export read from disk, with its path relative to the base directory (for messages and evidence). */
export interface JsonExport {
  readonly json: unknown;
  readonly relFile: string;
}

/**
 * Reads a CLI export (aws, az, gcloud ... --output json) under a size cap. On a read or parse error records one problem
 * for `file` that names the relative path, never the absolute one, and returns undefined.
 */
export async function readJsonExport(file: string, maxBytes: number, ctx: CollectorContext): Promise<JsonExport | undefined> {
  const abs = isAbsolute(file) ? file : resolve(ctx.baseDir, file);
  const relFile = relative(ctx.baseDir, abs).split(sep).join('/') || file;
  try {
    const bytes = await ctx.limit(() => ctx.fs.readFile(abs, maxBytes));
    return { json: JSON.parse(new TextDecoder().decode(bytes)), relFile };
  } catch (error) {
    const code: ProblemCode = error instanceof CollectError ? error.code : 'parse';
    const message = (error instanceof Error ? error.message : String(error)).split(abs).join(relFile);
    ctx.problem(file, new CollectError(code, message.startsWith(relFile) ? message : `${relFile}: ${message}`, { cause: error }));
    return undefined;
  }
}
