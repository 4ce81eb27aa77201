// End-of-life tables in the endoflife.date API v1 format, and matching a version to a release cycle. Pure functions.
import { describeDocumentError, parseConfigDocuments } from '../../src/ca-config/read-config-file.js';
import { z } from 'zod';
import type { PlatformLifecycle } from '../../model/evidence.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DateOrBool = z.union([z.string().regex(DATE, 'expected YYYY-MM-DD'), z.boolean()]);
const Text = z.union([z.string().min(1).max(100), z.number()]).transform(String);

/** One release cycle as the endoflife.date API v1 gives it (unknown fields ignored). */
const CycleRow = z.object({
  cycle: Text,
  releaseDate: z.string().regex(DATE, 'expected YYYY-MM-DD').optional(),
  eol: DateOrBool.optional(),
  support: DateOrBool.optional(),
  lts: DateOrBool.optional(),
  latest: Text.optional(),
});
/** A parsed release cycle. */
export type CycleRow = z.infer<typeof CycleRow>;

/** The release cycles of one product, with where they came from. */
export interface EolTable {
  /** endoflife.date product name. */
  readonly product: string;
  /** The file (relative to the base directory) or URL the rows came from. */
  readonly source: string;
  /** When the rows were read (ISO-8601 UTC). */
  readonly readAt: string;
  /** Rows newest first: by release date when every row has one, else in the order the source lists them. */
  readonly cycles: readonly CycleRow[];
}

/** The outcome of reading one source: the tables it holds and how many rows were unusable. */
export interface ParsedEolSource {
  readonly tables: readonly EolTable[];
  readonly skippedRows: number;
}

/** Most rows read per product. */
const MAX_ROWS = 5000;

/**
 * Parses one JSON (a `.json` name, or text starting with `{`/`[`) or YAML document with the project's bounded parser
 * (depth, aliases); throws with a positioned one-line message on syntax errors or several documents.
 */
export function parseStructured(text: string, name: string): unknown {
  const parsed = parseConfigDocuments(text, /\.json$/i.test(name) ? 'json' : 'auto');
  const count = parsed.documents.length + parsed.errors.length;
  const error = parsed.errors[0];
  if (error !== undefined) throw new Error(describeDocumentError(error, count));
  if (count > 1) throw new Error(`expected one document, found ${count}`);
  return parsed.documents[0]?.value ?? null;
}

function newestFirst(rows: CycleRow[]): CycleRow[] {
  if (!rows.every((r) => r.releaseDate !== undefined)) return rows;
  return rows.map((row, index) => ({ row, index })).sort((a, b) => b.row.releaseDate!.localeCompare(a.row.releaseDate!) || a.index - b.index).map((x) => x.row);
}

function rowsOf(value: unknown): { rows: CycleRow[]; skipped: number } {
  if (!Array.isArray(value)) throw new Error('expected a list of release cycles');
  const rows: CycleRow[] = [];
  let skipped = 0;
  for (const item of value.slice(0, MAX_ROWS)) {
    const parsed = CycleRow.safeParse(item);
    if (parsed.success) rows.push(parsed.data);
    else skipped++;
  }
  return { rows, skipped: skipped + Math.max(0, value.length - MAX_ROWS) };
}

/**
 * Reads an end-of-life source: a list of cycles for `product` (the file's or API's product name), or an object mapping
 * product names to such lists.
 * Returns the tables and the number of rows skipped as invalid; throws when the shape is neither.
 */
export function parseEolSource(value: unknown, product: string, source: string, readAt: string): ParsedEolSource {
  let entries: [string, unknown][];
  if (Array.isArray(value)) {
    entries = [[product, value]];
  } else if (typeof value === 'object' && value !== null) {
    entries = Object.entries(value);
  } else {
    throw new Error('expected a list of release cycles or an object of product → release cycles');
  }
  const tables: EolTable[] = [];
  let skippedRows = 0;
  for (const [name, list] of entries) {
    const { rows, skipped } = rowsOf(list);
    skippedRows += skipped;
    tables.push({ product: name.toLowerCase(), source, readAt, cycles: newestFirst(rows) });
  }
  return { tables, skippedRows };
}

/** Normalises a version or cycle name for matching: trimmed, lowercase, no leading "v", spaces as "-". */
export const normaliseVersion = (version: string): string => version.trim().toLowerCase().replace(/^v(?=\d)/, '').replace(/\s+/g, '-');

/** Whether `cycle` is `version` or a prefix of it that ends at a component boundary ("3.0" of "3.0.13", "1.1.1" of "1.1.1w"; not "3.1" of "3.10"). */
function isCyclePrefix(cycle: string, version: string): boolean {
  if (cycle === '' || !version.startsWith(cycle)) return false;
  if (version.length === cycle.length) return true;
  const next = version[cycle.length]!;
  if (!/[a-z0-9]/.test(next)) return true;
  return /[a-z]/.test(next) && /\d$/.test(cycle);
}

/**
 * Finds the cycle of a version: an alias (exact version or version prefix → cycle) first, else the longest cycle name
 * that is the version or a prefix of it at a component boundary. Returns undefined when none fits.
 */
export function matchCycle(table: EolTable, version: string, aliases: Readonly<Record<string, string>> = {}): CycleRow | undefined {
  const v = normaliseVersion(version);
  const alias = Object.entries(aliases)
    .map(([from, to]) => [normaliseVersion(from), normaliseVersion(to)] as const)
    .filter(([from]) => isCyclePrefix(from, v))
    .sort((a, b) => b[0].length - a[0].length)[0];
  if (alias !== undefined) return table.cycles.find((c) => normaliseVersion(c.cycle) === alias[1]);
  let best: CycleRow | undefined;
  for (const row of table.cycles) {
    const c = normaliseVersion(row.cycle);
    if (isCyclePrefix(c, v) && (best === undefined || c.length > normaliseVersion(best.cycle).length)) best = row;
  }
  return best;
}

const isLts = (row: CycleRow): boolean => row.lts !== undefined && row.lts !== false;

/** The lifecycle facts of a version in a table: the matched cycle, its dates and how many newer cycles exist. */
export function lifecycleOf(table: EolTable, version: string, aliases: Readonly<Record<string, string>> = {}): PlatformLifecycle {
  const base = { tableProduct: table.product, tableSource: table.source, tableDate: table.readAt };
  const row = matchCycle(table, version, aliases);
  if (row === undefined) return { status: 'no-cycle', ...base };
  const track = isLts(row) ? table.cycles.filter(isLts) : table.cycles;
  const behind = track.indexOf(row);
  return {
    status: 'matched',
    ...base,
    cycle: row.cycle,
    ...(row.releaseDate !== undefined ? { releaseDate: row.releaseDate } : {}),
    ...(row.eol !== undefined ? { eol: row.eol } : {}),
    ...(row.support !== undefined ? { support: row.support } : {}),
    ...(row.lts !== undefined ? { lts: row.lts } : {}),
    ...(row.latest !== undefined ? { latestInCycle: row.latest } : {}),
    ...(track[0] !== undefined ? { latestCycle: track[0].cycle } : {}),
    cyclesBehind: behind,
  };
}
