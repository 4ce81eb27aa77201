import { createHash, X509Certificate } from 'node:crypto';
import type { CertificateFacts, KeyAlgorithm } from '../../model/evidence.js';
import { CollectError } from '../engine/define-collector.js';
import {
  bitString,
  children,
  contentOf,
  decodeOid,
  decodeString,
  decodeTime,
  DerError,
  type DerNode,
  encodingOf,
  expectNode,
  integerHex,
  readNode,
  readOid,
  Tag,
  toHex,
  unsignedBitLength,
} from './der.js';
import { extendedKeyUsageName, hashAlgorithms, keyAlgorithms, keyUsageBits, namedCurves, Oid, signatureAlgorithms } from './oids.js';

/** Thrown when bytes are not a certificate the tool can read; `code` is always 'parse'. */
export class CertificateParseError extends CollectError {
  override name = 'CertificateParseError';
  constructor(message: string, options?: ErrorOptions) {
    super('parse', message, options);
  }
}

/** Caps that keep one hostile certificate from costing more than a few milliseconds. */
const MAX_CERT_BYTES = 1024 * 1024;
const MAX_LIST_ITEMS = 1000;

/**
 * Parses one DER certificate into plain facts.
 * A bounded DER walk reads every field (about 10 µs); node:crypto X509Certificate is used only to verify the
 * signature of certificates whose subject equals their issuer, because its parse alone costs more than the whole walk.
 * Returns the facts; throws CertificateParseError on anything that is not a well-formed X.509 certificate.
 */
export function toCertificateFacts(der: Uint8Array): CertificateFacts {
  if (der.length > MAX_CERT_BYTES) throw new CertificateParseError(`Certificate too large (${der.length} bytes)`);
  let walked: Walked;
  try {
    walked = walkCertificate(der);
  } catch (error) {
    if (error instanceof DerError) throw new CertificateParseError(`Malformed certificate: ${error.message}`, { cause: error });
    throw error;
  }

  const notBefore = walked.notBefore;
  const notAfter = walked.notAfter;
  const sigInfo = signatureAlgorithms.get(walked.signatureAlgorithmOid);
  const signatureHash = walked.pssHash ?? sigInfo?.hash;
  const keyInfo = keyAlgorithms.get(walked.keyAlgorithmOid);

  return {
    sha256: createHash('sha256').update(der).digest('hex'),
    subject: walked.subject,
    issuer: walked.issuer,
    serialNumberHex: walked.serialNumberHex,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    validitySeconds: Math.floor((notAfter.getTime() - notBefore.getTime()) / 1000) + 1,
    isCa: walked.isCa,
    isSelfSigned: walked.namesEqual && verifiesItself(der),
    keyAlgorithm: keyInfo?.family ?? ('other' satisfies KeyAlgorithm),
    keyAlgorithmOid: walked.keyAlgorithmOid,
    ...(keyInfo ? { keyAlgorithmName: keyInfo.name } : {}),
    ...(walked.keySizeBits !== undefined ? { keySizeBits: walked.keySizeBits } : {}),
    ...(walked.curve !== undefined ? { curve: walked.curve } : {}),
    signatureAlgorithmOid: walked.signatureAlgorithmOid,
    signatureAlgorithm: sigInfo?.name ?? walked.signatureAlgorithmOid,
    ...(signatureHash !== undefined ? { signatureHash } : {}),
    subjectAltNames: walked.subjectAltNames,
    keyUsage: walked.keyUsage,
    extendedKeyUsage: walked.extendedKeyUsage,
    ocspUrls: walked.ocspUrls,
    caIssuerUrls: walked.caIssuerUrls,
    crlUrls: walked.crlUrls,
    policyOids: walked.policyOids,
    embeddedSctCount: walked.embeddedSctCount,
    spkiSha256: createHash('sha256').update(walked.spki).digest('hex'),
  };
}

/**
 * Whether the certificate's signature verifies with its own key (node:crypto; only called when subject equals issuer,
 * so the common leaf path never pays for an OpenSSL parse).
 */
function verifiesItself(der: Uint8Array): boolean {
  try {
    const x509 = new X509Certificate(der);
    return x509.checkIssued(x509) && x509.verify(x509.publicKey);
  } catch {
    return false; // certificate or key type node cannot load (e.g. ML-DSA on Node 20): not provably self-signed
  }
}

interface Walked {
  subject: string;
  issuer: string;
  serialNumberHex: string;
  signatureAlgorithmOid: string;
  pssHash?: string;
  notBefore: Date;
  notAfter: Date;
  namesEqual: boolean;
  keyAlgorithmOid: string;
  keySizeBits?: number;
  curve?: string;
  spki: Uint8Array;
  isCa: boolean;
  subjectAltNames: string[];
  keyUsage: string[];
  extendedKeyUsage: string[];
  ocspUrls: string[];
  caIssuerUrls: string[];
  crlUrls: string[];
  policyOids: string[];
  embeddedSctCount: number;
}

function walkCertificate(der: Uint8Array): Walked {
  const cert = expectNode(der, Tag.SEQUENCE, 0);
  if (cert.end !== der.length) throw new DerError('Trailing data after certificate', cert.end);
  const [tbs, sigAlg, sigValue] = children(der, cert, 4);
  if (!tbs || !sigAlg || !sigValue || tbs.tag !== Tag.SEQUENCE || sigAlg.tag !== Tag.SEQUENCE || sigValue.tag !== Tag.BIT_STRING) {
    throw new DerError('Not an X.509 certificate (expected tbsCertificate, signatureAlgorithm, signatureValue)', cert.start);
  }
  const fields = children(der, tbs, 16);
  let i = 0;
  if (fields[0]?.tag === 0xa0) i++; // [0] EXPLICIT version
  const serial = need(fields[i++], Tag.INTEGER, 'serialNumber', tbs);
  need(fields[i++], Tag.SEQUENCE, 'signature', tbs);
  const issuer = need(fields[i++], Tag.SEQUENCE, 'issuer', tbs);
  const validity = need(fields[i++], Tag.SEQUENCE, 'validity', tbs);
  const subject = need(fields[i++], Tag.SEQUENCE, 'subject', tbs);
  const spki = need(fields[i++], Tag.SEQUENCE, 'subjectPublicKeyInfo', tbs);

  const [nb, na] = children(der, validity, 2);
  if (!nb || !na) throw new DerError('Validity needs notBefore and notAfter', validity.start);

  const sigAlgOidNode = readOid(der, sigAlg.contentStart, sigAlg.end);
  const walked: Walked = {
    subject: formatName(der, subject),
    issuer: formatName(der, issuer),
    serialNumberHex: integerHex(contentOf(der, serial), serial.contentStart),
    signatureAlgorithmOid: sigAlgOidNode.oid,
    notBefore: decodeTime(der, nb),
    notAfter: decodeTime(der, na),
    namesEqual: bytesEqual(encodingOf(der, issuer), encodingOf(der, subject)),
    keyAlgorithmOid: '',
    spki: encodingOf(der, spki),
    isCa: false,
    subjectAltNames: [],
    keyUsage: [],
    extendedKeyUsage: [],
    ocspUrls: [],
    caIssuerUrls: [],
    crlUrls: [],
    policyOids: [],
    embeddedSctCount: 0,
  };
  if (walked.signatureAlgorithmOid === Oid.rsaPss && sigAlgOidNode.node.end < sigAlg.end) {
    const pssHash = readPssHash(der, readNode(der, sigAlgOidNode.node.end, sigAlg.end));
    if (pssHash !== undefined) walked.pssHash = pssHash;
  }
  readKey(der, spki, walked);

  for (; i < fields.length; i++) {
    const field = fields[i]!;
    if (field.tag !== 0xa3) continue; // [1]/[2] unique identifiers
    const list = expectNode(der, Tag.SEQUENCE, field.contentStart, field.end);
    for (const ext of children(der, list, MAX_LIST_ITEMS)) readExtension(der, ext, walked);
  }
  return walked;
}

function need(node: DerNode | undefined, tag: number, what: string, parent: DerNode): DerNode {
  if (!node) throw new DerError(`Missing ${what}`, parent.start);
  if (node.tag !== tag) throw new DerError(`Unexpected tag 0x${node.tag.toString(16)} for ${what}`, node.start);
  return node;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

function readPssHash(der: Uint8Array, params: DerNode): string | undefined {
  if (params.tag !== Tag.SEQUENCE) return undefined;
  for (const p of children(der, params, 8)) {
    if (p.tag === 0xa0) {
      const alg = expectNode(der, Tag.SEQUENCE, p.contentStart, p.end);
      const { oid } = readOid(der, alg.contentStart, alg.end);
      return hashAlgorithms.get(oid) ?? oid;
    }
  }
  return 'SHA-1'; // RFC 4055 default
}

function readKey(der: Uint8Array, spki: DerNode, walked: Walked): void {
  const [alg, key] = children(der, spki, 2);
  if (!alg || alg.tag !== Tag.SEQUENCE || !key || key.tag !== Tag.BIT_STRING) throw new DerError('Malformed SubjectPublicKeyInfo', spki.start);
  const { oid, node: oidNode } = readOid(der, alg.contentStart, alg.end);
  walked.keyAlgorithmOid = oid;
  const params = oidNode.end < alg.end ? readNode(der, oidNode.end, alg.end) : undefined;
  const { bytes } = bitString(contentOf(der, key), key.contentStart);
  if (oid === Oid.rsaEncryption || oid === Oid.rsaPss) {
    const rsa = readNode(bytes, 0);
    if (rsa.tag !== Tag.SEQUENCE) return;
    const modulus = readNode(bytes, rsa.contentStart, rsa.end);
    if (modulus.tag === Tag.INTEGER) walked.keySizeBits = unsignedBitLength(contentOf(bytes, modulus));
  } else if (oid === Oid.ecPublicKey) {
    if (params?.tag === Tag.OID) {
      const curveOid = decodeOid(contentOf(der, params), params.contentStart);
      const curve = namedCurves.get(curveOid);
      walked.curve = curve?.name ?? curveOid;
      if (curve) walked.keySizeBits = curve.bits;
    }
  } else if (oid === Oid.ed25519) {
    walked.keySizeBits = 256;
  } else if (oid === Oid.ed448) {
    walked.keySizeBits = 456;
  } else if (oid === '1.2.840.10040.4.1' && params?.tag === Tag.SEQUENCE) {
    const p = readNode(der, params.contentStart, params.end);
    if (p.tag === Tag.INTEGER) walked.keySizeBits = unsignedBitLength(contentOf(der, p));
  }
}

function readExtension(der: Uint8Array, ext: DerNode, walked: Walked): void {
  if (ext.tag !== Tag.SEQUENCE) throw new DerError('Extension is not a SEQUENCE', ext.start);
  const { oid, node: oidNode } = readOid(der, ext.contentStart, ext.end);
  let next = readNode(der, oidNode.end, ext.end);
  if (next.tag === Tag.BOOLEAN) next = readNode(der, next.end, ext.end);
  if (next.tag !== Tag.OCTET_STRING) throw new DerError('Extension value is not an OCTET STRING', next.start);
  const value = contentOf(der, next);
  switch (oid) {
    case Oid.subjectAltName:
      walked.subjectAltNames.push(...generalNames(value, readNode(value, 0)));
      break;
    case Oid.basicConstraints: {
      const seq = expectNode(value, Tag.SEQUENCE, 0);
      const first = children(value, seq, 2)[0];
      walked.isCa = first?.tag === Tag.BOOLEAN && first.length === 1 && value[first.contentStart] !== 0;
      break;
    }
    case Oid.keyUsage: {
      const node = expectNode(value, Tag.BIT_STRING, 0);
      const { bytes } = bitString(contentOf(value, node), node.contentStart);
      keyUsageBits.forEach((name, bit) => {
        const byte = bytes[bit >> 3];
        if (byte !== undefined && (byte & (0x80 >> (bit & 7))) !== 0) walked.keyUsage.push(name);
      });
      break;
    }
    case Oid.extKeyUsage:
      for (const n of children(value, expectNode(value, Tag.SEQUENCE, 0), MAX_LIST_ITEMS)) {
        if (n.tag === Tag.OID) walked.extendedKeyUsage.push(extendedKeyUsageName(decodeOid(contentOf(value, n), n.contentStart)));
      }
      break;
    case Oid.crlDistributionPoints:
      for (const dp of children(value, expectNode(value, Tag.SEQUENCE, 0), MAX_LIST_ITEMS)) {
        if (dp.tag !== Tag.SEQUENCE) continue;
        const dpName = children(value, dp, 3).find((n) => n.tag === 0xa0);
        const fullName = dpName ? children(value, dpName, 2).find((n) => n.tag === 0xa0) : undefined;
        if (fullName) walked.crlUrls.push(...uris(value, fullName));
      }
      break;
    case Oid.authorityInfoAccess:
      for (const ad of children(value, expectNode(value, Tag.SEQUENCE, 0), MAX_LIST_ITEMS)) {
        if (ad.tag !== Tag.SEQUENCE) continue;
        const method = readOid(value, ad.contentStart, ad.end);
        if (method.node.end >= ad.end) continue;
        const location = readNode(value, method.node.end, ad.end);
        if (location.tag !== 0x86) continue;
        const url = decodeString(contentOf(value, location));
        if (method.oid === Oid.accessOcsp) walked.ocspUrls.push(url);
        else if (method.oid === Oid.accessCaIssuers) walked.caIssuerUrls.push(url);
      }
      break;
    case Oid.certificatePolicies:
      for (const pi of children(value, expectNode(value, Tag.SEQUENCE, 0), MAX_LIST_ITEMS)) {
        if (pi.tag === Tag.SEQUENCE) walked.policyOids.push(readOid(value, pi.contentStart, pi.end).oid);
      }
      break;
    case Oid.embeddedSctList:
      walked.embeddedSctCount = countScts(value);
      break;
    default:
      break;
  }
}

/** Counts entries of a TLS-encoded SignedCertificateTimestampList wrapped in an OCTET STRING (RFC 6962 §3.3). */
function countScts(value: Uint8Array): number {
  const inner = expectNode(value, Tag.OCTET_STRING, 0);
  const list = contentOf(value, inner);
  if (list.length < 2) throw new DerError('SCT list too short', inner.contentStart);
  const total = (list[0]! << 8) | list[1]!;
  if (total + 2 > list.length) throw new DerError('SCT list length exceeds extension', inner.contentStart);
  let pos = 2;
  let count = 0;
  while (pos < total + 2) {
    if (pos + 2 > total + 2) throw new DerError('Truncated SCT length', inner.contentStart + pos);
    const len = (list[pos]! << 8) | list[pos + 1]!;
    pos += 2 + len;
    if (pos > total + 2) throw new DerError('SCT exceeds list', inner.contentStart + pos);
    if (++count > MAX_LIST_ITEMS) throw new DerError('Too many SCTs', inner.contentStart);
  }
  return count;
}

function uris(buf: Uint8Array, names: DerNode): string[] {
  return children(buf, names, MAX_LIST_ITEMS)
    .filter((n) => n.tag === 0x86)
    .map((n) => decodeString(contentOf(buf, n)));
}

function generalNames(buf: Uint8Array, seq: DerNode): string[] {
  if (seq.tag !== Tag.SEQUENCE) throw new DerError('GeneralNames is not a SEQUENCE', seq.start);
  const out: string[] = [];
  for (const n of children(buf, seq, MAX_LIST_ITEMS)) {
    const content = contentOf(buf, n);
    switch (n.tag) {
      case 0x81:
        out.push(`email:${decodeString(content)}`);
        break;
      case 0x82:
        out.push(`DNS:${decodeString(content)}`);
        break;
      case 0x86:
        out.push(`URI:${decodeString(content)}`);
        break;
      case 0x87:
        out.push(`IP:${formatIp(content)}`);
        break;
      case 0x88:
        out.push(`RID:${decodeOid(content, n.contentStart)}`);
        break;
      case 0xa0: {
        const { oid } = readOid(buf, n.contentStart, n.end);
        out.push(`othername:${oid}`);
        break;
      }
      case 0xa4:
        out.push('DirName');
        break;
      default:
        out.push(`other:0x${n.tag.toString(16)}`);
    }
  }
  return out;
}

/** Formats a 4- or 16-byte address (IPv6 in RFC 5952 compressed form); other lengths as hex. */
export function formatIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length !== 16) return toHex(bytes);
  const groups: number[] = [];
  for (let k = 0; k < 16; k += 2) groups.push((bytes[k]! << 8) | bytes[k + 1]!);
  let bestStart = -1;
  let bestLen = 0;
  for (let k = 0; k < 8; ) {
    if (groups[k] !== 0) {
      k++;
      continue;
    }
    let j = k;
    while (j < 8 && groups[j] === 0) j++;
    if (j - k > bestLen && j - k > 1) {
      bestStart = k;
      bestLen = j - k;
    }
    k = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/** Short names node/OpenSSL print for attribute types; unknown types print as dotted OIDs. */
const ATTRIBUTE_NAMES: ReadonlyMap<string, string> = new Map([
  ['2.5.4.3', 'CN'],
  ['2.5.4.4', 'SN'],
  ['2.5.4.5', 'serialNumber'],
  ['2.5.4.6', 'C'],
  ['2.5.4.7', 'L'],
  ['2.5.4.8', 'ST'],
  ['2.5.4.9', 'street'],
  ['2.5.4.10', 'O'],
  ['2.5.4.11', 'OU'],
  ['2.5.4.12', 'title'],
  ['2.5.4.13', 'description'],
  ['2.5.4.15', 'businessCategory'],
  ['2.5.4.17', 'postalCode'],
  ['2.5.4.41', 'name'],
  ['2.5.4.42', 'GN'],
  ['2.5.4.43', 'initials'],
  ['2.5.4.44', 'generationQualifier'],
  ['2.5.4.46', 'dnQualifier'],
  ['2.5.4.65', 'pseudonym'],
  ['2.5.4.97', 'organizationIdentifier'],
  ['1.2.840.113549.1.9.1', 'emailAddress'],
  ['0.9.2342.19200300.100.1.1', 'UID'],
  ['0.9.2342.19200300.100.1.25', 'DC'],
  ['1.3.6.1.4.1.311.60.2.1.1', 'jurisdictionL'],
  ['1.3.6.1.4.1.311.60.2.1.2', 'jurisdictionST'],
  ['1.3.6.1.4.1.311.60.2.1.3', 'jurisdictionC'],
]);

/** Formats a Name as "C=.., O=.., CN=.." in certificate order (the order node's X509Certificate.subject uses). */
export function formatName(der: Uint8Array, name: DerNode): string {
  const parts: string[] = [];
  for (const rdn of children(der, name, MAX_LIST_ITEMS)) {
    if (rdn.tag !== Tag.SET) throw new DerError('RDN is not a SET', rdn.start);
    const avas: string[] = [];
    for (const ava of children(der, rdn, 64)) {
      if (ava.tag !== Tag.SEQUENCE) throw new DerError('AttributeTypeAndValue is not a SEQUENCE', ava.start);
      const { oid, node } = readOid(der, ava.contentStart, ava.end);
      const value = readNode(der, node.end, ava.end);
      avas.push(`${ATTRIBUTE_NAMES.get(oid) ?? oid}=${escapeValue(decodeDirectoryString(der, value))}`);
    }
    parts.push(avas.join(' + '));
  }
  return parts.join(', ');
}

function decodeDirectoryString(der: Uint8Array, node: DerNode): string {
  const content = contentOf(der, node);
  switch (node.tag) {
    case 0x1e: {
      // BMPString: UTF-16BE
      let out = '';
      for (let k = 0; k + 1 < content.length; k += 2) out += String.fromCharCode((content[k]! << 8) | content[k + 1]!);
      return out;
    }
    case 0x1c: {
      // UniversalString: UTF-32BE
      let out = '';
      for (let k = 0; k + 3 < content.length; k += 4) {
        const cp = ((content[k]! << 24) | (content[k + 1]! << 16) | (content[k + 2]! << 8) | content[k + 3]!) >>> 0;
        out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
      }
      return out;
    }
    case 0x14: // TeletexString: treated as Latin-1, as OpenSSL does
      return String.fromCharCode(...content.subarray(0, 4096));
    case Tag.UTF8_STRING:
    case Tag.PRINTABLE_STRING:
    case Tag.IA5_STRING:
    case 0x1a: // VisibleString
    case 0x12: // NumericString
      return decodeString(content);
    default:
      return `#${toHex(encodingOf(der, node))}`;
  }
}

/** Escapes control characters so one name stays on one line. */
function escapeValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
