import { CollectError } from '../engine/define-collector.js';
import { children, DerError, readNode, readOid, Tag } from './der.js';
import { Oid } from './oids.js';

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
 * Finds every certificate in PEM (bundles, comments, CRLF) or DER (one or more concatenated certificates) bytes.
 * Non-certificate PEM blocks (private keys, CSRs, CRLs, public keys) are skipped without retaining their content.
 * Returns certificates and per-block problems; throws CertificateFormatError for PKCS#7 / PKCS#12 / unknown binary input
 * or too many blocks.
 */
export function readCertificates(bytes: Uint8Array, name: string): SplitResult {
  const text = looksLikeText(bytes) ? new TextDecoder('latin1').decode(bytes) : undefined;
  if (text?.includes('-----BEGIN ')) return splitPem(text, name);
  return splitDer(bytes, name);
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
  const problems: string[] = [];
  const begin = /-----BEGIN ([A-Z0-9 #]{1,64})-----/g;
  let blocks = 0;
  let match: RegExpExecArray | null;
  while ((match = begin.exec(text)) !== null) {
    if (++blocks > MAX_PEM_BLOCKS) throw new CertificateFormatError('too-large', `${name}: more than ${MAX_PEM_BLOCKS} PEM blocks`);
    const label = match[1]!;
    const blockNo = blocks;
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
    if (PKCS7_LABELS.has(label)) {
      problems.push(`PEM block ${blockNo} is PKCS#7: unsupported format for now (extract the certificates to PEM)`);
      continue;
    }
    if (!CERT_LABELS.has(label)) continue; // private keys, CSRs, CRLs, public keys: not certificates, never retained
    const body = text.slice(bodyStart, endAt);
    const der = decodeBase64Body(body);
    if (!der) {
      problems.push(`PEM block ${blockNo} (${label}) has invalid base64`);
      continue;
    }
    try {
      const node = readNode(der, 0);
      if (node.tag !== Tag.SEQUENCE) throw new DerError('Not a SEQUENCE', 0);
      // TRUSTED CERTIFICATE carries OpenSSL trust data after the certificate; keep the certificate only.
      const cert = label === 'TRUSTED CERTIFICATE' ? der.subarray(0, node.end) : der;
      if (node.end !== cert.length) throw new DerError('Trailing data after certificate', node.end);
      certificates.push({ der: cert, index: certificates.length });
    } catch (error) {
      problems.push(`PEM block ${blockNo} (${label}) is not DER: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { certificates, problems };
}

function decodeBase64Body(body: string): Uint8Array | undefined {
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
  if (bytes[0] === Tag.SEQUENCE && bytes[1] === 0x80) {
    throw new CertificateFormatError('parse', `${name}: BER (indefinite length) data, probably PKCS#12 or PKCS#7: unsupported format for now`);
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
    if (kind === 'pkcs7') throw new CertificateFormatError('parse', `${name}: PKCS#7 / CMS data: unsupported format for now (extract the certificates to PEM)`);
    if (kind === 'pkcs12') throw new CertificateFormatError('parse', `${name}: PKCS#12 (PFX) data: unsupported format for now (extract the certificates to PEM)`);
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
