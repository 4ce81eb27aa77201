/**
 * Certificate Transparency structures (RFC 6962): the embedded SCT list extension, SCT and tree-head signature
 * verification, and the precertificate TBS an embedded SCT signs.
 *
 * Everything is read with bounded readers (TLS vectors here, DER via ./der.js); signatures are checked with
 * node:crypto over bytes rebuilt exactly as RFC 6962 §3.2 and §3.5 describe.
 */
import { createHash, createPublicKey, type KeyObject, verify } from 'node:crypto';
import { CollectError } from '../engine/define-collector.js';
import { children, contentOf, DerError, type DerNode, encodingOf, expectNode, readOid, Tag } from './der.js';
import { Oid } from './oids.js';

/** Thrown for malformed SCT lists, TLS structures or certificates; `code` is always 'parse'. */
export class SctParseError extends CollectError {
  override name = 'SctParseError';
  constructor(message: string, options?: ErrorOptions) {
    super('parse', message, options);
  }
}

/** Most SCTs one list may hold; real certificates carry 2 to 5. */
const MAX_SCTS = 64;

/** A bounded reader for TLS presentation-language encodings (RFC 5246 §4): big-endian integers and length-prefixed vectors. */
export class TlsReader {
  private pos = 0;

  constructor(
    private readonly buf: Uint8Array,
    /** Names the structure in error messages. */
    private readonly what: string,
  ) {}

  /** Bytes not yet read. */
  get remaining(): number {
    return this.buf.length - this.pos;
  }

  /** Reads `n` bytes as a view; throws SctParseError when fewer remain. */
  bytes(n: number): Uint8Array {
    if (n > this.remaining) throw new SctParseError(`${this.what}: truncated (needs ${n} bytes at offset ${this.pos}, ${this.remaining} left)`);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Reads an unsigned big-endian integer of 1 to 6 bytes, or 8 bytes below 2^53; throws SctParseError otherwise. */
  uint(size: 1 | 2 | 3 | 4 | 8): number {
    const b = this.bytes(size);
    let value = 0;
    for (const byte of b) value = value * 256 + byte;
    if (!Number.isSafeInteger(value)) throw new SctParseError(`${this.what}: integer too large at offset ${this.pos - size}`);
    return value;
  }

  /** Reads a vector whose length prefix has `lengthBytes` bytes; returns its content as a view. */
  vector(lengthBytes: 1 | 2 | 3): Uint8Array {
    return this.bytes(this.uint(lengthBytes));
  }

  /** Throws SctParseError when bytes are left over. */
  end(): void {
    if (this.remaining !== 0) throw new SctParseError(`${this.what}: ${this.remaining} unexpected trailing bytes`);
  }
}

/** One SignedCertificateTimestamp (RFC 6962 §3.2). */
export interface Sct {
  /** 0 for v1. */
  readonly version: number;
  /** SHA-256 of the log's public key, base64 (the form CT log lists use). */
  readonly logId: string;
  /** Milliseconds since the epoch. */
  readonly timestampMs: number;
  /** CtExtensions as lowercase hex (empty for every v1 log in use). */
  readonly extensionsHex: string;
  /** TLS HashAlgorithm code (4 = SHA-256). */
  readonly hashAlgorithm: number;
  /** TLS SignatureAlgorithm code (1 = RSA, 3 = ECDSA). */
  readonly signatureAlgorithm: number;
  readonly signature: Uint8Array;
}

/** What an SCT signs, besides its own fields: a certificate (x509_entry) or a precertificate (precert_entry). */
export type SignedEntry =
  | { readonly type: 'x509'; readonly certificate: Uint8Array }
  | { readonly type: 'precert'; readonly issuerKeyHash: Uint8Array; readonly tbsCertificate: Uint8Array };

/** Outcome of checking one SCT signature. */
export type SctSignatureStatus = 'valid' | 'invalid' | 'unknown-log' | 'unsupported-algorithm';

const HASH_NAMES: ReadonlyMap<number, string> = new Map([
  [2, 'SHA-1'],
  [3, 'SHA-224'],
  [4, 'SHA-256'],
  [5, 'SHA-384'],
  [6, 'SHA-512'],
]);
const NODE_HASHES: ReadonlyMap<number, string> = new Map([
  [2, 'sha1'],
  [3, 'sha224'],
  [4, 'sha256'],
  [5, 'sha384'],
  [6, 'sha512'],
]);
const SIGNATURE_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'RSA'],
  [2, 'DSA'],
  [3, 'ECDSA'],
]);

/** Returns a readable name for an SCT's algorithms, e.g. "ECDSA-SHA-256", or the numeric codes when unknown. */
export function sctAlgorithmName(sct: Pick<Sct, 'hashAlgorithm' | 'signatureAlgorithm'>): string {
  const hash = HASH_NAMES.get(sct.hashAlgorithm) ?? `hash(${sct.hashAlgorithm})`;
  const sig = SIGNATURE_NAMES.get(sct.signatureAlgorithm) ?? `signature(${sct.signatureAlgorithm})`;
  return `${sig}-${hash}`;
}

/** Reads one serialized SCT; returns it; throws SctParseError when malformed or of an unknown version. */
export function parseSct(bytes: Uint8Array): Sct {
  const r = new TlsReader(bytes, 'SCT');
  const version = r.uint(1);
  if (version !== 0) throw new SctParseError(`SCT: unsupported version ${version}`);
  const logId = Buffer.from(r.bytes(32)).toString('base64');
  const timestampMs = r.uint(8);
  const extensionsHex = Buffer.from(r.vector(2)).toString('hex');
  const hashAlgorithm = r.uint(1);
  const signatureAlgorithm = r.uint(1);
  const signature = r.vector(2);
  r.end();
  return { version, logId, timestampMs, extensionsHex, hashAlgorithm, signatureAlgorithm, signature };
}

/** Reads a TLS-encoded SignedCertificateTimestampList (RFC 6962 §3.3); returns its SCTs; throws SctParseError. */
export function parseSctList(list: Uint8Array): Sct[] {
  const outer = new TlsReader(list, 'SCT list');
  const body = new TlsReader(outer.vector(2), 'SCT list');
  outer.end();
  const scts: Sct[] = [];
  while (body.remaining > 0) {
    if (scts.length >= MAX_SCTS) throw new SctParseError(`SCT list: more than ${MAX_SCTS} SCTs`);
    scts.push(parseSct(body.vector(2)));
  }
  return scts;
}

/** Reads the SCT list extension's value (an OCTET STRING wrapping the TLS list); returns its SCTs; throws SctParseError. */
export function parseSctListExtension(extensionValue: Uint8Array): Sct[] {
  try {
    const inner = expectNode(extensionValue, Tag.OCTET_STRING, 0);
    if (inner.end !== extensionValue.length) throw new SctParseError('SCT list extension: trailing data');
    return parseSctList(contentOf(extensionValue, inner));
  } catch (error) {
    if (error instanceof DerError) throw new SctParseError(`SCT list extension: ${error.message}`, { cause: error });
    throw error;
  }
}

/** Positions of the parts of a certificate the CT code needs. */
interface CertificateParts {
  readonly tbs: DerNode;
  readonly tbsFields: readonly DerNode[];
  /** Index into tbsFields of the [3] extensions wrapper, or -1. */
  readonly extensionsIndex: number;
  readonly extensions: readonly { readonly oid: string; readonly node: DerNode; readonly value: Uint8Array }[];
  readonly spki: DerNode;
}

function certificateParts(der: Uint8Array): CertificateParts {
  try {
    const cert = expectNode(der, Tag.SEQUENCE, 0);
    if (cert.end !== der.length) throw new DerError('Trailing data after certificate', cert.end);
    const tbs = children(der, cert, 4)[0];
    if (tbs?.tag !== Tag.SEQUENCE) throw new DerError('Missing tbsCertificate', cert.start);
    return tbsParts(der, tbs);
  } catch (error) {
    if (error instanceof DerError) throw new SctParseError(`Malformed certificate: ${error.message}`, { cause: error });
    throw error;
  }
}

function tbsParts(der: Uint8Array, tbs: DerNode): CertificateParts {
  const tbsFields = children(der, tbs, 16);
  const first = tbsFields[0]?.tag === 0xa0 ? 1 : 0;
  const spki = tbsFields[first + 5];
  if (spki?.tag !== Tag.SEQUENCE) throw new DerError('Missing subjectPublicKeyInfo', tbs.start);
  const extensionsIndex = tbsFields.findIndex((n) => n.tag === 0xa3);
  const extensions: { oid: string; node: DerNode; value: Uint8Array }[] = [];
  if (extensionsIndex >= 0) {
    const wrapper = tbsFields[extensionsIndex]!;
    const list = expectNode(der, Tag.SEQUENCE, wrapper.contentStart, wrapper.end);
    for (const ext of children(der, list, 1000)) {
      if (ext.tag !== Tag.SEQUENCE) throw new DerError('Extension is not a SEQUENCE', ext.start);
      const { oid, node } = readOid(der, ext.contentStart, ext.end);
      const rest = children(der, ext).slice(1);
      const octets = rest.find((n) => n.tag === Tag.OCTET_STRING);
      if (!octets) throw new DerError('Extension value is not an OCTET STRING', node.end);
      extensions.push({ oid, node: ext, value: contentOf(der, octets) });
    }
  }
  return { tbs, tbsFields, extensionsIndex, extensions, spki };
}

/** Returns the SCTs embedded in a certificate (empty when it has no SCT list extension); throws SctParseError. */
export function embeddedScts(certificateDer: Uint8Array): Sct[] {
  const ext = certificateParts(certificateDer).extensions.find((e) => e.oid === Oid.embeddedSctList);
  return ext ? parseSctListExtension(ext.value) : [];
}

/** Whether the certificate carries the CT poison extension, i.e. is a precertificate (RFC 6962 §3.1); throws SctParseError. */
export function isPrecertificate(certificateDer: Uint8Array): boolean {
  return certificateParts(certificateDer).extensions.some((e) => e.oid === Oid.ctPoison);
}

/** Returns the DER SubjectPublicKeyInfo of a certificate; throws SctParseError. */
export function subjectPublicKeyInfo(certificateDer: Uint8Array): Uint8Array {
  return encodingOf(certificateDer, certificateParts(certificateDer).spki);
}

/** Returns the RFC 6962 issuer_key_hash of an issuing CA certificate: SHA-256 of its SubjectPublicKeyInfo; throws SctParseError. */
export function issuerKeyHash(issuerCertificateDer: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(subjectPublicKeyInfo(issuerCertificateDer)).digest());
}

/** Returns the DER length octets for `length`. */
function derLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** Encodes one DER element from its identifier octet and content; returns the encoding. */
export function derElement(tag: number, ...content: readonly Uint8Array[]): Uint8Array {
  const body = Buffer.concat(content);
  return new Uint8Array(Buffer.concat([Uint8Array.of(tag), derLength(body.length), body]));
}

/**
 * Rebuilds the TBSCertificate an embedded SCT signed (RFC 6962 §3.2): the certificate's TBS without the SCT list
 * extension (and without the poison extension, should the input be a precertificate); the extensions field is dropped
 * when nothing is left in it. Returns the DER TBSCertificate; throws SctParseError.
 */
export function precertificateTbs(certificateDer: Uint8Array): Uint8Array {
  const parts = certificateParts(certificateDer);
  const fields = parts.tbsFields.map((node, index) => {
    if (index !== parts.extensionsIndex) return encodingOf(certificateDer, node);
    const kept = parts.extensions.filter((e) => e.oid !== Oid.embeddedSctList && e.oid !== Oid.ctPoison).map((e) => encodingOf(certificateDer, e.node));
    return kept.length === 0 ? new Uint8Array(0) : derElement(0xa3, derElement(Tag.SEQUENCE, ...kept));
  });
  return derElement(Tag.SEQUENCE, ...fields);
}

/**
 * Wraps a TBSCertificate (e.g. a precert_entry's) into an unsigned Certificate, so the certificate walker can read its
 * fields; the signature algorithm is copied from the TBS and the signature is empty. Returns the DER; throws SctParseError.
 */
export function certificateFromTbs(tbsDer: Uint8Array): Uint8Array {
  try {
    const tbs = expectNode(tbsDer, Tag.SEQUENCE, 0);
    if (tbs.end !== tbsDer.length) throw new DerError('Trailing data after TBSCertificate', tbs.end);
    const fields = children(tbsDer, tbs, 16);
    const signature = fields[fields[0]?.tag === 0xa0 ? 2 : 1];
    if (signature?.tag !== Tag.SEQUENCE) throw new DerError('Missing signature algorithm', tbs.start);
    return derElement(Tag.SEQUENCE, tbsDer, encodingOf(tbsDer, signature), derElement(Tag.BIT_STRING, Uint8Array.of(0)));
  } catch (error) {
    if (error instanceof DerError) throw new SctParseError(`Malformed TBSCertificate: ${error.message}`, { cause: error });
    throw error;
  }
}

function uint(value: number, size: 1 | 2 | 3 | 8): Uint8Array {
  const out = new Uint8Array(size);
  let n = value;
  for (let k = size - 1; k >= 0; k--) {
    out[k] = n % 256;
    n = Math.floor(n / 256);
  }
  return out;
}

/** Returns the bytes an SCT signature covers (RFC 6962 §3.2, digitally-signed struct with signature_type certificate_timestamp). */
export function sctSignedData(sct: Pick<Sct, 'version' | 'timestampMs' | 'extensionsHex'>, entry: SignedEntry): Uint8Array {
  const extensions = Buffer.from(sct.extensionsHex, 'hex');
  const signed =
    entry.type === 'x509'
      ? [uint(0, 2), uint(entry.certificate.length, 3), entry.certificate]
      : [uint(1, 2), entry.issuerKeyHash, uint(entry.tbsCertificate.length, 3), entry.tbsCertificate];
  return new Uint8Array(Buffer.concat([Uint8Array.of(sct.version, 0), uint(sct.timestampMs, 8), ...signed, uint(extensions.length, 2), extensions]));
}

// Log keys are few and reused for every SCT: parsed once per key buffer (null: not a usable key).
const keyCache = new WeakMap<Uint8Array, KeyObject | null>();

function publicKey(spkiDer: Uint8Array): KeyObject | undefined {
  let key = keyCache.get(spkiDer);
  if (key === undefined) {
    try {
      key = createPublicKey({ key: Buffer.from(spkiDer.buffer, spkiDer.byteOffset, spkiDer.byteLength), format: 'der', type: 'spki' });
    } catch {
      key = null;
    }
    keyCache.set(spkiDer, key);
  }
  return key ?? undefined;
}

/** Checks a TLS DigitallySigned signature (ECDSA or RSA PKCS#1 v1.5) over `data`; returns its status. */
function verifyDigitallySigned(hashAlgorithm: number, signatureAlgorithm: number, signature: Uint8Array, data: Uint8Array, logKeySpki: Uint8Array): SctSignatureStatus {
  const hash = NODE_HASHES.get(hashAlgorithm);
  const expectedKey = signatureAlgorithm === 3 ? 'ec' : signatureAlgorithm === 1 ? 'rsa' : undefined;
  if (hash === undefined || expectedKey === undefined) return 'unsupported-algorithm';
  const key = publicKey(logKeySpki);
  if (key?.asymmetricKeyType !== expectedKey) return 'invalid';
  try {
    return verify(hash, data, expectedKey === 'ec' ? { key, dsaEncoding: 'der' } : key, signature) ? 'valid' : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** Verifies an SCT's signature over `entry` with the log's public key (DER SubjectPublicKeyInfo); returns the status. */
export function verifySct(sct: Sct, entry: SignedEntry, logKeySpki: Uint8Array): SctSignatureStatus {
  return verifyDigitallySigned(sct.hashAlgorithm, sct.signatureAlgorithm, sct.signature, sctSignedData(sct, entry), logKeySpki);
}

/** Returns the base64 log id of a log public key (SHA-256 of its DER SubjectPublicKeyInfo). */
export function logIdOfKey(logKeySpki: Uint8Array): string {
  return createHash('sha256').update(logKeySpki).digest('base64');
}

/** One embedded SCT with the result of checking it. */
export interface CheckedSct {
  readonly sct: Sct;
  readonly status: SctSignatureStatus;
}

/**
 * Verifies every SCT embedded in a certificate: each signs the precertificate TBS (SCT list removed) and the issuer's
 * key hash (SHA-256 of the issuing CA's SubjectPublicKeyInfo, e.g. `spkiSha256` of its facts).
 * `logKey` returns a log's DER public key by base64 log id, or undefined when the log is unknown.
 * Returns one result per SCT, in list order; throws SctParseError when the certificate or its list is malformed.
 */
export function verifyEmbeddedScts(certificateDer: Uint8Array, issuerKeyHashBytes: Uint8Array, logKey: (logId: string) => Uint8Array | undefined): CheckedSct[] {
  const scts = embeddedScts(certificateDer);
  if (scts.length === 0) return [];
  const entry: SignedEntry = { type: 'precert', issuerKeyHash: issuerKeyHashBytes, tbsCertificate: precertificateTbs(certificateDer) };
  return scts.map((sct) => {
    const key = logKey(sct.logId);
    return { sct, status: key === undefined ? 'unknown-log' : verifySct(sct, entry, key) };
  });
}

/** The fields of a signed tree head (RFC 6962 §3.5, §4.3) that its signature covers, plus the signature itself. */
export interface SignedTreeHead {
  readonly treeSize: number;
  readonly timestampMs: number;
  readonly rootHash: Uint8Array;
  /** The TLS DigitallySigned structure, as get-sth returns it (base64-decoded). */
  readonly treeHeadSignature: Uint8Array;
}

/** Verifies a signed tree head with the log's public key (DER SubjectPublicKeyInfo); returns the status; throws SctParseError when the signature structure is malformed. */
export function verifyTreeHead(sth: SignedTreeHead, logKeySpki: Uint8Array): SctSignatureStatus {
  const r = new TlsReader(sth.treeHeadSignature, 'tree head signature');
  const hashAlgorithm = r.uint(1);
  const signatureAlgorithm = r.uint(1);
  const signature = r.vector(2);
  r.end();
  if (sth.rootHash.length !== 32) return 'invalid';
  const data = Buffer.concat([Uint8Array.of(0, 1), uint(sth.timestampMs, 8), uint(sth.treeSize, 8), sth.rootHash]);
  return verifyDigitallySigned(hashAlgorithm, signatureAlgorithm, signature, data, logKeySpki);
}
