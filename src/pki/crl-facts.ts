import { createHash, createPublicKey, verify, constants as cryptoConstants, type KeyObject } from 'node:crypto';
import { CollectError } from '../engine/define-collector.js';
import { formatName } from './certificate-facts.js';
import {
  bitString,
  children,
  contentOf,
  decodeString,
  decodeTime,
  DerError,
  type DerNode,
  expectNode,
  integerHex,
  readNode,
  readOid,
  Tag,
  toHex,
} from './der.js';
import { hashAlgorithms, Oid, signatureAlgorithms } from './oids.js';

/** Thrown when bytes are not a CRL the tool can read; `code` is always 'parse'. */
export class CrlParseError extends CollectError {
  override name = 'CrlParseError';
  constructor(message: string, options?: ErrorOptions) {
    super('parse', message, options);
  }
}

/** Plain, JSON-serialisable facts about one CRL. */
export interface CrlFacts {
  /** Issuer name, formatted like CertificateFacts.issuer. */
  issuer: string;
  /** ISO 8601 UTC. */
  thisUpdate: string;
  /** ISO 8601 UTC; absent when the CRL has no nextUpdate. */
  nextUpdate?: string;
  /** CRL number as uppercase hex (minimal two's complement). */
  crlNumber?: string;
  /** Base CRL number of a delta CRL, uppercase hex. */
  deltaCrlIndicator?: string;
  isDelta: boolean;
  hasIssuingDistributionPoint: boolean;
  /** URIs from the issuingDistributionPoint fullName. */
  idpUrls: string[];
  /** Scope flags of the issuingDistributionPoint extension, when present. */
  idpScope?: IdpScope;
  /** Key identifier of the authorityKeyIdentifier extension, lowercase hex. */
  authorityKeyId?: string;
  /** URIs of the freshestCRL extension (where delta CRLs are published). */
  freshestCrlUrls: string[];
  entryCount: number;
  /**
   * Entries per reasonCode name. Entries without a reasonCode extension are not counted here
   * (entryCount minus the sum of the counts); values RFC 5280 does not define appear as "unknown(N)".
   */
  reasonCounts: Record<string, number>;
  signatureAlgorithmOid: string;
  /** Readable signature algorithm name, or the OID when unknown. */
  signatureAlgorithm: string;
  sizeBytes: number;
  /** SHA-256 of the DER encoding, lowercase hex. */
  sha256: string;
}

/** Scope flags of an issuingDistributionPoint extension (RFC 5280 §5.2.5). */
export interface IdpScope {
  onlyContainsUserCerts: boolean;
  onlyContainsCACerts: boolean;
  onlyContainsAttributeCerts: boolean;
  /** Whether onlySomeReasons is present (the CRL covers only some revocation reasons). */
  onlySomeReasons: boolean;
  indirectCrl: boolean;
}

/** A signature algorithm as an AlgorithmIdentifier names it. */
export interface SignatureAlgorithmRef {
  readonly oid: string;
  /** Hash named by RSASSA-PSS parameters (RFC 4055 default SHA-1) when the algorithm is RSASSA-PSS. */
  readonly pssHash?: string;
  /** Salt length from RSASSA-PSS parameters (default 20). */
  readonly pssSaltLength?: number;
}

/** A parsed CRL: facts plus what signature verification and revocation lookups need (views of the input, no copies). */
export interface ParsedCrl {
  readonly facts: CrlFacts;
  /** Full TBSCertList encoding (the signed bytes). */
  readonly tbs: Uint8Array;
  readonly signatureAlgorithmOid: string;
  /** Hash named by RSASSA-PSS parameters (RFC 4055 default SHA-1) when the algorithm is RSASSA-PSS. */
  readonly pssHash?: string;
  /** Salt length from RSASSA-PSS parameters (default 20). */
  readonly pssSaltLength?: number;
  /** Signature value (BIT STRING content without the unused-bits octet). */
  readonly signature: Uint8Array;
  /** The whole DER the facts were read from. */
  readonly der: Uint8Array;
  /** Encoding of the issuer Name (compare with a candidate issuer certificate's subject). */
  readonly issuerDer: Uint8Array;
  /** Offset of each revoked entry's SEQUENCE in `der`, in CRL order. */
  readonly entryOffsets: Uint32Array;
  /** Revoked serial numbers as uppercase hex (as integerHex formats them), materialised one at a time. */
  serials(): IterableIterator<string>;
}

export interface ParseCrlOptions {
  /** Most revoked entries accepted before the CRL is rejected (default 5,000,000). */
  readonly maxEntries?: number;
}

const DEFAULT_MAX_ENTRIES = 5_000_000;
/** Caps for per-CRL and per-entry extension lists. */
const MAX_EXTENSIONS = 256;
const MAX_ENTRY_EXTENSIONS = 64;

const CrlOid = {
  authorityKeyIdentifier: '2.5.29.35',
  freshestCrl: '2.5.29.46',
  crlNumber: '2.5.29.20',
  reasonCode: '2.5.29.21',
  deltaCrlIndicator: '2.5.29.27',
  issuingDistributionPoint: '2.5.29.28',
} as const;

/** RFC 5280 §5.3.1 CRLReason values (7 is unused). */
const REASON_NAMES: readonly (string | undefined)[] = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  undefined,
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
];

/**
 * Returns the DER of a CRL given PEM ("-----BEGIN X509 CRL-----"; the first such block) or DER bytes (returned as is).
 * Throws CrlParseError when the PEM block is incomplete or the bytes are neither.
 */
export function crlDerFromBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.length > 0 && bytes[0] === 0x30) return bytes;
  const text = new TextDecoder('latin1').decode(bytes);
  const begin = text.indexOf('-----BEGIN X509 CRL-----');
  if (begin < 0) throw new CrlParseError('Not a CRL: neither DER nor a PEM "X509 CRL" block');
  const bodyStart = begin + '-----BEGIN X509 CRL-----'.length;
  const end = text.indexOf('-----END X509 CRL-----', bodyStart);
  if (end < 0) throw new CrlParseError('Truncated PEM: no "-----END X509 CRL-----" line');
  const body = text.slice(bodyStart, end).replace(/[\r\n\t ]+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new CrlParseError('PEM body is not base64');
  const buf = Buffer.from(body, 'base64');
  if (buf.length === 0) throw new CrlParseError('Empty PEM "X509 CRL" block');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

/**
 * Parses a DER CRL (RFC 5280 §5) with a bounded walk: O(entries), no per-entry allocation beyond a few offsets,
 * serials decoded lazily. Throws CrlParseError on malformed input, trailing data or more than `maxEntries` entries.
 */
export function parseCrl(der: Uint8Array, options: ParseCrlOptions = {}): ParsedCrl {
  try {
    return walkCrl(der, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
  } catch (error) {
    if (error instanceof DerError) throw new CrlParseError(`Malformed CRL: ${error.message}`, { cause: error });
    throw error;
  }
}

function need(node: DerNode | undefined, tag: number, what: string, at: number): DerNode {
  if (!node) throw new DerError(`Missing ${what}`, at);
  if (node.tag !== tag) throw new DerError(`Unexpected tag 0x${node.tag.toString(16)} for ${what}`, node.start);
  return node;
}

function isTime(node: DerNode | undefined): node is DerNode {
  return node !== undefined && (node.tag === Tag.UTC_TIME || node.tag === Tag.GENERALIZED_TIME);
}

function walkCrl(der: Uint8Array, maxEntries: number): ParsedCrl {
  const list = expectNode(der, Tag.SEQUENCE, 0);
  if (list.end !== der.length) throw new DerError('Trailing data after CertificateList', list.end);
  const tbsNode = need(readNode(der, list.contentStart, list.end), Tag.SEQUENCE, 'tbsCertList', list.start);
  const sigAlg = need(readNode(der, tbsNode.end, list.end), Tag.SEQUENCE, 'signatureAlgorithm', tbsNode.end);
  const sigValue = need(readNode(der, sigAlg.end, list.end), Tag.BIT_STRING, 'signatureValue', sigAlg.end);
  if (sigValue.end !== list.end) throw new DerError('Unexpected element after signatureValue', sigValue.end);

  const algorithm = readSignatureAlgorithm(der, sigAlg);
  const { bytes: signature } = bitString(contentOf(der, sigValue), sigValue.contentStart);

  // TBSCertList fields, read one by one so the (possibly huge) revokedCertificates list is never materialised.
  let pos = tbsNode.contentStart;
  const end = tbsNode.end;
  let field = readNode(der, pos, end);
  if (field.tag === Tag.INTEGER) {
    pos = field.end;
    field = readNode(der, pos, end);
  }
  need(field, Tag.SEQUENCE, 'signature', pos);
  pos = field.end;
  const issuer = need(readNode(der, pos, end), Tag.SEQUENCE, 'issuer', pos);
  pos = issuer.end;
  const thisUpdateNode = readNode(der, pos, end);
  if (!isTime(thisUpdateNode)) throw new DerError('Missing thisUpdate', pos);
  pos = thisUpdateNode.end;
  let next: DerNode | undefined = pos < end ? readNode(der, pos, end) : undefined;
  let nextUpdateNode: DerNode | undefined;
  if (isTime(next)) {
    nextUpdateNode = next;
    pos = next.end;
    next = pos < end ? readNode(der, pos, end) : undefined;
  }

  // reasonCode counts by code (0..10 as RFC 5280 defines them; anything else counted separately).
  const codeCounts = new Float64Array(REASON_NAMES.length);
  const otherCodes = new Map<number, number>();
  // Entry offsets, grown by doubling; serials and dates are re-read from them on demand.
  let offsets = new Uint32Array(1024);
  let entryCount = 0;
  if (next?.tag === Tag.SEQUENCE) {
    const revoked = next;
    let p = revoked.contentStart;
    // Hot loop: allocation-free header reads (tlv() returns the tag and sets hStart/hEnd).
    let tag: number;
    while (p < revoked.end) {
      tag = tlv(der, p, revoked.end);
      if (tag !== Tag.SEQUENCE) throw new DerError('Revoked entry is not a SEQUENCE', p);
      if (entryCount >= maxEntries) throw new DerError(`More than ${maxEntries} revoked entries`, p);
      const entryEnd = hEnd;
      tag = tlv(der, hStart, entryEnd);
      if (tag !== Tag.INTEGER || hEnd === hStart) throw new DerError('Revoked entry serial is not an INTEGER', p);
      const serialEnd = hEnd;
      if (serialEnd >= entryEnd) throw new DerError('Revoked entry has no revocationDate', serialEnd);
      tag = tlv(der, serialEnd, entryEnd);
      if (tag !== Tag.UTC_TIME && tag !== Tag.GENERALIZED_TIME) throw new DerError('Revoked entry has no revocationDate', serialEnd);
      if (hEnd < entryEnd) {
        const extsAt = hEnd;
        tag = tlv(der, extsAt, entryEnd);
        if (tag !== Tag.SEQUENCE || hEnd !== entryEnd) throw new DerError('Malformed crlEntryExtensions', extsAt);
        const code = entryReasonCode(der, hStart, hEnd);
        if (code >= 0 && code < codeCounts.length && REASON_NAMES[code] !== undefined) codeCounts[code]!++;
        else if (code >= 0) otherCodes.set(code, (otherCodes.get(code) ?? 0) + 1);
      }
      if (entryCount >= offsets.length) {
        const grown = new Uint32Array(offsets.length * 2);
        grown.set(offsets);
        offsets = grown;
      }
      offsets[entryCount] = p;
      entryCount++;
      p = entryEnd;
    }
    pos = revoked.end;
    next = pos < end ? readNode(der, pos, end) : undefined;
  }
  const reasonCounts: Record<string, number> = {};
  codeCounts.forEach((n, code) => {
    if (n > 0) reasonCounts[REASON_NAMES[code]!] = n;
  });
  for (const [code, n] of [...otherCodes].sort((a, b) => a[0] - b[0])) reasonCounts[`unknown(${code})`] = n;

  const facts: CrlFacts = {
    issuer: formatName(der, issuer),
    thisUpdate: decodeTime(der, thisUpdateNode).toISOString(),
    isDelta: false,
    hasIssuingDistributionPoint: false,
    idpUrls: [],
    freshestCrlUrls: [],
    entryCount,
    reasonCounts,
    signatureAlgorithmOid: algorithm.oid,
    signatureAlgorithm: signatureAlgorithms.get(algorithm.oid)?.name ?? algorithm.oid,
    sizeBytes: der.length,
    sha256: createHash('sha256').update(der).digest('hex'),
  };
  if (nextUpdateNode) facts.nextUpdate = decodeTime(der, nextUpdateNode).toISOString();

  if (next !== undefined) {
    if (next.tag !== 0xa0) throw new DerError(`Unexpected tag 0x${next.tag.toString(16)} in TBSCertList`, next.start);
    if (next.end !== end) throw new DerError('Unexpected element after crlExtensions', next.end);
    const exts = expectNode(der, Tag.SEQUENCE, next.contentStart, next.end);
    if (exts.end !== next.end) throw new DerError('Trailing data in crlExtensions', exts.end);
    for (const ext of children(der, exts, MAX_EXTENSIONS)) readCrlExtension(der, ext, facts);
  }

  const entryOffsets = offsets.subarray(0, entryCount);
  return {
    facts,
    tbs: der.subarray(tbsNode.start, tbsNode.end),
    signatureAlgorithmOid: algorithm.oid,
    signature,
    der,
    issuerDer: der.subarray(issuer.start, issuer.end),
    entryOffsets,
    *serials(): IterableIterator<string> {
      const hexSource = Buffer.from(der.buffer, der.byteOffset, der.byteLength);
      for (const offset of entryOffsets) {
        serialAt(der, offset);
        yield serialHexAt(der, hexSource, hStart, hEnd);
      }
    },
    ...(algorithm.pssHash !== undefined ? { pssHash: algorithm.pssHash } : {}),
    ...(algorithm.pssSaltLength !== undefined ? { pssSaltLength: algorithm.pssSaltLength } : {}),
  };
}

/** Reads an AlgorithmIdentifier SEQUENCE: the OID, and for RSASSA-PSS the hash and salt length (RFC 4055 defaults). */
export function readSignatureAlgorithm(der: Uint8Array, algId: DerNode): SignatureAlgorithmRef {
  const { oid, node } = readOid(der, algId.contentStart, algId.end);
  if (oid !== Oid.rsaPss) return { oid };
  let pssHash = 'SHA-1';
  let pssSaltLength = 20;
  if (node.end < algId.end) {
    const params = readNode(der, node.end, algId.end);
    if (params.tag === Tag.SEQUENCE) {
      for (const p of children(der, params, 8)) {
        if (p.tag === 0xa0) {
          const alg = expectNode(der, Tag.SEQUENCE, p.contentStart, p.end);
          const hash = readOid(der, alg.contentStart, alg.end).oid;
          pssHash = hashAlgorithms.get(hash) ?? hash;
        } else if (p.tag === 0xa2) {
          const n = expectNode(der, Tag.INTEGER, p.contentStart, p.end);
          if (n.length > 4) throw new DerError('RSASSA-PSS salt length too large', n.start);
          pssSaltLength = Number.parseInt(integerHex(contentOf(der, n), n.contentStart), 16);
        }
      }
    }
  }
  return { oid, pssHash, pssSaltLength };
}

/**
 * Same result as integerHex (uppercase, redundant leading 00/FF bytes removed) using Buffer's native hex encoder,
 * which is several times faster for hundreds of thousands of serials.
 */
function serialHexAt(der: Uint8Array, hexSource: Buffer, start: number, end: number): string {
  let s = start;
  while (s < end - 1 && ((der[s] === 0x00 && (der[s + 1]! & 0x80) === 0) || (der[s] === 0xff && (der[s + 1]! & 0x80) !== 0))) s++;
  return hexSource.toString('hex', s, end).toUpperCase();
}

/** Splits an Extension into OID and value view; throws DerError when malformed. */
function extensionParts(der: Uint8Array, ext: DerNode): { oid: string; value: Uint8Array; valueStart: number } {
  if (ext.tag !== Tag.SEQUENCE) throw new DerError('Extension is not a SEQUENCE', ext.start);
  const { oid, node: oidNode } = readOid(der, ext.contentStart, ext.end);
  let next = readNode(der, oidNode.end, ext.end);
  if (next.tag === Tag.BOOLEAN) next = readNode(der, next.end, ext.end);
  if (next.tag !== Tag.OCTET_STRING) throw new DerError('Extension value is not an OCTET STRING', next.start);
  return { oid, value: contentOf(der, next), valueStart: next.contentStart };
}

// reasonCode OID 2.5.29.21 as DER content octets, compared byte-wise on the hot path.
const REASON_OID_0 = 0x55;
const REASON_OID_1 = 0x1d;
const REASON_OID_2 = 0x15;
/** Last content octet of invalidityDate (2.5.29.24). */
const INVALIDITY_OID_2 = 0x18;

/** Largest element length accepted by tlv() (as readNode: 256 MiB). */
const MAX_TLV_LENGTH = 256 * 1024 * 1024;
/** Scratch results of tlv(): first content octet and end of content (the identifier octet is returned). */
let hStart = 0;
let hEnd = 0;

/**
 * Allocation-free header read for the per-entry hot loops: same checks as readNode (truncation, indefinite and
 * over-long lengths, element past `limit`) returning the identifier octet and setting hStart/hEnd. Low tag numbers only.
 */
function tlv(der: Uint8Array, pos: number, limit: number): number {
  if (pos >= limit) throw new DerError('Unexpected end of data (no tag)', pos);
  const tag = der[pos]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('Unexpected high tag number', pos);
  let p = pos + 1;
  if (p >= limit) throw new DerError('Truncated length', p);
  let length = der[p++]!;
  if (length >= 0x80) {
    const count = length & 0x7f;
    if (count === 0) throw new DerError('Indefinite length is not DER', p - 1);
    if (count > 4) throw new DerError('Length field too long', p - 1);
    if (p + count > limit) throw new DerError('Truncated length', p);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[p++]!;
    if (length > MAX_TLV_LENGTH) throw new DerError('Element too large', pos);
  }
  if (p + length > limit) throw new DerError(`Element length ${length} exceeds available ${limit - p} bytes`, pos);
  hStart = p;
  hEnd = p + length;
  return tag;
}

/**
 * Returns the reasonCode of one entry's extensions (content [start, end) of the crlEntryExtensions SEQUENCE),
 * or -1 when it has none; throws DerError on malformed extensions.
 */
function entryReasonCode(der: Uint8Array, start: number, end: number): number {
  let p = start;
  let n = 0;
  let code = -1;
  let tag: number;
  while (p < end) {
    if (++n > MAX_ENTRY_EXTENSIONS) throw new DerError('Too many entry extensions', p);
    tag = tlv(der, p, end);
    if (tag !== Tag.SEQUENCE) throw new DerError('Entry extension is not a SEQUENCE', p);
    const extEnd = hEnd;
    tag = tlv(der, hStart, extEnd);
    if (tag !== Tag.OID) throw new DerError('Entry extension has no OID', p);
    const o = hStart;
    const isReason = hEnd - o === 3 && der[o] === REASON_OID_0 && der[o + 1] === REASON_OID_1 && der[o + 2] === REASON_OID_2;
    tag = tlv(der, hEnd, extEnd);
    if (tag === Tag.BOOLEAN) tag = tlv(der, hEnd, extEnd);
    if (tag !== Tag.OCTET_STRING) throw new DerError('Extension value is not an OCTET STRING', p);
    if (isReason) {
      const valueEnd = hEnd;
      tag = tlv(der, hStart, valueEnd);
      if (tag !== 0x0a || hEnd === hStart || hEnd - hStart > 4) throw new DerError('Bad reasonCode', p);
      code = 0;
      for (let k = hStart; k < hEnd; k++) code = code * 256 + der[k]!;
    }
    p = extEnd;
  }
  return code;
}

/** Sets hStart/hEnd to the serial content of the revoked entry at `offset` (offsets come from ParsedCrl.entryOffsets). */
function serialAt(der: Uint8Array, offset: number): void {
  tlv(der, offset, der.length);
  tlv(der, hStart, hEnd);
}

function readCrlExtension(der: Uint8Array, ext: DerNode, facts: CrlFacts): void {
  const { oid, value } = extensionParts(der, ext);
  switch (oid) {
    case CrlOid.crlNumber: {
      const n = expectNode(value, Tag.INTEGER, 0);
      facts.crlNumber = integerHex(contentOf(value, n), n.contentStart);
      break;
    }
    case CrlOid.deltaCrlIndicator: {
      const n = expectNode(value, Tag.INTEGER, 0);
      facts.deltaCrlIndicator = integerHex(contentOf(value, n), n.contentStart);
      facts.isDelta = true;
      break;
    }
    case CrlOid.issuingDistributionPoint: {
      facts.hasIssuingDistributionPoint = true;
      const idp = expectNode(value, Tag.SEQUENCE, 0);
      const parts = children(value, idp, 8);
      const dpName = parts.find((c) => c.tag === 0xa0);
      const fullName = dpName ? children(value, dpName, 2).find((c) => c.tag === 0xa0) : undefined;
      if (fullName) facts.idpUrls.push(...uriNames(value, fullName));
      const flag = (tag: number): boolean => {
        const node = parts.find((c) => c.tag === tag);
        return node !== undefined && node.length === 1 && value[node.contentStart] !== 0;
      };
      facts.idpScope = {
        onlyContainsUserCerts: flag(0x81),
        onlyContainsCACerts: flag(0x82),
        onlyContainsAttributeCerts: flag(0x85),
        onlySomeReasons: parts.some((c) => c.tag === 0x83),
        indirectCrl: flag(0x84),
      };
      break;
    }
    case CrlOid.authorityKeyIdentifier: {
      const aki = expectNode(value, Tag.SEQUENCE, 0);
      const keyId = children(value, aki, 4).find((c) => c.tag === 0x80);
      if (keyId) facts.authorityKeyId = toHex(contentOf(value, keyId));
      break;
    }
    case CrlOid.freshestCrl: {
      // CRLDistributionPoints syntax: SEQUENCE OF DistributionPoint { [0] { [0] fullName GeneralNames } ... }
      const points = expectNode(value, Tag.SEQUENCE, 0);
      for (const dp of children(value, points, 100)) {
        const name = children(value, dp, 4).find((c) => c.tag === 0xa0);
        const full = name ? children(value, name, 2).find((c) => c.tag === 0xa0) : undefined;
        if (full) facts.freshestCrlUrls.push(...uriNames(value, full));
      }
      break;
    }
    default:
      break;
  }
}

/** URIs (GeneralName [6]) among the names of a GeneralNames element. */
function uriNames(buf: Uint8Array, names: DerNode): string[] {
  return children(buf, names, 1000)
    .filter((gn) => gn.tag === 0x86)
    .map((gn) => decodeString(contentOf(buf, gn)));
}

/** Node digest name for a hash name from oids.ts ("SHA-256" → "sha256"). */
function nodeHash(hash: string): string {
  return hash.toLowerCase().replace('sha-', 'sha');
}

/**
 * Verifies a signature over `signed` (a TBS encoding) with a SubjectPublicKeyInfo (DER).
 * Supports RSA PKCS#1 v1.5, RSASSA-PSS, ECDSA and DSA (DER signatures), Ed25519 and Ed448.
 * Returns false when the signature does not verify, the key does not fit the algorithm, the key cannot be loaded
 * or the algorithm is not supported.
 */
export function verifySignedData(algorithm: SignatureAlgorithmRef, signed: Uint8Array, signature: Uint8Array, spkiDer: Uint8Array): boolean {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(spkiDer.buffer, spkiDer.byteOffset, spkiDer.byteLength), format: 'der', type: 'spki' });
  } catch {
    return false;
  }
  const oid = algorithm.oid;
  const info = signatureAlgorithms.get(oid);
  try {
    if (oid === Oid.ed25519 || oid === Oid.ed448) {
      return verify(null, signed, key, signature);
    }
    if (oid === Oid.rsaPss) {
      if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') return false;
      return verify(
        nodeHash(algorithm.pssHash ?? 'SHA-1'),
        signed,
        { key, padding: cryptoConstants.RSA_PKCS1_PSS_PADDING, saltLength: algorithm.pssSaltLength ?? 20 },
        signature,
      );
    }
    if (info?.hash === undefined) return false;
    const name = info.name;
    const hash = nodeHash(info.hash);
    if (name.startsWith('ecdsa') || name.startsWith('dsa')) {
      const expected = name.startsWith('ecdsa') ? 'ec' : 'dsa';
      if (key.asymmetricKeyType !== expected) return false;
      return verify(hash, signed, { key, dsaEncoding: 'der' }, signature);
    }
    if (name.includes('RSA')) {
      if (key.asymmetricKeyType !== 'rsa') return false;
      return verify(hash, signed, { key, padding: cryptoConstants.RSA_PKCS1_PADDING }, signature);
    }
    return false;
  } catch {
    return false;
  }
}

/** Verifies the CRL signature with the issuer's SubjectPublicKeyInfo (DER); see verifySignedData. */
export function verifyCrlSignature(parsed: ParsedCrl, issuerSpkiDer: Uint8Array): boolean {
  const algorithm: SignatureAlgorithmRef = {
    oid: parsed.signatureAlgorithmOid,
    ...(parsed.pssHash !== undefined ? { pssHash: parsed.pssHash } : {}),
    ...(parsed.pssSaltLength !== undefined ? { pssSaltLength: parsed.pssSaltLength } : {}),
  };
  return verifySignedData(algorithm, parsed.tbs, parsed.signature, issuerSpkiDer);
}

/** Whether the string is already uppercase hex without a leading zero (or exactly "0"): the common lookup case. */
function isCanonicalHex(value: string): boolean {
  const n = value.length;
  if (n === 0) return false;
  if (value.charCodeAt(0) === 0x30) return n === 1;
  for (let k = 0; k < n; k++) {
    const c = value.charCodeAt(k);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46))) return false;
  }
  return true;
}

/** Normalises a serial for lookup: uppercase hex without separators, "0x" prefix or leading zeros. */
export function normalizeSerialHex(serialHex: string): string {
  if (isCanonicalHex(serialHex)) return serialHex;
  const hex = serialHex.trim().replace(/^0x/i, '').replace(/[:\s]/g, '').toUpperCase();
  let k = 0;
  while (k < hex.length - 1 && hex[k] === '0') k++;
  return hex.slice(k);
}

/** One revoked entry as a lookup returns it. */
export interface RevokedEntry {
  /** Uppercase hex as listed (minimal two's complement). */
  readonly serialNumberHex: string;
  /** ISO 8601 UTC. */
  readonly revokedAt: string;
  /** reasonCode name ("keyCompromise", ...), when the entry has one. */
  readonly reason?: string;
  /** invalidityDate entry extension, ISO 8601 UTC, when present. */
  readonly invalidityDate?: string;
}

/** Serial content bytes without leading zero octets (serials compare as unsigned magnitudes). */
function magnitudeStart(der: Uint8Array, start: number, end: number): number {
  let s = start;
  while (s < end - 1 && der[s] === 0) s++;
  return s;
}

/** FNV-1a over bytes[start, end). */
function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
  return h >>> 0;
}

/** Scratch buffer for lookup keys (serials are at most 20 octets; hostile input may be longer). */
let keyScratch = new Uint8Array(64);

/** Hex digit value of a char code, or -1. */
function nibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/**
 * Decodes a serial given as hex (any case, optional "0x", ":" or whitespace separators) into keyScratch without
 * leading zero octets; returns the key length, or -1 when the text is not hex.
 */
function serialKey(serialHex: string): number {
  let i = serialHex.length > 1 && serialHex.charCodeAt(0) === 0x30 && (serialHex.charCodeAt(1) | 0x20) === 0x78 ? 2 : 0;
  let digits = 0;
  for (let k = i; k < serialHex.length; k++) {
    const c = serialHex.charCodeAt(k);
    if (nibble(c) >= 0) digits++;
    else if (c !== 0x3a && c !== 0x20 && c !== 0x09) return -1;
  }
  if (digits === 0) return -1;
  const bytes = (digits + 1) >> 1;
  if (bytes > keyScratch.length) keyScratch = new Uint8Array(bytes * 2);
  let out = 0;
  let high = digits % 2 === 1 ? 0 : -1; // an odd count starts with a lone low nibble
  if (high === 0) {
    for (; i < serialHex.length; i++) {
      const v = nibble(serialHex.charCodeAt(i));
      if (v >= 0) {
        keyScratch[out++] = v;
        i++;
        break;
      }
    }
    high = -1;
  }
  for (; i < serialHex.length; i++) {
    const v = nibble(serialHex.charCodeAt(i));
    if (v < 0) continue;
    if (high < 0) high = v;
    else {
      keyScratch[out++] = (high << 4) | v;
      high = -1;
    }
  }
  let start = 0;
  while (start < out - 1 && keyScratch[start] === 0) start++;
  if (start > 0) keyScratch.copyWithin(0, start, out);
  return out - start;
}

/**
 * Revocation lookup over one parsed CRL without materialising serial strings: an open-addressing hash table of
 * entry numbers with each slot's 32-bit hash beside it (two Uint32 per slot, at most 2 slots per entry), keyed by
 * the serial bytes inside the CRL's DER. Memory is about 16 to 32 bytes per entry on top of the DER itself.
 */
export class CrlIndex {
  private readonly table: Uint32Array;
  private readonly hashes: Uint32Array;
  private readonly mask: number;

  private constructor(private readonly crl: ParsedCrl) {
    const n = crl.entryOffsets.length;
    let capacity = 16;
    while (capacity < n * 2) capacity *= 2;
    this.table = new Uint32Array(capacity);
    this.hashes = new Uint32Array(capacity);
    this.mask = capacity - 1;
    const der = crl.der;
    for (let i = 0; i < n; i++) {
      serialAt(der, crl.entryOffsets[i]!);
      const serialEnd = hEnd;
      const h = fnv1a(der, magnitudeStart(der, hStart, serialEnd), serialEnd);
      let slot = h & this.mask;
      while (this.table[slot] !== 0) slot = (slot + 1) & this.mask;
      this.table[slot] = i + 1;
      this.hashes[slot] = h;
    }
  }

  /** Builds the index from a parsed CRL. */
  static fromCrl(parsed: ParsedCrl): CrlIndex {
    return new CrlIndex(parsed);
  }

  /** Number of revoked entries (duplicates included). */
  get size(): number {
    return this.crl.entryOffsets.length;
  }

  /** Whether the serial (hex in any case, with or without leading zeros, "0x" or colons) is listed. */
  isRevoked(serialHex: string): boolean {
    return this.find(serialHex) >= 0;
  }

  /**
   * The first entry listing the serial, with revocation date and reason; undefined when it is not listed.
   * Throws CrlParseError when that entry's date or extensions are malformed (the walk checks only their structure).
   */
  lookup(serialHex: string): RevokedEntry | undefined {
    const i = this.find(serialHex);
    if (i < 0) return undefined;
    try {
      return readRevokedEntry(this.crl.der, this.crl.entryOffsets[i]!);
    } catch (error) {
      if (error instanceof DerError) throw new CrlParseError(`Malformed revoked entry: ${error.message}`, { cause: error });
      throw error;
    }
  }

  private find(serialHex: string): number {
    const keyLength = serialKey(serialHex);
    if (keyLength < 0) return -1;
    const key = keyScratch;
    const der = this.crl.der;
    const h = fnv1a(key, 0, keyLength);
    let slot = h & this.mask;
    for (;;) {
      const v = this.table[slot]!;
      if (v === 0) return -1;
      if (this.hashes[slot] === h) {
        serialAt(der, this.crl.entryOffsets[v - 1]!);
        const start = magnitudeStart(der, hStart, hEnd);
        if (hEnd - start === keyLength) {
          let k = 0;
          while (k < keyLength && der[start + k] === key[k]) k++;
          if (k === keyLength) return v - 1;
        }
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

/** Two ASCII digits at `at` as a number, or NaN. */
function twoDigits(der: Uint8Array, at: number): number {
  const a = der[at]! - 0x30;
  const b = der[at + 1]! - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
}

/**
 * ISO string of the UTCTime or GeneralizedTime whose content is [start, end): a fast path for the DER forms
 * (YYMMDDHHMMSSZ, YYYYMMDDHHMMSSZ), decodeTime for anything else. Throws DerError when it is not a valid time.
 */
function timeIso(der: Uint8Array, nodeStart: number, tag: number, start: number, end: number): string {
  const length = end - start;
  if ((tag === Tag.UTC_TIME && length === 13) || (tag === Tag.GENERALIZED_TIME && length === 15)) {
    let p = start;
    let year: number;
    if (tag === Tag.UTC_TIME) {
      const yy = twoDigits(der, p);
      year = yy >= 50 ? 1900 + yy : 2000 + yy;
      p += 2;
    } else {
      year = twoDigits(der, p) * 100 + twoDigits(der, p + 2);
      p += 4;
    }
    const month = twoDigits(der, p);
    const day = twoDigits(der, p + 2);
    const ms = Date.UTC(year, month - 1, day, twoDigits(der, p + 4), twoDigits(der, p + 6), twoDigits(der, p + 8));
    const date = new Date(ms);
    if (der[end - 1] === 0x5a && year >= 100 && !Number.isNaN(ms) && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return date.toISOString();
  }
  return decodeTime(der, readNode(der, nodeStart)).toISOString();
}

/** Decodes one revoked entry (serial, date, reasonCode, invalidityDate) at `offset` of a CRL's DER. */
function readRevokedEntry(der: Uint8Array, offset: number): RevokedEntry {
  tlv(der, offset, der.length);
  const entryEnd = hEnd;
  tlv(der, hStart, entryEnd);
  const serialStart = hStart;
  const serialEnd = hEnd;
  const dateTag = tlv(der, serialEnd, entryEnd);
  const revokedAt = timeIso(der, serialEnd, dateTag, hStart, hEnd);
  let reason: string | undefined;
  let invalidityDate: string | undefined;
  if (hEnd < entryEnd) {
    // Structure checked by the walk; read with tlv() so lookups allocate almost nothing.
    tlv(der, hEnd, entryEnd);
    let p = hStart;
    const extsEnd = hEnd;
    while (p < extsEnd) {
      tlv(der, p, extsEnd);
      const extEnd = hEnd;
      tlv(der, hStart, extEnd);
      const o = hStart;
      const isReason = hEnd - o === 3 && der[o] === REASON_OID_0 && der[o + 1] === REASON_OID_1 && der[o + 2] === REASON_OID_2;
      const isInvalidity = hEnd - o === 3 && der[o] === REASON_OID_0 && der[o + 1] === REASON_OID_1 && der[o + 2] === INVALIDITY_OID_2;
      let tag = tlv(der, hEnd, extEnd);
      if (tag === Tag.BOOLEAN) tag = tlv(der, hEnd, extEnd);
      const valueEnd = hEnd;
      if (isReason) {
        tlv(der, hStart, valueEnd);
        let code = 0;
        for (let k = hStart; k < hEnd; k++) code = code * 256 + der[k]!;
        reason = REASON_NAMES[code] ?? `unknown(${code})`;
      } else if (isInvalidity) {
        try {
          const timeStart = hStart;
          tag = tlv(der, timeStart, valueEnd);
          if (tag === Tag.GENERALIZED_TIME) invalidityDate = timeIso(der, timeStart, tag, hStart, hEnd);
        } catch {
          // A malformed invalidityDate is not worth failing the lookup: the entry is still revoked.
        }
      }
      p = extEnd;
    }
  }
  return {
    serialNumberHex: serialHexAt(der, Buffer.from(der.buffer, der.byteOffset, der.byteLength), serialStart, serialEnd),
    revokedAt,
    ...(reason !== undefined ? { reason } : {}),
    ...(invalidityDate !== undefined ? { invalidityDate } : {}),
  };
}

/** Reason name of a CRLReason / OCSP revocationReason code (RFC 5280 §5.3.1). */
export function reasonName(code: number): string {
  return REASON_NAMES[code] ?? `unknown(${code})`;
}
