// Pure helpers that judge facts against a policy profile. Checks and assessors call these; nothing here reads a
// clock (the caller passes `now`) or does I/O.
import type { CertificateData } from '../../model/evidence.js';
import type { CertificateClass, KeySpec, NameSpec, PolicyProfile } from './profile.js';
import { globToRegExp } from './waivers.js';

/** Where an algorithm stands in the policy at a given time. */
export type PolicyStatus = 'approved' | 'deprecated' | 'past-sunset' | 'prohibited' | 'unlisted';

/** A classification with the entry that decided it. */
export interface Classification {
  readonly status: PolicyStatus;
  /** The sunset or end date of the deciding entry, if it has one. */
  readonly until?: string;
  readonly note?: string;
}

/** Key facts a key entry is matched against. */
export interface KeyFacts {
  readonly algorithm: string;
  readonly bits?: number;
  readonly curve?: string;
}

const DAY_MS = 86_400_000;

/** Whether `now` is after the whole day `date` (UTC). */
const isAfterDay = (date: string, now: Date): boolean => now.getTime() >= Date.parse(`${date}T00:00:00Z`) + DAY_MS;

const CURVE_ALIASES: Readonly<Record<string, string>> = {
  prime256v1: 'P-256',
  secp256r1: 'P-256',
  '1.2.840.10045.3.1.7': 'P-256',
  secp384r1: 'P-384',
  '1.3.132.0.34': 'P-384',
  secp521r1: 'P-521',
  '1.3.132.0.35': 'P-521',
  secp224r1: 'P-224',
  prime192v1: 'P-192',
};

/** Normalises a curve name to the NIST "P-256" form where one exists. */
export const normaliseCurve = (curve: string): string => CURVE_ALIASES[curve] ?? curve;

const ALGORITHM_ALIASES: Readonly<Record<string, string>> = { ecdsa: 'ec', ecc: 'ec', 'id-ecpublickey': 'ec', rsaencryption: 'rsa', ed25519: 'ed25519' };

/** Normalises an algorithm name for comparison ("ECDSA" and "EC" are the same key type). */
const normaliseAlgorithm = (name: string): string => {
  const lower = name.toLowerCase();
  const family = /^(ml-dsa|slh-dsa|ml-kem)/.exec(lower)?.[1];
  return ALGORITHM_ALIASES[lower] ?? family ?? lower;
};

/** NIST prime curves by size, for EC keys reported with a size but no curve name (e.g. a CA key in a configuration). */
const CURVE_BY_BITS: Readonly<Record<number, string>> = { 256: 'P-256', 384: 'P-384', 521: 'P-521' };

function keyMatches(entry: KeySpec, key: KeyFacts): boolean {
  if (entry.algorithm !== '*' && normaliseAlgorithm(entry.algorithm) !== normaliseAlgorithm(key.algorithm)) return false;
  if (entry.minBits !== undefined && (key.bits === undefined || key.bits < entry.minBits)) return false;
  const curve = key.curve ?? (normaliseAlgorithm(key.algorithm) === 'ec' && key.bits !== undefined ? CURVE_BY_BITS[key.bits] : undefined);
  if (entry.curves !== undefined && (curve === undefined || !entry.curves.map(normaliseCurve).includes(normaliseCurve(curve)))) return false;
  return true;
}

const nameMatches = (entry: NameSpec, name: string): boolean => normaliseName(entry.name) === normaliseName(name);

/** Normalises hash and protocol names: case, dashes and the "TLSv1.0"/"TLSv1" spelling. */
function normaliseName(name: string): string {
  const lower = name.toLowerCase().replace(/[\s_-]/g, '');
  return lower === 'tlsv1.0' || lower === 'tls1.0' ? 'tlsv1' : lower.replace(/^tls(?=\d)/, 'tlsv');
}

/** Classifies by the lists: first approved entry in force, then deprecated (past its sunset or not), then prohibited in force. */
function classifyWith<E extends { readonly until?: string | undefined; readonly note?: string | undefined }>(
  lists: { readonly approved: readonly E[]; readonly deprecated: readonly E[]; readonly prohibited: readonly E[] },
  match: (entry: E) => boolean,
  now: Date,
): Classification {
  const describe = (status: PolicyStatus, entry: E): Classification => ({
    status,
    ...(entry.until === undefined ? {} : { until: entry.until }),
    ...(entry.note === undefined ? {} : { note: entry.note }),
  });
  const inForce = (entry: E): boolean => entry.until === undefined || !isAfterDay(entry.until, now);
  const approved = lists.approved.find((e) => inForce(e) && match(e));
  if (approved !== undefined) return describe('approved', approved);
  const deprecated = lists.deprecated.find(match);
  if (deprecated !== undefined) return describe(inForce(deprecated) ? 'deprecated' : 'past-sunset', deprecated);
  const prohibited = lists.prohibited.find((e) => inForce(e) && match(e));
  if (prohibited !== undefined) return describe('prohibited', prohibited);
  return { status: 'unlisted' };
}

/** Classifies a public key against the profile's key lists. */
export function classifyKey(policy: PolicyProfile, key: KeyFacts, now: Date): Classification {
  return classifyWith(policy.algorithms.keys, (entry) => keyMatches(entry, key), now);
}

/** Classifies a signature hash ("SHA-256") against the profile. */
export function classifyHash(policy: PolicyProfile, hash: string, now: Date): Classification {
  return classifyWith(policy.algorithms.signatureHashes, (entry) => nameMatches(entry, hash), now);
}

/** Classifies a TLS protocol version ("TLSv1.2") against the profile. */
export function classifyProtocol(policy: PolicyProfile, protocol: string, now: Date): Classification {
  return classifyWith(policy.algorithms.tlsProtocols, (entry) => nameMatches(entry, protocol), now);
}

/** The key facts of a certificate, for classifyKey. */
export const certificateKey = (cert: CertificateData): KeyFacts => ({
  algorithm: cert.keyAlgorithm === 'other' ? (cert.keyAlgorithmName ?? cert.keyAlgorithmOid) : cert.keyAlgorithm,
  ...(cert.keySizeBits === undefined ? {} : { bits: cert.keySizeBits }),
  ...(cert.curve === undefined ? {} : { curve: cert.curve }),
});

/** Returns whether a status means "must not be used". */
export const isProhibited = (status: PolicyStatus): boolean => status === 'prohibited' || status === 'past-sunset';

/** The prohibited fragment a cipher-suite name contains, if any (case-insensitive; "DES" does not match "DES" inside "DHE"). */
export function prohibitedCipherFragment(policy: PolicyProfile, cipher: string): string | undefined {
  const upper = cipher.toUpperCase();
  return policy.algorithms.prohibitedCipherFragments.find((fragment) => {
    const f = fragment.toUpperCase();
    // Fragments match at name-part boundaries ("-", "_", start, end), so "DES" matches "DES-CBC3-SHA" and "3DES" but not "DHE".
    const pattern = new RegExp(`(^|[-_]|\\d)${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[-_])`);
    return pattern.test(upper) || (f.endsWith('-') && upper.startsWith(f));
  });
}

// CA/B Forum reserved certificate policy OIDs for subscriber TLS certificates (TLS BR §7.1.6.1) and EV (EV Guidelines §9.3.2).
const CABF_TLS_POLICY_OIDS = new Set(['2.23.140.1.2.1', '2.23.140.1.2.2', '2.23.140.1.2.3', '2.23.140.1.1']);
const SERVER_AUTH = new Set(['serverAuth', '1.3.6.1.5.5.7.3.1']);
const CLIENT_AUTH = new Set(['clientAuth', '1.3.6.1.5.5.7.3.2']);
const CODE_SIGNING = new Set(['codeSigning', '1.3.6.1.5.5.7.3.3']);
const EMAIL = new Set(['emailProtection', '1.3.6.1.5.5.7.3.4']);

/**
 * Returns whether the certificate is a TLS server (subscriber) certificate: serverAuth EKU, or no EKU (any purpose)
 * with DNS names or a CA/B Forum TLS policy OID.
 */
export function isTlsServerCertificate(cert: CertificateData): boolean {
  if (cert.isCa) return false;
  if (cert.extendedKeyUsage.length === 0) return cert.subjectAltNames.some((san) => san.startsWith('DNS:')) || cert.policyOids.some((oid) => CABF_TLS_POLICY_OIDS.has(oid));
  return cert.extendedKeyUsage.some((eku) => SERVER_AUTH.has(eku));
}

/** Returns whether a TLS server certificate is publicly trusted: a CA/B Forum policy OID, or an issuer the profile lists as public. */
export function isPublicTls(cert: CertificateData, policy: PolicyProfile): boolean {
  if (!isTlsServerCertificate(cert)) return false;
  if (cert.policyOids.some((oid) => CABF_TLS_POLICY_OIDS.has(oid))) return true;
  return policy.cas.publicIssuers.some((glob) => globToRegExp(glob).test(cert.issuer));
}

/** The certificate's class for lifetime limits; undefined when no class applies (e.g. an OCSP signer). */
export function certificateClass(cert: CertificateData, policy: PolicyProfile): CertificateClass | undefined {
  if (cert.isCa) return cert.isSelfSigned ? 'root' : 'ca';
  if (isTlsServerCertificate(cert)) return isPublicTls(cert, policy) ? 'publicTls' : 'privateTls';
  if (cert.extendedKeyUsage.some((e) => CODE_SIGNING.has(e))) return 'codeSigning';
  if (cert.extendedKeyUsage.some((e) => EMAIL.has(e))) return 'email';
  if (cert.extendedKeyUsage.some((e) => CLIENT_AUTH.has(e))) return 'client';
  return undefined;
}

/** The maximum lifetime in days for a class, picked from its schedule by the issuance date (the latest entry whose `from` ≤ notBefore). */
export function maxLifetimeDays(policy: PolicyProfile, certClass: CertificateClass, notBefore: string): number {
  const issued = Date.parse(notBefore);
  let days = 0;
  let latest = Number.NEGATIVE_INFINITY;
  for (const entry of policy.lifetimes[certClass]) {
    const from = entry.from === undefined ? Number.NEGATIVE_INFINITY : Date.parse(`${entry.from}T00:00:00Z`);
    if (from <= issued && from >= latest) {
      latest = from;
      days = entry.days;
    }
  }
  return days;
}

/** Human names of the certificate classes, for messages. */
export const CLASS_LABELS: Readonly<Record<CertificateClass, string>> = {
  publicTls: 'public TLS server',
  privateTls: 'private TLS server',
  client: 'client',
  codeSigning: 'code signing',
  email: 'S/MIME',
  ca: 'intermediate CA',
  root: 'root CA',
};

/** Returns whether a DNS name is inside the profile's declared domains ("example.org" covers itself and its subdomains). */
export function inDeclaredDomains(policy: PolicyProfile, name: string): boolean {
  const host = name.toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
  return policy.scope.domains.some((domain) => {
    const d = domain.toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
    return host === d || host.endsWith(`.${d}`);
  });
}

/** Returns whether an issuer (DN or CA certificate SHA-256) is on the profile's approved-CA list. */
export function isApprovedIssuer(policy: PolicyProfile, issuer: string, issuerSha256?: string): boolean {
  return policy.cas.approved.some((entry) => {
    const lowered = entry.toLowerCase();
    if (/^[0-9a-f]{64}$/.test(lowered)) return issuerSha256 !== undefined && issuerSha256.toLowerCase() === lowered;
    return globToRegExp(entry).test(issuer);
  });
}

const PROFILE_EKU_CLASSES: readonly (readonly [ReadonlySet<string>, CertificateClass])[] = [
  [CODE_SIGNING, 'codeSigning'],
  [EMAIL, 'email'],
];

/**
 * The certificate class a CA profile issues: CA profiles → `ca`; code signing and e-mail EKUs → those classes;
 * serverAuth, or no stated EKU → TLS (public when `isPublicCa`); clientAuth alone → `client`.
 */
export function profileClass(profile: { readonly isCa?: boolean; readonly extendedKeyUsage?: readonly string[] }, isPublicCa: boolean): CertificateClass {
  if (profile.isCa === true) return 'ca';
  const ekus = profile.extendedKeyUsage ?? [];
  for (const [names, certClass] of PROFILE_EKU_CLASSES) if (ekus.some((e) => names.has(e))) return certClass;
  if (ekus.length > 0 && !ekus.some((e) => SERVER_AUTH.has(e)) && ekus.some((e) => CLIENT_AUTH.has(e))) return 'client';
  return isPublicCa ? 'publicTls' : 'privateTls';
}
