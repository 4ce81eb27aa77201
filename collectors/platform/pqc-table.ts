// PQC capability tables (analysis §4.7 PQ-6): product, the first version with a capability, and the claim's source.
import { z } from 'zod';
import type { PlatformPqc } from '../../model/evidence.js';
import { normaliseVersion } from './eol-table.js';

/** One row of a PQC capability table. */
const CapabilityRow = z
  .object({
    product: z.string().trim().toLowerCase().min(1).max(64),
    minVersion: z.union([z.string().min(1).max(100), z.number()]).transform(String),
    capabilities: z.array(z.string().min(1).max(200)).min(1).max(50),
    source: z.string().min(1).max(500),
  })
  .strict();
/** A parsed capability row. */
export type CapabilityRow = z.infer<typeof CapabilityRow>;

/** Most rows read from a capability table. */
const MAX_ROWS = 10_000;

/** Reads a capability table (a list of rows); returns the valid rows and the number skipped as invalid. Throws when it is not a list. */
export function parseCapabilityTable(value: unknown): { rows: CapabilityRow[]; skippedRows: number } {
  if (!Array.isArray(value)) throw new Error('expected a list of { product, minVersion, capabilities, source } rows');
  const rows: CapabilityRow[] = [];
  let skippedRows = Math.max(0, value.length - MAX_ROWS);
  for (const item of value.slice(0, MAX_ROWS)) {
    const parsed = CapabilityRow.safeParse(item);
    if (parsed.success) rows.push(parsed.data);
    else skippedRows++;
  }
  return { rows, skippedRows };
}

/** Splits a version into comparable parts: numbers compare numerically, other runs as text ("1.1.1w" → 1, 1, 1, "w"). */
function parts(version: string): (number | string)[] {
  return (normaliseVersion(version).replace(/^[^0-9]+/, '').match(/\d+|[a-z]+/g) ?? []).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Compares two versions component by component; a version that is a prefix of another is the smaller. Returns <0, 0 or >0. */
export function compareVersions(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return 1;
    if (typeof y === 'number') return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** What the table says about a product at a version; undefined when the table has no row for the product. */
export function pqcOf(rows: readonly CapabilityRow[], product: string, version: string, table: string): PlatformPqc | undefined {
  const own = rows.filter((r) => r.product === product);
  if (own.length === 0) return undefined;
  const met = own.filter((r) => compareVersions(version, r.minVersion) >= 0);
  const lowest = [...own].sort((a, b) => compareVersions(a.minVersion, b.minVersion))[0]!;
  const capable = met.length > 0;
  const used = capable ? met : own.filter((r) => compareVersions(r.minVersion, lowest.minVersion) === 0);
  return {
    capable,
    capabilities: [...new Set(met.flatMap((r) => r.capabilities))].sort(),
    ...(capable ? {} : { upgradeTo: { version: lowest.minVersion, capabilities: [...new Set(used.flatMap((r) => r.capabilities))].sort() } }),
    sources: [...new Set(used.map((r) => r.source))].sort(),
    table,
  };
}
