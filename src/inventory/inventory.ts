/**
 * The certificate inventory: one record per certificate (SHA-256) built from evidence, with every sighting, first and
 * last seen, the issuing certificate, the CA hierarchy, key reuse, orphan keys and keys found unprotected.
 *
 * Issuer linkage, for each certificate that is not self-signed:
 * 1. candidates are the CA certificates whose subjectKeyIdentifier equals its authorityKeyIdentifier (narrowed to
 *    those whose subject also equals its issuer name, when any does);
 * 2. without a key identifier match, the CA certificates whose subject equals its issuer name;
 * 3. without either, any certificate whose subject equals its issuer name;
 * then candidates valid when the certificate was issued are preferred, a signature check (optional, cold path: only
 * when candidates with different keys remain and the caller can verify) decides, and finally CA certificates, the
 * latest notBefore and the smallest SHA-256 win, so the result is deterministic. Candidates sharing the chosen key
 * are listed as alternative issuers (cross-certificates, re-issued CA certificates).
 *
 * Everything here is a pure function of its input: the same evidence gives the same inventory.
 */
import type { AnyEvidence, CertificateData, KeyAlgorithm, PrivateKeyData, RsaWeakness, Sighting } from '../../model/evidence.js';

/** Where a certificate sits in the hierarchy. */
export type CertificateRole = 'root' | 'intermediate' | 'leaf';

/** Whether the issuing certificate was found among the observed ones. */
export type IssuerStatus = 'self-signed' | 'found' | 'not-found';

/** How the issuer was chosen. */
export type IssuerMatch = 'key-identifier' | 'name' | 'signature';

/** Why a private key counts as unprotected. */
export type KeyExposure = 'unencrypted' | 'group-readable' | 'world-readable';

/** A private key found at rest, as the inventory links it to certificates (never key bytes). */
export interface InventoryKey {
  readonly evidenceId: string;
  readonly collector: string;
  readonly location: string;
  readonly keyAlgorithm: string;
  readonly encrypted: boolean;
  readonly fileMode?: string | undefined;
  readonly spkiSha256?: string | undefined;
  /** Empty when the key is encrypted and its file is readable by its owner only (or no mode is known). */
  readonly exposure: readonly KeyExposure[];
}

/** One certificate, once, with everything the scan learnt about it. */
export interface InventoryRecord {
  readonly sha256: string;
  readonly evidenceId: string;
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumberHex: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** notBefore and notAfter as milliseconds since the epoch (not in JSON output). */
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  readonly keyAlgorithm: KeyAlgorithm;
  readonly keySizeBits?: number | undefined;
  readonly curve?: string | undefined;
  readonly signatureAlgorithm: string;
  readonly isCa: boolean;
  readonly isSelfSigned: boolean;
  readonly subjectAltNames: readonly string[];
  readonly spkiSha256: string;
  readonly subjectKeyIdentifier?: string | undefined;
  readonly authorityKeyIdentifier?: string | undefined;
  readonly rsaWeaknesses?: readonly RsaWeakness[] | undefined;
  readonly role: CertificateRole;
  readonly issuerStatus: IssuerStatus;
  /** SHA-256 of the issuing certificate, when found. */
  readonly issuerSha256?: string | undefined;
  readonly issuerMatch?: IssuerMatch | undefined;
  /** Other observed certificates with the issuer's key that could equally have issued this one (at most 10). */
  readonly alternativeIssuers?: readonly string[] | undefined;
  /** SHA-256 of the certificates this one issued, sorted. */
  readonly issued: readonly string[];
  readonly sightings: readonly Sighting[];
  /** Collectors that saw the certificate, sorted. */
  readonly sources: readonly string[];
  /** ISO-8601: earliest and latest observation time of the evidence. */
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** How many other certificates carry the same public key. */
  readonly keySharedWith: number;
  /** Private keys found for this certificate's public key. */
  readonly privateKeys: readonly InventoryKey[];
}

/** Certificates that share one public key. */
export interface KeyReuseGroup {
  readonly spkiSha256: string;
  /** SHA-256 of the certificates, sorted. */
  readonly certificates: readonly string[];
}

/** The inventory: records sorted by SHA-256, plus the key-level findings. */
export interface Inventory {
  readonly records: readonly InventoryRecord[];
  readonly bySha256: ReadonlyMap<string, InventoryRecord>;
  /** Roots and certificates whose chain ends without a root (issuer not found), sorted by subject then SHA-256. */
  readonly tops: readonly string[];
  readonly keyReuse: readonly KeyReuseGroup[];
  /** Every private key seen, sorted by location. */
  readonly keys: readonly InventoryKey[];
  /** Private keys whose public key matches no observed certificate. */
  readonly orphanKeys: readonly InventoryKey[];
  /** Private keys whose public key could not be derived (encrypted), so they cannot be paired. */
  readonly keysWithoutPublicKey: readonly InventoryKey[];
  /** Private keys of observed certificates that are unencrypted or readable by group or others. */
  readonly unprotectedKeys: readonly InventoryKey[];
}

/** Options of the final build. */
export interface BuildOptions {
  /**
   * Cold-path tie-breaker: whether `issuer` signed `child` (e.g. src/pki/certificate-facts.ts verifiesIssuedBy on the
   * DER, when the caller still has it). Called only when candidates with different keys remain.
   */
  readonly verifyIssuer?: (child: InventoryRecord, issuer: InventoryRecord) => boolean;
}

const MAX_ALTERNATIVE_ISSUERS = 10;
const NONE: readonly never[] = Object.freeze([]);

/** Key and signature facts many certificates share: one object per distinct combination. */
interface KeyProfile {
  readonly keyAlgorithm: KeyAlgorithm;
  readonly keySizeBits: number | undefined;
  readonly curve: string | undefined;
  readonly signatureAlgorithm: string;
  readonly rsaWeaknesses: readonly RsaWeakness[] | undefined;
}

/** Fields most records never set. */
interface RareFields {
  evidenceId?: string;
  alternativeIssuers?: readonly string[];
  privateKeys?: InventoryKey[];
}

const ROLES: readonly CertificateRole[] = ['leaf', 'intermediate', 'root'];
const STATUSES: readonly IssuerStatus[] = ['not-found', 'found', 'self-signed'];
const MATCHES: readonly (IssuerMatch | undefined)[] = [undefined, 'key-identifier', 'name', 'signature'];
const IS_CA = 1;
const IS_SELF_SIGNED = 2;
const MAY_ISSUE = 4;
const ROLE_SHIFT = 3;
const STATUS_SHIFT = 5;
const MATCH_SHIFT = 7;

/**
 * One record, laid out for a million of them: booleans and small enums packed into one integer, key facts shared
 * between records, dates as numbers, rare fields in a side object. The InventoryRecord fields are getters.
 */
class Rec implements InventoryRecord {
  readonly sha256: string;
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumberHex: string;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  /** One name is kept as the string itself, more as the list (most certificates of a large estate have one). */
  private readonly sans: string | readonly string[];
  readonly spkiSha256: string;
  readonly subjectKeyIdentifier: string | undefined;
  readonly authorityKeyIdentifier: string | undefined;
  private readonly profile: KeyProfile;
  private flags: number;
  issuerSha256: string | undefined = undefined;
  // A shared empty list until the record issues something: a million leaves should not carry a million empty arrays.
  issued: readonly string[] = NONE;
  keySharedWith = 0;
  private rare: RareFields | undefined;
  /** One sighting is kept as the object itself, more as the list. */
  private seen: Sighting | readonly Sighting[];

  constructor(
    data: CertificateData,
    evidenceId: string,
    sightings: readonly Sighting[],
    public sources: readonly string[],
    public firstSeen: string,
    public lastSeen: string,
    intern: (s: string) => string,
    profile: KeyProfile,
  ) {
    this.sha256 = data.sha256;
    this.subject = data.subject;
    this.issuer = intern(data.issuer);
    this.serialNumberHex = data.serialNumberHex;
    this.notBeforeMs = Date.parse(data.notBefore);
    this.notAfterMs = Date.parse(data.notAfter);
    this.sans = data.subjectAltNames.length === 1 ? data.subjectAltNames[0]! : data.subjectAltNames;
    this.seen = sightings.length === 1 ? sightings[0]! : sightings;
    this.spkiSha256 = data.spkiSha256;
    this.subjectKeyIdentifier = data.subjectKeyIdentifier;
    this.authorityKeyIdentifier = data.authorityKeyIdentifier === undefined ? undefined : intern(data.authorityKeyIdentifier);
    this.profile = profile;
    this.flags =
      (data.isCa ? IS_CA : 0) | (data.isSelfSigned ? IS_SELF_SIGNED : 0) | (data.isCa || data.isSelfSigned || data.keyUsage.includes('keyCertSign') ? MAY_ISSUE : 0);
    this.rare = evidenceId === `certificate:sha256:${data.sha256}` ? undefined : { evidenceId };
  }

  get subjectAltNames(): readonly string[] {
    return typeof this.sans === 'string' ? [this.sans] : this.sans;
  }
  get sightings(): readonly Sighting[] {
    return isSightingList(this.seen) ? this.seen : [this.seen];
  }
  set sightings(list: readonly Sighting[]) {
    this.seen = list.length === 1 ? list[0]! : list;
  }
  get evidenceId(): string {
    return this.rare?.evidenceId ?? `certificate:sha256:${this.sha256}`;
  }
  get notBefore(): string {
    return new Date(this.notBeforeMs).toISOString();
  }
  get notAfter(): string {
    return new Date(this.notAfterMs).toISOString();
  }
  get keyAlgorithm(): KeyAlgorithm {
    return this.profile.keyAlgorithm;
  }
  get keySizeBits(): number | undefined {
    return this.profile.keySizeBits;
  }
  get curve(): string | undefined {
    return this.profile.curve;
  }
  get signatureAlgorithm(): string {
    return this.profile.signatureAlgorithm;
  }
  get rsaWeaknesses(): readonly RsaWeakness[] | undefined {
    return this.profile.rsaWeaknesses;
  }
  get isCa(): boolean {
    return (this.flags & IS_CA) !== 0;
  }
  get isSelfSigned(): boolean {
    return (this.flags & IS_SELF_SIGNED) !== 0;
  }
  /** Whether the certificate may sign certificates (CA, self-signed, or keyCertSign). */
  get mayIssue(): boolean {
    return (this.flags & MAY_ISSUE) !== 0;
  }
  get role(): CertificateRole {
    return ROLES[(this.flags >> ROLE_SHIFT) & 3]!;
  }
  set role(role: CertificateRole) {
    this.flags = (this.flags & ~(3 << ROLE_SHIFT)) | (ROLES.indexOf(role) << ROLE_SHIFT);
  }
  get issuerStatus(): IssuerStatus {
    return STATUSES[(this.flags >> STATUS_SHIFT) & 3]!;
  }
  set issuerStatus(status: IssuerStatus) {
    this.flags = (this.flags & ~(3 << STATUS_SHIFT)) | (STATUSES.indexOf(status) << STATUS_SHIFT);
  }
  get issuerMatch(): IssuerMatch | undefined {
    return MATCHES[(this.flags >> MATCH_SHIFT) & 3];
  }
  set issuerMatch(match: IssuerMatch | undefined) {
    this.flags = (this.flags & ~(3 << MATCH_SHIFT)) | (MATCHES.indexOf(match) << MATCH_SHIFT);
  }
  get alternativeIssuers(): readonly string[] | undefined {
    return this.rare?.alternativeIssuers;
  }
  set alternativeIssuers(list: readonly string[] | undefined) {
    if (list !== undefined) (this.rare ??= {}).alternativeIssuers = list;
  }
  get privateKeys(): readonly InventoryKey[] {
    return this.rare?.privateKeys ?? NONE;
  }
  /** Links a private key to this certificate. */
  addPrivateKey(key: InventoryKey): void {
    ((this.rare ??= {}).privateKeys ??= []).push(key);
  }
  /** Records a certificate this one issued. */
  addIssued(sha256: string): void {
    if (this.issued === NONE) this.issued = [sha256];
    else (this.issued as string[]).push(sha256);
  }

  /** A plain copy in field order, without undefined fields or build-time helpers (for JSON). */
  toJSON(): InventoryRecord {
    const out: Record<string, unknown> = {};
    for (const field of RECORD_FIELDS) {
      const value = this[field];
      if (value !== undefined) out[field] = value;
    }
    return out as unknown as InventoryRecord;
  }
}

/** Record fields in output order. */
const RECORD_FIELDS = [
  'sha256',
  'evidenceId',
  'subject',
  'issuer',
  'serialNumberHex',
  'notBefore',
  'notAfter',
  'keyAlgorithm',
  'keySizeBits',
  'curve',
  'signatureAlgorithm',
  'isCa',
  'isSelfSigned',
  'subjectAltNames',
  'spkiSha256',
  'subjectKeyIdentifier',
  'authorityKeyIdentifier',
  'rsaWeaknesses',
  'role',
  'issuerStatus',
  'issuerSha256',
  'issuerMatch',
  'alternativeIssuers',
  'issued',
  'sightings',
  'sources',
  'firstSeen',
  'lastSeen',
  'keySharedWith',
  'privateKeys',
] as const satisfies readonly (keyof InventoryRecord)[];

function isSightingList(value: Sighting | readonly Sighting[]): value is readonly Sighting[] {
  return Array.isArray(value);
}

function sightingKey(s: Sighting): string {
  return `${s.collector}\u0000${s.target}\u0000${s.location ?? ''}`;
}

/** Collects evidence into an inventory; add items one by one (bounded memory for streams), then build. */
export class InventoryBuilder {
  private readonly records = new Map<string, Rec>();
  private readonly keys = new Map<string, InventoryKey>();
  private readonly strings = new Map<string, string>();
  private readonly intern = (s: string): string => {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    if (this.strings.size < 100_000) this.strings.set(s, s);
    return s;
  };

  private readonly sourceLists = new Map<string, readonly string[]>();

  /** The sorted, de-duplicated list of collectors, shared between records that have the same one. */
  private sourceList(collectors: readonly string[]): readonly string[] {
    const sorted = [...new Set(collectors)].sort();
    const key = sorted.join('\u0000');
    const known = this.sourceLists.get(key);
    if (known !== undefined) return known;
    const list = Object.freeze(sorted.map(this.intern));
    this.sourceLists.set(key, list);
    return list;
  }

  private readonly profiles = new Map<string, KeyProfile>();

  /** The shared key profile of a certificate. */
  private profileOf(data: CertificateData): KeyProfile {
    const key = `${data.keyAlgorithm}|${data.keySizeBits ?? ''}|${data.curve ?? ''}|${data.signatureAlgorithm}|${data.rsaWeaknesses?.join(',') ?? ''}`;
    let profile = this.profiles.get(key);
    if (profile === undefined) {
      profile = {
        keyAlgorithm: data.keyAlgorithm,
        keySizeBits: data.keySizeBits,
        curve: data.curve,
        signatureAlgorithm: data.signatureAlgorithm,
        rsaWeaknesses: data.rsaWeaknesses === undefined ? undefined : Object.freeze([...data.rsaWeaknesses]),
      };
      this.profiles.set(key, profile);
    }
    return profile;
  }

  /** Number of distinct certificates added so far. */
  get size(): number {
    return this.records.size;
  }

  /** Adds certificate and private-key evidence (other kinds are ignored); the same certificate again merges its sightings. */
  add(item: AnyEvidence): void {
    if (item.kind === 'certificate') this.addCertificate(item.data, item.id, item.collector, item.observedAt);
    else if (item.kind === 'private-key') this.addKey(item.data, item.id, item.collector);
  }

  /** Adds one certificate seen by `collector` at `observedAt` (ISO-8601). */
  addCertificate(data: CertificateData, evidenceId: string, collector: string, observedAt: string): void {
    const seen = this.intern(observedAt);
    const existing = this.records.get(data.sha256);
    const sources = this.sourceList([collector, ...data.sightings.map((s) => s.collector)]);
    if (!existing) {
      this.records.set(data.sha256, new Rec(data, evidenceId, data.sightings, sources, seen, seen, this.intern, this.profileOf(data)));
      return;
    }
    const known = new Set(existing.sightings.map(sightingKey));
    const extra = data.sightings.filter((s) => !known.has(sightingKey(s)));
    if (extra.length > 0) existing.sightings = [...existing.sightings, ...extra];
    if (sources.some((s) => !existing.sources.includes(s))) existing.sources = this.sourceList([...existing.sources, ...sources]);
    if (seen < existing.firstSeen) existing.firstSeen = seen;
    if (seen > existing.lastSeen) existing.lastSeen = seen;
  }

  /** Adds one private key found at rest. */
  addKey(data: PrivateKeyData, evidenceId: string, collector: string): void {
    if (this.keys.has(evidenceId)) return;
    this.keys.set(evidenceId, {
      evidenceId,
      collector,
      location: data.location,
      keyAlgorithm: data.keyAlgorithm,
      encrypted: data.encrypted,
      ...(data.fileMode === undefined ? {} : { fileMode: data.fileMode }),
      ...(data.spkiSha256 === undefined ? {} : { spkiSha256: data.spkiSha256 }),
      exposure: keyExposure(data),
    });
  }

  /** Links issuers, roles, key reuse and private keys; returns the inventory. The builder should not be used afterwards. */
  build(options: BuildOptions = {}): Inventory {
    const records = [...this.records.values()].sort((a, b) => (a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0));
    linkIssuers(records, options);
    for (const rec of records) {
      if (rec.issued.length > 1) (rec.issued as string[]).sort();
      rec.role = rec.issuerStatus === 'self-signed' ? 'root' : rec.isCa || rec.issued.length > 0 ? 'intermediate' : 'leaf';
    }

    const bySpki = new Map<string, Rec | Rec[]>();
    for (const rec of records) {
      const known = bySpki.get(rec.spkiSha256);
      if (known === undefined) bySpki.set(rec.spkiSha256, rec);
      else if (Array.isArray(known)) known.push(rec);
      else bySpki.set(rec.spkiSha256, [known, rec]);
    }
    const keyReuse: KeyReuseGroup[] = [];
    for (const [spkiSha256, value] of bySpki) {
      if (!Array.isArray(value)) continue;
      for (const rec of value) rec.keySharedWith = value.length - 1;
      keyReuse.push({ spkiSha256, certificates: value.map((r) => r.sha256) }); // records are already sorted
    }
    keyReuse.sort((a, b) => (a.spkiSha256 < b.spkiSha256 ? -1 : 1));

    const keys = [...this.keys.values()].sort((a, b) => a.location.localeCompare(b.location) || (a.evidenceId < b.evidenceId ? -1 : 1));
    const orphanKeys: InventoryKey[] = [];
    const keysWithoutPublicKey: InventoryKey[] = [];
    const unprotectedKeys: InventoryKey[] = [];
    for (const key of keys) {
      if (key.spkiSha256 === undefined) {
        keysWithoutPublicKey.push(key);
        continue;
      }
      const holders = bySpki.get(key.spkiSha256);
      if (holders === undefined) {
        orphanKeys.push(key);
        continue;
      }
      for (const rec of Array.isArray(holders) ? holders : [holders]) rec.addPrivateKey(key);
      if (key.exposure.length > 0) unprotectedKeys.push(key);
    }

    const bySha256: ReadonlyMap<string, InventoryRecord> = this.records;
    const tops = records
      .filter((r) => r.issuerStatus !== 'found')
      .sort((a, b) => a.subject.localeCompare(b.subject) || (a.sha256 < b.sha256 ? -1 : 1))
      .map((r) => r.sha256);
    return { records, bySha256, tops, keyReuse, keys, orphanKeys, keysWithoutPublicKey, unprotectedKeys };
  }
}

/** Builds the inventory of a set of evidence (e.g. a report's evidence); returns it. */
export function buildInventory(evidence: Iterable<AnyEvidence>, options: BuildOptions = {}): Inventory {
  const builder = new InventoryBuilder();
  for (const item of evidence) builder.add(item);
  return builder.build(options);
}

/** Returns why a private key counts as unprotected: unencrypted, or its file readable by group or others. */
export function keyExposure(key: Pick<PrivateKeyData, 'encrypted' | 'fileMode'>): KeyExposure[] {
  const out: KeyExposure[] = [];
  if (!key.encrypted) out.push('unencrypted');
  const mode = key.fileMode !== undefined && /^0?[0-7]{3,4}$/.test(key.fileMode) ? parseInt(key.fileMode, 8) : undefined;
  if (mode !== undefined && (mode & 0o040) !== 0) out.push('group-readable');
  if (mode !== undefined && (mode & 0o004) !== 0) out.push('world-readable');
  return out;
}

/** Returns the chain from a certificate up to its root or the last issuer found (SHA-256 list, the certificate first). */
export function chainOf(inventory: Inventory, sha256: string): string[] {
  const chain: string[] = [];
  let current = inventory.bySha256.get(sha256);
  while (current && !chain.includes(current.sha256) && chain.length < 32) {
    chain.push(current.sha256);
    current = current.issuerSha256 === undefined ? undefined : inventory.bySha256.get(current.issuerSha256);
  }
  return chain;
}

function linkIssuers(records: readonly Rec[], options: BuildOptions): void {
  const bySki = new Map<string, Rec[]>();
  const bySubject = new Map<string, Rec[]>();
  const push = (map: Map<string, Rec[]>, key: string, rec: Rec): void => {
    const list = map.get(key);
    if (list) list.push(rec);
    else map.set(key, [rec]);
  };
  for (const rec of records) {
    if (!rec.mayIssue) continue;
    if (rec.subjectKeyIdentifier !== undefined) push(bySki, rec.subjectKeyIdentifier, rec);
    push(bySubject, rec.subject, rec);
  }

  const unresolved: Rec[] = [];
  for (const rec of records) {
    if (rec.isSelfSigned) {
      rec.issuerStatus = 'self-signed';
      continue;
    }
    const withKey = rec.authorityKeyIdentifier === undefined ? undefined : bySki.get(rec.authorityKeyIdentifier);
    // The common case, one CA certificate with the key and the name, allocates nothing.
    if (withKey?.length === 1 && withKey[0] !== rec && withKey[0]!.subject === rec.issuer) {
      link(rec, withKey[0]!, 'key-identifier');
      continue;
    }
    const byKey = (withKey ?? []).filter((c) => c !== rec);
    const byKeyAndName = byKey.filter((c) => c.subject === rec.issuer);
    let candidates = byKeyAndName.length > 0 ? byKeyAndName : byKey;
    let match: IssuerMatch = 'key-identifier';
    if (candidates.length === 0) {
      candidates = (bySubject.get(rec.issuer) ?? []).filter((c) => c !== rec);
      match = 'name';
    }
    if (candidates.length === 0) unresolved.push(rec);
    else choose(rec, candidates, match, options);
  }

  // Issuers that are not marked as CAs (version 1 roots, broken profiles): one pass over the names still missing.
  const missing = new Set(unresolved.map((r) => r.issuer));
  const byMissingName = new Map<string, Rec[]>();
  if (missing.size > 0) for (const rec of records) if (missing.has(rec.subject)) push(byMissingName, rec.subject, rec);
  for (const rec of unresolved) {
    const candidates = (byMissingName.get(rec.issuer) ?? []).filter((c) => c !== rec);
    if (candidates.length > 0) choose(rec, candidates, 'name', options);
    else if (rec.subject === rec.issuer && (rec.authorityKeyIdentifier === undefined || rec.authorityKeyIdentifier === rec.subjectKeyIdentifier)) {
      rec.issuerStatus = 'self-signed'; // self-issued, with a signature node could not check (GOST, ML-DSA on Node 20)
    }
  }
}

function choose(rec: Rec, all: Rec[], match: IssuerMatch, options: BuildOptions): void {
  if (all.length === 1) {
    link(rec, all[0]!, match);
    return;
  }
  const validAtIssue = all.filter((c) => c.notBeforeMs <= rec.notBeforeMs && rec.notBeforeMs <= c.notAfterMs);
  let candidates = validAtIssue.length > 0 ? validAtIssue : all;
  let how = match;
  if (options.verifyIssuer !== undefined && new Set(candidates.map((c) => c.spkiSha256)).size > 1) {
    const verified = candidates.filter((c) => options.verifyIssuer!(rec, c));
    if (verified.length > 0) {
      candidates = verified;
      how = 'signature';
    }
  }
  const best = [...candidates].sort(
    (a, b) => Number(b.isCa) - Number(a.isCa) || b.notBeforeMs - a.notBeforeMs || (a.sha256 < b.sha256 ? -1 : 1),
  )[0]!;
  link(rec, best, how);
  const alternatives = all.filter((c) => c !== best && c.spkiSha256 === best.spkiSha256).map((c) => c.sha256).sort();
  if (alternatives.length > 0) rec.alternativeIssuers = alternatives.slice(0, MAX_ALTERNATIVE_ISSUERS);
}

function link(rec: Rec, issuer: Rec, how: IssuerMatch): void {
  rec.issuerStatus = 'found';
  rec.issuerSha256 = issuer.sha256;
  rec.issuerMatch = how;
  issuer.addIssued(rec.sha256);
}
