/**
 * Reconciliation of a declared inventory (CLM/CMDB export) with the observed inventory.
 *
 * - matched: declared records naming an observed certificate (SHA-256, else issuer + serial);
 * - observed but not declared: observed certificates no record names;
 * - declared but not observed: records naming no observed certificate;
 * - stale: records still active (state empty or not one of INACTIVE_STATES) whose certificate is expired (the record's
 *   own not_after, else the matched certificate's notAfter) or superseded: a newer observed certificate (later
 *   notBefore) has the same identity, i.e. the same DNS/IP subject alternative names, or the same common name when
 *   the certificate has no such names or the declared record gives only a subject.
 *
 * inv_match (analysis §4.4, requirement 7.4) = matched valid observed / valid observed certificates; "valid" means not
 * expired at `now`. The same numbers serve 7.5 (discovered certificates fed back into the inventory) and 5.4
 * (how much of the observed estate is known).
 */
import type { AnyEvidence } from '../../model/evidence.js';
import { issuerSerialKey, normaliseSha256 } from '../../model/identifiers.js';
import type { DeclaredInventory, DeclaredRecord } from './declared.js';
import { buildInventory, type Inventory, type InventoryRecord } from './inventory.js';

/** Declared states that mean "no longer in use": such records are never stale. */
export const INACTIVE_STATES: ReadonlySet<string> = new Set([
  'expired',
  'revoked',
  'retired',
  'inactive',
  'decommissioned',
  'replaced',
  'superseded',
  'archived',
  'deleted',
  'disabled',
]);

/** Reconciliation counts: plain JSON, safe for scan facts and reports. */
export interface ReconciliationSummary {
  /** Where the declared inventory came from. */
  readonly source: string;
  readonly declaredRecords: number;
  /** Distinct observed certificates, and those not expired at the reconciliation time. */
  readonly observed: number;
  readonly observedValid: number;
  /** Declared records that name an observed certificate. */
  readonly matchedRecords: number;
  /** Observed certificates named by at least one declared record (all, and valid ones). */
  readonly matchedObserved: number;
  readonly matchedObservedValid: number;
  /** Observed certificates no declared record names (all, and valid ones). */
  readonly observedNotDeclared: number;
  readonly observedNotDeclaredValid: number;
  /** Declared records that name no observed certificate. */
  readonly declaredNotObserved: number;
  /** Active declared records that are expired or superseded (a record can be both; it counts once in `stale`). */
  readonly stale: number;
  readonly staleExpired: number;
  readonly staleSuperseded: number;
  /** matchedObservedValid / observedValid; null without valid observed certificates. */
  readonly invMatch: number | null;
  /** stale / declaredRecords; null without records. */
  readonly staleRatio: number | null;
  /** Share of declared records with owner, location and state filled in (0..1). */
  readonly attributeCompleteness: number;
}

/** A declared record as reconciliation reports it: its position in the file (1-based) and how it was identified. */
export interface DeclaredRef {
  readonly row: number;
  /** The record's SHA-256, issuer|serial key, or subject: whatever identified it. */
  readonly identity: string;
}

/** A stale record and why. */
export interface StaleRecord extends DeclaredRef {
  readonly reasons: readonly ('expired' | 'superseded')[];
  /** The newer observed certificate that supersedes it. */
  readonly supersededBy?: string;
}

/** The full reconciliation: the summary plus the lists behind each count (sorted). */
export interface Reconciliation extends ReconciliationSummary {
  readonly matched: readonly (DeclaredRef & { readonly sha256: string })[];
  /** SHA-256 of observed certificates no record names. */
  readonly notDeclared: readonly string[];
  readonly notObserved: readonly DeclaredRef[];
  readonly staleRecords: readonly StaleRecord[];
}

/** The identity two certificates for the same service share: sorted DNS/IP names, else the common name. */
export function certificateIdentity(subjectAltNames: readonly string[], subject: string): string | undefined {
  const names = subjectAltNames
    .filter((n) => n.startsWith('DNS:') || n.startsWith('IP:'))
    .map((n) => n.toLowerCase())
    .sort();
  if (names.length > 0) return [...new Set(names)].join(' ');
  const cn = commonName(subject);
  return cn === undefined ? undefined : `cn:${cn.toLowerCase()}`;
}

/** The common name of a DN ("CN=www.example.org, O=Example"), or the text itself when it is not a DN. */
function commonName(subject: string): string | undefined {
  const trimmed = subject.trim();
  if (trimmed === '') return undefined;
  if (!trimmed.includes('=')) return trimmed;
  const match = /(?:^|[,+]\s*)CN=([^,+]*)/i.exec(trimmed);
  return match?.[1]?.trim() || undefined;
}

/** The identity of a declared record from its SAN and subject columns. */
function declaredIdentity(record: DeclaredRecord): string | undefined {
  const sans = (record.subjectAltNames ?? '')
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((n) => (/^(DNS|IP):/i.test(n) ? n.replace(/^(dns|ip):/i, (p) => p.toUpperCase()) : `DNS:${n}`));
  return certificateIdentity(sans, record.subject ?? '');
}

function dateMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** How a declared record names its certificate. */
interface RecordKeys {
  readonly fingerprint: string | undefined;
  readonly issuerSerial: string | undefined;
  readonly identity: string | undefined;
}

/**
 * Reconciles a declared inventory with the observed one at `now`; returns counts and lists. Pure.
 * Indexes hold only what the declared records ask for, so a million observed certificates cost one pass, not maps.
 */
export function reconcile(inventory: Inventory, declared: DeclaredInventory, now: Date): Reconciliation {
  const nowMs = now.getTime();
  const keys: RecordKeys[] = declared.entries.map((record) => ({
    fingerprint: record.sha256 === undefined ? undefined : normaliseSha256(record.sha256),
    issuerSerial: record.issuer && record.serialHex ? issuerSerialKey(record.issuer, record.serialHex) : undefined,
    identity: declaredIdentity(record),
  }));

  // Issuer + serial: only for records without a fingerprint that matches.
  const wantedIssuerSerial = new Set<string>();
  for (const k of keys) if (k.issuerSerial !== undefined && (k.fingerprint === undefined || !inventory.bySha256.has(k.fingerprint))) wantedIssuerSerial.add(k.issuerSerial);
  const byIssuerSerial = new Map<string, InventoryRecord>();
  if (wantedIssuerSerial.size > 0) {
    for (const rec of inventory.records) {
      const key = issuerSerialKey(rec.issuer, rec.serialNumberHex);
      if (wantedIssuerSerial.has(key) && !byIssuerSerial.has(key)) byIssuerSerial.set(key, rec);
    }
  }
  const certOf = (k: RecordKeys): InventoryRecord | undefined =>
    (k.fingerprint === undefined ? undefined : inventory.bySha256.get(k.fingerprint)) ?? (k.issuerSerial === undefined ? undefined : byIssuerSerial.get(k.issuerSerial));
  const certs = keys.map(certOf);

  // Newest certificate per identity, for the identities of the declared records and of their certificates.
  const wantedIdentities = new Set<string>();
  keys.forEach((k, index) => {
    const cert = certs[index];
    const id = cert ? certificateIdentity(cert.subjectAltNames, cert.subject) : k.identity;
    if (id !== undefined) wantedIdentities.add(id);
  });
  const newestByIdentity = new Map<string, InventoryRecord>();
  // A cheap pre-filter: a record matters only if one of its names (or its subject's CN) is in a wanted identity.
  const wantedNames = new Set<string>();
  let wantCommonNames = false;
  for (const id of wantedIdentities) {
    if (id.startsWith('cn:')) wantCommonNames = true;
    // Identities are lowercase ("dns:www.example.org"); certificates spell "DNS:www.example.org".
    for (const name of id.split(' ')) wantedNames.add(name.replace(/^dns:/, 'DNS:').replace(/^ip:/, 'IP:'));
  }
  const named = (n: string): boolean => {
    if (wantedNames.has(n)) return true;
    const colon = n.indexOf(':');
    return /[A-Z]/.test(n.slice(colon + 1)) && wantedNames.has(n.slice(0, colon + 1) + n.slice(colon + 1).toLowerCase());
  };
  if (wantedIdentities.size > 0) {
    for (const rec of inventory.records) {
      const sans = rec.subjectAltNames; // computed on each read: read once
      if (!wantCommonNames && sans.length > 0 && !sans.some(named)) continue;
      // Indexed under its names and under its common name: a declared record may know either.
      const cn = certificateIdentity([], rec.subject);
      const names = sans.length === 0 ? cn : certificateIdentity(sans, rec.subject);
      for (const id of names === cn ? [cn] : [names, cn]) {
        if (id === undefined || !wantedIdentities.has(id)) continue;
        const known = newestByIdentity.get(id);
        if (!known || rec.notBeforeMs > known.notBeforeMs || (rec.notBeforeMs === known.notBeforeMs && rec.sha256 > known.sha256)) newestByIdentity.set(id, rec);
      }
    }
  }

  const matchedSha = new Set<string>();
  let matchedObservedValid = 0;
  const matched: (DeclaredRef & { sha256: string })[] = [];
  const notObserved: DeclaredRef[] = [];
  const staleRecords: StaleRecord[] = [];
  let staleExpired = 0;
  let staleSuperseded = 0;
  declared.entries.forEach((record, index) => {
    const row = index + 1;
    const k = keys[index]!;
    const cert = certs[index];
    const identity = k.fingerprint ?? k.issuerSerial ?? record.subject ?? record.location ?? `row ${row}`;
    if (cert) {
      const sha256 = cert.sha256;
      matched.push({ row, identity, sha256 });
      if (!matchedSha.has(sha256) && cert.notAfterMs >= nowMs) matchedObservedValid++;
      matchedSha.add(sha256);
    } else {
      notObserved.push({ row, identity });
    }

    if (INACTIVE_STATES.has((record.state ?? '').trim().toLowerCase())) return;
    const reasons: ('expired' | 'superseded')[] = [];
    const notAfterMs = dateMs(record.notAfter) ?? cert?.notAfterMs;
    if (notAfterMs !== undefined && notAfterMs < nowMs) reasons.push('expired');
    const id = cert ? certificateIdentity(cert.subjectAltNames, cert.subject) : k.identity;
    const newest = id === undefined ? undefined : newestByIdentity.get(id);
    let supersededBy: string | undefined;
    if (newest && newest.sha256 !== cert?.sha256) {
      const ownNotBefore = cert ? cert.notBeforeMs : dateMs(record.notBefore);
      const ownNotAfter = cert ? cert.notAfterMs : dateMs(record.notAfter);
      const newer = ownNotBefore !== undefined ? newest.notBeforeMs > ownNotBefore : ownNotAfter === undefined || newest.notAfterMs > ownNotAfter;
      if (newer) {
        reasons.push('superseded');
        supersededBy = newest.sha256;
      }
    }
    if (reasons.length === 0) return;
    if (reasons.includes('expired')) staleExpired++;
    if (reasons.includes('superseded')) staleSuperseded++;
    staleRecords.push({ row, identity, reasons, ...(supersededBy === undefined ? {} : { supersededBy }) });
  });

  let observedValid = 0;
  for (const rec of inventory.records) if (rec.notAfterMs >= nowMs) observedValid++;
  // The list of the certificates no record names is built when read: for a million observed certificates it is a
  // million SHA-256 strings that counts, scan facts and most callers never need.
  let notDeclared: readonly string[] | undefined;
  const records = declared.entries.length;
  return {
    source: declared.source,
    declaredRecords: records,
    observed: inventory.records.length,
    observedValid,
    matchedRecords: matched.length,
    matchedObserved: matchedSha.size,
    matchedObservedValid,
    observedNotDeclared: inventory.records.length - matchedSha.size,
    observedNotDeclaredValid: observedValid - matchedObservedValid,
    declaredNotObserved: notObserved.length,
    stale: staleRecords.length,
    staleExpired,
    staleSuperseded,
    invMatch: observedValid === 0 ? null : matchedObservedValid / observedValid,
    staleRatio: records === 0 ? null : staleRecords.length / records,
    attributeCompleteness: declared.attributeCompleteness,
    matched,
    get notDeclared(): readonly string[] {
      return (notDeclared ??= inventory.records.filter((rec) => !matchedSha.has(rec.sha256)).map((rec) => rec.sha256));
    },
    notObserved,
    staleRecords,
  };
}

/** Reconciles straight from evidence (builds the inventory first); the entry point for assessors. Returns the reconciliation. */
export function reconcileEvidence(evidence: Iterable<AnyEvidence>, declared: DeclaredInventory, now: Date): Reconciliation {
  return reconcile(buildInventory(evidence), declared, now);
}

/** Returns only the counts of a reconciliation (what scan facts and reports carry), without its lists. */
export function summariseReconciliation(r: ReconciliationSummary): ReconciliationSummary {
  return {
    source: r.source,
    declaredRecords: r.declaredRecords,
    observed: r.observed,
    observedValid: r.observedValid,
    matchedRecords: r.matchedRecords,
    matchedObserved: r.matchedObserved,
    matchedObservedValid: r.matchedObservedValid,
    observedNotDeclared: r.observedNotDeclared,
    observedNotDeclaredValid: r.observedNotDeclaredValid,
    declaredNotObserved: r.declaredNotObserved,
    stale: r.stale,
    staleExpired: r.staleExpired,
    staleSuperseded: r.staleSuperseded,
    invMatch: r.invMatch,
    staleRatio: r.staleRatio,
    attributeCompleteness: r.attributeCompleteness,
  };
}
