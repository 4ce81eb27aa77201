/**
 * PKCS#12 (.p12/.pfx) keystores.
 *
 * node-forge is used here, and only here, because neither @peculiar/x509 nor pkijs decrypts the legacy PKCS#12 PBE
 * schemes (3DES, RC2-40) that Java, Windows and `openssl -legacy` still write; forge verifies the MAC and decrypts
 * both those and PBES2. Before forge runs, a bounded DER walk reads what is visible without the password (MAC and
 * encryption parameters) and refuses absurd iteration counts, so a hostile file cannot pin a CPU.
 *
 * Private keys are loaded only to derive their public key (SPKI SHA-256); nothing returned holds key material, and no
 * error message holds a password.
 */
import { pbkdf2Sync } from 'node:crypto';
import forge from 'node-forge';
import { children, contentOf, decodeOid, DerError, type DerNode, readNode, Tag, toHex } from './der.js';
import { describeEncryptionAlgorithm, describePkcs8, type PrivateKeyFacts } from './private-key.js';

/** Why a PKCS#12 file could not be read. */
export type Pkcs12FailureReason = 'wrong-password' | 'malformed' | 'too-costly';

/** Thrown for a PKCS#12 that cannot be opened; the message names the reason, never a password. */
export class Pkcs12Error extends Error {
  override name = 'Pkcs12Error';
  constructor(
    readonly reason: Pkcs12FailureReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A certificate found in a PKCS#12 certBag. */
export interface Pkcs12Certificate {
  readonly der: Uint8Array;
  readonly friendlyName?: string;
  readonly localKeyIdHex?: string;
}

/** A private key found in a PKCS#12 keyBag or pkcs8ShroudedKeyBag: metadata only. */
export interface Pkcs12Key {
  readonly facts: PrivateKeyFacts;
  readonly friendlyName?: string;
  readonly localKeyIdHex?: string;
}

/** The readable contents of a PKCS#12 file. */
export interface Pkcs12Contents {
  readonly certificates: Pkcs12Certificate[];
  readonly keys: Pkcs12Key[];
  /** Index into the passwords passed to readPkcs12 of the one that opened the file. */
  readonly passwordIndex: number;
  /** "SHA-256 (2048 iterations)", when the file has a MAC. */
  readonly mac?: string;
}

/**
 * Largest iteration count accepted for the MAC or a visible PBE. Real files use 2,000–10,000 (OpenSSL, Windows, Java);
 * forge derives the MAC key in JavaScript, about 7 µs per iteration, so this bounds one attempt to a few seconds.
 */
export const MAX_PKCS12_ITERATIONS = 600_000;

let nativePbkdf2 = false;

/**
 * forge runs PBKDF2 in JavaScript whenever PBES2 names its PRF (HMAC-SHA256 in every OpenSSL 3 file), about 50 times
 * slower than node:crypto. Route forge's PBKDF2 to node:crypto, keeping forge's byte-string semantics; digests node
 * does not know fall back to forge. Installed once, on first use.
 */
function useNativePbkdf2(): void {
  if (nativePbkdf2) return;
  nativePbkdf2 = true;
  const original = forge.pkcs5.pbkdf2.bind(forge.pkcs5) as (...args: unknown[]) => string;
  const patched = (password: string, salt: string, iterations: number, keyLength: number, md?: unknown): string => {
    const algorithm = md === undefined || md === null ? 'sha1' : typeof md === 'string' ? md : (md as { algorithm?: unknown }).algorithm;
    if (typeof algorithm !== 'string') return original(password, salt, iterations, keyLength, md);
    try {
      return pbkdf2Sync(Buffer.from(password, 'binary'), Buffer.from(salt, 'binary'), iterations, keyLength, algorithm).toString('binary');
    } catch {
      return original(password, salt, iterations, keyLength, md);
    }
  };
  (forge.pkcs5 as { pbkdf2: unknown }).pbkdf2 = patched;
}

const OID_DATA = '1.2.840.113549.1.7.1';
const OID_ENCRYPTED_DATA = '1.2.840.113549.1.7.6';
const OID_SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const OID_CERT_BAG = '1.2.840.113549.1.12.10.1.3';

const macHashes: ReadonlyMap<string, string> = new Map([
  ['1.3.14.3.2.26', 'SHA-1'],
  ['2.16.840.1.101.3.4.2.4', 'SHA-224'],
  ['2.16.840.1.101.3.4.2.1', 'SHA-256'],
  ['2.16.840.1.101.3.4.2.2', 'SHA-384'],
  ['2.16.840.1.101.3.4.2.3', 'SHA-512'],
  ['1.2.840.113549.2.5', 'MD5'],
]);

/** What a DER walk sees without the password. */
interface Visible {
  mac?: string;
  macIterations?: number;
  /** Encryption of shrouded keys stored in clear SafeContents, in bag order. */
  keyEncryption: { encryption: string; kdfIterations?: number }[];
  /** Largest iteration count of any visible PBE (encrypted SafeContents or shrouded keys). */
  maxPbeIterations: number;
}

function oidAt(der: Uint8Array, node: DerNode | undefined): string | undefined {
  return node?.tag === Tag.OID ? decodeOid(contentOf(der, node), node.contentStart) : undefined;
}

function smallInteger(der: Uint8Array, node: DerNode | undefined): number | undefined {
  if (node?.tag !== Tag.INTEGER || node.length > 6) return undefined;
  let v = 0;
  for (const b of contentOf(der, node)) v = v * 256 + b;
  return v;
}

/** Walks the DER PFX for the parameters visible without the password; returns undefined for BER or unexpected layouts. */
function inspect(der: Uint8Array): Visible | undefined {
  try {
    const pfx = readNode(der, 0);
    const [version, authSafe, macData] = children(der, pfx, 3);
    if (version?.tag !== Tag.INTEGER || authSafe?.tag !== Tag.SEQUENCE) return undefined;
    const visible: Visible = { keyEncryption: [], maxPbeIterations: 0 };
    if (macData?.tag === Tag.SEQUENCE) {
      const [digestInfo, , iterations] = children(der, macData, 3);
      const algSeq = digestInfo?.tag === Tag.SEQUENCE ? children(der, digestInfo, 2)[0] : undefined;
      const algOid = algSeq?.tag === Tag.SEQUENCE ? oidAt(der, readNode(der, algSeq.contentStart, algSeq.end)) : undefined;
      const count = iterations === undefined ? 1 : smallInteger(der, iterations);
      visible.macIterations = count ?? Number.MAX_SAFE_INTEGER;
      if (algOid !== undefined) visible.mac = `${macHashes.get(algOid) ?? algOid} (${visible.macIterations} iterations)`;
    }
    const [, explicit] = children(der, authSafe, 2);
    const octets = explicit ? readNode(der, explicit.contentStart, explicit.end) : undefined;
    if (octets?.tag !== Tag.OCTET_STRING) return visible;
    const safes = readNode(der, octets.contentStart, octets.end);
    for (const info of children(der, safes, 64)) {
      const [typeNode, content] = children(der, info, 2);
      const type = oidAt(der, typeNode);
      if (!content) continue;
      const inner = readNode(der, content.contentStart, content.end);
      if (type === OID_DATA && inner.tag === Tag.OCTET_STRING) {
        const bags = readNode(der, inner.contentStart, inner.end);
        for (const bag of children(der, bags, 10_000)) {
          const [bagId, value] = children(der, bag, 3);
          if (oidAt(der, bagId) !== OID_SHROUDED_KEY_BAG || !value) continue;
          const epki = readNode(der, value.contentStart, value.end);
          const alg = children(der, epki, 2)[0];
          if (alg?.tag !== Tag.SEQUENCE) continue;
          const described = describeEncryptionAlgorithm(der, alg);
          visible.keyEncryption.push(described);
          visible.maxPbeIterations = Math.max(visible.maxPbeIterations, described.kdfIterations ?? 0);
        }
      } else if (type === OID_ENCRYPTED_DATA && inner.tag === Tag.SEQUENCE) {
        const eci = children(der, inner, 3)[1];
        const alg = eci?.tag === Tag.SEQUENCE ? children(der, eci, 3)[1] : undefined;
        if (alg?.tag !== Tag.SEQUENCE) continue;
        visible.maxPbeIterations = Math.max(visible.maxPbeIterations, describeEncryptionAlgorithm(der, alg).kdfIterations ?? 0);
      }
    }
    return visible;
  } catch (error) {
    if (error instanceof DerError) return undefined;
    throw error;
  }
}

const toBytes = (binary: string): Uint8Array => new Uint8Array(Buffer.from(binary, 'binary'));

function attribute(bag: forge.pkcs12.Bag, name: 'friendlyName' | 'localKeyId'): string | undefined {
  const values = (bag.attributes as Record<string, unknown[] | undefined>)[name];
  const first = values?.[0];
  if (typeof first !== 'string') return undefined;
  return name === 'localKeyId' ? toHex(toBytes(first)) : first;
}

/**
 * Opens a PKCS#12 with the first of `passwords` that verifies (pass '' first to try the empty password).
 * Returns certificates (DER) and key metadata; throws Pkcs12Error: 'wrong-password' when none fits, 'malformed' for
 * input that is not PKCS#12, 'too-costly' when an iteration count exceeds MAX_PKCS12_ITERATIONS.
 */
export function readPkcs12(der: Uint8Array, passwords: readonly string[]): Pkcs12Contents {
  useNativePbkdf2();
  const visible = inspect(der);
  const iterations = Math.max(visible?.macIterations ?? 0, visible?.maxPbeIterations ?? 0);
  if (iterations > MAX_PKCS12_ITERATIONS) {
    throw new Pkcs12Error('too-costly', `PKCS#12 asks for ${iterations} key-derivation iterations (limit ${MAX_PKCS12_ITERATIONS}); not opened`);
  }
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(Buffer.from(der.buffer, der.byteOffset, der.length).toString('binary'), false);
  } catch (error) {
    throw new Pkcs12Error('malformed', `PKCS#12 is not valid ASN.1 (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  let lastError: unknown;
  for (const [index, password] of passwords.entries()) {
    let pfx: forge.pkcs12.Pkcs12Pfx;
    try {
      pfx = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
    } catch (error) {
      lastError = error;
      const message = error instanceof Error ? error.message : '';
      if (/MAC could not be verified|Invalid password|wrong password|decrypt/i.test(message)) continue;
      throw new Pkcs12Error('malformed', `PKCS#12 is malformed (${message.split('\n')[0] ?? 'unknown error'})`, { cause: error });
    }
    return contentsOf(pfx, index, password !== '', visible);
  }
  throw new Pkcs12Error('wrong-password', `PKCS#12 could not be opened: wrong or missing password (tried ${passwords.length})`, { cause: lastError });
}

function contentsOf(pfx: forge.pkcs12.Pkcs12Pfx, passwordIndex: number, protectedByPassword: boolean, visible: Visible | undefined): Pkcs12Contents {
  const certificates: Pkcs12Certificate[] = [];
  const keys: Pkcs12Key[] = [];
  let shrouded = 0;
  for (const safe of pfx.safeContents) {
    for (const bag of safe.safeBags) {
      const friendlyName = attribute(bag, 'friendlyName');
      const localKeyIdHex = attribute(bag, 'localKeyId');
      const names = { ...(friendlyName !== undefined ? { friendlyName } : {}), ...(localKeyIdHex !== undefined ? { localKeyIdHex } : {}) };
      if (bag.type === OID_CERT_BAG) {
        // forge parses RSA certificates and keeps the original ASN.1 of others; both re-encode to the stored DER.
        const node = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
        certificates.push({ der: toBytes(forge.asn1.toDer(node).getBytes()), ...names });
      } else if (bag.key || bag.asn1) {
        const info = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1;
        const facts = describePkcs8(toBytes(forge.asn1.toDer(info).getBytes()), 'pkcs12');
        const isShrouded = bag.type === OID_SHROUDED_KEY_BAG;
        const encryption = isShrouded && !safe.encrypted ? visible?.keyEncryption[shrouded++] : undefined;
        keys.push({
          facts: { ...facts, encrypted: protectedByPassword, ...(encryption ?? {}) },
          ...names,
        });
      }
    }
  }
  return { certificates, keys, passwordIndex, ...(visible?.mac !== undefined ? { mac: visible.mac } : {}) };
}

/** Returns true when the bytes start like a PFX (SEQUENCE { INTEGER 3, ... }), in DER or BER (Windows) form. */
export function looksLikePkcs12(bytes: Uint8Array): boolean {
  if (bytes[0] !== Tag.SEQUENCE) return false;
  if (bytes[1] === 0x80) return bytes[2] === Tag.INTEGER && bytes[3] === 1 && bytes[4] === 3;
  try {
    const root = readNode(bytes, 0);
    const [version, authSafe] = children(bytes, root, 3);
    return version?.tag === Tag.INTEGER && version.length === 1 && bytes[version.contentStart] === 3 && authSafe?.tag === Tag.SEQUENCE;
  } catch {
    return false;
  }
}
