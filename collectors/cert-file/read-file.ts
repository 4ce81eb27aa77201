import type { ProblemCode } from '../../model/evidence.js';
import { isJavaKeystore, JksError, readJavaKeystore } from '../../src/pki/jks.js';
import { certificateOfBlock, decodeHeaderlessBase64, readCertificates, readPemBlocks } from '../../src/pki/pem.js';
import { looksLikePkcs7, Pkcs7Error, readPkcs7 } from '../../src/pki/pkcs7.js';
import { looksLikePkcs12, Pkcs12Error, readPkcs12 } from '../../src/pki/pkcs12.js';
import { describeDerPrivateKey, describePemPrivateKey, PRIVATE_KEY_LABELS, PrivateKeyError, type PrivateKeyFacts } from '../../src/pki/private-key.js';

/** A password that may open a keystore; `label` names its source ("env P12_PASS") and is safe to print. */
export interface KeystorePassword {
  readonly label: string;
  readonly value: string;
}

/** A certificate found in a file, before its facts are computed. */
export interface FoundCertificate {
  readonly der: Uint8Array;
  readonly location: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** A private key found in a file: metadata only. */
export interface FoundKey {
  readonly facts: PrivateKeyFacts;
  readonly location: string;
  readonly alias?: string;
  /** The certificate a keystore binds the (undecrypted) key to; its public key stands in for the key's. */
  readonly certificate?: Uint8Array;
}

/** Everything one file yielded. */
export interface FileFindings {
  /** "pem", "der", "pkcs7", "pkcs12", "jks", "jceks", "private-key" (DER key file). */
  readonly format: string;
  readonly certificates: FoundCertificate[];
  readonly keys: FoundKey[];
  readonly problems: { readonly code: ProblemCode; readonly message: string }[];
}

const CERT_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);
const PKCS7_LABELS = new Set(['PKCS7', 'PKCS #7 SIGNED DATA', 'CMS']);

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 512);
  for (let k = 0; k < n; k++) {
    const b = bytes[k]!;
    if (b === 0 || (b < 0x09 && b !== 0x1b)) return false;
  }
  return true;
}

/**
 * Reads one file's bytes whatever the format: PEM (certificates, PKCS#7 blocks, private keys), DER certificate(s),
 * PKCS#7 (DER/BER), PKCS#12 (with the given passwords), JKS/JCEKS, DER private keys, PEM-less base64.
 * `passwords` are the candidates for this file in order (the empty password first when it is to be tried).
 * Returns findings and problems; never throws for bad input and never puts key bytes or passwords in messages.
 */
export function readPkiFile(bytes: Uint8Array, relFile: string, passwords: readonly KeystorePassword[]): FileFindings {
  if (bytes.length === 0) return { format: 'empty', certificates: [], keys: [], problems: [{ code: 'parse', message: 'empty file' }] };
  if (isJavaKeystore(bytes)) return readKeystore(bytes, relFile, passwords);
  const text = looksLikeText(bytes) ? new TextDecoder('latin1').decode(bytes) : undefined;
  if (text?.includes('-----BEGIN ')) return readPem(text, relFile);
  const der = text === undefined ? bytes : decodeHeaderlessBase64(text);
  if (der) {
    if (looksLikePkcs7(der)) return readP7(der, relFile);
    if (looksLikePkcs12(der)) return readP12(der, relFile, passwords);
    const key = describeDerPrivateKey(der);
    if (key) return { format: 'private-key', certificates: [], keys: [{ facts: key, location: relFile }], problems: [] };
  }
  return readPlain(bytes, relFile);
}

function readPlain(bytes: Uint8Array, relFile: string): FileFindings {
  try {
    const { certificates, problems } = readCertificates(bytes, relFile);
    return {
      format: 'der',
      certificates: certificates.map((c) => ({ der: c.der, location: `${relFile}#${c.index}`, attributes: { format: 'der' } })),
      keys: [],
      problems: problems.map((p) => ({ code: 'parse', message: p })),
    };
  } catch (error) {
    return { format: 'unknown', certificates: [], keys: [], problems: [{ code: 'parse', message: message(error).replace(`${relFile}: `, '') }] };
  }
}

function readPem(text: string, relFile: string): FileFindings {
  const certificates: FoundCertificate[] = [];
  const keys: FoundKey[] = [];
  const problems: FileFindings['problems'] = [];
  let blocks;
  try {
    const read = readPemBlocks(text, relFile);
    blocks = read.blocks;
    problems.push(...read.problems.map((p) => ({ code: 'parse' as const, message: p })));
  } catch (error) {
    return { format: 'pem', certificates, keys, problems: [{ code: 'too-large', message: message(error).replace(`${relFile}: `, '') }] };
  }
  const keyBlocks = blocks.filter((b) => PRIVATE_KEY_LABELS.has(b.label));
  for (const block of blocks) {
    const { blockNo, label } = block;
    if (CERT_LABELS.has(label) || PKCS7_LABELS.has(label)) {
      const der = block.decode();
      if (!der) {
        problems.push({ code: 'parse', message: `PEM block ${blockNo} (${label}) has an empty or invalid base64 body` });
        continue;
      }
      if (PKCS7_LABELS.has(label)) {
        try {
          const p7 = readPkcs7(der);
          if (p7.certificates.length === 0) problems.push({ code: 'parse', message: `PEM block ${blockNo}: PKCS#7 holds no certificate` });
          for (const cert of p7.certificates) certificates.push({ der: cert, location: `${relFile}#${certificates.length}`, attributes: { format: 'pkcs7' } });
        } catch (error) {
          problems.push({ code: 'parse', message: `PEM block ${blockNo}: ${message(error)}` });
        }
        continue;
      }
      try {
        certificates.push({ der: certificateOfBlock(label, der), location: `${relFile}#${certificates.length}`, attributes: { format: 'pem' } });
      } catch (error) {
        problems.push({ code: 'parse', message: `PEM block ${blockNo} (${label}) is not DER: ${message(error)}` });
      }
    } else if (PRIVATE_KEY_LABELS.has(label)) {
      const der = block.decode();
      const location = keyBlocks.length === 1 ? relFile : `${relFile}#key${keys.length}`;
      if (!der) {
        problems.push({ code: 'parse', message: `PEM block ${blockNo} (${label}) has an empty or invalid base64 body` });
        continue;
      }
      try {
        keys.push({ facts: describePemPrivateKey(label, block.headers, der), location });
      } catch (error) {
        problems.push({ code: 'parse', message: `PEM block ${blockNo}: ${error instanceof PrivateKeyError ? error.message : 'unreadable private key'}` });
      } finally {
        der.fill(0);
      }
    }
  }
  return { format: 'pem', certificates, keys, problems };
}

function readP7(der: Uint8Array, relFile: string): FileFindings {
  try {
    const p7 = readPkcs7(der);
    const certificates = p7.certificates.map((c, i) => ({ der: c, location: `${relFile}#${i}`, attributes: { format: 'pkcs7' } }));
    const problems: FileFindings['problems'] = certificates.length === 0 ? [{ code: 'parse', message: `PKCS#7 holds no certificate${p7.crlCount > 0 ? ` (${p7.crlCount} CRLs only)` : ''}` }] : [];
    return { format: 'pkcs7', certificates, keys: [], problems };
  } catch (error) {
    return { format: 'pkcs7', certificates: [], keys: [], problems: [{ code: 'parse', message: error instanceof Pkcs7Error ? error.message : 'malformed PKCS#7' }] };
  }
}

function readP12(der: Uint8Array, relFile: string, passwords: readonly KeystorePassword[]): FileFindings {
  if (passwords.length === 0) {
    return { format: 'pkcs12', certificates: [], keys: [], problems: [{ code: 'permission', message: 'PKCS#12 needs a password: none configured for this file' }] };
  }
  try {
    const p12 = readPkcs12(der, passwords.map((p) => p.value));
    const opened = passwords[p12.passwordIndex]!;
    const passwordAttr = opened.value === '' ? 'empty' : 'configured';
    const certificates = p12.certificates.map((c, i) => ({
      der: c.der,
      location: `${relFile}#${i}`,
      attributes: { format: 'pkcs12', password: passwordAttr, ...(c.friendlyName !== undefined ? { alias: c.friendlyName } : {}), ...(p12.mac !== undefined ? { mac: p12.mac } : {}) },
    }));
    const keys = p12.keys.map((k, i) => ({
      facts: k.facts,
      location: p12.keys.length === 1 ? relFile : `${relFile}#key${i}`,
      ...(k.friendlyName !== undefined ? { alias: k.friendlyName } : {}),
    }));
    const problems: FileFindings['problems'] = certificates.length === 0 && keys.length === 0 ? [{ code: 'parse', message: 'PKCS#12 holds no certificate and no key' }] : [];
    return { format: 'pkcs12', certificates, keys, problems };
  } catch (error) {
    if (error instanceof Pkcs12Error) {
      const tried = passwords.map((p) => p.label).join(', ');
      const text = error.reason === 'wrong-password' ? `PKCS#12 could not be opened: wrong or missing password (tried: ${tried})` : error.message;
      return { format: 'pkcs12', certificates: [], keys: [], problems: [{ code: error.reason === 'wrong-password' ? 'permission' : 'parse', message: text }] };
    }
    return { format: 'pkcs12', certificates: [], keys: [], problems: [{ code: 'parse', message: 'PKCS#12 could not be read' }] };
  }
}

function readKeystore(bytes: Uint8Array, relFile: string, passwords: readonly KeystorePassword[]): FileFindings {
  const candidates = passwords.filter((p) => p.value !== '');
  let store;
  let lastError: unknown;
  for (const candidate of candidates.length > 0 ? candidates : [undefined]) {
    try {
      store = readJavaKeystore(bytes, candidate?.value);
      break;
    } catch (error) {
      lastError = error;
      if (!(error instanceof JksError && error.reason === 'integrity')) break;
    }
  }
  if (!store) {
    const integrity = lastError instanceof JksError && lastError.reason === 'integrity';
    const text = integrity
      ? `keystore integrity check failed with every configured password (tried: ${candidates.map((p) => p.label).join(', ')}): wrong password or modified file`
      : lastError instanceof JksError
        ? lastError.message
        : 'keystore could not be read';
    return { format: 'jks', certificates: [], keys: [], problems: [{ code: integrity ? 'permission' : 'parse', message: text }] };
  }
  const format = store.type.toLowerCase();
  const certificates: FoundCertificate[] = [];
  const keys: FoundKey[] = [];
  for (const entry of store.entries) {
    const base = { format, alias: entry.alias, integrity: store.integrity };
    if (entry.kind === 'trusted-certificate') {
      if (entry.certificateType === 'X.509') certificates.push({ der: entry.certificate, location: `${relFile}#${entry.alias}`, attributes: { ...base, entryType: 'trusted-certificate' } });
    } else if (entry.kind === 'private-key') {
      entry.chain.forEach((der, k) => certificates.push({ der, location: `${relFile}#${entry.alias}[${k}]`, attributes: { ...base, entryType: 'private-key-chain' } }));
      keys.push({
        facts: { keyAlgorithm: 'unknown', encrypted: true, format: format === 'jks' ? 'jks' : 'jceks', encryption: entry.protection },
        location: `${relFile}#${entry.alias}`,
        alias: entry.alias,
        ...(entry.chain[0] ? { certificate: entry.chain[0] } : {}),
      });
    }
  }
  return { format, certificates, keys, problems: [] };
}
