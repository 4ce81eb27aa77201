/**
 * A reader for Java KeyStore files (JKS, magic 0xFEEDFEED, and JCEKS, magic 0xCECECECE), as written by keytool.
 *
 * ```text
 * magic u32 | version u32 (1 or 2) | count u32 | entries... | SHA-1 integrity digest (20 bytes)
 * entry: tag u32 (1 private key, 2 trusted certificate, 3 secret key) | alias UTF | date u64 (ms since epoch) | body
 *   1: protected key (u32 length + EncryptedPrivateKeyInfo) | chain count u32 | certificates
 *   2: certificate
 *   3: a Java-serialised SealedObject (JCEKS only)
 * certificate: [version 2: type UTF, e.g. "X.509"] | u32 length | encoding
 * digest = SHA-1(password as UTF-16BE || "Mighty Aphrodite" || every byte before the digest)
 * ```
 * Trusted certificates are read fully; for private-key entries the alias, the fact that a protected key exists, its
 * protection algorithm and its certificate chain are read; keys are never decrypted. Secret-key entries (Java
 * serialisation) are skipped by finding the next entry header. Every length is checked against the remaining bytes.
 */
import { createHash } from 'node:crypto';
import { DerError, readNode, Tag } from './der.js';
import { describeEncryptedPkcs8 } from './private-key.js';

/** Thrown for bytes that are not a readable keystore, or whose integrity digest does not match the password. */
export class JksError extends Error {
  override name = 'JksError';
  constructor(
    readonly reason: 'malformed' | 'integrity',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** One keystore entry. */
export type JksEntry =
  | { readonly kind: 'trusted-certificate'; readonly alias: string; readonly date: string; readonly certificate: Uint8Array; readonly certificateType: string }
  | {
      readonly kind: 'private-key';
      readonly alias: string;
      readonly date: string;
      /** Name of the key protection algorithm, e.g. "JKS key protector (SHA-1 stream)". */
      readonly protection: string;
      readonly chain: readonly Uint8Array[];
    }
  | { readonly kind: 'secret-key'; readonly alias: string; readonly date: string };

/** A parsed keystore. */
export interface JksKeystore {
  readonly type: 'JKS' | 'JCEKS';
  readonly version: number;
  readonly entries: readonly JksEntry[];
  /** 'verified' when a password was given and the digest matched; 'not-checked' without a password. */
  readonly integrity: 'verified' | 'not-checked';
}

const MAGIC_JKS = 0xfeedfeed;
const MAGIC_JCEKS = 0xcececece;
const DIGEST_LENGTH = 20;
const MAX_ENTRIES = 100_000;
const MAX_CHAIN = 100;
const WHITENER = 'Mighty Aphrodite';

/** Returns true when the bytes start with the JKS or JCEKS magic number. */
export function isJavaKeystore(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const magic = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  return magic === MAGIC_JKS || magic === MAGIC_JCEKS;
}

class Reader {
  pos = 0;
  constructor(
    readonly buf: Uint8Array,
    readonly end: number,
  ) {}
  need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.end) throw new JksError('malformed', `keystore truncated in ${what} at offset ${this.pos}`);
  }
  u16(what: string): number {
    this.need(2, what);
    const v = (this.buf[this.pos]! << 8) | this.buf[this.pos + 1]!;
    this.pos += 2;
    return v;
  }
  u32(what: string): number {
    this.need(4, what);
    const v = ((this.buf[this.pos]! << 24) | (this.buf[this.pos + 1]! << 16) | (this.buf[this.pos + 2]! << 8) | this.buf[this.pos + 3]!) >>> 0;
    this.pos += 4;
    return v;
  }
  u64(what: string): number {
    const high = this.u32(what);
    const low = this.u32(what);
    return high * 2 ** 32 + low;
  }
  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  /** Java's modified UTF-8 (DataOutput.writeUTF): u16 length + bytes. */
  utf(what: string): string {
    const len = this.u16(what);
    return new TextDecoder('utf-8', { fatal: false }).decode(this.bytes(len, what));
  }
}

/** The password bytes Java feeds the digest: each UTF-16 code unit, big-endian. */
function passwordBytes(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2);
  for (let i = 0; i < password.length; i++) {
    const c = password.charCodeAt(i);
    out[2 * i] = c >> 8;
    out[2 * i + 1] = c & 0xff;
  }
  return out;
}

/** Returns true when `digest` is the keystore digest of `body` under `password`. */
function digestMatches(body: Uint8Array, digest: Uint8Array, password: string): boolean {
  const expected = createHash('sha1').update(passwordBytes(password)).update(WHITENER, 'utf8').update(body).digest();
  return expected.equals(Buffer.from(digest.buffer, digest.byteOffset, digest.length));
}

function certificate(r: Reader, version: number, what: string): { type: string; der: Uint8Array } {
  const type = version === 2 ? r.utf(`${what} type`) : 'X.509';
  const len = r.u32(`${what} length`);
  return { type, der: r.bytes(len, what) };
}

const iso = (ms: number): string => {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
};

/** Whether a plausible entry header (tag, alias, date within 1990–2200) starts at `pos`. */
function entryHeaderAt(buf: Uint8Array, pos: number, end: number): boolean {
  if (pos + 4 + 2 + 8 > end) return false;
  if (buf[pos] !== 0 || buf[pos + 1] !== 0 || buf[pos + 2] !== 0) return false;
  const tag = buf[pos + 3]!;
  if (tag < 1 || tag > 3) return false;
  const aliasLength = (buf[pos + 4]! << 8) | buf[pos + 5]!;
  const dateAt = pos + 6 + aliasLength;
  if (aliasLength === 0 || aliasLength > 1024 || dateAt + 8 > end) return false;
  for (let i = pos + 6; i < dateAt; i++) if (buf[i]! < 0x20 && buf[i] !== 0) return false;
  const ms = (((buf[dateAt]! << 24) | (buf[dateAt + 1]! << 16) | (buf[dateAt + 2]! << 8) | buf[dateAt + 3]!) >>> 0) * 2 ** 32;
  const date = ms + ((((buf[dateAt + 4]! << 24) | (buf[dateAt + 5]! << 16) | (buf[dateAt + 6]! << 8) | buf[dateAt + 7]!) >>> 0));
  return date >= Date.UTC(1990, 0, 1) && date <= Date.UTC(2200, 0, 1);
}

/** Protection algorithm named by a protected key's EncryptedPrivateKeyInfo. */
function protectionOf(epki: Uint8Array): string {
  try {
    const node = readNode(epki, 0);
    if (node.tag !== Tag.SEQUENCE || node.end !== epki.length) return 'unknown (not an EncryptedPrivateKeyInfo)';
    return describeEncryptedPkcs8(epki).encryption ?? 'unknown';
  } catch (error) {
    if (error instanceof DerError) return 'unknown (not an EncryptedPrivateKeyInfo)';
    throw error;
  }
}

/**
 * Reads a JKS or JCEKS keystore. With a password, the integrity digest is verified first and a mismatch throws
 * JksError('integrity') (wrong password or modified file); without one, the entries are read unverified.
 * Returns the entries; throws JksError('malformed') for truncated or inconsistent input.
 */
export function readJavaKeystore(bytes: Uint8Array, password?: string): JksKeystore {
  if (!isJavaKeystore(bytes)) throw new JksError('malformed', 'not a Java keystore (bad magic number)');
  if (bytes.length < 12 + DIGEST_LENGTH) throw new JksError('malformed', 'keystore truncated (shorter than its header and digest)');
  const end = bytes.length - DIGEST_LENGTH;
  if (password !== undefined && !digestMatches(bytes.subarray(0, end), bytes.subarray(end), password)) {
    throw new JksError('integrity', 'keystore integrity check failed: wrong password or modified file');
  }
  const r = new Reader(bytes, end);
  const type = r.u32('magic') === MAGIC_JKS ? 'JKS' : 'JCEKS';
  const version = r.u32('version');
  if (version !== 1 && version !== 2) throw new JksError('malformed', `unsupported keystore version ${version}`);
  const count = r.u32('entry count');
  if (count > MAX_ENTRIES) throw new JksError('malformed', `keystore claims ${count} entries (limit ${MAX_ENTRIES})`);
  const entries: JksEntry[] = [];
  for (let i = 0; i < count; i++) {
    const what = `entry ${i}`;
    const tag = r.u32(`${what} tag`);
    const alias = r.utf(`${what} alias`);
    const date = iso(r.u64(`${what} date`));
    if (tag === 1) {
      const keyLength = r.u32(`${what} key length`);
      const protection = protectionOf(r.bytes(keyLength, `${what} protected key`));
      const chainLength = r.u32(`${what} chain length`);
      if (chainLength > MAX_CHAIN) throw new JksError('malformed', `${what}: chain of ${chainLength} certificates (limit ${MAX_CHAIN})`);
      const chain: Uint8Array[] = [];
      for (let k = 0; k < chainLength; k++) chain.push(certificate(r, version, `${what} chain[${k}]`).der);
      entries.push({ kind: 'private-key', alias, date, protection, chain });
    } else if (tag === 2) {
      const cert = certificate(r, version, `${what} certificate`);
      entries.push({ kind: 'trusted-certificate', alias, date, certificate: cert.der, certificateType: cert.type });
    } else if (tag === 3 && type === 'JCEKS') {
      entries.push({ kind: 'secret-key', alias, date });
      // The sealed key is a Java-serialised object; the next entry (or the digest) follows it.
      if (i + 1 < count) {
        let next = r.pos;
        while (next < end && !entryHeaderAt(bytes, next, end)) next++;
        if (next >= end) throw new JksError('malformed', `${what}: no entry header after the secret key "${alias}"`);
        r.pos = next;
      } else {
        r.pos = end;
      }
    } else {
      throw new JksError('malformed', `${what}: unknown entry tag ${tag}`);
    }
  }
  if (r.pos !== end) throw new JksError('malformed', `${end - r.pos} unexpected bytes before the integrity digest`);
  return { type, version, entries, integrity: password === undefined ? 'not-checked' : 'verified' };
}
