/**
 * Certificates out of PKCS#7 / CMS SignedData (RFC 5652), as found in .p7b/.p7c files and "-----BEGIN PKCS7-----" blocks.
 *
 * ```asn
 * ContentInfo ::= SEQUENCE { contentType OBJECT IDENTIFIER, content [0] EXPLICIT ANY }
 * SignedData  ::= SEQUENCE { version INTEGER, digestAlgorithms SET, encapContentInfo SEQUENCE,
 *                            certificates [0] IMPLICIT CertificateSet OPTIONAL, crls [1] IMPLICIT OPTIONAL, signerInfos SET }
 * ```
 * Windows and Java write DER, but some tools write BER with indefinite lengths, so this reader accepts both; every read
 * is bounded by its parent and nesting is limited. Certificates are returned as views of the input, never copies.
 */
import { decodeOid, DerError } from './der.js';
import { Oid } from './oids.js';

/** Thrown for input that is not readable PKCS#7 SignedData; the message is one line without content bytes. */
export class Pkcs7Error extends Error {
  override name = 'Pkcs7Error';
}

/** What a PKCS#7 SignedData holds. */
export interface Pkcs7Contents {
  /** DER of each X.509 certificate, in file order (attribute certificates and other choices are skipped). */
  readonly certificates: Uint8Array[];
  /** Number of CRLs carried alongside. */
  readonly crlCount: number;
  /** Number of SignerInfos (0 for the "degenerate" certificates-only form). */
  readonly signerCount: number;
}

/** Most certificates read from one PKCS#7; real bundles hold a handful. */
const MAX_CERTIFICATES = 10_000;
const MAX_DEPTH = 16;

interface BerNode {
  readonly tag: number;
  readonly constructed: boolean;
  readonly start: number;
  readonly contentStart: number;
  /** Offset just past the content (before the end-of-contents octets of an indefinite length). */
  readonly contentEnd: number;
  /** Offset just past the whole element. */
  readonly end: number;
}

/** Reads one BER element (definite or indefinite length, low tag numbers only) within [offset, limit). */
function readBer(buf: Uint8Array, offset: number, limit: number, depth = 0): BerNode {
  if (depth > MAX_DEPTH) throw new DerError('Nesting too deep', offset);
  if (offset + 2 > limit) throw new DerError('Unexpected end of data', offset);
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('High tag numbers are not used in PKCS#7', offset);
  const constructed = (tag & 0x20) !== 0;
  let pos = offset + 1;
  const first = buf[pos++]!;
  if (first === 0x80) {
    if (!constructed) throw new DerError('Indefinite length on a primitive element', offset);
    // Walk children until the end-of-contents octets (00 00).
    let child = pos;
    for (;;) {
      if (child + 2 > limit) throw new DerError('Missing end-of-contents', child);
      if (buf[child] === 0 && buf[child + 1] === 0) return { tag, constructed, start: offset, contentStart: pos, contentEnd: child, end: child + 2 };
      child = readBer(buf, child, limit, depth + 1).end;
    }
  }
  let length = first;
  if (first > 0x80) {
    const count = first & 0x7f;
    if (count > 4 || pos + count > limit) throw new DerError('Bad length', pos - 1);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[pos++]!;
  }
  const end = pos + length;
  if (end > limit) throw new DerError(`Element length ${length} exceeds available ${limit - pos} bytes`, offset);
  return { tag, constructed, start: offset, contentStart: pos, contentEnd: end, end };
}

function childrenOf(buf: Uint8Array, node: BerNode, max = MAX_CERTIFICATES + 10): BerNode[] {
  if (!node.constructed) throw new DerError('Element is not constructed', node.start);
  const out: BerNode[] = [];
  for (let pos = node.contentStart; pos < node.contentEnd; ) {
    if (out.length >= max) throw new DerError('Too many elements', pos);
    const child = readBer(buf, pos, node.contentEnd);
    out.push(child);
    pos = child.end;
  }
  return out;
}

function oidOf(buf: Uint8Array, node: BerNode | undefined): string | undefined {
  if (node?.tag !== 0x06) return undefined;
  return decodeOid(buf.subarray(node.contentStart, node.contentEnd), node.contentStart);
}

/** Returns true when the bytes start like a PKCS#7 ContentInfo (SEQUENCE whose first child is a PKCS#7 content type OID). */
export function looksLikePkcs7(bytes: Uint8Array): boolean {
  try {
    const outer = readBer(bytes, 0, bytes.length);
    if (outer.tag !== 0x30) return false;
    const oid = oidOf(bytes, readBer(bytes, outer.contentStart, outer.contentEnd));
    return oid !== undefined && oid.startsWith('1.2.840.113549.1.7.');
  } catch {
    return false;
  }
}

/**
 * Reads the certificates of a PKCS#7 SignedData (DER or BER). An empty or "degenerate" SignedData gives no certificate.
 * Returns the contents; throws Pkcs7Error for truncated or malformed input and for content types other than SignedData.
 */
export function readPkcs7(bytes: Uint8Array): Pkcs7Contents {
  try {
    const outer = readBer(bytes, 0, bytes.length);
    if (outer.tag !== 0x30) throw new Pkcs7Error('PKCS#7: not a SEQUENCE');
    if (outer.end !== bytes.length) throw new Pkcs7Error(`PKCS#7: ${bytes.length - outer.end} bytes of trailing data`);
    const [typeNode, explicit] = childrenOf(bytes, outer, 2);
    const type = oidOf(bytes, typeNode);
    if (type !== Oid.pkcs7SignedData) throw new Pkcs7Error(`PKCS#7 content type ${type ?? 'missing'} carries no certificates (expected SignedData)`);
    if (explicit?.tag !== 0xa0) return { certificates: [], crlCount: 0, signerCount: 0 };
    const signedData = childrenOf(bytes, explicit, 1)[0];
    if (signedData?.tag !== 0x30) throw new Pkcs7Error('PKCS#7: SignedData is not a SEQUENCE');
    const fields = childrenOf(bytes, signedData, 8);
    const certificates: Uint8Array[] = [];
    let crlCount = 0;
    let signerCount = 0;
    for (const field of fields.slice(3)) {
      if (field.tag === 0xa0) {
        for (const choice of childrenOf(bytes, field)) {
          if (choice.tag !== 0x30) continue; // extended, attribute or other certificate formats
          if (certificates.length >= MAX_CERTIFICATES) throw new Pkcs7Error(`PKCS#7: more than ${MAX_CERTIFICATES} certificates`);
          certificates.push(bytes.subarray(choice.start, choice.end));
        }
      } else if (field.tag === 0xa1) {
        crlCount = childrenOf(bytes, field).length;
      } else if (field.tag === 0x31) {
        signerCount = childrenOf(bytes, field).length;
      }
    }
    return { certificates, crlCount, signerCount };
  } catch (error) {
    if (error instanceof Pkcs7Error) throw error;
    throw new Pkcs7Error(`PKCS#7: malformed (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}
