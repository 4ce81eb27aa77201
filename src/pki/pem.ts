import { CollectError } from '../engine/define-collector.js';
import { children, DerError, readNode, readOid, Tag } from './der.js';
import { Oid } from './oids.js';
import { looksLikePkcs7, readPkcs7 } from './pkcs7.js';

/** Most PEM blocks one file may hold; a CA bundle has a few hundred. */
export const MAX_PEM_BLOCKS = 10_000;

/** Thrown when a file holds no readable certificate; `code` is 'parse' (including unsupported formats) or 'too-large'. */
export class CertificateFormatError extends CollectError {
  override name = 'CertificateFormatError';
}

/** One certificate found in a file; `index` counts certificates only, from 0. */
export interface FoundCertificate {
  readonly der: Uint8Array;
  readonly index: number;
}

/** Certificates found in a file plus one-line descriptions of blocks that could not be read. */
export interface SplitResult {
  readonly certificates: FoundCertificate[];
  readonly problems: string[];
}

const CERT_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);
const PKCS7_LABELS = new Set(['PKCS7', 'PKCS #7 SIGNED DATA', 'CMS']);

/**
 * Finds every certificate in PEM (bundles, comments, CRLF, PKCS#7 blocks), DER (one or more concatenated certificates),
 * PKCS#7 / CMS SignedData (DER or BER, .p7b/.p7c) or PEM-less base64 bytes.
 * Non-certificate PEM blocks (private keys, CSRs, CRLs, public keys) are skipped without retaining their content.
 * Returns certificates and per-block problems; throws CertificateFormatError for PKCS#12 (which needs a password:
 * see pkcs12.ts), unknown binary input or too many blocks.
 */
export function readCertificates(bytes: Uint8Array, name: string): SplitResult {
  const text = looksLikeText(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1') : undefined;
  if (text?.includes('-----BEGIN ')) return splitPem(text, name);
  if (text !== undefined) {
    const der = decodeHeaderlessBase64(text);
    if (der) {
      try {
        return splitDer(der, name);
      } catch (error) {
        const message = error instanceof Error ? error.message.replace(`${name}: `, '') : String(error);
        throw new CertificateFormatError('parse', `${name}: base64 text without a PEM header that is not a certificate (${message})`, { cause: error });
      }
    }
  }
  return splitDer(bytes, name);
}

/** One PEM block: its label, RFC 1421 headers and a decoder for its body (call it only when the content is needed). */
export interface PemBlock {
  /** 1-based position among the file's PEM blocks. */
  readonly blockNo: number;
  readonly label: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Decodes the base64 body; returns undefined when it is not valid base64. */
  readonly decode: () => Uint8Array | undefined;
}

/** Lists the PEM blocks of a text (bounded by MAX_PEM_BLOCKS); truncated blocks become problems. */
export function readPemBlocks(text: string, name: string): { blocks: PemBlock[]; problems: string[] } {
  const blocks: PemBlock[] = [];
  const problems: string[] = [];
  const begin = /-----BEGIN ([A-Z0-9 #]{1,64})-----/g;
  let count = 0;
  let match: RegExpExecArray | null;
  while ((match = begin.exec(text)) !== null) {
    if (++count > MAX_PEM_BLOCKS) throw new CertificateFormatError('too-large', `${name}: more than ${MAX_PEM_BLOCKS} PEM blocks`);
    const label = match[1]!;
    const blockNo = count;
    const endMarker = `-----END ${label}-----`;
    const bodyStart = begin.lastIndex;
    const endAt = text.indexOf(endMarker, bodyStart);
    const nextBegin = text.indexOf('-----BEGIN ', bodyStart);
    if (endAt < 0 || (nextBegin >= 0 && nextBegin < endAt)) {
      // The label of a skipped block may be reported; its content never is.
      problems.push(`PEM block ${blockNo} (${label}) is truncated: no END line`);
      if (nextBegin < 0) break;
      begin.lastIndex = nextBegin;
      continue;
    }
    begin.lastIndex = endAt + endMarker.length;
    const body = text.slice(bodyStart, endAt);
    // Certificates and PKCS#7 decode into a shared pool; anything else (keys) into a buffer of its own.
    const shared = CERT_LABELS.has(label) || PKCS7_LABELS.has(label);
    const headers = body.includes(':') ? pemHeaders(body) : {};
    blocks.push({ blockNo, label, headers, decode: () => decodeBase64Body(body, shared) });
  }
  return { blocks, problems };
}

/** Returns the text as one base64 DER blob when it is nothing but base64 (a certificate or PKCS#7 saved without PEM lines). */
export function decodeHeaderlessBase64(text: string): Uint8Array | undefined {
  const b64 = text.replace(/\s+/g, '');
  if (b64.length < 64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || !b64.startsWith('M')) return undefined;
  const buf = Buffer.from(b64, 'base64');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

function pemHeaders(body: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of body.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '') {
      if (Object.keys(headers).length > 0) break;
      continue;
    }
    const colon = trimmed.indexOf(':');
    if (colon <= 0) break;
    headers[trimmed.slice(0, colon).trim()] = trimmed.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * Finds every certificate in PEM or DER bytes (see readCertificates).
 * Returns them when at least one was found or the file was clean; throws CertificateFormatError when the file
 * held problems and no certificate.
 */
export function splitCertificates(bytes: Uint8Array, name: string): FoundCertificate[] {
  const { certificates, problems } = readCertificates(bytes, name);
  if (certificates.length === 0 && problems.length > 0) throw new CertificateFormatError('parse', `${name}: ${problems.join('; ')}`);
  return certificates;
}

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512);
  for (let k = 0; k < n; k++) {
    const b = bytes[k]!;
    if (b === 0 || (b < 0x09 && b !== 0x1b)) return false;
  }
  return true;
}

function splitPem(text: string, name: string): SplitResult {
  const certificates: FoundCertificate[] = [];
  const { blocks, problems } = readPemBlocks(text, name);
  for (const { blockNo, label, decode } of blocks) {
    if (PKCS7_LABELS.has(label)) {
      const der = decode();
      if (!der) {
        problems.push(`PEM block ${blockNo} (${label}) has invalid base64`);
        continue;
      }
      try {
        for (const cert of readPkcs7(der).certificates) certificates.push({ der: cert, index: certificates.length });
      } catch (error) {
        problems.push(`PEM block ${blockNo}: ${error instanceof Error ? error.message : String(error)}`);
      }
      continue;
    }
    if (!CERT_LABELS.has(label)) continue; // private keys, CSRs, CRLs, public keys: not certificates, never retained
    const der = decode();
    if (!der) {
      problems.push(`PEM block ${blockNo} (${label}) has an empty or invalid base64 body`);
      continue;
    }
    try {
      certificates.push({ der: certificateOfBlock(label, der), index: certificates.length });
    } catch (error) {
      problems.push(`PEM block ${blockNo} (${label}) is not DER: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { certificates, problems };
}

/**
 * Returns the certificate DER of a decoded CERTIFICATE / X509 CERTIFICATE / TRUSTED CERTIFICATE block (OpenSSL trust
 * data after a trusted certificate is dropped); throws DerError when the body is not one DER element.
 */
export function certificateOfBlock(label: string, der: Uint8Array): Uint8Array {
  const node = readNode(der, 0);
  if (node.tag !== Tag.SEQUENCE) throw new DerError('Not a SEQUENCE', 0);
  const cert = label === 'TRUSTED CERTIFICATE' ? der.subarray(0, node.end) : der;
  if (node.end !== cert.length) throw new DerError('Trailing data after certificate', node.end);
  return cert;
}

/** Decodes a PEM body: the plain fast path first, the checked path when it declines (RFC 1421 headers, spaces, bad input). */
function decodeBase64Body(body: string, shared: boolean): Uint8Array | undefined {
  return (body.includes(':') ? undefined : decodePlainBase64(body, shared)) ?? decodeCheckedBase64(body);
}

/**
 * Decodes a body made of base64 characters, line breaks and up to two trailing '='; returns undefined for anything
 * else, so that decodeCheckedBase64 gives the answer. The body is not scanned character by character: node's decoder
 * skips characters outside its alphabet (base64 plus the base64url '-' and '_', which are ruled out first) and stops
 * at a '=', and the byte count it returns proves it skipped nothing. With L the number of characters other than line
 * breaks before the padding, a clean body gives ⌊3L/4⌋ bytes. A skipped character, or a '=' before the end, makes the
 * decoder see L' < L characters, and then ⌊3L'/4⌋ < ⌊3L/4⌋ whenever L mod 4 ≠ 1 (⌊3x/4⌋ rises at every step except
 * from 4k to 4k + 1), which is why L mod 4 = 1 is left to the checked path. Non-ASCII text is left to it too: node
 * reads a character above 0xFF by its low byte, which could turn it into an alphabet character.
 */
function decodePlainBase64(body: string, shared: boolean): Uint8Array | undefined {
  if (Buffer.byteLength(body, 'utf8') !== body.length || body.includes('-') || body.includes('_')) return undefined;
  let end = body.length;
  for (let c = body.charCodeAt(end - 1); end > 0 && (c === 0x0a || c === 0x0d); c = body.charCodeAt(end - 1)) end--;
  let padding = 0;
  while (end > 0 && body.charCodeAt(end - 1) === 0x3d) {
    end--;
    padding++;
  }
  let breaks = 0;
  for (let k = body.indexOf('\n'); k >= 0 && k < end; k = body.indexOf('\n', k + 1)) breaks++;
  if (body.includes('\r')) for (let k = body.indexOf('\r'); k >= 0 && k < end; k = body.indexOf('\r', k + 1)) breaks++;
  const chars = end - breaks;
  if (chars <= 0 || padding > 2 || chars % 4 === 1 || (chars + padding) % 4 === 1) return undefined;
  const expected = (chars * 3) >>> 2;
  const out = shared ? poolSpace(expected) : Buffer.allocUnsafeSlow(expected);
  const offset = shared ? poolOffset : 0;
  const written = out.write(body, offset, expected, 'base64');
  if (written !== expected) {
    if (!shared) out.fill(0);
    return undefined;
  }
  if (shared) poolOffset += written;
  return new Uint8Array(out.buffer, out.byteOffset + offset, written);
}

/**
 * Decoded certificates are packed into 16 KB chunks (node's Buffer.from does the same with 8 KB): one allocation per
 * dozen certificates instead of one each; a certificate kept alone keeps its chunk alive. Only public data
 * (certificates, PKCS#7) goes here.
 */
const POOL_BYTES = 16 * 1024;
let pool = Buffer.allocUnsafeSlow(POOL_BYTES);
let poolOffset = 0;

/** Returns the pool with at least `bytes` free from poolOffset (a new chunk when the current one is too full). */
function poolSpace(bytes: number): Buffer {
  if (poolOffset + bytes > pool.length) {
    pool = Buffer.allocUnsafeSlow(Math.max(POOL_BYTES, bytes));
    poolOffset = 0;
  }
  return pool;
}

/** Decodes a body character by character: RFC 1421 headers skipped, whitespace dropped, anything else validated. */
function decodeCheckedBase64(body: string): Uint8Array | undefined {
  let lines = body.split(/\r?\n/).map((l) => l.trim());
  // RFC 1421 headers (e.g. "Proc-Type: ...") end with an empty line; certificates normally have none.
  if (lines.some((l) => l.includes(':'))) {
    const blank = lines.findIndex((l, k) => k > 0 && l === '');
    lines = blank >= 0 ? lines.slice(blank + 1) : lines.filter((l) => !l.includes(':'));
  }
  const b64 = lines.join('').replace(/\s+/g, '');
  if (b64.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 === 1) return undefined;
  const buf = Buffer.from(b64, 'base64');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

function splitDer(bytes: Uint8Array, name: string): SplitResult {
  if (bytes.length === 0) throw new CertificateFormatError('parse', `${name}: empty file`);
  if (looksLikePkcs7(bytes)) return splitPkcs7(bytes, name);
  if (bytes[0] === Tag.SEQUENCE && bytes[1] === 0x80) {
    throw new CertificateFormatError('parse', `${name}: BER (indefinite length) data that is not PKCS#7, probably PKCS#12 (needs the keystore reader)`);
  }
  const certificates: FoundCertificate[] = [];
  const problems: string[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    if (certificates.length >= MAX_PEM_BLOCKS) throw new CertificateFormatError('too-large', `${name}: more than ${MAX_PEM_BLOCKS} certificates`);
    let node;
    try {
      node = readNode(bytes, pos);
    } catch (error) {
      if (certificates.length === 0) {
        throw new CertificateFormatError('parse', `${name}: neither PEM nor DER (${(error as Error).message})`, { cause: error });
      }
      problems.push(`trailing data after certificate ${certificates.length - 1}: ${(error as Error).message}`);
      break;
    }
    const kind = classify(bytes, node);
    if (kind === 'pkcs7') throw new CertificateFormatError('parse', `${name}: PKCS#7 data after certificate ${certificates.length - 1}`);
    if (kind === 'pkcs12') throw new CertificateFormatError('parse', `${name}: PKCS#12 (PFX) keystore: read it with a password-aware reader (src/pki/pkcs12.ts)`);
    if (kind !== 'certificate') {
      if (certificates.length === 0) throw new CertificateFormatError('parse', `${name}: DER data that is not a certificate`);
      problems.push(`element after certificate ${certificates.length - 1} is not a certificate`);
      break;
    }
    certificates.push({ der: bytes.subarray(pos, node.end), index: certificates.length });
    pos = node.end;
  }
  return { certificates, problems };
}

function splitPkcs7(bytes: Uint8Array, name: string): SplitResult {
  try {
    const certificates = readPkcs7(bytes).certificates.map((der, index) => ({ der, index }));
    return { certificates, problems: [] };
  } catch (error) {
    throw new CertificateFormatError('parse', `${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

type Kind = 'certificate' | 'pkcs7' | 'pkcs12' | 'other';

function classify(bytes: Uint8Array, node: ReturnType<typeof readNode>): Kind {
  if (node.tag !== Tag.SEQUENCE) return 'other';
  try {
    const [a, b, c] = children(bytes, node, 4);
    if (a?.tag === Tag.OID) {
      const { oid } = readOid(bytes, a.start, a.end);
      return oid === Oid.pkcs7SignedData || oid === Oid.pkcs7Data ? 'pkcs7' : 'other';
    }
    if (a?.tag === Tag.INTEGER && b?.tag === Tag.SEQUENCE) {
      const inner = children(bytes, b, 2)[0];
      if (inner?.tag === Tag.OID && readOid(bytes, inner.start, inner.end).oid === Oid.pkcs7Data) return 'pkcs12';
      return 'other';
    }
    if (a?.tag === Tag.SEQUENCE && b?.tag === Tag.SEQUENCE && c?.tag === Tag.BIT_STRING) return 'certificate';
  } catch {
    return 'other';
  }
  return 'other';
}
