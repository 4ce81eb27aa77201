import { AsyncLocalStorage } from 'node:async_hooks';
import { hash, X509Certificate } from 'node:crypto';
import type { CertificateFacts, EmbeddedSct, KeyAlgorithm, NameConstraints, RsaWeakness } from '../../model/evidence.js';
import { CollectError } from '../engine/define-collector.js';
import {
  bitString,
  bytesEqual,
  children,
  contentOf,
  decodeOid,
  decodeString,
  decodeTimeMs,
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
import { isFermatFactorable, rsaWeaknesses, type DebianWeakKeys } from './weak-keys.js';

/** Thrown when bytes are not a certificate the tool can read; `code` is always 'parse'. */
export class CertificateParseError extends CollectError {
  override name = 'CertificateParseError';
  constructor(message: string, options?: ErrorOptions) {
    super('parse', message, options);
  }
}

/** Options of one parse. */
export interface CertificateFactsOptions {
  /** Debian weak-key list (openssl-blacklist format, see weak-keys.ts); without it 'debian-weak' is never reported. */
  readonly debianWeakKeys?: DebianWeakKeys;
  /**
   * Run the Fermat check on RSA keys (default true). It costs about 10 µs per distinct RSA key (BigInt square root of
   * the modulus; results are cached per key), a third of the parse: bulk imports of millions of certificates may skip it.
   */
  readonly fermat?: boolean;
}

/** The options of a call that gives none (one shared object: such a call takes the scope's defaults as they are). */
const NO_OPTIONS: CertificateFactsOptions = {};

/** Options in force for every parse inside withCertificateFactsDefaults (a scan's weak-key lists). */
const defaultOptions = new AsyncLocalStorage<CertificateFactsOptions>();

/**
 * Runs `fn` with `options` as the defaults of every toCertificateFacts call it makes, also after awaits and in the
 * callbacks it schedules, so a scan's configuration (the Debian weak-key lists) reaches every collector without
 * passing it through each call site. Options a call gives itself win. Returns what `fn` returns.
 */
export function withCertificateFactsDefaults<T>(options: CertificateFactsOptions, fn: () => T): T {
  // No defaults inside or around: run fn as it is (node then never installs its async-context hooks).
  if (Object.keys(options).length === 0 && defaultOptions.getStore() === undefined) return fn();
  return defaultOptions.run(options, fn);
}

/** Caps that keep one hostile certificate from costing more than a few milliseconds. */
const MAX_CERT_BYTES = 1024 * 1024;
const MAX_LIST_ITEMS = 1000;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Parses one DER certificate into plain facts.
 * A bounded DER walk reads every field (about 10 µs); node:crypto X509Certificate is used only to verify the
 * signature of certificates whose subject equals their issuer, because its parse alone costs more than the whole walk.
 * RSA keys are checked for weak-key signals (exponent, Fermat factorisation, and the Debian list when given here or
 * by an enclosing withCertificateFactsDefaults).
 * Returns the facts; throws CertificateParseError on anything that is not a well-formed X.509 certificate.
 */
export function toCertificateFacts(der: Uint8Array, options: CertificateFactsOptions = NO_OPTIONS): CertificateFacts {
  if (der.length > MAX_CERT_BYTES) throw new CertificateParseError(`Certificate too large (${der.length} bytes)`);
  const defaults = defaultOptions.getStore();
  const effective = defaults === undefined ? options : options === NO_OPTIONS ? defaults : { ...defaults, ...options };
  try {
    return walkCertificate(der, effective);
  } catch (error) {
    if (error instanceof DerError) throw new CertificateParseError(`Malformed certificate: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * Whether `issuerDer`'s key verifies `childDer`'s signature and its subject matches the child's issuer (node:crypto).
 * The cold-path tie-breaker when several certificates could have issued one; returns false for anything unreadable.
 */
export function verifiesIssuedBy(childDer: Uint8Array, issuerDer: Uint8Array): boolean {
  try {
    const child = new X509Certificate(childDer);
    const issuer = new X509Certificate(issuerDer);
    return child.checkIssued(issuer) && child.verify(issuer.publicKey);
  } catch {
    return false; // a certificate or key type node cannot load (e.g. ML-DSA on Node 20) proves nothing
  }
}

/**
 * Whether the certificate's signature verifies with its own key (node:crypto; only called when subject equals issuer,
 * so the common leaf path never pays for an OpenSSL parse).
 */
function verifiesItself(der: Uint8Array): boolean {
  return verifiesIssuedBy(der, der);
}

/** What the extension walk collects besides the list-valued facts. */
interface ExtensionState {
  isCa: boolean;
  pathLenConstraint?: number;
  subjectKeyIdentifier?: string;
  authorityKeyIdentifier?: string;
  nameConstraints?: NameConstraints;
  mustStaple: boolean;
  precertificate: boolean;
  embeddedSctCount: number;
  embeddedScts?: EmbeddedSct[];
  subjectAltNames: string[];
  keyUsage: string[];
  extendedKeyUsage: string[];
  ocspUrls: string[];
  caIssuerUrls: string[];
  crlUrls: string[];
  policyOids: string[];
}

/** What the key walk finds. */
interface KeyState {
  keySizeBits?: number;
  curve?: string;
  rsaPublicExponent?: number;
  rsaWeaknesses?: RsaWeakness[];
}

function walkCertificate(der: Uint8Array, options: CertificateFactsOptions): CertificateFacts {
  const cert = expectNode(der, Tag.SEQUENCE, 0);
  if (cert.end !== der.length) throw new DerError('Trailing data after certificate', cert.end);
  const tbs = readNode(der, cert.contentStart, cert.end);
  const sigAlg = tbs.end < cert.end ? readNode(der, tbs.end, cert.end) : undefined;
  const sigValue = sigAlg && sigAlg.end < cert.end ? readNode(der, sigAlg.end, cert.end) : undefined;
  if (!sigAlg || !sigValue || sigValue.end !== cert.end || tbs.tag !== Tag.SEQUENCE || sigAlg.tag !== Tag.SEQUENCE || sigValue.tag !== Tag.BIT_STRING) {
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

  const nb = validity.contentStart < validity.end ? readNode(der, validity.contentStart, validity.end) : undefined;
  const na = nb && nb.end < validity.end ? readNode(der, nb.end, validity.end) : undefined;
  if (!nb || !na) throw new DerError('Validity needs notBefore and notAfter', validity.start);
  const notBeforeMs = decodeTimeMs(der, nb);
  const notAfterMs = decodeTimeMs(der, na);

  const { oid: signatureAlgorithmOid, node: sigAlgOidNode } = readOid(der, sigAlg.contentStart, sigAlg.end);
  let pssHash: string | undefined;
  if (signatureAlgorithmOid === Oid.rsaPss && sigAlgOidNode.end < sigAlg.end) pssHash = readPssHash(der, readNode(der, sigAlgOidNode.end, sigAlg.end));

  const issuerBytes = encodingOf(der, issuer);
  const namesEqual = bytesEqual(issuerBytes, encodingOf(der, subject));
  const issuerName = formatNameCached(der, issuer, issuerBytes);
  const subjectName = namesEqual ? issuerName : formatName(der, subject);
  const serialNumberHex = integerHex(contentOf(der, serial), serial.contentStart);

  const spkiSha256 = hash('sha256', encodingOf(der, spki), 'hex');
  const key: KeyState = {};
  const keyAlgorithmOid = readKey(der, spki, spkiSha256, key, options);

  const ext: ExtensionState = {
    isCa: false,
    mustStaple: false,
    precertificate: false,
    embeddedSctCount: 0,
    subjectAltNames: [],
    keyUsage: [],
    extendedKeyUsage: [],
    ocspUrls: [],
    caIssuerUrls: [],
    crlUrls: [],
    policyOids: [],
  };
  for (; i < fields.length; i++) {
    const field = fields[i]!;
    if (field.tag !== 0xa3) continue; // [1]/[2] unique identifiers
    const list = expectNode(der, Tag.SEQUENCE, field.contentStart, field.end);
    let pos = list.contentStart;
    let count = 0;
    while (pos < list.end) {
      if (++count > MAX_LIST_ITEMS) throw new DerError('Too many extensions', pos);
      const extension = readNode(der, pos, list.end);
      readExtension(der, extension, ext);
      pos = extension.end;
    }
  }

  const sigInfo = signatureAlgorithms.get(signatureAlgorithmOid);
  const signatureHash = pssHash ?? sigInfo?.hash;
  const keyInfo = keyAlgorithms.get(keyAlgorithmOid);
  // Fields are assigned in one fixed order (optional ones only when present), so JSON output keeps its layout.
  const facts = {} as Mutable<CertificateFacts>;
  facts.sha256 = hash('sha256', der, 'hex');
  facts.subject = subjectName;
  facts.issuer = issuerName;
  facts.serialNumberHex = serialNumberHex;
  facts.notBefore = isoTime(notBeforeMs);
  facts.notAfter = isoTime(notAfterMs);
  facts.validitySeconds = Math.floor((notAfterMs - notBeforeMs) / 1000) + 1;
  facts.isCa = ext.isCa;
  facts.isSelfSigned = namesEqual && verifiesItself(der);
  facts.keyAlgorithm = keyInfo?.family ?? ('other' satisfies KeyAlgorithm);
  facts.keyAlgorithmOid = keyAlgorithmOid;
  if (keyInfo) facts.keyAlgorithmName = keyInfo.name;
  if (key.keySizeBits !== undefined) facts.keySizeBits = key.keySizeBits;
  if (key.curve !== undefined) facts.curve = key.curve;
  facts.signatureAlgorithmOid = signatureAlgorithmOid;
  facts.signatureAlgorithm = sigInfo?.name ?? signatureAlgorithmOid;
  if (signatureHash !== undefined) facts.signatureHash = signatureHash;
  facts.subjectAltNames = exact(ext.subjectAltNames);
  facts.keyUsage = exact(ext.keyUsage);
  facts.extendedKeyUsage = exact(ext.extendedKeyUsage);
  facts.ocspUrls = exact(ext.ocspUrls);
  facts.caIssuerUrls = exact(ext.caIssuerUrls);
  facts.crlUrls = exact(ext.crlUrls);
  facts.policyOids = exact(ext.policyOids);
  facts.embeddedSctCount = ext.embeddedSctCount;
  facts.spkiSha256 = spkiSha256;
  if (ext.subjectKeyIdentifier !== undefined) facts.subjectKeyIdentifier = ext.subjectKeyIdentifier;
  if (ext.authorityKeyIdentifier !== undefined) facts.authorityKeyIdentifier = ext.authorityKeyIdentifier;
  if (ext.pathLenConstraint !== undefined) facts.pathLenConstraint = ext.pathLenConstraint;
  if (ext.nameConstraints !== undefined) facts.nameConstraints = ext.nameConstraints;
  if (ext.mustStaple) facts.mustStaple = true;
  if (ext.embeddedScts !== undefined) facts.embeddedScts = ext.embeddedScts;
  if (ext.precertificate) facts.precertificate = true;
  if (key.rsaPublicExponent !== undefined) facts.rsaPublicExponent = key.rsaPublicExponent;
  if (key.rsaWeaknesses !== undefined && key.rsaWeaknesses.length > 0) facts.rsaWeaknesses = key.rsaWeaknesses;
  return facts;
}

/** The years whose ISO form has four digits, 1000-01-01 to 9999-12-31, where isoTime formats by itself. */
const ISO_FAST_FROM = Date.UTC(1000, 0, 1);
const ISO_FAST_TO = Date.UTC(10000, 0, 1);

/**
 * Returns `new Date(ms).toISOString()` in a sixth of the time (it is called four times per certificate): the civil
 * date from the day number (H. Hinnant's days-to-civil algorithm), written as one flat string of character codes.
 * Years outside 1000–9999 go to Date, which handles their signs and widths.
 */
export function isoTime(ms: number): string {
  if (!(ms >= ISO_FAST_FROM && ms < ISO_FAST_TO && Math.floor(ms) === ms)) return new Date(ms).toISOString();
  const days = Math.floor(ms / 86_400_000);
  // From here every value is a non-negative integer below 2^31: `| 0` truncates (= floors) in integer arithmetic.
  let rest = ms - days * 86_400_000;
  const z = days + 719_468; // days since 0000-03-01
  const era = (z / 146_097) | 0;
  const dayOfEra = z - era * 146_097;
  const yearOfEra = ((dayOfEra - ((dayOfEra / 1460) | 0) + ((dayOfEra / 36_524) | 0) - ((dayOfEra / 146_096) | 0)) / 365) | 0;
  const dayOfYear = dayOfEra - (365 * yearOfEra + ((yearOfEra / 4) | 0) - ((yearOfEra / 100) | 0));
  const monthFromMarch = ((5 * dayOfYear + 2) / 153) | 0;
  const day = dayOfYear - (((153 * monthFromMarch + 2) / 5) | 0) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hour = (rest / 3_600_000) | 0;
  rest -= hour * 3_600_000;
  const minute = (rest / 60_000) | 0;
  rest -= minute * 60_000;
  const second = (rest / 1000) | 0;
  const milli = rest - second * 1000;
  const century = (year / 100) | 0;
  const yy = year - century * 100;
  return String.fromCharCode(
    tens(century), units(century), tens(yy), units(yy), 45, tens(month), units(month), 45, tens(day), units(day), 84,
    tens(hour), units(hour), 58, tens(minute), units(minute), 58, tens(second), units(second), 46,
    48 + ((milli / 100) | 0), units((milli / 10) | 0), units(milli), 90,
  );
}

/** Character code of the tens digit of 0–99. */
function tens(n: number): number {
  return 48 + ((n / 10) | 0);
}

/** Character code of the units digit of a non-negative integer below 2^31 (integer arithmetic, no float `%`). */
function units(n: number): number {
  return 48 + (n - ((n / 10) | 0) * 10);
}

/**
 * Returns a list without the spare capacity `push` leaves (a one-element array grown by push holds 17 slots): facts
 * stay in memory for the whole scan, a million certificates at a time.
 */
function exact<T>(list: T[]): T[] {
  return list.length === 0 ? [] : list.slice();
}

function need(node: DerNode | undefined, tag: number, what: string, parent: DerNode): DerNode {
  if (!node) throw new DerError(`Missing ${what}`, parent.start);
  if (node.tag !== tag) throw new DerError(`Unexpected tag 0x${node.tag.toString(16)} for ${what}`, node.start);
  return node;
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

/** Reads the SubjectPublicKeyInfo into `key`; returns the key algorithm OID. */
/**
 * Fermat results by SPKI hash: a CA key or a reused key seen in thousands of chains is factored once. Bounded
 * (cleared when full).
 */
const FERMAT_CACHE_MAX = 4096;
const fermatCache = new Map<string, boolean>();

function fermatOf(spkiSha256: string, modulus: Uint8Array): boolean {
  let found = fermatCache.get(spkiSha256);
  if (found === undefined) {
    found = isFermatFactorable(modulus);
    if (fermatCache.size >= FERMAT_CACHE_MAX) fermatCache.clear();
    fermatCache.set(spkiSha256, found);
  }
  return found;
}

function readKey(der: Uint8Array, spki: DerNode, spkiSha256: string, key: KeyState, options: CertificateFactsOptions): string {
  const alg = spki.contentStart < spki.end ? readNode(der, spki.contentStart, spki.end) : undefined;
  const bits = alg && alg.end < spki.end ? readNode(der, alg.end, spki.end) : undefined;
  if (!alg || alg.tag !== Tag.SEQUENCE || !bits || bits.tag !== Tag.BIT_STRING || bits.end !== spki.end) throw new DerError('Malformed SubjectPublicKeyInfo', spki.start);
  const { oid, node: oidNode } = readOid(der, alg.contentStart, alg.end);
  const params = oidNode.end < alg.end ? readNode(der, oidNode.end, alg.end) : undefined;
  const { bytes } = bitString(contentOf(der, bits), bits.contentStart);
  if (oid === Oid.rsaEncryption || oid === Oid.rsaPss) {
    const rsa = readNode(bytes, 0);
    if (rsa.tag !== Tag.SEQUENCE) return oid;
    const modulus = readNode(bytes, rsa.contentStart, rsa.end);
    if (modulus.tag !== Tag.INTEGER) return oid;
    const modulusBytes = contentOf(bytes, modulus);
    key.keySizeBits = unsignedBitLength(modulusBytes);
    const exponent = modulus.end < rsa.end ? readNode(bytes, modulus.end, rsa.end) : undefined;
    if (exponent?.tag !== Tag.INTEGER || exponent.length === 0) return oid;
    const exponentBytes = contentOf(bytes, exponent);
    let value = 0;
    for (const b of exponentBytes) value = value * 256 + b;
    key.rsaPublicExponent = value;
    key.rsaWeaknesses = rsaWeaknesses(modulusBytes, exponentBytes, options.debianWeakKeys, options.fermat !== false && fermatOf(spkiSha256, modulusBytes));
  } else if (oid === Oid.ecPublicKey) {
    if (params?.tag === Tag.OID) {
      const curveOid = decodeOid(contentOf(der, params), params.contentStart);
      const curve = namedCurves.get(curveOid);
      key.curve = curve?.name ?? curveOid;
      if (curve) key.keySizeBits = curve.bits;
    }
  } else if (oid === Oid.ed25519) {
    key.keySizeBits = 256;
  } else if (oid === Oid.ed448) {
    key.keySizeBits = 456;
  } else if (oid === '1.2.840.10040.4.1' && params?.tag === Tag.SEQUENCE) {
    const p = readNode(der, params.contentStart, params.end);
    if (p.tag === Tag.INTEGER) key.keySizeBits = unsignedBitLength(contentOf(der, p));
  }
  return oid;
}

function readExtension(der: Uint8Array, extension: DerNode, ext: ExtensionState): void {
  if (extension.tag !== Tag.SEQUENCE) throw new DerError('Extension is not a SEQUENCE', extension.start);
  const { oid, node: oidNode } = readOid(der, extension.contentStart, extension.end);
  let next = readNode(der, oidNode.end, extension.end);
  let critical = false;
  if (next.tag === Tag.BOOLEAN) {
    critical = next.length === 1 && der[next.contentStart] !== 0;
    next = readNode(der, next.end, extension.end);
  }
  if (next.tag !== Tag.OCTET_STRING) throw new DerError('Extension value is not an OCTET STRING', next.start);
  const value = contentOf(der, next);
  switch (oid) {
    case Oid.subjectAltName:
      for (const name of generalNames(value, readNode(value, 0))) ext.subjectAltNames.push(name);
      break;
    case Oid.basicConstraints: {
      const seq = expectNode(value, Tag.SEQUENCE, 0);
      const [first, second] = children(value, seq, 2);
      ext.isCa = first?.tag === Tag.BOOLEAN && first.length === 1 && value[first.contentStart] !== 0;
      const pathLen = first?.tag === Tag.INTEGER ? first : second?.tag === Tag.INTEGER ? second : undefined;
      if (pathLen && pathLen.length > 0 && pathLen.length <= 4 && (value[pathLen.contentStart]! & 0x80) === 0) {
        let n = 0;
        for (let k = pathLen.contentStart; k < pathLen.end; k++) n = n * 256 + value[k]!;
        ext.pathLenConstraint = n;
      }
      break;
    }
    case Oid.keyUsage: {
      const node = expectNode(value, Tag.BIT_STRING, 0);
      const { bytes } = bitString(contentOf(value, node), node.contentStart);
      keyUsageBits.forEach((name, bit) => {
        const byte = bytes[bit >> 3];
        if (byte !== undefined && (byte & (0x80 >> (bit & 7))) !== 0) ext.keyUsage.push(name);
      });
      break;
    }
    case Oid.extKeyUsage:
      for (const n of children(value, expectNode(value, Tag.SEQUENCE, 0), MAX_LIST_ITEMS)) {
        if (n.tag === Tag.OID) ext.extendedKeyUsage.push(extendedKeyUsageName(decodeOid(contentOf(value, n), n.contentStart)));
      }
      break;
    case Oid.crlDistributionPoints:
      for (const dp of children(value, expectNode(value, Tag.SEQUENCE, 0), MAX_LIST_ITEMS)) {
        if (dp.tag !== Tag.SEQUENCE) continue;
        const dpName = children(value, dp, 3).find((n) => n.tag === 0xa0);
        const fullName = dpName ? children(value, dpName, 2).find((n) => n.tag === 0xa0) : undefined;
        if (fullName) ext.crlUrls.push(...uris(value, fullName));
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
        if (method.oid === Oid.accessOcsp) ext.ocspUrls.push(url);
        else if (method.oid === Oid.accessCaIssuers) ext.caIssuerUrls.push(url);
      }
      break;
    case Oid.certificatePolicies:
      for (const pi of children(value, expectNode(value, Tag.SEQUENCE, 0), MAX_LIST_ITEMS)) {
        if (pi.tag === Tag.SEQUENCE) ext.policyOids.push(readOid(value, pi.contentStart, pi.end).oid);
      }
      break;
    case Oid.subjectKeyIdentifier:
      ext.subjectKeyIdentifier = toHex(contentOf(value, expectNode(value, Tag.OCTET_STRING, 0)));
      break;
    case Oid.authorityKeyIdentifier: {
      const keyId = children(value, expectNode(value, Tag.SEQUENCE, 0), 3).find((n) => n.tag === 0x80);
      if (keyId) ext.authorityKeyIdentifier = toHex(contentOf(value, keyId));
      break;
    }
    case Oid.nameConstraints:
      ext.nameConstraints = readNameConstraints(value, critical);
      break;
    case Oid.tlsFeature:
      for (const n of children(value, expectNode(value, Tag.SEQUENCE, 0), MAX_LIST_ITEMS)) {
        if (n.tag === Tag.INTEGER && n.length === 1 && value[n.contentStart] === 5) ext.mustStaple = true; // status_request
      }
      break;
    case Oid.ctPoison:
      ext.precertificate = true;
      break;
    case Oid.embeddedSctList: {
      const { count, scts } = readScts(value);
      ext.embeddedSctCount = count;
      ext.embeddedScts = scts;
      break;
    }
    default:
      break;
  }
}

/**
 * Reads a TLS-encoded SignedCertificateTimestampList wrapped in an OCTET STRING (RFC 6962 §3.3).
 * Returns the number of entries and the version, log id and timestamp of each entry long enough to hold them
 * (test certificates carry placeholder entries, which count but have no details).
 */
function readScts(value: Uint8Array): { count: number; scts: EmbeddedSct[] } {
  const inner = expectNode(value, Tag.OCTET_STRING, 0);
  const list = contentOf(value, inner);
  if (list.length < 2) throw new DerError('SCT list too short', inner.contentStart);
  const total = (list[0]! << 8) | list[1]!;
  if (total + 2 > list.length) throw new DerError('SCT list length exceeds extension', inner.contentStart);
  const scts: EmbeddedSct[] = [];
  let count = 0;
  let pos = 2;
  while (pos < total + 2) {
    if (pos + 2 > total + 2) throw new DerError('Truncated SCT length', inner.contentStart + pos);
    const len = (list[pos]! << 8) | list[pos + 1]!;
    const start = pos + 2;
    pos = start + len;
    if (pos > total + 2) throw new DerError('SCT exceeds list', inner.contentStart + pos);
    if (++count > MAX_LIST_ITEMS) throw new DerError('Too many SCTs', inner.contentStart);
    if (len < 41) continue; // version (1) + log id (32) + timestamp (8)
    let ms = 0;
    for (let k = start + 33; k < start + 41; k++) ms = ms * 256 + list[k]!;
    if (ms > 8.64e15) continue; // beyond what a Date can hold
    scts.push({ version: list[start]!, logId: logIdOf(list, start + 1), timestamp: isoTime(ms) });
  }
  return { count, scts };
}

/** Base64 log ids by content: a few dozen CT logs sign nearly every certificate. Bounded (cleared when full). */
const LOG_ID_CACHE_MAX = 1024;
const logIdCache = new Map<number, { readonly bytes: Uint8Array; readonly base64: string }>();

function logIdOf(buf: Uint8Array, start: number): string {
  const bytes = buf.subarray(start, start + 32);
  let h = 32;
  for (let k = 0; k < 32; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193);
  const hit = logIdCache.get(h);
  if (hit !== undefined && bytesEqual(hit.bytes, bytes)) return hit.base64;
  const base64 = Buffer.from(bytes.buffer, bytes.byteOffset, 32).toString('base64');
  if (logIdCache.size >= LOG_ID_CACHE_MAX) logIdCache.clear();
  logIdCache.set(h, { bytes: bytes.slice(), base64 });
  return base64;
}

function readNameConstraints(value: Uint8Array, critical: boolean): NameConstraints {
  const permitted: string[] = [];
  const excluded: string[] = [];
  for (const subtrees of children(value, expectNode(value, Tag.SEQUENCE, 0), 2)) {
    const target = subtrees.tag === 0xa0 ? permitted : subtrees.tag === 0xa1 ? excluded : undefined;
    if (!target) continue;
    for (const subtree of children(value, subtrees, MAX_LIST_ITEMS)) {
      if (subtree.tag !== Tag.SEQUENCE || subtree.contentStart >= subtree.end) continue;
      target.push(generalName(value, readNode(value, subtree.contentStart, subtree.end), true));
    }
  }
  return { critical, permitted, excluded };
}

function uris(buf: Uint8Array, names: DerNode): string[] {
  return children(buf, names, MAX_LIST_ITEMS)
    .filter((n) => n.tag === 0x86)
    .map((n) => decodeString(contentOf(buf, n)));
}

function generalNames(buf: Uint8Array, seq: DerNode): string[] {
  if (seq.tag !== Tag.SEQUENCE) throw new DerError('GeneralNames is not a SEQUENCE', seq.start);
  return children(buf, seq, MAX_LIST_ITEMS).map((n) => generalName(buf, n, false));
}

/** Formats one GeneralName; in name constraints, IP entries are address/mask pairs and directory names are spelt out. */
function generalName(buf: Uint8Array, n: DerNode, inConstraint: boolean): string {
  const content = contentOf(buf, n);
  switch (n.tag) {
    case 0x81:
      return `email:${decodeString(content)}`;
    case 0x82:
      return `DNS:${decodeString(content)}`;
    case 0x86:
      return `URI:${decodeString(content)}`;
    case 0x87:
      return `IP:${inConstraint ? formatIpRange(content) : formatIp(content)}`;
    case 0x88:
      return `RID:${decodeOid(content, n.contentStart)}`;
    case 0xa0: {
      const { oid } = readOid(buf, n.contentStart, n.end);
      return `othername:${oid}`;
    }
    case 0xa4:
      return inConstraint ? `DirName:${formatName(buf, expectNode(buf, Tag.SEQUENCE, n.contentStart, n.end))}` : 'DirName';
    default:
      return `other:0x${n.tag.toString(16)}`;
  }
}

/** Formats a name-constraint address and mask (8 or 32 bytes) as "10.0.0.0/8"; a non-contiguous mask or other lengths as hex. */
function formatIpRange(bytes: Uint8Array): string {
  if (bytes.length !== 8 && bytes.length !== 32) return toHex(bytes);
  const half = bytes.length / 2;
  let prefix = 0;
  let seenZero = false;
  for (let k = half; k < bytes.length; k++) {
    for (let bit = 7; bit >= 0; bit--) {
      if (((bytes[k]! >> bit) & 1) === 0) seenZero = true;
      else if (seenZero) return `${formatIp(bytes.subarray(0, half))}/${toHex(bytes.subarray(half))}`;
      else prefix++;
    }
  }
  return `${formatIp(bytes.subarray(0, half))}/${prefix}`;
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

/** Issuer names repeat across a CA's certificates: their formatted form is remembered by encoding (cleared when full). */
const NAME_CACHE_MAX = 1024;
const nameCache = new Map<number, { readonly bytes: Uint8Array; readonly name: string }>();

function formatNameCached(der: Uint8Array, name: DerNode, encoding: Uint8Array): string {
  let h = encoding.length;
  for (let k = 0; k < encoding.length; k++) h = Math.imul(h ^ encoding[k]!, 0x01000193);
  const hit = nameCache.get(h);
  if (hit !== undefined && bytesEqual(hit.bytes, encoding)) return hit.name;
  const formatted = formatName(der, name);
  if (nameCache.size >= NAME_CACHE_MAX) nameCache.clear();
  nameCache.set(h, { bytes: encoding.slice(), name: formatted });
  return formatted;
}

/** Formats a Name as "C=.., O=.., CN=.." in certificate order (the order node's X509Certificate.subject uses). */
export function formatName(der: Uint8Array, name: DerNode): string {
  // All pieces are joined once, so the result is one flat string rather than a chain of concatenations.
  const pieces: string[] = [];
  let rdns = 0;
  let pos = name.contentStart;
  while (pos < name.end) {
    if (rdns++ >= MAX_LIST_ITEMS) throw new DerError('Too many RDNs', pos);
    const rdn = readNode(der, pos, name.end);
    if (rdn.tag !== Tag.SET) throw new DerError('RDN is not a SET', rdn.start);
    if (rdns > 1) pieces.push(', ');
    let avas = 0;
    let p = rdn.contentStart;
    while (p < rdn.end) {
      if (avas++ >= 16) throw new DerError('Too many attributes in an RDN', p);
      const ava = readNode(der, p, rdn.end);
      if (ava.tag !== Tag.SEQUENCE) throw new DerError('AttributeTypeAndValue is not a SEQUENCE', ava.start);
      const { oid, node } = readOid(der, ava.contentStart, ava.end);
      const value = readNode(der, node.end, ava.end);
      pieces.push(ATTRIBUTE_NAMES.get(oid) ?? oid, '=', escapeValue(decodeDirectoryString(der, value)));
      p = ava.end;
      if (p < rdn.end) pieces.push(' + ');
    }
    pos = rdn.end;
  }
  return pieces.join('');
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
  let clean = true;
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    if (c < 0x20 || c === 0x7f) {
      clean = false;
      break;
    }
  }
  // eslint-disable-next-line no-control-regex
  return clean ? value : value.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
