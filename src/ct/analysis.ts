/**
 * Pure analyses over CT evidence for the rules and assessors (requirements 7.4, 7.5, 7.7, 13.4, 13.5): CT-logged
 * certificates missing from an inventory (shadow issuance), issuers outside an approved list, certificates logged after
 * their revocation, and the time from issuance to discovery. Inputs are evidence and plain lists; outputs are plain
 * data citing evidence ids. Nothing here does I/O or reads the clock.
 */
import type { Evidence } from '../../model/evidence.js';
import { issuerSerialKey, normaliseSha256 } from '../../model/identifiers.js';

/** One certificate as CT shows it, all its entries merged (precertificate and final, several logs, crt.sh). */
export interface LoggedCertificate {
  /** issuer|SERIAL (model/identifiers issuerSerialKey). */
  readonly key: string;
  readonly issuer: string;
  readonly serialNumberHex: string;
  /** SHA-256 of the final certificate, when any entry had it. */
  readonly sha256?: string;
  /** SHA-256 of the issuing CA certificate, when a log chain showed it. */
  readonly issuerSha256?: string;
  /** SHA-256 of the issuer's SubjectPublicKeyInfo (precert entries). */
  readonly issuerKeyHash?: string;
  readonly dnsNames: readonly string[];
  readonly matchedDomains: readonly string[];
  readonly notBefore: string;
  readonly notAfter: string;
  /** Earliest time a log recorded it: embedded SCT timestamps and entry timestamps. */
  readonly firstLoggedAt?: string;
  /** Whether a precertificate, a final certificate, or both were logged (crt.sh rows do not say: 'unknown'). */
  readonly entryTypes: readonly ('x509' | 'precert' | 'unknown')[];
  /** Evidence ids of the ct-log-entry items merged here, sorted. */
  readonly evidenceIds: readonly string[];
}

/** An index of an inventory for matching: what DeclaredInventory (src/inventory/declared.ts) provides. */
export interface InventoryIndex {
  /** Lowercase hex SHA-256 fingerprints. */
  readonly sha256: ReadonlySet<string>;
  /** issuerSerialKey values. */
  readonly issuerSerial: ReadonlySet<string>;
}

/** Returns the earliest of some ISO-8601 times (compared as instants), or undefined when none is given. */
const earliest = (values: readonly (string | undefined)[]): string | undefined =>
  values.filter((v): v is string => v !== undefined && !Number.isNaN(Date.parse(v))).sort((a, b) => Date.parse(a) - Date.parse(b))[0];

/** Merges CT entries into one item per certificate (same issuer and serial); returns them sorted by key. */
export function loggedCertificates(entries: readonly Evidence<'ct-log-entry'>[]): LoggedCertificate[] {
  const groups = new Map<string, Evidence<'ct-log-entry'>[]>();
  for (const entry of entries) {
    const key = issuerSerialKey(entry.data.issuer, entry.data.serialNumberHex);
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, group]) => {
      const data = group.map((e) => e.data);
      const first = data[0]!;
      const sha256 = data.map((d) => d.sha256).find((s) => s !== undefined);
      const issuerSha256 = data.map((d) => d.issuerSha256).find((s) => s !== undefined);
      const issuerKeyHash = data.map((d) => d.issuerKeyHash).find((s) => s !== undefined);
      const firstLoggedAt = earliest([...data.map((d) => d.loggedAt), ...data.flatMap((d) => (d.embeddedScts ?? []).map((s) => s.timestamp))]);
      return {
        key,
        issuer: first.issuer,
        serialNumberHex: first.serialNumberHex,
        ...(sha256 !== undefined ? { sha256 } : {}),
        ...(issuerSha256 !== undefined ? { issuerSha256 } : {}),
        ...(issuerKeyHash !== undefined ? { issuerKeyHash } : {}),
        dnsNames: [...new Set(data.flatMap((d) => d.dnsNames))].sort(),
        matchedDomains: [...new Set(data.flatMap((d) => d.matchedDomains))].sort(),
        notBefore: first.notBefore,
        notAfter: first.notAfter,
        ...(firstLoggedAt !== undefined ? { firstLoggedAt } : {}),
        entryTypes: [...new Set(data.map((d) => d.entryType ?? 'unknown'))].sort(),
        evidenceIds: group.map((e) => e.id).sort(),
      };
    });
}

/** Builds an inventory index from certificate evidence (e.g. everything discovered by endpoint, file and cloud collectors). */
export function inventoryIndexOf(certificates: readonly Evidence<'certificate'>[]): InventoryIndex {
  return {
    sha256: new Set(certificates.map((c) => c.data.sha256)),
    issuerSerial: new Set(certificates.map((c) => issuerSerialKey(c.data.issuer, c.data.serialNumberHex))),
  };
}

/** Which certificates to consider: valid at a time and naming declared domains. */
export interface CtScope {
  /** Only certificates valid at this time (notBefore ≤ at ≤ notAfter); default: all. */
  readonly at?: Date;
  /** Only certificates naming one of these domains (matchedDomains); default: all. */
  readonly domains?: readonly string[];
}

function inScope(certificate: LoggedCertificate, scope: CtScope): boolean {
  if (scope.at !== undefined) {
    const t = scope.at.getTime();
    if (Date.parse(certificate.notBefore) > t || Date.parse(certificate.notAfter) < t) return false;
  }
  if (scope.domains !== undefined) {
    const wanted = new Set(scope.domains.map((d) => d.toLowerCase()));
    if (!certificate.matchedDomains.some((d) => wanted.has(d))) return false;
  }
  return true;
}

/** CT-logged certificates compared with an inventory. */
export interface ShadowIssuanceResult {
  /** Logged certificates in scope. */
  readonly considered: number;
  /** Of those, present in the inventory. */
  readonly inInventory: number;
  /** inInventory / considered (the `ct_match` metric); undefined when nothing was considered. */
  readonly ctMatch?: number;
  /** Logged certificates in scope that the inventory does not hold. */
  readonly missing: readonly LoggedCertificate[];
  /** How each matched certificate was recognised. */
  readonly matchedBy: { readonly sha256: number; readonly issuerSerial: number };
}

/**
 * Finds CT-logged certificates for the declared domains that the inventory does not hold (shadow issuance). A logged
 * certificate matches by SHA-256 when its final certificate was seen, else (or also) by issuer + serial; a
 * precertificate and its final certificate count once. Returns counts, `ct_match` and the missing certificates.
 */
export function findShadowIssuance(entries: readonly Evidence<'ct-log-entry'>[], inventory: InventoryIndex, scope: CtScope = {}): ShadowIssuanceResult {
  const considered = loggedCertificates(entries).filter((c) => inScope(c, scope));
  const missing: LoggedCertificate[] = [];
  let bySha = 0;
  let bySerial = 0;
  for (const certificate of considered) {
    const sha = certificate.sha256 !== undefined ? normaliseSha256(certificate.sha256) : undefined;
    if (sha !== undefined && inventory.sha256.has(sha)) bySha++;
    else if (inventory.issuerSerial.has(certificate.key)) bySerial++;
    else missing.push(certificate);
  }
  const inInventory = bySha + bySerial;
  return {
    considered: considered.length,
    inInventory,
    ...(considered.length > 0 ? { ctMatch: inInventory / considered.length } : {}),
    missing,
    matchedBy: { sha256: bySha, issuerSerial: bySerial },
  };
}

/** Normalises a distinguished name for comparison: case, quoting and spacing around separators do not matter. */
export function normaliseDn(dn: string): string {
  return dn
    .replace(/"/g, '')
    .replace(/\s*([,=+])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The CAs an organisation approved for its domains. */
export interface ApprovedCas {
  /** Issuer DNs, e.g. "C=US, O=Let's Encrypt, CN=R11". */
  readonly issuers?: readonly string[];
  /** SHA-256 fingerprints of approved CA certificates. */
  readonly caSha256?: readonly string[];
}

/** A CA certificate the scan knows (from certificate evidence), used to resolve approved fingerprints to names and keys. */
export interface KnownCa {
  readonly sha256: string;
  readonly subject: string;
  readonly spkiSha256: string;
}

/** One issuer outside the approved list, with what it issued. */
export interface UnapprovedIssuer {
  readonly issuer: string;
  readonly issuerSha256?: string;
  readonly certificates: number;
  /** DNS names it issued for (at most 20, sorted). */
  readonly dnsNames: readonly string[];
  /** Earliest notBefore among them. */
  readonly firstNotBefore: string;
  readonly evidenceIds: readonly string[];
}

/** Issuers of logged certificates checked against an approved list. */
export interface UnapprovedIssuerResult {
  readonly considered: number;
  readonly approved: number;
  readonly unapproved: readonly UnapprovedIssuer[];
}

/**
 * Finds issuers of CT-logged certificates that are not approved. A certificate is approved when its issuer DN is on
 * the list, when the issuing CA certificate seen in a log chain has an approved fingerprint, or when a known CA
 * certificate with an approved fingerprint has the issuer's name or (precert entries) the issuer's key.
 * Returns counts and the unapproved issuers, most certificates first.
 */
export function findUnapprovedIssuers(entries: readonly Evidence<'ct-log-entry'>[], approved: ApprovedCas, knownCas: readonly KnownCa[] = [], scope: CtScope = {}): UnapprovedIssuerResult {
  const approvedSha = new Set((approved.caSha256 ?? []).map((s) => normaliseSha256(s)).filter((s): s is string => s !== undefined));
  const approvedNames = new Set((approved.issuers ?? []).map(normaliseDn));
  const approvedKeys = new Set<string>();
  for (const ca of knownCas) {
    if (!approvedSha.has(ca.sha256.toLowerCase())) continue;
    approvedNames.add(normaliseDn(ca.subject));
    approvedKeys.add(ca.spkiSha256.toLowerCase());
  }
  const considered = loggedCertificates(entries).filter((c) => inScope(c, scope));
  const byIssuer = new Map<string, LoggedCertificate[]>();
  let ok = 0;
  for (const c of considered) {
    const isApproved =
      approvedNames.has(normaliseDn(c.issuer)) ||
      (c.issuerSha256 !== undefined && approvedSha.has(c.issuerSha256.toLowerCase())) ||
      (c.issuerKeyHash !== undefined && approvedKeys.has(c.issuerKeyHash.toLowerCase()));
    if (isApproved) {
      ok++;
      continue;
    }
    const key = normaliseDn(c.issuer);
    const list = byIssuer.get(key);
    if (list) list.push(c);
    else byIssuer.set(key, [c]);
  }
  const unapproved = [...byIssuer.values()].map((list): UnapprovedIssuer => {
    const issuerSha256 = list.map((c) => c.issuerSha256).find((s) => s !== undefined);
    return {
      issuer: list[0]!.issuer,
      ...(issuerSha256 !== undefined ? { issuerSha256 } : {}),
      certificates: list.length,
      dnsNames: [...new Set(list.flatMap((c) => c.dnsNames))].sort().slice(0, 20),
      firstNotBefore: earliest(list.map((c) => c.notBefore)) ?? list[0]!.notBefore,
      evidenceIds: list.flatMap((c) => c.evidenceIds).sort(),
    };
  });
  unapproved.sort((a, b) => b.certificates - a.certificates || (a.issuer < b.issuer ? -1 : a.issuer > b.issuer ? 1 : 0));
  return { considered: considered.length, approved: ok, unapproved };
}

/** A revoked certificate as the CRL/OCSP collectors report it. */
export interface RevokedCertificate {
  readonly issuer: string;
  readonly serialNumberHex: string;
  /** ISO-8601 revocation time. */
  readonly revokedAt: string;
  /** The CRL or OCSP evidence that says so. */
  readonly evidenceId?: string;
}

/** A certificate a log recorded after it had been revoked. */
export interface LoggedAfterRevocation {
  readonly issuer: string;
  readonly serialNumberHex: string;
  readonly revokedAt: string;
  /** The earliest log time after the revocation. */
  readonly loggedAt: string;
  readonly secondsAfterRevocation: number;
  readonly evidenceIds: readonly string[];
  readonly revocationEvidenceId?: string;
}

/**
 * Finds certificates that CT logs recorded after their revocation time (matched by issuer and serial): re-logged
 * revoked certificates or final certificates logged after the precertificate was revoked. Returns them sorted by key.
 */
export function findLoggedAfterRevocation(entries: readonly Evidence<'ct-log-entry'>[], revoked: readonly RevokedCertificate[]): LoggedAfterRevocation[] {
  const revocations = new Map<string, RevokedCertificate>();
  for (const r of revoked) {
    const key = issuerSerialKey(r.issuer, r.serialNumberHex);
    const known = revocations.get(key);
    if (!known || Date.parse(r.revokedAt) < Date.parse(known.revokedAt)) revocations.set(key, r);
  }
  const byKey = new Map<string, Evidence<'ct-log-entry'>[]>();
  for (const entry of entries) {
    const key = issuerSerialKey(entry.data.issuer, entry.data.serialNumberHex);
    if (!revocations.has(key)) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  }
  const out: LoggedAfterRevocation[] = [];
  for (const [key, group] of [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const revocation = revocations.get(key)!;
    const revokedMs = Date.parse(revocation.revokedAt);
    const late = group.filter((e) => e.data.loggedAt !== undefined && Date.parse(e.data.loggedAt) > revokedMs);
    const loggedAt = earliest(late.map((e) => e.data.loggedAt));
    if (loggedAt === undefined) continue;
    out.push({
      issuer: group[0]!.data.issuer,
      serialNumberHex: group[0]!.data.serialNumberHex,
      revokedAt: new Date(revokedMs).toISOString(),
      loggedAt,
      secondsAfterRevocation: Math.round((Date.parse(loggedAt) - revokedMs) / 1000),
      evidenceIds: late.map((e) => e.id).sort(),
      ...(revocation.evidenceId !== undefined ? { revocationEvidenceId: revocation.evidenceId } : {}),
    });
  }
  return out;
}

/** Issuance-to-discovery time of one logged certificate. */
export interface DiscoveryLatency {
  readonly key: string;
  readonly issuedAt: string;
  /** 'log' when the first SCT or log entry time is known (notBefore may be backdated), else 'not-before'. */
  readonly issuedAtSource: 'log' | 'not-before';
  readonly discoveredAt: string;
  readonly seconds: number;
  readonly evidenceIds: readonly string[];
}

/** Issuance-to-discovery times and their summary. */
export interface DiscoveryLatencyResult {
  readonly certificates: readonly DiscoveryLatency[];
  readonly count: number;
  readonly medianSeconds?: number;
  readonly p90Seconds?: number;
  readonly maxSeconds?: number;
}

/** Options for issuance-to-discovery times. */
export interface DiscoveryOptions extends CtScope {
  /** When each certificate was first discovered (by key or SHA-256), e.g. from earlier scans; default: the evidence's observedAt. */
  readonly firstSeen?: ReadonlyMap<string, string>;
  /** Only certificates issued at or after this time (e.g. when CT monitoring started), so old certificates do not count. */
  readonly issuedSince?: Date;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

/**
 * Measures, per logged certificate, the time from issuance (first SCT or log entry time, else notBefore) to discovery
 * (first seen, else the earliest observedAt of its evidence). Negative times (discovered before the log time, e.g. on
 * an endpoint first) count as 0. Returns the per-certificate times and median, 90th percentile and maximum.
 */
export function issuanceToDiscovery(entries: readonly Evidence<'ct-log-entry'>[], options: DiscoveryOptions = {}): DiscoveryLatencyResult {
  const observed = new Map(entries.map((e) => [e.id, e.observedAt]));
  const certificates: DiscoveryLatency[] = [];
  for (const c of loggedCertificates(entries)) {
    if (!inScope(c, options)) continue;
    const issuedAt = c.firstLoggedAt ?? c.notBefore;
    const issuedMs = Date.parse(issuedAt);
    if (options.issuedSince !== undefined && issuedMs < options.issuedSince.getTime()) continue;
    const seen = options.firstSeen?.get(c.key) ?? (c.sha256 !== undefined ? options.firstSeen?.get(c.sha256) : undefined);
    const discoveredAt = earliest([seen, ...c.evidenceIds.map((id) => observed.get(id))]);
    if (discoveredAt === undefined) continue;
    certificates.push({
      key: c.key,
      issuedAt: new Date(issuedMs).toISOString(),
      issuedAtSource: c.firstLoggedAt !== undefined ? 'log' : 'not-before',
      discoveredAt,
      seconds: Math.max(0, Math.round((Date.parse(discoveredAt) - issuedMs) / 1000)),
      evidenceIds: c.evidenceIds,
    });
  }
  const sorted = certificates.map((c) => c.seconds).sort((a, b) => a - b);
  if (sorted.length === 0) return { certificates, count: 0 };
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { certificates, count: sorted.length, medianSeconds: median, p90Seconds: percentile(sorted, 0.9), maxSeconds: sorted.at(-1)! };
}
