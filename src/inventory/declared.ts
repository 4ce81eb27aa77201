import { extname, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { displayPath, readBoundedText } from '../config/load-file.js';
import { issuerSerialKey, normaliseSha256 } from '../../model/identifiers.js';

export { issuerSerialKey, normaliseSerial, normaliseSha256 } from '../../model/identifiers.js';

const MAX_INVENTORY_BYTES = 200_000_000;

/** One record of a declared (CLM/CMDB) certificate inventory. */
export interface DeclaredRecord {
  readonly sha256?: string;
  readonly issuer?: string;
  readonly serialHex?: string;
  readonly owner?: string;
  readonly location?: string;
  readonly state?: string;
  /** Subject DN ("CN=www.example.org, O=Example") or a common name. */
  readonly subject?: string;
  /** Subject alternative names as exported: DNS names separated by spaces, commas or semicolons ("DNS:" prefixes allowed). */
  readonly subjectAltNames?: string;
  /** Validity as exported; read with Date.parse (ISO-8601 recommended). */
  readonly notBefore?: string;
  readonly notAfter?: string;
}

/** A declared inventory, indexed for matching. */
export interface DeclaredInventory {
  readonly source: string;
  readonly records: number;
  /** The records themselves, in file order (for reconciliation). */
  readonly entries: readonly DeclaredRecord[];
  readonly sha256: ReadonlySet<string>;
  readonly issuerSerial: ReadonlySet<string>;
  /** Share of records with owner, location and state all filled in (0..1). */
  readonly attributeCompleteness: number;
}

const COLUMN_ALIASES: Record<keyof DeclaredRecord, readonly string[]> = {
  sha256: ['sha256', 'fingerprint', 'sha256_fingerprint', 'sha256fingerprint', 'thumbprint_sha256'],
  issuer: ['issuer', 'issuer_dn', 'issuerdn'],
  serialHex: ['serial', 'serial_number', 'serialnumber', 'serial_hex'],
  owner: ['owner', 'owner_email', 'contact'],
  location: ['location', 'host', 'hostname', 'path', 'deployed_on'],
  state: ['state', 'status'],
  subject: ['subject', 'subject_dn', 'subjectdn', 'common_name', 'commonname', 'cn'],
  subjectAltNames: ['san', 'sans', 'subject_alt_names', 'subjectaltnames', 'subject_alternative_names', 'dns_names', 'dnsnames'],
  notBefore: ['not_before', 'notbefore', 'valid_from', 'validfrom', 'issued_at'],
  notAfter: ['not_after', 'notafter', 'valid_to', 'validto', 'expires', 'expiry', 'expiration', 'expiration_date', 'valid_until'],
};

/** Parses CSV text (RFC 4180 quoting) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',' || ch === ';' || ch === '\t') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((c) => c.trim() !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  row.push(cell);
  if (row.some((c) => c.trim() !== '')) rows.push(row);
  return rows;
}

/** A JSON value as a cell: strings and numbers as text, arrays of them joined with spaces (SAN lists). */
function cellOf(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(' ');
  return undefined;
}

function recordFrom(get: (aliases: readonly string[]) => string | undefined): DeclaredRecord {
  const out: Record<string, string> = {};
  for (const [field, aliases] of Object.entries(COLUMN_ALIASES)) {
    const value = get(aliases)?.trim();
    if (value) out[field] = value;
  }
  return out;
}

/** Builds the matching index from records. */
export function indexInventory(records: readonly DeclaredRecord[], source: string): DeclaredInventory {
  const sha256 = new Set<string>();
  const issuerSerial = new Set<string>();
  let complete = 0;
  for (const record of records) {
    const fp = record.sha256 === undefined ? undefined : normaliseSha256(record.sha256);
    if (fp) sha256.add(fp);
    if (record.issuer && record.serialHex) issuerSerial.add(issuerSerialKey(record.issuer, record.serialHex));
    if (record.owner && record.location && record.state) complete++;
  }
  return { source, records: records.length, entries: records, sha256, issuerSerial, attributeCompleteness: records.length === 0 ? 0 : complete / records.length };
}

/**
 * Reads a declared inventory (CSV with a header row, or JSON: an array of records or { certificates: [...] }).
 * Columns: sha256/fingerprint, issuer + serial, owner, location, state, and for reconciliation subject, san,
 * not_before and not_after (aliases in COLUMN_ALIASES). Returns the indexed inventory; throws ConfigError naming the file.
 */
export async function loadDeclaredInventory(path: string, baseDir: string): Promise<DeclaredInventory> {
  const shown = displayPath(path, baseDir);
  const absolute = resolve(baseDir, path);
  const text = await readBoundedText(path, baseDir, 'inventory', MAX_INVENTORY_BYTES);
  const records: DeclaredRecord[] = [];
  if (extname(absolute).toLowerCase() === '.json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(`inventory ${shown}: not valid JSON: ${(error as Error).message}`, shown);
    }
    const list = Array.isArray(data) ? data : (data as { certificates?: unknown } | null)?.certificates;
    if (!Array.isArray(list)) throw new ConfigError(`inventory ${shown}: expected an array of records or { "certificates": [...] }`, shown);
    for (const item of list as unknown[]) {
      if (item === null || typeof item !== 'object') continue;
      const lower = new Map(Object.entries(item as Record<string, unknown>).map(([k, v]) => [k.toLowerCase().replace(/[\s-]+/g, '_'), cellOf(v)]));
      records.push(recordFrom((aliases) => aliases.map((a) => lower.get(a)).find((v) => v !== undefined)));
    }
  } else {
    const rows = parseCsv(text.replace(/^\uFEFF/, ''));
    const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, '_'));
    const known = Object.values(COLUMN_ALIASES).flat();
    if (!header.some((h) => known.includes(h))) {
      throw new ConfigError(`inventory ${shown}: the header row names none of the known columns (sha256/fingerprint, issuer, serial, owner, location, state)`, shown);
    }
    for (const row of rows) {
      records.push(recordFrom((aliases) => {
        for (const alias of aliases) {
          const index = header.indexOf(alias);
          if (index >= 0) return row[index];
        }
        return undefined;
      }));
    }
  }
  return indexInventory(records, shown);
}
