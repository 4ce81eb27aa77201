/**
 * A small, defensive DER reader.
 *
 * Every read is bounded by the enclosing element: nothing is read past a buffer or a parent's end, lengths are
 * checked before use, indefinite lengths (BER) are refused, and recursive walks stop at a depth and node limit.
 * Values are returned as `subarray` views of the input, never copies.
 */

/** Thrown for any malformed, truncated or over-limit DER input. */
export class DerError extends Error {
  override name = 'DerError';
  constructor(
    message: string,
    /** Byte offset where the problem was found. */
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
  }
}

/** ASN.1 universal tags used by the certificate walker. */
export const Tag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
} as const;

/** One tag-length-value element; offsets index the buffer it was read from. */
export interface DerNode {
  /** First identifier octet (class, constructed bit and low tag number), e.g. 0x30 for SEQUENCE, 0xa0 for [0]. */
  readonly tag: number;
  /** Tag class: 0 universal, 1 application, 2 context-specific, 3 private. */
  readonly tagClass: number;
  readonly constructed: boolean;
  /** Tag number (also for the high-tag-number form). */
  readonly tagNumber: number;
  /** Offset of the identifier octet. */
  readonly start: number;
  /** Offset of the first content octet. */
  readonly contentStart: number;
  /** Offset just past the last content octet. */
  readonly end: number;
  readonly length: number;
}

/** Limits for recursive walks. */
export interface DerLimits {
  readonly maxDepth: number;
  readonly maxNodes: number;
}

/** Default walk limits: deep enough for any certificate, small enough to stop hostile input quickly. */
export const defaultDerLimits: DerLimits = { maxDepth: 32, maxNodes: 100_000 };

/** Largest single element accepted (256 MiB); anything larger in a length field is treated as malformed. */
const MAX_LENGTH = 256 * 1024 * 1024;

/**
 * Reads the element starting at `offset`, which must end at or before `limit` (default: end of buffer).
 * Returns its header positions; throws DerError on truncation, indefinite or non-minimal lengths.
 */
export function readNode(buf: Uint8Array, offset = 0, limit = buf.length): DerNode {
  if (limit > buf.length) limit = buf.length;
  if (offset < 0 || offset >= limit) throw new DerError('Unexpected end of data (no tag)', offset);
  let pos = offset;
  const tag = buf[pos++]!;
  let tagNumber = tag & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    for (let i = 0; ; i++) {
      if (pos >= limit) throw new DerError('Truncated high tag number', pos);
      if (i >= 4) throw new DerError('Tag number too large', pos);
      const b = buf[pos++]!;
      tagNumber = tagNumber * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
  }
  if (pos >= limit) throw new DerError('Truncated length', pos);
  const first = buf[pos++]!;
  let length: number;
  if (first < 0x80) {
    length = first;
  } else if (first === 0x80) {
    throw new DerError('Indefinite length is not DER', pos - 1);
  } else {
    const count = first & 0x7f;
    if (count > 4) throw new DerError('Length field too long', pos - 1);
    if (pos + count > limit) throw new DerError('Truncated length', pos);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[pos++]!;
    if (length > MAX_LENGTH) throw new DerError('Element too large', offset);
  }
  const end = pos + length;
  if (end > limit) throw new DerError(`Element length ${length} exceeds available ${limit - pos} bytes`, offset);
  return { tag, tagClass: tag >> 6, constructed: (tag & 0x20) !== 0, tagNumber, start: offset, contentStart: pos, end, length };
}

/** Reads the element at `offset` and checks its identifier octet; throws DerError when it differs. */
export function expectNode(buf: Uint8Array, tag: number, offset = 0, limit = buf.length): DerNode {
  const node = readNode(buf, offset, limit);
  if (node.tag !== tag) {
    throw new DerError(`Expected tag 0x${tag.toString(16)}, found 0x${node.tag.toString(16)}`, offset);
  }
  return node;
}

/** Returns the direct children of a constructed element (at most `maxChildren`); throws DerError otherwise. */
export function children(buf: Uint8Array, node: DerNode, maxChildren = 100_000): DerNode[] {
  if (!node.constructed) throw new DerError('Element is not constructed', node.start);
  const out: DerNode[] = [];
  let pos = node.contentStart;
  while (pos < node.end) {
    if (out.length >= maxChildren) throw new DerError('Too many child elements', pos);
    const child = readNode(buf, pos, node.end);
    out.push(child);
    pos = child.end;
  }
  return out;
}

/** Returns the content octets of an element as a view (no copy). */
export function contentOf(buf: Uint8Array, node: DerNode): Uint8Array {
  return buf.subarray(node.contentStart, node.end);
}

/** Returns the whole encoding (header + content) of an element as a view (no copy). */
export function encodingOf(buf: Uint8Array, node: DerNode): Uint8Array {
  return buf.subarray(node.start, node.end);
}

/** Walks every element below `node` depth-first, enforcing limits; throws DerError when input is malformed or too deep. */
export function validate(buf: Uint8Array, node: DerNode = readNode(buf), limits: DerLimits = defaultDerLimits): number {
  let count = 0;
  const visit = (n: DerNode, depth: number): void => {
    if (depth > limits.maxDepth) throw new DerError('Nesting too deep', n.start);
    if (++count > limits.maxNodes) throw new DerError('Too many elements', n.start);
    if (!n.constructed) return;
    let pos = n.contentStart;
    while (pos < n.end) {
      const child = readNode(buf, pos, n.end);
      visit(child, depth + 1);
      pos = child.end;
    }
  };
  visit(node, 0);
  return count;
}

/** Most decoded OIDs remembered; the cache is cleared when full, so hostile input cannot grow it. */
const OID_CACHE_MAX = 2048;
const oidCache = new Map<number, { readonly bytes: Uint8Array; readonly oid: string }>();

/**
 * Decodes an OBJECT IDENTIFIER's content octets to dotted form; throws DerError on malformed arcs.
 * Certificates repeat a few dozen OIDs, so decoded forms are remembered by content (checked byte for byte).
 */
export function decodeOid(content: Uint8Array, offset = 0): string {
  return oidAt(content, 0, content.length, offset);
}

/** decodeOid for the content octets buf[start, end), without a subarray view. */
function oidAt(buf: Uint8Array, start: number, end: number, offset: number): string {
  const n = end - start;
  if (n === 0) throw new DerError('Empty OID', offset);
  if (n > 128) throw new DerError('OID too long', offset);
  let hash = n;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ buf[i]!, 0x01000193);
  const hit = oidCache.get(hash);
  if (hit !== undefined && hit.bytes.length === n) {
    let same = true;
    for (let i = 0; i < n; i++) {
      if (hit.bytes[i] !== buf[start + i]) {
        same = false;
        break;
      }
    }
    if (same) return hit.oid;
  }
  const content = buf.subarray(start, end);
  const oid = decodeOidArcs(content, offset);
  if (oidCache.size >= OID_CACHE_MAX) oidCache.clear();
  oidCache.set(hash, { bytes: content.slice(), oid });
  return oid;
}

function decodeOidArcs(content: Uint8Array, offset: number): string {
  let out = '';
  let value = 0;
  let inArc = false;
  for (let i = 0; i < content.length; i++) {
    const b = content[i]!;
    if (!inArc && b === 0x80) throw new DerError('Non-minimal OID arc', offset + i);
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw new DerError('OID arc too large', offset + i);
    inArc = (b & 0x80) !== 0;
    if (!inArc) {
      if (out === '') {
        const first = value < 40 ? 0 : value < 80 ? 1 : 2;
        out = `${first}.${value - first * 40}`;
      } else {
        out += `.${value}`;
      }
      value = 0;
    }
  }
  if (inArc) throw new DerError('Truncated OID arc', offset + content.length);
  return out;
}

/** Returns whether two byte ranges hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  const n = a.length;
  if (n !== b.length) return false;
  for (let k = 0; k < n; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** Reads an OID element at `offset` and returns its dotted form; throws DerError when it is not an OID. */
export function readOid(buf: Uint8Array, offset: number, limit = buf.length): { oid: string; node: DerNode } {
  const node = expectNode(buf, Tag.OID, offset, limit);
  return { oid: oidAt(buf, node.contentStart, node.end, node.contentStart), node };
}

/** Returns lowercase hex of the bytes (one flat string: no chain of concatenations kept alive in the heap). */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}

/**
 * Returns an INTEGER's content as uppercase hex in minimal two's complement form (redundant leading 00/FF bytes removed).
 * Throws DerError on an empty integer.
 */
export function integerHex(content: Uint8Array, offset = 0): string {
  if (content.length === 0) throw new DerError('Empty INTEGER', offset);
  let start = 0;
  while (
    start < content.length - 1 &&
    ((content[start] === 0x00 && (content[start + 1]! & 0x80) === 0) || (content[start] === 0xff && (content[start + 1]! & 0x80) !== 0))
  ) {
    start++;
  }
  return toHex(content.subarray(start)).toUpperCase();
}

/** Returns the number of significant bits of a non-negative INTEGER's content (e.g. an RSA modulus). */
export function unsignedBitLength(content: Uint8Array): number {
  let i = 0;
  while (i < content.length && content[i] === 0) i++;
  if (i === content.length) return 0;
  return (content.length - i - 1) * 8 + (32 - Math.clz32(content[i]!));
}

/** Splits BIT STRING content into unused-bit count and data view; throws DerError when malformed. */
export function bitString(content: Uint8Array, offset = 0): { unusedBits: number; bytes: Uint8Array } {
  if (content.length === 0) throw new DerError('Empty BIT STRING', offset);
  const unusedBits = content[0]!;
  if (unusedBits > 7 || (content.length === 1 && unusedBits !== 0)) throw new DerError('Bad BIT STRING padding', offset);
  return { unusedBits, bytes: content.subarray(1) };
}

/** Decodes ASCII-compatible string content (IA5String, PrintableString, UTF8String) into a JS string. */
export function decodeString(content: Uint8Array): string {
  return utf8.decode(content);
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Decodes UTCTime or GeneralizedTime (Zulu only, as DER requires) into a Date; throws DerError otherwise. */
export function decodeTime(buf: Uint8Array, node: DerNode): Date {
  return new Date(decodeTimeMs(buf, node));
}

/**
 * Decodes UTCTime (YYMMDDHHMM[SS]Z, years 50–99 → 19xx) or GeneralizedTime (YYYYMMDDHHMMSS[.fff]Z) into milliseconds
 * since the epoch; throws DerError on any other form or an impossible date.
 */
export function decodeTimeMs(buf: Uint8Array, node: DerNode): number {
  const start = node.contentStart;
  const len = node.end - start;
  let pos = start;
  let year: number;
  if (node.tag === Tag.UTC_TIME) {
    if ((len !== 11 && len !== 13) || buf[node.end - 1] !== 0x5a) throw badTime(buf, node, 'UTCTime');
    const yy = twoDigits(buf, pos);
    if (yy < 0) throw badTime(buf, node, 'UTCTime');
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    pos += 2;
  } else if (node.tag === Tag.GENERALIZED_TIME) {
    if (len < 13 || buf[node.end - 1] !== 0x5a) throw badTime(buf, node, 'GeneralizedTime');
    const hi = twoDigits(buf, pos);
    const lo = twoDigits(buf, pos + 2);
    if (hi < 0 || lo < 0) throw badTime(buf, node, 'GeneralizedTime');
    year = hi * 100 + lo;
    pos += 4;
  } else {
    throw new DerError(`Expected a time, found tag 0x${node.tag.toString(16)}`, node.start);
  }
  const month = twoDigits(buf, pos);
  const day = twoDigits(buf, pos + 2);
  const hour = twoDigits(buf, pos + 4);
  const minute = twoDigits(buf, pos + 6);
  pos += 8;
  let second = 0;
  const zAt = node.end - 1;
  if (pos < zAt) {
    second = twoDigits(buf, pos);
    pos += 2;
    if (node.tag === Tag.GENERALIZED_TIME && pos < zAt) {
      // Fractional seconds: a dot and at least one digit, ignored.
      if (buf[pos] !== 0x2e || pos + 1 >= zAt) second = -1;
      for (let k = pos + 1; k < zAt; k++) if (buf[k]! < 0x30 || buf[k]! > 0x39) second = -1;
      pos = zAt;
    }
  }
  const kind = node.tag === Tag.UTC_TIME ? 'UTCTime' : 'GeneralizedTime';
  if (pos !== zAt || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) throw badTime(buf, node, kind);
  let ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (year < 100) {
    const date = new Date(ms);
    date.setUTCFullYear(year);
    ms = date.getTime();
  }
  const check = new Date(ms);
  if (Number.isNaN(ms) || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new DerError(`Invalid date "${timeText(buf, node)}"`, node.start);
  }
  return ms;
}

/** Reads two ASCII digits at `pos`; returns their value, or -1 when either is not a digit. */
function twoDigits(buf: Uint8Array, pos: number): number {
  const a = buf[pos]! - 0x30;
  const b = buf[pos + 1]! - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function timeText(buf: Uint8Array, node: DerNode): string {
  return String.fromCharCode(...contentOf(buf, node).subarray(0, 32));
}

function badTime(buf: Uint8Array, node: DerNode, kind: string): DerError {
  return new DerError(`Bad ${kind} "${timeText(buf, node)}"`, node.start);
}
