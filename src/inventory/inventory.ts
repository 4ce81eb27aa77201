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
 *
 * Memory: the records are views of one column store (store.ts): hashes as bytes, texts in byte chunks, dates and flags
 * in typed arrays, so a million certificates fit in a few hundred MB, mostly outside the V8 heap. Record fields are
 * computed when read (a hex SHA-256 is a new string each time); read them once per use in hot loops.
 */
import type { AnyEvidence, CertificateData, KeyAlgorithm, PrivateKeyData, RsaWeakness, Sighting } from '../../model/evidence.js';
import { DigestColumn, DigestIndex, F64Column, isCanonicalSha256, NO_TEXT, TextPool, U32Column } from './store.js';

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
  /** The records by SHA-256 (iterates in record order). */
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
  /** Sightings that are not one plain { collector, target, location } (several, or with attributes). */
  sightings?: readonly Sighting[];
  /** SHA-256 values that are not lowercase hex (evidence read from a hand-made report). */
  sha256?: string;
  spkiSha256?: string;
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
const ODD_SHA = 1 << 9;
const ODD_SPKI = 1 << 10;
const SIGHTING_LIST = 1 << 11;

/**
 * Every certificate of an inventory as columns: record i is row i of each column. Hashes are 32 bytes, texts ids into
 * one TextPool, dates numbers; the few fields most certificates lack live in `rare`. The records handed out are views
 * (Rec) holding only their row number.
 */
class Store {
  count = 0;
  readonly text = new TextPool();
  readonly sha = new DigestColumn();
  readonly spki = new DigestColumn();
  readonly shaIndex = new DigestIndex(this.sha);
  readonly oddSha = new Map<string, number>();
  readonly notBefore = new F64Column();
  readonly notAfter = new F64Column();
  readonly flags = new U32Column();
  readonly subject = new U32Column();
  readonly issuer = new U32Column();
  readonly serial = new U32Column();
  readonly ski = new U32Column();
  readonly aki = new U32Column();
  /** Subject alternative names: `sanCount` consecutive text ids from `sanFirst`. */
  readonly sanFirst = new U32Column();
  readonly sanCount = new U32Column();
  /** The one plain sighting (collector NO_TEXT: none; SIGHTING_LIST flag: see rare). */
  readonly collector = new U32Column();
  readonly target = new U32Column();
  readonly location = new U32Column();
  readonly firstSeen = new U32Column();
  readonly lastSeen = new U32Column();
  readonly profile = new U32Column();
  readonly sources = new U32Column();
  /** Row of the issuing certificate plus one (0: none). */
  readonly issuerOf = new U32Column();
  readonly keySharedWith = new U32Column();
  readonly rare = new Map<number, RareFields>();
  readonly profiles: KeyProfile[] = [];
  readonly sourceLists: (readonly string[])[] = [];
  /** Set by build: rows each certificate issued (in SHA-256 order), the records in order and each row's position. */
  issued = new Map<number, Uint32Array>();
  records: readonly Rec[] = NONE;
  position = new Uint32Array(0);

  /** The row of the certificate with this SHA-256, or -1. */
  find(sha256: string): number {
    if (isCanonicalSha256(sha256)) return this.shaIndex.find(sha256);
    return this.oddSha.get(sha256) ?? -1;
  }

  sha256Of(i: number): string {
    return (this.flags.get(i) & ODD_SHA) !== 0 ? this.rare.get(i)!.sha256! : this.sha.hex(i);
  }

  spkiOf(i: number): string {
    return (this.flags.get(i) & ODD_SPKI) !== 0 ? this.rare.get(i)!.spkiSha256! : this.spki.hex(i);
  }

  rareOf(i: number): RareFields {
    let rare = this.rare.get(i);
    if (rare === undefined) this.rare.set(i, (rare = {}));
    return rare;
  }

  sightingsOf(i: number): readonly Sighting[] {
    if ((this.flags.get(i) & SIGHTING_LIST) !== 0) return this.rare.get(i)!.sightings!;
    const collector = this.collector.get(i);
    if (collector === NO_TEXT) return NONE;
    const location = this.location.get(i);
    const plain = { collector: this.text.get(collector), target: this.text.get(this.target.get(i)) };
    return [location === NO_TEXT ? plain : { ...plain, location: this.text.get(location) }];
  }

  /** Stores the sightings of row i: one plain sighting in columns, anything else as the list itself. */
  setSightings(i: number, list: readonly Sighting[]): void {
    const one = list.length === 1 ? list[0]! : undefined;
    if (list.length === 0 || (one !== undefined && isPlainSighting(one))) {
      this.collector.set(i, one === undefined ? NO_TEXT : this.text.intern(one.collector));
      this.target.set(i, one === undefined ? NO_TEXT : this.text.intern(one.target));
      this.location.set(i, one?.location === undefined ? NO_TEXT : this.text.add(one.location));
      if ((this.flags.get(i) & SIGHTING_LIST) !== 0) {
        this.flags.set(i, this.flags.get(i) & ~SIGHTING_LIST);
        delete this.rareOf(i).sightings;
      }
      return;
    }
    this.flags.set(i, this.flags.get(i) | SIGHTING_LIST);
    this.rareOf(i).sightings = list;
  }
}

/** A sighting with exactly the fields collector, target and optionally location, in that order, all texts. */
function isPlainSighting(s: Sighting): boolean {
  const keys = Object.keys(s);
  return (
    keys[0] === 'collector' &&
    keys[1] === 'target' &&
    typeof s.collector === 'string' &&
    typeof s.target === 'string' &&
    (keys.length === 2 || (keys.length === 3 && keys[2] === 'location' && typeof s.location === 'string'))
  );
}

/** One record: a view of one row of the store. The InventoryRecord fields are getters. */
class Rec implements InventoryRecord {
  readonly #s: Store;
  readonly #i: number;

  constructor(store: Store, row: number) {
    this.#s = store;
    this.#i = row;
  }

  /** The row in the store. */
  get row(): number {
    return this.#i;
  }
  get sha256(): string {
    return this.#s.sha256Of(this.#i);
  }
  get evidenceId(): string {
    return this.#s.rare.get(this.#i)?.evidenceId ?? `certificate:sha256:${this.sha256}`;
  }
  get subject(): string {
    return this.#s.text.get(this.#s.subject.get(this.#i));
  }
  get issuer(): string {
    return this.#s.text.get(this.#s.issuer.get(this.#i));
  }
  get serialNumberHex(): string {
    return this.#s.text.get(this.#s.serial.get(this.#i));
  }
  get notBeforeMs(): number {
    return this.#s.notBefore.get(this.#i);
  }
  get notAfterMs(): number {
    return this.#s.notAfter.get(this.#i);
  }
  get notBefore(): string {
    return new Date(this.notBeforeMs).toISOString();
  }
  get notAfter(): string {
    return new Date(this.notAfterMs).toISOString();
  }
  get subjectAltNames(): readonly string[] {
    const count = this.#s.sanCount.get(this.#i);
    if (count === 0) return NONE;
    const first = this.#s.sanFirst.get(this.#i);
    const out = new Array<string>(count);
    for (let k = 0; k < count; k++) out[k] = this.#s.text.get(first + k);
    return out;
  }
  get spkiSha256(): string {
    return this.#s.spkiOf(this.#i);
  }
  get subjectKeyIdentifier(): string | undefined {
    return this.#s.text.getOptional(this.#s.ski.get(this.#i));
  }
  get authorityKeyIdentifier(): string | undefined {
    return this.#s.text.getOptional(this.#s.aki.get(this.#i));
  }
  private get profile(): KeyProfile {
    return this.#s.profiles[this.#s.profile.get(this.#i)]!;
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
  private get flags(): number {
    return this.#s.flags.get(this.#i);
  }
  private set flags(value: number) {
    this.#s.flags.set(this.#i, value);
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
  get issuerSha256(): string | undefined {
    const issuer = this.#s.issuerOf.get(this.#i);
    return issuer === 0 ? undefined : this.#s.sha256Of(issuer - 1);
  }
  /** Records `issuer` as the issuing certificate, found by `how`. */
  linkTo(issuer: Rec, how: IssuerMatch): void {
    this.issuerStatus = 'found';
    this.#s.issuerOf.set(this.#i, issuer.row + 1);
    this.flags = (this.flags & ~(3 << MATCH_SHIFT)) | (MATCHES.indexOf(how) << MATCH_SHIFT);
  }
  get alternativeIssuers(): readonly string[] | undefined {
    return this.#s.rare.get(this.#i)?.alternativeIssuers;
  }
  set alternativeIssuers(list: readonly string[] | undefined) {
    if (list !== undefined) this.#s.rareOf(this.#i).alternativeIssuers = list;
  }
  get issued(): readonly string[] {
    const rows = this.#s.issued.get(this.#i);
    if (rows === undefined) return NONE;
    return Array.from(rows, (row) => this.#s.sha256Of(row));
  }
  /** How many certificates this one issued. */
  get issuedCount(): number {
    return this.#s.issued.get(this.#i)?.length ?? 0;
  }
  get sightings(): readonly Sighting[] {
    return this.#s.sightingsOf(this.#i);
  }
  get sources(): readonly string[] {
    return this.#s.sourceLists[this.#s.sources.get(this.#i)]!;
  }
  get firstSeen(): string {
    return this.#s.text.get(this.#s.firstSeen.get(this.#i));
  }
  get lastSeen(): string {
    return this.#s.text.get(this.#s.lastSeen.get(this.#i));
  }
  get keySharedWith(): number {
    return this.#s.keySharedWith.get(this.#i);
  }
  get privateKeys(): readonly InventoryKey[] {
    return this.#s.rare.get(this.#i)?.privateKeys ?? NONE;
  }
  /** Links a private key to this certificate. */
  addPrivateKey(key: InventoryKey): void {
    (this.#s.rareOf(this.#i).privateKeys ??= []).push(key);
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

/** The records by SHA-256, answered from the store's hash table (no Map of a million hex keys); iterates in SHA-256 order. */
class RecordIndex implements ReadonlyMap<string, InventoryRecord> {
  readonly #s: Store;

  constructor(store: Store) {
    this.#s = store;
  }

  get size(): number {
    return this.#s.count;
  }
  get(sha256: string): InventoryRecord | undefined {
    const row = typeof sha256 === 'string' ? this.#s.find(sha256) : -1;
    return row < 0 ? undefined : this.#s.records[this.#s.position[row]!];
  }
  has(sha256: string): boolean {
    return typeof sha256 === 'string' && this.#s.find(sha256) >= 0;
  }
  forEach(callback: (value: InventoryRecord, key: string, map: ReadonlyMap<string, InventoryRecord>) => void, thisArg?: unknown): void {
    for (const rec of this.#s.records) callback.call(thisArg, rec, rec.sha256, this);
  }
  *entries(): MapIterator<[string, InventoryRecord]> {
    for (const rec of this.#s.records) yield [rec.sha256, rec];
  }
  *keys(): MapIterator<string> {
    for (const rec of this.#s.records) yield rec.sha256;
  }
  *values(): MapIterator<InventoryRecord> {
    yield* this.#s.records;
  }
  [Symbol.iterator](): MapIterator<[string, InventoryRecord]> {
    return this.entries();
  }
}

function sightingKey(s: Sighting): string {
  return `${s.collector}\u0000${s.target}\u0000${s.location ?? ''}`;
}

/** Collects evidence into an inventory; add items one by one (bounded memory for streams), then build. */
export class InventoryBuilder {
  private readonly store = new Store();
  private readonly keys = new Map<string, InventoryKey>();
  private readonly sourceListIds = new Map<string, number>();
  private readonly profileIds = new Map<string, number>();
  private lastProfile = -1;

  /** The id of the sorted, de-duplicated list of collectors, shared between records that have the same one. */
  private sourceList(collectors: readonly string[]): number {
    if (collectors.length === 1) {
      const known = this.sourceListIds.get(collectors[0]!);
      if (known !== undefined) return known;
    }
    const sorted = [...new Set(collectors)].sort();
    const key = sorted.join('\u0000');
    const known = this.sourceListIds.get(key);
    if (known !== undefined) return known;
    const id = this.store.sourceLists.push(Object.freeze(sorted)) - 1;
    this.sourceListIds.set(key, id);
    return id;
  }

  /** The id of the shared key profile of a certificate. */
  private profileOf(data: CertificateData): number {
    // Consecutive certificates of an estate mostly share their profile: check the last one before building a key.
    const last = this.store.profiles[this.lastProfile];
    if (
      last !== undefined &&
      last.rsaWeaknesses === undefined &&
      data.rsaWeaknesses === undefined &&
      last.keyAlgorithm === data.keyAlgorithm &&
      last.keySizeBits === data.keySizeBits &&
      last.curve === data.curve &&
      last.signatureAlgorithm === data.signatureAlgorithm
    ) {
      return this.lastProfile;
    }
    this.lastProfile = this.profileIdOf(data);
    return this.lastProfile;
  }

  /** The id of a profile, found or added by its text key. */
  private profileIdOf(data: CertificateData): number {
    const key = `${data.keyAlgorithm}|${data.keySizeBits ?? ''}|${data.curve ?? ''}|${data.signatureAlgorithm}|${data.rsaWeaknesses?.join(',') ?? ''}`;
    const known = this.profileIds.get(key);
    if (known !== undefined) return known;
    const id =
      this.store.profiles.push({
        keyAlgorithm: data.keyAlgorithm,
        keySizeBits: data.keySizeBits,
        curve: data.curve,
        signatureAlgorithm: data.signatureAlgorithm,
        rsaWeaknesses: data.rsaWeaknesses === undefined ? undefined : Object.freeze([...data.rsaWeaknesses]),
      }) - 1;
    this.profileIds.set(key, id);
    return id;
  }

  /** Number of distinct certificates added so far. */
  get size(): number {
    return this.store.count;
  }

  /** Adds certificate and private-key evidence (other kinds are ignored); the same certificate again merges its sightings. */
  add(item: AnyEvidence): void {
    if (item.kind === 'certificate') this.addCertificate(item.data, item.id, item.collector, item.observedAt);
    else if (item.kind === 'private-key') this.addKey(item.data, item.id, item.collector);
  }

  /** Adds one certificate seen by `collector` at `observedAt` (ISO-8601). */
  addCertificate(data: CertificateData, evidenceId: string, collector: string, observedAt: string): void {
    const s = this.store;
    const canonical = isCanonicalSha256(data.sha256);
    const row = canonical ? s.shaIndex.find(data.sha256) : (s.oddSha.get(data.sha256) ?? -1);
    if (row < 0) {
      this.insert(data, canonical, evidenceId, collector, observedAt);
      return;
    }
    const current = s.sightingsOf(row);
    const known = new Set(current.map(sightingKey));
    const extra = data.sightings.filter((x) => !known.has(sightingKey(x)));
    if (extra.length > 0) s.setSightings(row, [...current, ...extra]);
    const sources = s.sourceLists[s.sources.get(row)]!;
    if (!sources.includes(collector) || data.sightings.some((x) => !sources.includes(x.collector))) {
      s.sources.set(row, this.sourceList([...sources, collector, ...data.sightings.map((x) => x.collector)]));
    }
    if (observedAt < s.text.get(s.firstSeen.get(row))) s.firstSeen.set(row, s.text.intern(observedAt));
    if (observedAt > s.text.get(s.lastSeen.get(row))) s.lastSeen.set(row, s.text.intern(observedAt));
  }

  private insert(data: CertificateData, canonical: boolean, evidenceId: string, collector: string, observedAt: string): void {
    const s = this.store;
    const i = s.count++;
    let flags =
      (data.isCa ? IS_CA : 0) | (data.isSelfSigned ? IS_SELF_SIGNED : 0) | (data.isCa || data.isSelfSigned || data.keyUsage.includes('keyCertSign') ? MAY_ISSUE : 0);
    if (canonical) {
      s.sha.set(i, data.sha256);
      s.shaIndex.insert(i);
    } else {
      flags |= ODD_SHA;
      s.rareOf(i).sha256 = data.sha256;
      s.oddSha.set(data.sha256, i);
    }
    if (isCanonicalSha256(data.spkiSha256)) s.spki.set(i, data.spkiSha256);
    else {
      flags |= ODD_SPKI;
      s.rareOf(i).spkiSha256 = data.spkiSha256;
    }
    s.flags.set(i, flags);
    if (evidenceId !== `certificate:sha256:${data.sha256}`) s.rareOf(i).evidenceId = evidenceId;
    s.subject.set(i, s.text.add(data.subject));
    s.issuer.set(i, s.text.intern(data.issuer));
    s.serial.set(i, s.text.add(data.serialNumberHex));
    s.ski.set(i, s.text.addOptional(data.subjectKeyIdentifier));
    s.aki.set(i, s.text.internOptional(data.authorityKeyIdentifier));
    s.notBefore.set(i, Date.parse(data.notBefore));
    s.notAfter.set(i, Date.parse(data.notAfter));
    const sans = data.subjectAltNames;
    s.sanCount.set(i, sans.length);
    // Consecutive ids: nothing else is added to the pool between these.
    for (let k = 0; k < sans.length; k++) {
      const id = s.text.add(sans[k]!);
      if (k === 0) s.sanFirst.set(i, id);
    }
    s.setSightings(i, data.sightings);
    const seen = s.text.intern(observedAt);
    s.firstSeen.set(i, seen);
    s.lastSeen.set(i, seen);
    s.profile.set(i, this.profileOf(data));
    const one = data.sightings.length === 0 || (data.sightings.length === 1 && data.sightings[0]!.collector === collector);
    s.sources.set(i, this.sourceList(one ? [collector] : [collector, ...data.sightings.map((x) => x.collector)]));
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
    const s = this.store;
    const n = s.count;
    const order = sortedRows(s);
    const records = new Array<Rec>(n);
    const position = new Uint32Array(n);
    for (let k = 0; k < n; k++) {
      records[k] = new Rec(s, order[k]!);
      position[order[k]!] = k;
    }
    s.records = records;
    s.position = position;

    linkIssuers(records, options);
    // What each certificate issued, in SHA-256 order (the records are).
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const issuer = s.issuerOf.get(i);
      if (issuer !== 0) counts.set(issuer - 1, (counts.get(issuer - 1) ?? 0) + 1);
    }
    for (const [row, count] of counts) s.issued.set(row, new Uint32Array(count));
    const filled = new Map<number, number>();
    for (const rec of records) {
      const issuer = s.issuerOf.get(rec.row);
      if (issuer === 0) continue;
      const at = filled.get(issuer - 1) ?? 0;
      s.issued.get(issuer - 1)![at] = rec.row;
      filled.set(issuer - 1, at + 1);
    }
    for (const rec of records) {
      rec.role = rec.issuerStatus === 'self-signed' ? 'root' : rec.isCa || rec.issuedCount > 0 ? 'intermediate' : 'leaf';
    }

    // Key reuse: rows grouped by public key, each group named by its first row in SHA-256 order.
    const spkiIndex = new DigestIndex(s.spki);
    const oddSpki = new Map<string, number>();
    const groupOf = new Uint32Array(n);
    const groupSize = new Uint32Array(n);
    for (const rec of records) {
      const i = rec.row;
      let group: number;
      if ((s.flags.get(i) & ODD_SPKI) !== 0) {
        const spki = s.spkiOf(i);
        group = oddSpki.get(spki) ?? i;
        if (group === i) oddSpki.set(spki, i);
      } else group = spkiIndex.findOrInsert(i);
      groupOf[i] = group;
      groupSize[group]!++;
    }
    const members = new Map<number, Rec[]>();
    for (const rec of records) {
      const group = groupOf[rec.row]!;
      const size = groupSize[group]!;
      if (size < 2) continue;
      s.keySharedWith.set(rec.row, size - 1);
      const list = members.get(group);
      if (list) list.push(rec);
      else members.set(group, [rec]);
    }
    const keyReuse: KeyReuseGroup[] = [];
    for (const [group, list] of members) keyReuse.push({ spkiSha256: s.spkiOf(group), certificates: list.map((r) => r.sha256) });
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
      const group = isCanonicalSha256(key.spkiSha256) ? spkiIndex.find(key.spkiSha256) : (oddSpki.get(key.spkiSha256) ?? -1);
      if (group < 0) {
        orphanKeys.push(key);
        continue;
      }
      for (const rec of members.get(group) ?? [records[position[group]!]!]) rec.addPrivateKey(key);
      if (key.exposure.length > 0) unprotectedKeys.push(key);
    }

    const tops = records
      .filter((r) => r.issuerStatus !== 'found')
      .sort((a, b) => a.subject.localeCompare(b.subject) || (a.sha256 < b.sha256 ? -1 : 1))
      .map((r) => r.sha256);
    return { records, bySha256: new RecordIndex(s), tops, keyReuse, keys, orphanKeys, keysWithoutPublicKey, unprotectedKeys };
  }
}

/** The rows of the store in SHA-256 order (the hex order: lowercase hex sorts like its bytes). */
function sortedRows(s: Store): Uint32Array {
  const n = s.count;
  const prefix = new Float64Array(n);
  let odd = false;
  for (let i = 0; i < n; i++) {
    if ((s.flags.get(i) & ODD_SHA) !== 0) odd = true;
    else prefix[i] = s.sha.prefix(i);
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (odd) {
    const text = (i: number): string => s.sha256Of(i);
    return order.sort((a, b) => {
      const x = text(a);
      const y = text(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }
  return order.sort((a, b) => prefix[a]! - prefix[b]! || s.sha.compare(a, b));
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
      rec.linkTo(withKey[0]!, 'key-identifier');
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
    rec.linkTo(all[0]!, match);
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
  rec.linkTo(best, how);
  const alternatives = all.filter((c) => c !== best && c.spkiSha256 === best.spkiSha256).map((c) => c.sha256).sort();
  if (alternatives.length > 0) rec.alternativeIssuers = alternatives.slice(0, MAX_ALTERNATIVE_ISSUERS);
}
