/**
 * Inventory output: a readable table, RFC 4180 CSV (safe to open in a spreadsheet), JSON, and the CA hierarchy as a
 * tree. Pure functions of the inventory and the selected records; the same input gives the same bytes.
 */
import type { Inventory, InventoryRecord } from './inventory.js';
import type { ReconciliationSummary } from './reconcile.js';
import { summariseInventory, type InventorySummary } from './summary.js';

/** What every renderer receives. */
export interface InventoryView {
  readonly inventory: Inventory;
  /** The records to show (filtered), in inventory order. */
  readonly records: readonly InventoryRecord[];
  readonly now: Date;
  /** Counts, or the full reconciliation with its lists (then JSON output carries the lists). */
  readonly reconciliation?: ReconciliationSummary;
}

/** Replaces control characters (terminal escapes from hostile names) with "?". */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** The common name of a DN when it has one, else the DN. */
export function displayName(dn: string): string {
  const match = /(?:^|,\s*)CN=([^,+]+)/.exec(dn);
  return (match?.[1] ?? dn).trim() || dn;
}

/** "RSA 2048", "EC P-256", "ML-DSA ML-DSA-65". */
function keyLabel(rec: InventoryRecord): string {
  if (rec.curve !== undefined) return `${rec.keyAlgorithm} ${rec.curve}`;
  if (rec.keySizeBits !== undefined && (rec.keyAlgorithm === 'RSA' || rec.keyAlgorithm === 'DSA')) return `${rec.keyAlgorithm} ${rec.keySizeBits}`;
  return rec.keyAlgorithm;
}

const day = (iso: string): string => iso.slice(0, 10);

/** Renders the records as an aligned text table with a summary line; returns the text. */
export function renderTable(view: InventoryView): string {
  const header = ['SHA-256', 'ROLE', 'SUBJECT', 'ISSUER', 'KEY', 'NOT AFTER', 'SOURCES', 'SEEN'];
  const rows = [...view.records]
    .sort((a, b) => a.notAfterMs - b.notAfterMs || (a.sha256 < b.sha256 ? -1 : 1))
    .map((rec) => [
      rec.sha256.slice(0, 12),
      rec.role,
      truncate(printable(displayName(rec.subject)), 40),
      truncate(printable(displayName(rec.issuer)), 32),
      keyLabel(rec),
      `${day(rec.notAfter)}${rec.notAfterMs < view.now.getTime() ? ' (expired)' : ''}`,
      rec.sources.join(','),
      String(rec.sightings.length),
    ]);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, k) => (k === cells.length - 1 ? c : c.padEnd(widths[k]!))).join('  ').trimEnd();
  const out = [line(header), ...rows.map(line)];
  out.push('', ...summaryLines(summariseInventory(view.inventory, view.now, view.reconciliation), view.records.length));
  return `${out.join('\n')}\n`;
}

function summaryLines(summary: InventorySummary, shown: number): string[] {
  const lines = [
    `${shown} of ${summary.certificates} certificate(s) shown: ${summary.roots} root(s), ${summary.intermediates} intermediate(s), ${summary.leaves} leaf certificate(s) in total; ${summary.expired} expired; ${summary.issuerNotFound} with the issuer not found.`,
    `Keys: ${summary.reusedKeys} shared by several certificates (${summary.certificatesWithReusedKeys} certificates); ${summary.weakRsaKeys} weak RSA; ${summary.privateKeys} private key(s) found, ${summary.orphanKeys} orphan, ${summary.unprotectedKeys} unprotected.`,
  ];
  const r = summary.reconciliation;
  if (r !== undefined) {
    const pct = r.invMatch === null ? 'n/a' : `${(r.invMatch * 100).toFixed(1)} %`;
    lines.push(
      `Declared inventory ${r.source}: ${r.declaredRecords} record(s), ${r.matchedRecords} matched, ${r.declaredNotObserved} not observed, ${r.stale} stale; ${r.observedNotDeclaredValid} valid observed certificate(s) not declared (inv_match ${pct}).`,
    );
  }
  return lines;
}

/** CSV columns, in order. */
const CSV_COLUMNS: ReadonlyArray<readonly [string, (rec: InventoryRecord) => string]> = [
  ['sha256', (r) => r.sha256],
  ['role', (r) => r.role],
  ['subject', (r) => r.subject],
  ['issuer', (r) => r.issuer],
  ['serial', (r) => r.serialNumberHex],
  ['not_before', (r) => r.notBefore],
  ['not_after', (r) => r.notAfter],
  ['key_algorithm', (r) => r.keyAlgorithm],
  ['key_size', (r) => (r.keySizeBits === undefined ? '' : String(r.keySizeBits))],
  ['curve', (r) => r.curve ?? ''],
  ['signature_algorithm', (r) => r.signatureAlgorithm],
  ['is_ca', (r) => String(r.isCa)],
  ['self_signed', (r) => String(r.isSelfSigned)],
  ['issuer_status', (r) => r.issuerStatus],
  ['issuer_sha256', (r) => r.issuerSha256 ?? ''],
  ['san', (r) => r.subjectAltNames.join(' ')],
  ['spki_sha256', (r) => r.spkiSha256],
  ['key_shared_with', (r) => String(r.keySharedWith)],
  ['rsa_weaknesses', (r) => (r.rsaWeaknesses ?? []).join(' ')],
  ['private_keys', (r) => r.privateKeys.map((k) => `${k.location}${k.exposure.length > 0 ? ` (${k.exposure.join('+')})` : ''}`).join('; ')],
  ['sources', (r) => r.sources.join(' ')],
  ['locations', (r) => r.sightings.map((s) => (s.location === undefined ? s.target : `${s.target}#${s.location}`)).join('; ')],
  ['first_seen', (r) => r.firstSeen],
  ['last_seen', (r) => r.lastSeen],
];

/**
 * Quotes one CSV cell (RFC 4180) and defuses spreadsheet formulas: a cell starting with =, +, -, @, tab or CR gets a
 * leading apostrophe, so a hostile subject cannot run as a formula when the file is opened.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Renders the records as CSV with a header row and CRLF line ends; returns the text. */
export function renderCsv(view: InventoryView): string {
  const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const rec of view.records) lines.push(CSV_COLUMNS.map(([, get]) => csvCell(get(rec))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Renders summary, records and key findings as JSON; returns the text. */
export function renderJson(view: InventoryView): string {
  const { inventory, reconciliation } = view;
  return `${JSON.stringify(
    {
      now: view.now.toISOString(),
      summary: summariseInventory(inventory, view.now, reconciliation),
      certificates: view.records,
      keyReuse: inventory.keyReuse,
      orphanKeys: inventory.orphanKeys,
      keysWithoutPublicKey: inventory.keysWithoutPublicKey,
      unprotectedKeys: inventory.unprotectedKeys,
      ...(reconciliation === undefined ? {} : { reconciliation }),
    },
    null,
    2,
  )}\n`;
}

/** Deepest level the tree draws; real hierarchies have 2 to 5. */
const MAX_TREE_DEPTH = 32;

/**
 * Renders the CA hierarchy: each root (or certificate whose issuer was not found) with the certificates below it,
 * siblings by name. Only the selected records and their issuers are drawn; returns the text.
 */
export function renderTree(view: InventoryView): string {
  const { inventory } = view;
  const include = new Set<string>();
  for (const rec of view.records) {
    let current: InventoryRecord | undefined = rec;
    while (current && !include.has(current.sha256)) {
      include.add(current.sha256);
      current = current.issuerSha256 === undefined ? undefined : inventory.bySha256.get(current.issuerSha256);
    }
  }
  const nowMs = view.now.getTime();
  const label = (rec: InventoryRecord): string => {
    const expired = rec.notAfterMs < nowMs ? ', expired' : '';
    const where = rec.issuerStatus === 'not-found' ? `, issuer not found: ${truncate(printable(displayName(rec.issuer)), 48)}` : '';
    return `${truncate(printable(displayName(rec.subject)), 64)}  [${rec.role}, ${keyLabel(rec)}, until ${day(rec.notAfter)}${expired}${where}, ${rec.sha256.slice(0, 12)}]`;
  };
  const out: string[] = [];
  const drawn = new Set<string>();
  const draw = (sha: string, prefix: string, connector: string, childPrefix: string, depth: number): void => {
    const rec = inventory.bySha256.get(sha);
    if (!rec) return;
    if (depth > MAX_TREE_DEPTH) {
      out.push(`${prefix}${connector}… (more than ${MAX_TREE_DEPTH} levels)`);
      return;
    }
    if (drawn.has(sha)) {
      out.push(`${prefix}${connector}${truncate(printable(displayName(rec.subject)), 64)}  [drawn above, ${sha.slice(0, 12)}]`);
      return;
    }
    drawn.add(sha);
    out.push(`${prefix}${connector}${label(rec)}`);
    const kids = rec.issued
      .filter((k) => include.has(k) && k !== sha)
      .map((k) => inventory.bySha256.get(k)!)
      .sort((a, b) => displayName(a.subject).localeCompare(displayName(b.subject)) || (a.sha256 < b.sha256 ? -1 : 1))
      .map((r) => r.sha256);
    kids.forEach((kid, k) => {
      const last = k === kids.length - 1;
      draw(kid, prefix + childPrefix, last ? '└─ ' : '├─ ', last ? '   ' : '│  ', depth + 1);
    });
  };
  for (const top of inventory.tops) if (include.has(top)) draw(top, '', '', '', 0);
  // Certificates only reachable through an issuer cycle (cross-signed pairs): drawn from their smallest SHA-256.
  for (const rec of view.records) if (!drawn.has(rec.sha256)) draw(rec.sha256, '', '', '', 0);
  return out.length === 0 ? 'No certificates.\n' : `${out.join('\n')}\n`;
}
