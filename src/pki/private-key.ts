/**
 * Private-key metadata without keeping key material: algorithm, size or curve, whether and how it is encrypted, and the
 * SHA-256 of the matching SubjectPublicKeyInfo (the value certificate facts carry as `spkiSha256`), so keys pair with
 * certificates.
 *
 * Unencrypted keys are loaded with node:crypto only to derive the public key; encrypted keys are never decrypted: only
 * what is visible is reported (the encryption scheme, the PEM label's algorithm, the clear public key of OpenSSH files).
 * Returned objects and error messages never contain key bytes.
 */
import { createHash, createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { PrivateKeyFormat, PublicKeySource } from '../../model/evidence.js';
import { bitString, children, contentOf, decodeOid, DerError, type DerNode, readNode, Tag, unsignedBitLength } from './der.js';
import { keyAlgorithms, namedCurves, Oid } from './oids.js';

/** What can be told about one private key; the collector adds location, file mode and alias. */
export interface PrivateKeyFacts {
  readonly keyAlgorithm: string;
  readonly keySizeBits?: number;
  readonly curve?: string;
  readonly encrypted: boolean;
  readonly format: PrivateKeyFormat;
  readonly encryption?: string;
  readonly kdfIterations?: number;
  readonly spkiSha256?: string;
  readonly publicKeySource?: PublicKeySource;
}

/** Public-key facts of a SubjectPublicKeyInfo. */
export interface SpkiFacts {
  readonly keyAlgorithm: string;
  readonly keySizeBits?: number;
  readonly curve?: string;
  readonly spkiSha256: string;
}

/** Thrown when bytes that claim to be a private key cannot be read; the message never holds key bytes. */
export class PrivateKeyError extends Error {
  override name = 'PrivateKeyError';
}

/** PEM labels of private keys this module reads. */
export const PRIVATE_KEY_LABELS: ReadonlySet<string> = new Set([
  'PRIVATE KEY',
  'ENCRYPTED PRIVATE KEY',
  'RSA PRIVATE KEY',
  'EC PRIVATE KEY',
  'DSA PRIVATE KEY',
  'OPENSSH PRIVATE KEY',
]);

const OID_PBES2 = '1.2.840.113549.1.5.13';
const OID_PBKDF2 = '1.2.840.113549.1.5.12';
const OID_SCRYPT = '1.3.6.1.4.1.11591.4.11';
const OID_DSA = '1.2.840.10040.4.1';

/** Password-based encryption scheme OIDs → names (PKCS#5, PKCS#12, Sun's JKS key protector). */
const encryptionSchemes: ReadonlyMap<string, string> = new Map([
  ['1.2.840.113549.1.5.3', 'pbeWithMD5AndDES-CBC'],
  ['1.2.840.113549.1.5.6', 'pbeWithMD5AndRC2-CBC'],
  ['1.2.840.113549.1.5.10', 'pbeWithSHA1AndDES-CBC'],
  ['1.2.840.113549.1.5.11', 'pbeWithSHA1AndRC2-CBC'],
  ['1.2.840.113549.1.12.1.1', 'pbeWithSHAAnd128BitRC4'],
  ['1.2.840.113549.1.12.1.2', 'pbeWithSHAAnd40BitRC4'],
  ['1.2.840.113549.1.12.1.3', 'pbeWithSHAAnd3-KeyTripleDES-CBC'],
  ['1.2.840.113549.1.12.1.4', 'pbeWithSHAAnd2-KeyTripleDES-CBC'],
  ['1.2.840.113549.1.12.1.5', 'pbeWithSHAAnd128BitRC2-CBC'],
  ['1.2.840.113549.1.12.1.6', 'pbeWithSHAAnd40BitRC2-CBC'],
  ['1.3.6.1.4.1.42.2.17.1.1', 'JKS key protector (SHA-1 stream)'],
  ['1.3.6.1.4.1.42.2.19.1', 'JCEKS key protector (PBE MD5 Triple DES)'],
]);

/** PBKDF2 pseudo-random functions and PBES2 ciphers. */
const pbes2Parts: ReadonlyMap<string, string> = new Map([
  ['1.2.840.113549.2.7', 'HMAC-SHA1'],
  ['1.2.840.113549.2.8', 'HMAC-SHA224'],
  ['1.2.840.113549.2.9', 'HMAC-SHA256'],
  ['1.2.840.113549.2.10', 'HMAC-SHA384'],
  ['1.2.840.113549.2.11', 'HMAC-SHA512'],
  ['2.16.840.1.101.3.4.1.2', 'AES-128-CBC'],
  ['2.16.840.1.101.3.4.1.22', 'AES-192-CBC'],
  ['2.16.840.1.101.3.4.1.42', 'AES-256-CBC'],
  ['1.3.14.3.2.7', 'DES-CBC'],
  ['1.2.840.113549.3.7', 'DES-EDE3-CBC'],
  ['1.2.840.113549.3.2', 'RC2-CBC'],
  ['1.2.643.7.1.1.5.1.1', 'GOST 28147-89'],
]);

/** Returns the family name of a key algorithm OID ("RSA", "EC", "Ed25519", "ML-DSA", "X25519", ...) or the OID itself. */
function algorithmName(oid: string): string {
  const info = keyAlgorithms.get(oid);
  if (!info) return oid;
  return info.family === 'other' ? info.name : info.family;
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Returns facts about a DER SubjectPublicKeyInfo; throws DerError when malformed. */
export function spkiFacts(spki: Uint8Array): SpkiFacts {
  const root = readNode(spki, 0);
  if (root.tag !== Tag.SEQUENCE || root.end !== spki.length) throw new DerError('Malformed SubjectPublicKeyInfo', 0);
  const [alg, key] = children(spki, root, 2);
  if (alg?.tag !== Tag.SEQUENCE || key?.tag !== Tag.BIT_STRING) throw new DerError('Malformed SubjectPublicKeyInfo', 0);
  const [oidNode, params] = children(spki, alg, 2);
  if (oidNode?.tag !== Tag.OID) throw new DerError('Malformed AlgorithmIdentifier', alg.start);
  const oid = decodeOid(contentOf(spki, oidNode), oidNode.contentStart);
  const size = keySize(spki, oid, params, bitString(contentOf(spki, key), key.contentStart).bytes);
  return { keyAlgorithm: algorithmName(oid), ...size, spkiSha256: sha256Hex(spki) };
}

function keySize(buf: Uint8Array, oid: string, params: DerNode | undefined, publicKey: Uint8Array): { keySizeBits?: number; curve?: string } {
  if (oid === Oid.rsaEncryption || oid === Oid.rsaPss) {
    const seq = readNode(publicKey, 0);
    const modulus = seq.tag === Tag.SEQUENCE ? readNode(publicKey, seq.contentStart, seq.end) : undefined;
    return modulus?.tag === Tag.INTEGER ? { keySizeBits: unsignedBitLength(contentOf(publicKey, modulus)) } : {};
  }
  if (oid === Oid.ecPublicKey && params?.tag === Tag.OID) {
    const curveOid = decodeOid(contentOf(buf, params), params.contentStart);
    const curve = namedCurves.get(curveOid);
    return curve ? { curve: curve.name, keySizeBits: curve.bits } : { curve: curveOid };
  }
  if (oid === Oid.ed25519) return { keySizeBits: 256 };
  if (oid === Oid.ed448) return { keySizeBits: 456 };
  if (oid === OID_DSA && params?.tag === Tag.SEQUENCE) {
    const p = readNode(buf, params.contentStart, params.end);
    return p.tag === Tag.INTEGER ? { keySizeBits: unsignedBitLength(contentOf(buf, p)) } : {};
  }
  return {};
}

/** Derives the SPKI of a loaded private key; returns undefined when node:crypto cannot. */
function spkiOfKey(key: KeyObject): SpkiFacts | undefined {
  try {
    const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
    return spkiFacts(new Uint8Array(spki.buffer, spki.byteOffset, spki.length));
  } catch {
    return undefined;
  }
}

function loadDer(der: Uint8Array, type: 'pkcs8' | 'pkcs1' | 'sec1'): KeyObject | undefined {
  try {
    return createPrivateKey({ key: Buffer.from(der.buffer, der.byteOffset, der.length), format: 'der', type });
  } catch {
    return undefined;
  }
}

function withSpki(base: PrivateKeyFacts, spki: SpkiFacts | undefined, source: PublicKeySource): PrivateKeyFacts {
  if (!spki) return base;
  return { ...base, keyAlgorithm: spki.keyAlgorithm, ...sizeOf(spki), spkiSha256: spki.spkiSha256, publicKeySource: source };
}

function sizeOf(facts: { keySizeBits?: number; curve?: string }): { keySizeBits?: number; curve?: string } {
  return { ...(facts.keySizeBits !== undefined ? { keySizeBits: facts.keySizeBits } : {}), ...(facts.curve !== undefined ? { curve: facts.curve } : {}) };
}

/** Reads an unencrypted PKCS#8 PrivateKeyInfo; returns its facts (the algorithm comes from the structure even when node cannot load it). */
export function describePkcs8(der: Uint8Array, format: PrivateKeyFormat = 'pkcs8'): PrivateKeyFacts {
  const root = readNode(der, 0);
  if (root.tag !== Tag.SEQUENCE) throw new DerError('PrivateKeyInfo is not a SEQUENCE', 0);
  const [version, alg, key] = children(der, root, 8);
  if (version?.tag !== Tag.INTEGER || alg?.tag !== Tag.SEQUENCE || key?.tag !== Tag.OCTET_STRING) throw new DerError('Malformed PrivateKeyInfo', 0);
  const [oidNode, params] = children(der, alg, 2);
  if (oidNode?.tag !== Tag.OID) throw new DerError('Malformed AlgorithmIdentifier', alg.start);
  const oid = decodeOid(contentOf(der, oidNode), oidNode.contentStart);
  let base: PrivateKeyFacts = { keyAlgorithm: algorithmName(oid), encrypted: false, format };
  if (oid === Oid.ecPublicKey && params?.tag === Tag.OID) {
    const curveOid = decodeOid(contentOf(der, params), params.contentStart);
    const curve = namedCurves.get(curveOid);
    base = { ...base, curve: curve?.name ?? curveOid, ...(curve ? { keySizeBits: curve.bits } : {}) };
  }
  const loaded = loadDer(der, 'pkcs8');
  return withSpki(base, loaded && spkiOfKey(loaded), 'private-key');
}

/** Describes the encryption of a PKCS#8 EncryptedPrivateKeyInfo without decrypting it. */
export function describeEncryptedPkcs8(der: Uint8Array): PrivateKeyFacts {
  const root = readNode(der, 0);
  if (root.tag !== Tag.SEQUENCE) throw new DerError('EncryptedPrivateKeyInfo is not a SEQUENCE', 0);
  const [alg, data] = children(der, root, 3);
  if (alg?.tag !== Tag.SEQUENCE || data?.tag !== Tag.OCTET_STRING) throw new DerError('Malformed EncryptedPrivateKeyInfo', 0);
  return { keyAlgorithm: 'unknown', encrypted: true, format: 'pkcs8-encrypted', ...describeEncryptionAlgorithm(der, alg) };
}

/** Names a password-based encryption AlgorithmIdentifier: "PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC", "pbeWithSHAAnd3-KeyTripleDES-CBC". */
export function describeEncryptionAlgorithm(der: Uint8Array, alg: DerNode): { encryption: string; kdfIterations?: number } {
  const [oidNode, params] = children(der, alg, 2);
  if (oidNode?.tag !== Tag.OID) throw new DerError('Malformed AlgorithmIdentifier', alg.start);
  const oid = decodeOid(contentOf(der, oidNode), oidNode.contentStart);
  if (oid !== OID_PBES2) {
    const name = encryptionSchemes.get(oid) ?? oid;
    // PKCS#5 v1 and PKCS#12 PBE parameters: SEQUENCE { salt OCTET STRING, iterations INTEGER }.
    const iterations = params?.tag === Tag.SEQUENCE ? integerAt(der, children(der, params, 2)[1]) : undefined;
    return { encryption: name, ...(iterations !== undefined ? { kdfIterations: iterations } : {}) };
  }
  if (params?.tag !== Tag.SEQUENCE) return { encryption: 'PBES2' };
  const [kdf, cipher] = children(der, params, 2);
  const parts = ['PBES2'];
  let iterations: number | undefined;
  if (kdf?.tag === Tag.SEQUENCE) {
    const [kdfOid, kdfParams] = children(der, kdf, 2);
    const kdfName = kdfOid?.tag === Tag.OID ? decodeOid(contentOf(der, kdfOid), kdfOid.contentStart) : '';
    if (kdfName === OID_PBKDF2 && kdfParams?.tag === Tag.SEQUENCE) {
      const fields = children(der, kdfParams, 4);
      iterations = integerAt(der, fields[1]);
      const prf = fields.slice(2).find((f) => f.tag === Tag.SEQUENCE);
      const prfOid = prf ? readNode(der, prf.contentStart, prf.end) : undefined;
      const prfName = prfOid?.tag === Tag.OID ? decodeOid(contentOf(der, prfOid), prfOid.contentStart) : '1.2.840.113549.2.7';
      parts.push(`PBKDF2-${pbes2Parts.get(prfName) ?? prfName}`);
    } else {
      parts.push(kdfName === OID_SCRYPT ? 'scrypt' : kdfName);
    }
  }
  if (cipher?.tag === Tag.SEQUENCE) {
    const cipherOid = readNode(der, cipher.contentStart, cipher.end);
    if (cipherOid.tag === Tag.OID) {
      const name = decodeOid(contentOf(der, cipherOid), cipherOid.contentStart);
      parts.push(pbes2Parts.get(name) ?? name);
    }
  }
  return { encryption: parts.join(' '), ...(iterations !== undefined ? { kdfIterations: iterations } : {}) };
}

function integerAt(der: Uint8Array, node: DerNode | undefined): number | undefined {
  if (node?.tag !== Tag.INTEGER || node.length > 6) return undefined;
  let value = 0;
  for (const b of contentOf(der, node)) value = value * 256 + b;
  return value;
}

/** Reads an unencrypted PKCS#1 RSAPrivateKey. */
function describePkcs1(der: Uint8Array): PrivateKeyFacts {
  const root = readNode(der, 0);
  const [, modulus] = root.tag === Tag.SEQUENCE ? children(der, root, 10) : [];
  if (modulus?.tag !== Tag.INTEGER) throw new DerError('Malformed RSAPrivateKey', 0);
  const base: PrivateKeyFacts = { keyAlgorithm: 'RSA', keySizeBits: unsignedBitLength(contentOf(der, modulus)), encrypted: false, format: 'pkcs1' };
  const loaded = loadDer(der, 'pkcs1');
  return withSpki(base, loaded && spkiOfKey(loaded), 'private-key');
}

/** Reads an unencrypted SEC1 ECPrivateKey. */
function describeSec1(der: Uint8Array): PrivateKeyFacts {
  const root = readNode(der, 0);
  const fields = root.tag === Tag.SEQUENCE ? children(der, root, 4) : [];
  if (fields[0]?.tag !== Tag.INTEGER || fields[1]?.tag !== Tag.OCTET_STRING) throw new DerError('Malformed ECPrivateKey', 0);
  const params = fields.find((f) => f.tag === 0xa0);
  const curveOid = params ? readNode(der, params.contentStart, params.end) : undefined;
  const curveId = curveOid?.tag === Tag.OID ? decodeOid(contentOf(der, curveOid), curveOid.contentStart) : undefined;
  const curve = curveId === undefined ? undefined : namedCurves.get(curveId);
  const base: PrivateKeyFacts = {
    keyAlgorithm: 'EC',
    encrypted: false,
    format: 'sec1',
    ...(curveId !== undefined ? { curve: curve?.name ?? curveId } : {}),
    ...(curve ? { keySizeBits: curve.bits } : {}),
  };
  const loaded = loadDer(der, 'sec1');
  return withSpki(base, loaded && spkiOfKey(loaded), 'private-key');
}

/** Reads a DSA private key (OpenSSL "DSA PRIVATE KEY": SEQUENCE { version, p, q, g, y, x }). */
function describeDsa(der: Uint8Array): PrivateKeyFacts {
  const root = readNode(der, 0);
  const fields = root.tag === Tag.SEQUENCE ? children(der, root, 8) : [];
  const p = fields[1];
  return { keyAlgorithm: 'DSA', encrypted: false, format: 'other', ...(p?.tag === Tag.INTEGER ? { keySizeBits: unsignedBitLength(contentOf(der, p)) } : {}) };
}

const LEGACY_LABEL_ALGORITHMS: Readonly<Record<string, string>> = { 'RSA PRIVATE KEY': 'RSA', 'EC PRIVATE KEY': 'EC', 'DSA PRIVATE KEY': 'DSA' };

/**
 * Describes one PEM private-key block (label, RFC 1421 headers, decoded body).
 * Returns the facts; throws PrivateKeyError when the body is not the structure the label announces.
 */
export function describePemPrivateKey(label: string, headers: Readonly<Record<string, string>>, der: Uint8Array): PrivateKeyFacts {
  try {
    if (headers['Proc-Type']?.includes('ENCRYPTED')) {
      const dekInfo = headers['DEK-Info'] ?? '';
      const cipher = dekInfo.split(',')[0]?.trim() || 'unknown cipher';
      return { keyAlgorithm: LEGACY_LABEL_ALGORITHMS[label] ?? 'unknown', encrypted: true, format: 'pem-legacy-encrypted', encryption: `${cipher} (OpenSSL legacy PEM, MD5-based key derivation)` };
    }
    switch (label) {
      case 'PRIVATE KEY':
        return describePkcs8(der);
      case 'ENCRYPTED PRIVATE KEY':
        return describeEncryptedPkcs8(der);
      case 'RSA PRIVATE KEY':
        return describePkcs1(der);
      case 'EC PRIVATE KEY':
        return describeSec1(der);
      case 'DSA PRIVATE KEY':
        return describeDsa(der);
      case 'OPENSSH PRIVATE KEY':
        return describeOpenSsh(der);
      default:
        throw new PrivateKeyError(`unsupported private key type "${label}"`);
    }
  } catch (error) {
    if (error instanceof PrivateKeyError) throw error;
    throw new PrivateKeyError(`${label} is malformed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Recognises a DER private key file (.key/.der) by structure: PKCS#8, encrypted PKCS#8, PKCS#1 RSA or SEC1 EC.
 * Returns its facts, or undefined when the bytes are not a private key.
 */
export function describeDerPrivateKey(der: Uint8Array): PrivateKeyFacts | undefined {
  let fields: DerNode[];
  try {
    const root = readNode(der, 0);
    if (root.tag !== Tag.SEQUENCE || root.end !== der.length) return undefined;
    fields = children(der, root, 12);
  } catch {
    return undefined;
  }
  const [a, b, c] = fields;
  try {
    if (a?.tag === Tag.INTEGER && b?.tag === Tag.SEQUENCE && c?.tag === Tag.OCTET_STRING) return describePkcs8(der);
    if (a?.tag === Tag.SEQUENCE && b?.tag === Tag.OCTET_STRING && fields.length === 2) {
      const alg = readNode(der, a.contentStart, a.end);
      const oid = alg.tag === Tag.OID ? decodeOid(contentOf(der, alg), alg.contentStart) : '';
      if (oid === OID_PBES2 || encryptionSchemes.has(oid)) return describeEncryptedPkcs8(der);
      return undefined;
    }
    if (a?.tag === Tag.INTEGER && fields.length === 9 && fields.every((f) => f.tag === Tag.INTEGER)) return describePkcs1(der);
    if (a?.tag === Tag.INTEGER && b?.tag === Tag.OCTET_STRING && fields.slice(2).every((f) => f.tag === 0xa0 || f.tag === 0xa1)) return describeSec1(der);
  } catch {
    return undefined;
  }
  return undefined;
}

// ---- OpenSSH (PROTOCOL.key): "openssh-key-v1\0", cipher, kdf, kdf options, key count, public keys, private section ----

const OPENSSH_MAGIC = 'openssh-key-v1\0';

class SshReader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}
  bytes(): Uint8Array {
    if (this.pos + 4 > this.buf.length) throw new DerError('Truncated OpenSSH string length', this.pos);
    const len = ((this.buf[this.pos]! << 24) | (this.buf[this.pos + 1]! << 16) | (this.buf[this.pos + 2]! << 8) | this.buf[this.pos + 3]!) >>> 0;
    this.pos += 4;
    if (this.pos + len > this.buf.length) throw new DerError('Truncated OpenSSH string', this.pos);
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  string(): string {
    return new TextDecoder('latin1').decode(this.bytes());
  }
  uint32(): number {
    if (this.pos + 4 > this.buf.length) throw new DerError('Truncated OpenSSH integer', this.pos);
    const v = ((this.buf[this.pos]! << 24) | (this.buf[this.pos + 1]! << 16) | (this.buf[this.pos + 2]! << 8) | this.buf[this.pos + 3]!) >>> 0;
    this.pos += 4;
    return v;
  }
}

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url');
const unsignedMpint = (bytes: Uint8Array): Uint8Array => {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
};

const SSH_CURVES: Readonly<Record<string, { jwk: string; name: string; bits: number; coord: number }>> = {
  nistp256: { jwk: 'P-256', name: 'P-256', bits: 256, coord: 32 },
  nistp384: { jwk: 'P-384', name: 'P-384', bits: 384, coord: 48 },
  nistp521: { jwk: 'P-521', name: 'P-521', bits: 521, coord: 66 },
};

/** Turns an SSH public key blob into a JWK node:crypto can load, when the type has an SPKI form. */
function sshPublicJwk(blob: Uint8Array): { type: string; jwk?: JsonWebKey; facts: { keyAlgorithm: string; keySizeBits?: number; curve?: string } } {
  const r = new SshReader(blob);
  const type = r.string();
  if (type === 'ssh-rsa') {
    const e = unsignedMpint(r.bytes());
    const n = unsignedMpint(r.bytes());
    return { type, jwk: { kty: 'RSA', n: b64url(n), e: b64url(e) }, facts: { keyAlgorithm: 'RSA', keySizeBits: unsignedBitLength(n) } };
  }
  if (type === 'ssh-ed25519' || type === 'sk-ssh-ed25519@openssh.com') {
    const x = r.bytes();
    return { type, ...(type === 'ssh-ed25519' ? { jwk: { kty: 'OKP', crv: 'Ed25519', x: b64url(x) } } : {}), facts: { keyAlgorithm: 'Ed25519', keySizeBits: 256 } };
  }
  const ecdsa = /^(?:sk-)?ecdsa-sha2-(nistp\d+)(?:@openssh\.com)?$/.exec(type);
  if (ecdsa) {
    const curveId = r.string();
    const point = r.bytes();
    const curve = SSH_CURVES[curveId];
    if (!curve) return { type, facts: { keyAlgorithm: 'EC', curve: curveId } };
    const facts = { keyAlgorithm: 'EC', curve: curve.name, keySizeBits: curve.bits };
    if (type.startsWith('sk-') || point[0] !== 0x04 || point.length !== 1 + 2 * curve.coord) return { type, facts };
    const jwk: JsonWebKey = { kty: 'EC', crv: curve.jwk, x: b64url(point.subarray(1, 1 + curve.coord)), y: b64url(point.subarray(1 + curve.coord)) };
    return { type, jwk, facts };
  }
  if (type === 'ssh-dss') return { type, facts: { keyAlgorithm: 'DSA', keySizeBits: unsignedBitLength(unsignedMpint(r.bytes())) } };
  return { type, facts: { keyAlgorithm: type } };
}

/** Describes an OpenSSH private key file body (decoded base64); the public key is stored in clear, so it pairs even when encrypted. */
export function describeOpenSsh(body: Uint8Array): PrivateKeyFacts {
  const magic = new TextDecoder('latin1').decode(body.subarray(0, OPENSSH_MAGIC.length));
  if (magic !== OPENSSH_MAGIC) throw new PrivateKeyError('OPENSSH PRIVATE KEY without the openssh-key-v1 header');
  const r = new SshReader(body.subarray(OPENSSH_MAGIC.length));
  const cipher = r.string();
  const kdf = r.string();
  const kdfOptions = r.bytes();
  const count = r.uint32();
  if (count < 1) throw new PrivateKeyError('OpenSSH key file holds no key');
  const { jwk, facts } = sshPublicJwk(r.bytes());
  const encrypted = cipher !== 'none';
  let rounds: number | undefined;
  if (kdf === 'bcrypt' && kdfOptions.length > 0) {
    const o = new SshReader(kdfOptions);
    o.bytes(); // salt
    rounds = o.uint32();
  }
  let spki: SpkiFacts | undefined;
  if (jwk) {
    try {
      const der = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'der' });
      spki = spkiFacts(new Uint8Array(der.buffer, der.byteOffset, der.length));
    } catch {
      spki = undefined;
    }
  }
  const base: PrivateKeyFacts = {
    keyAlgorithm: facts.keyAlgorithm,
    ...sizeOf(facts),
    encrypted,
    format: 'openssh',
    ...(encrypted ? { encryption: `${cipher} (${kdf}${rounds !== undefined ? `, ${rounds} rounds` : ''})` } : {}),
    ...(rounds !== undefined ? { kdfIterations: rounds } : {}),
  };
  return spki ? { ...base, spkiSha256: spki.spkiSha256, publicKeySource: 'openssh-public-blob' } : base;
}
