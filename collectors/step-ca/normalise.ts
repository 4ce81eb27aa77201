// step-ca configuration → normalised `ca-config` evidence: the authority (key storage, database, claims, policy, CRL,
// RA mode) and one profile per provisioner with its effective claims. Defaults follow step-ca's documentation: TLS
// certificates min 5m, max 24h, default 24h; renewal allowed, not after expiry. Encrypted JWK keys, passwords, OIDC
// client secrets, SCEP challenges, KMS PINs and RA credentials are never copied (presence only).
import type { CaConfigData, CaConfigObservation, CaProfile, EnrollmentProtocol, KeyStorageKind } from '../../model/evidence.js';
import { parseDurationSeconds, SECONDS } from '../../src/ca-config/units.js';

/** step-ca's claim defaults for X.509 certificates. */
export const STEP_CA_DEFAULTS = {
  minTLSCertDuration: 5 * SECONDS.minute,
  maxTLSCertDuration: SECONDS.day,
  defaultTLSCertDuration: SECONDS.day,
  disableRenewal: false,
  allowRenewalAfterExpiry: false,
  crlCacheDuration: SECONDS.day,
} as const;

/** Provisioner type (lower case) → how certificates are requested through it. */
const PROTOCOLS: Readonly<Record<string, EnrollmentProtocol>> = {
  acme: 'acme',
  jwk: 'jwk',
  oidc: 'oidc',
  x5c: 'x5c',
  k8ssa: 'k8s',
  scep: 'scep',
  sshpop: 'other',
  nebula: 'other',
  aws: 'other',
  gcp: 'other',
  azure: 'other',
};

/** KMS type or key URI scheme → where the signing key lives. */
const KEY_STORAGE: Readonly<Record<string, KeyStorageKind>> = {
  softkms: 'software',
  pkcs11: 'pkcs11',
  yubikey: 'hsm',
  awskms: 'cloud-kms',
  cloudkms: 'cloud-kms',
  azurekms: 'cloud-kms',
  tpmkms: 'tpm',
  sshagentkms: 'software',
  capi: 'unknown',
};

type Json = Readonly<Record<string, unknown>>;
type Details = Record<string, string | number | boolean>;

/** Facts of a certificate ca.json names, as the collector could read it. */
export interface ReferencedCertificate {
  /** "root", "crt", "federatedRoots[0]". */
  readonly field: string;
  readonly path: string;
  readonly sha256?: string;
  readonly subject?: string;
  readonly keyAlgorithm?: string;
  readonly keySizeBits?: number;
}

const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** What kind of step-ca file a parsed JSON document is: a CA configuration, a provisioner snippet, or neither. */
export function stepCaFileKind(value: unknown): 'ca' | 'provisioner' | undefined {
  const doc = obj(value);
  if (!doc) return undefined;
  if (obj(doc.authority) || (str(doc.root) !== undefined && str(doc.crt) !== undefined)) return 'ca';
  const type = str(doc.type);
  if (type !== undefined && str(doc.name) !== undefined && PROTOCOLS[type.toLowerCase()] !== undefined) return 'provisioner';
  return undefined;
}

/** The paths of the certificates a ca.json names: root (string or list), crt, federatedRoots. */
export function certificateReferences(doc: Json): { field: string; path: string }[] {
  const refs: { field: string; path: string }[] = [];
  const roots = Array.isArray(doc.root) ? strs(doc.root) : strs([doc.root]);
  roots.forEach((path, i) => refs.push({ field: roots.length > 1 ? `root[${i}]` : 'root', path }));
  const crt = str(doc.crt);
  if (crt !== undefined) refs.push({ field: 'crt', path: crt });
  strs(doc.federatedRoots).forEach((path, i) => refs.push({ field: `federatedRoots[${i}]`, path }));
  return refs;
}

/** Claims, effective after merging a provisioner's own over the authority's and step-ca's defaults. */
interface Claims {
  min?: number;
  max?: number;
  default?: number;
  disableRenewal: boolean;
  allowRenewalAfterExpiry: boolean;
}

function mergeClaims(base: Claims, claims: Json | undefined, where: string, observations: CaConfigObservation[]): Claims {
  if (!claims) return base;
  const duration = (field: string, fallback: number | undefined): number | undefined => {
    const text = str(claims[field]);
    if (text === undefined) return fallback;
    const seconds = parseDurationSeconds(text, 'go');
    if (seconds === undefined) observations.push({ code: 'step-ca-invalid-duration', message: `${where}: ${field} ${JSON.stringify(text.slice(0, 40))} is not a Go duration`, profile: where });
    return seconds ?? fallback;
  };
  return {
    ...withOptional('min', duration('minTLSCertDuration', base.min)),
    ...withOptional('max', duration('maxTLSCertDuration', base.max)),
    ...withOptional('default', duration('defaultTLSCertDuration', base.default)),
    disableRenewal: typeof claims.disableRenewal === 'boolean' ? claims.disableRenewal : base.disableRenewal,
    allowRenewalAfterExpiry: typeof claims.allowRenewalAfterExpiry === 'boolean' ? claims.allowRenewalAfterExpiry : base.allowRenewalAfterExpiry,
  };
}

function withOptional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

const DEFAULT_CLAIMS: Claims = {
  min: STEP_CA_DEFAULTS.minTLSCertDuration,
  max: STEP_CA_DEFAULTS.maxTLSCertDuration,
  default: STEP_CA_DEFAULTS.defaultTLSCertDuration,
  disableRenewal: STEP_CA_DEFAULTS.disableRenewal,
  allowRenewalAfterExpiry: STEP_CA_DEFAULTS.allowRenewalAfterExpiry,
};

/** X.509 name policy (authority or provisioner level) → subject controls and details. */
function policyOf(policy: Json | undefined, details: Details): CaProfile['subject'] | undefined {
  const x509 = obj(obj(policy)?.x509);
  if (!x509) return undefined;
  const allow = obj(x509.allow) ?? {};
  const deny = obj(x509.deny) ?? {};
  for (const [field, name] of [['dns', 'Dns'], ['ip', 'Ip'], ['email', 'Email'], ['uri', 'Uri'], ['cn', 'Cn']] as const) {
    const allowed = strs(allow[field]);
    const denied = strs(deny[field]);
    if (allowed.length > 0) details[`policyAllow${name}`] = allowed.join(', ');
    if (denied.length > 0) details[`policyDeny${name}`] = denied.join(', ');
  }
  const allowedDomains = strs(allow.dns);
  return {
    ...(allowedDomains.length > 0 ? { allowedDomains } : {}),
    ...(typeof x509.allowWildcardNames === 'boolean' ? { allowWildcards: x509.allowWildcardNames } : {}),
    ...(strs(allow.ip).length > 0 ? { allowIpSans: true } : {}),
  };
}

function templateDetail(options: Json | undefined, details: Details): void {
  const x509 = obj(obj(options)?.x509);
  const file = str(x509?.templateFile);
  if (file !== undefined) details.x509Template = `file ${file}`;
  else if (x509?.template !== undefined) details.x509Template = 'inline';
}

/** Builds one profile from a claims set, kind and name; `extra` holds provisioner-specific details. */
function profileOf(name: string, kind: CaProfile['kind'], claims: Claims, enrollment: EnrollmentProtocol[], subject: CaProfile['subject'] | undefined, extra: Details): CaProfile {
  const details: Details = { ...extra, renewalDisabled: claims.disableRenewal, allowRenewalAfterExpiry: claims.allowRenewalAfterExpiry };
  if (claims.min !== undefined) details.minValiditySeconds = claims.min;
  return {
    name,
    kind,
    ...(claims.max !== undefined ? { maxValiditySeconds: claims.max } : {}),
    ...(claims.default !== undefined ? { defaultValiditySeconds: claims.default } : {}),
    enrollment,
    ...(subject && Object.keys(subject).length > 0 ? { subject } : {}),
    details,
  };
}

/** Normalises one provisioner against the authority's claims and policy. */
function provisionerProfile(p: Json, authorityClaims: Claims, authoritySubject: CaProfile['subject'] | undefined, observations: CaConfigObservation[]): CaProfile {
  const type = str(p.type) ?? 'unknown';
  const name = `${type}/${str(p.name) ?? '?'}`;
  const protocol = PROTOCOLS[type.toLowerCase()] ?? 'other';
  const claims = mergeClaims(authorityClaims, obj(p.claims), name, observations);
  const details: Details = { provisionerType: type };
  if (obj(p.claims)?.enableSSHCA === true) details.sshCa = true;
  const key = obj(p.key);
  if (key) details.jwkKeyType = [str(key.kty), str(key.crv)].filter(Boolean).join(' ');
  if (str(p.encryptedKey) !== undefined) details.hasEncryptedJwk = true;
  switch (type.toLowerCase()) {
    case 'acme': {
      const challenges = strs(p.challenges);
      details.challenges = challenges.length > 0 ? challenges.join(', ') : 'default (http-01, dns-01, tls-alpn-01)';
      if (p.forceCN === true) details.forceCN = true;
      if (p.requireEAB === true) details.requireEab = true;
      const attestation = strs(p.attestationFormats);
      if (attestation.length > 0) details.attestationFormats = attestation.join(', ');
      break;
    }
    case 'oidc': {
      const endpoint = str(p.configurationEndpoint);
      if (endpoint !== undefined) details.oidcConfigurationEndpoint = endpoint;
      const domains = strs(p.domains);
      if (domains.length > 0) details.oidcDomains = domains.join(', ');
      if (str(p.clientSecret) !== undefined) details.hasOidcClientSecret = true;
      break;
    }
    case 'scep':
      details.hasScepChallenge = str(p.challenge) !== undefined && str(p.challenge) !== '';
      if (p.decrypterCertificate !== undefined) details.scepDecrypter = true;
      break;
    case 'x5c':
    case 'nebula':
      details.rootsConfigured = p.roots !== undefined;
      break;
    case 'k8ssa':
      details.publicKeysConfigured = p.publicKeys !== undefined;
      break;
    case 'aws':
    case 'gcp':
    case 'azure':
      if (p.disableTrustOnFirstUse === true) details.disableTrustOnFirstUse = true;
      if (p.disableCustomSANs === true) details.disableCustomSans = true;
      break;
  }
  templateDetail(obj(p.options), details);
  const own = policyOf(obj(p.policy), details);
  const subject = own ?? authoritySubject;
  return { ...profileOf(name, 'provisioner', claims, [protocol], subject, details), autoRenewal: false };
}

function keyStorageOf(doc: Json, authority: Json): NonNullable<CaConfigData['keyStorage']> {
  const authorityType = str(authority.type);
  if (authorityType !== undefined && authorityType !== '' && authorityType !== 'softcas') {
    return { kind: 'unknown', detail: `registration authority in front of ${authorityType}` };
  }
  const kmsType = str(obj(doc.kms)?.type)?.toLowerCase();
  if (kmsType !== undefined) return { kind: KEY_STORAGE[kmsType] ?? 'unknown', detail: `kms ${kmsType}` };
  const key = str(doc.key);
  const scheme = key !== undefined && /^[a-z0-9]+:/i.test(key) && !/^[a-z]:\\/i.test(key) ? key.slice(0, key.indexOf(':')).toLowerCase() : undefined;
  if (scheme !== undefined && scheme !== 'file') return { kind: KEY_STORAGE[scheme] ?? 'unknown', detail: `key URI ${scheme}:` };
  return { kind: 'software', detail: key === undefined ? 'key file (not named)' : `key file ${key}` };
}

/**
 * Normalises a ca.json. `certificates` are the root/crt/federated certificates the collector could read (any field
 * without `sha256` was not found). Returns the evidence data, free of secrets by construction.
 */
export function normaliseCaJson(doc: Json, relFile: string, certificates: readonly ReferencedCertificate[]): CaConfigData {
  const observations: CaConfigObservation[] = [];
  const authority = obj(doc.authority) ?? {};
  const claims = mergeClaims(DEFAULT_CLAIMS, obj(authority.claims), 'authority', observations);
  const details: Details = {};
  const subject = policyOf(obj(authority.policy), details);
  const provisioners = Array.isArray(authority.provisioners) ? authority.provisioners.map(obj).filter((p): p is Json => p !== undefined) : [];
  const profiles = [
    profileOf('authority claims', 'default', claims, [], subject, {}),
    ...provisioners.map((p) => provisionerProfile(p, claims, subject, observations)),
  ];
  const enrollment = [...new Set(profiles.flatMap((p) => p.enrollment ?? []))];
  const db = obj(doc.db);
  if (str(db?.type) !== undefined) details.db = str(db?.type)!;
  const address = str(doc.address);
  if (address !== undefined) details.address = address;
  const dnsNames = strs(doc.dnsNames);
  if (dnsNames.length > 0) details.dnsNames = dnsNames.join(', ');
  if (obj(doc.ssh)) details.sshCa = true;
  details.provisioners = provisioners.length;
  const authorityType = str(authority.type);
  if (authorityType !== undefined) details.authorityType = authorityType;
  const upstream = str(authority.certificateAuthority);
  const tls = obj(doc.tls);
  if (typeof tls?.minVersion === 'number' || typeof tls?.minVersion === 'string') details.tlsMinVersion = String(tls.minVersion);
  for (const c of certificates) {
    if (c.sha256 === undefined) observations.push({ code: 'certificate-file-not-found', message: `${c.field} certificate ${c.path} was not found under the scanned folder` });
  }
  const crt = certificates.find((c) => c.field === 'crt' && c.sha256 !== undefined);
  const sha = certificates.map((c) => c.sha256).filter((s): s is string => s !== undefined);
  const crl = obj(doc.crl);
  const crlInterval = parseDurationSeconds(str(crl?.cacheDuration) ?? '', 'go') ?? STEP_CA_DEFAULTS.crlCacheDuration;
  return {
    product: 'step-ca',
    role: 'ca',
    name: `step-ca ${relFile}`,
    source: { path: relFile },
    ...(crt || sha.length > 0 || upstream !== undefined
      ? {
          ca: {
            ...(crt?.subject !== undefined ? { subject: crt.subject } : {}),
            ...(sha.length > 0 ? { certificateSha256: sha } : {}),
            ...(upstream !== undefined ? { url: upstream } : {}),
            ...(crt?.keyAlgorithm !== undefined ? { keyAlgorithm: crt.keyAlgorithm } : {}),
            ...(crt?.keySizeBits !== undefined ? { keySizeBits: crt.keySizeBits } : {}),
          },
        }
      : {}),
    profiles,
    enrollment,
    automation: { autoRenewal: false, mechanism: 'client-side renewal (step ca renew --daemon or a timer), not configured in ca.json' },
    revocation: { crl: { enabled: crl?.enabled === true, ...(crl?.enabled === true ? { intervalSeconds: crlInterval } : {}) } },
    keyStorage: keyStorageOf(doc, authority),
    observations,
    details,
  };
}

/** Normalises a standalone provisioner snippet (as documentation shows them) against step-ca's defaults. */
export function normaliseProvisioner(doc: Json, relFile: string): CaConfigData {
  const observations: CaConfigObservation[] = [];
  const profile = provisionerProfile(doc, DEFAULT_CLAIMS, undefined, observations);
  return {
    product: 'step-ca',
    role: 'ca',
    name: `step-ca provisioner ${profile.name}`,
    source: { path: relFile },
    profiles: [profile],
    enrollment: profile.enrollment ?? [],
    observations,
    details: { snippet: true },
  };
}
