import type { AllowedKeyType, CaConfigData, CaProfile } from '../../model/evidence.js';
import { formatSeconds, parseDurationSeconds } from '../../src/ca-config/units.js';

/** What one cfssl file yielded: setups, or one reason it could not be read (a JSON pointer or line first). */
export type CfsslResult = { readonly kind: 'configs'; readonly configs: CaConfigData[] } | { readonly kind: 'problem'; readonly message: string } | { readonly kind: 'other' };

/** cfssl usage names that are extended key usages (config.ExtKeyUsage) → evidence names. */
const EXT_KEY_USAGES: Readonly<Record<string, string>> = {
  any: 'anyExtendedKeyUsage',
  'server auth': 'serverAuth',
  'client auth': 'clientAuth',
  'code signing': 'codeSigning',
  'email protection': 'emailProtection',
  's/mime': 'emailProtection',
  'ipsec end system': 'ipsecEndSystem',
  'ipsec tunnel': 'ipsecTunnel',
  'ipsec user': 'ipsecUser',
  timestamping: 'timeStamping',
  'ocsp signing': 'OCSPSigning',
  'microsoft sgc': 'msSGC',
  'netscape sgc': 'nsSGC',
};

/** cfssl's built-in default profile when the file has no signing.default (config.DefaultConfig). */
const DEFAULT_EXPIRY = '8760h';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** A JSON-pointer segment (RFC 6901). */
function seg(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Thrown inside the mapper for a value cfssl itself would refuse; caught by parseCfsslJson. */
class CfsslConfigError extends Error {}

function goDuration(value: unknown, pointer: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const seconds = typeof value === 'string' ? parseDurationSeconds(value, 'go') : undefined;
  if (seconds === undefined) throw new CfsslConfigError(`${pointer}: not a Go duration (cfssl refuses to load this configuration)`);
  return seconds;
}

function toProfile(name: string, kind: CaProfile['kind'], raw: Json, pointer: string, fallbackExpiry: number | undefined): CaProfile {
  const details: Record<string, string | number | boolean> = {};
  const remote = typeof raw.remote === 'string' && raw.remote !== '' ? raw.remote : undefined;
  if (remote !== undefined) details.remote = remote;
  let expiry = goDuration(raw.expiry, `${pointer}/expiry`);
  if (expiry === undefined && remote === undefined && fallbackExpiry !== undefined) {
    expiry = fallbackExpiry;
    details.expiryInherited = true;
  }
  const backdate = goDuration(raw.backdate, `${pointer}/backdate`);
  if (backdate !== undefined) details.backdate = formatSeconds(backdate);
  for (const key of ['not_before', 'not_after'] as const) {
    const value = raw[key];
    if (typeof value === 'string' && value !== '') details[key === 'not_before' ? 'notBefore' : 'notAfter'] = value.slice(0, 40);
  }
  // The name of the HMAC key is configuration; the key itself lives in auth_keys and is never read.
  if (typeof raw.auth_key === 'string' && raw.auth_key !== '') details.authKeyRequired = true;
  else details.authKeyRequired = false;
  if (isObject(raw.auth_remote) && typeof raw.auth_remote.remote === 'string') details.authRemote = raw.auth_remote.remote;
  if (typeof raw.name_whitelist === 'string') details.nameWhitelist = raw.name_whitelist.slice(0, 200);
  if (raw.ocsp_no_check === true) details.ocspNoCheck = true;
  if (raw.copy_extensions === true) details.copyExtensions = true;
  const policies = Array.isArray(raw.policies) ? raw.policies.length : 0;
  if (policies > 0) details.policies = policies;

  const usages = stringList(raw.usages).map((u) => u.trim().toLowerCase());
  const eku = [...new Set(usages.map((u) => EXT_KEY_USAGES[u]).filter((u): u is string => u !== undefined))];
  const unknown = usages.filter((u) => EXT_KEY_USAGES[u] === undefined && !KEY_USAGES.has(u));
  if (unknown.length > 0) details.unknownUsages = unknown.join(', ').slice(0, 200);
  const caConstraint = isObject(raw.ca_constraint) ? raw.ca_constraint : undefined;
  const isCa = caConstraint?.is_ca === true || raw.is_ca === true;
  if (caConstraint && typeof caConstraint.max_path_len === 'number') details.maxPathLen = caConstraint.max_path_len;
  const issuerUrls = stringList(raw.issuer_urls);

  return {
    name,
    kind,
    ...(expiry === undefined ? {} : { maxValiditySeconds: expiry, defaultValiditySeconds: expiry }),
    ...(usages.length > 0 ? { extendedKeyUsage: eku } : {}),
    isCa,
    // cfssl copies the CSR's subject and SANs unless a name whitelist or CSR whitelist restricts them.
    subject: { enrolleeSuppliesSubject: typeof raw.name_whitelist !== 'string' && !isObject(raw.csr_whitelist) },
    enrollment: ['api'],
    includesCrlDistributionPoint: typeof raw.crl_url === 'string' && raw.crl_url !== '',
    includesOcspUrl: typeof raw.ocsp_url === 'string' && raw.ocsp_url !== '',
    includesCaIssuersUrl: issuerUrls.length > 0,
    details,
  };
}

const KEY_USAGES = new Set(['signing', 'digital signature', 'content commitment', 'content committment', 'key encipherment', 'key agreement', 'data encipherment', 'cert sign', 'crl sign', 'encipher only', 'decipher only']);

function signingConfig(doc: Json, file: string): CaConfigData {
  const signing = doc.signing;
  if (!isObject(signing)) throw new CfsslConfigError('/signing: not an object');
  const rawDefault = signing.default;
  if (rawDefault !== undefined && !isObject(rawDefault)) throw new CfsslConfigError('/signing/default: not an object');
  const defaultProfile = rawDefault
    ? toProfile('default', 'default', rawDefault, '/signing/default', undefined)
    : { ...toProfile('default', 'default', { expiry: DEFAULT_EXPIRY, usages: ['signing', 'key encipherment', 'server auth', 'client auth'] }, '/signing/default', undefined), details: { builtInDefault: true, authKeyRequired: false } };
  const profiles: CaProfile[] = [defaultProfile];
  const rawProfiles = signing.profiles ?? {};
  if (!isObject(rawProfiles)) throw new CfsslConfigError('/signing/profiles: not an object');
  for (const [name, raw] of Object.entries(rawProfiles)) {
    if (!isObject(raw)) throw new CfsslConfigError(`/signing/profiles/${seg(name)}: not an object`);
    profiles.push(toProfile(name, 'profile', raw, `/signing/profiles/${seg(name)}`, defaultProfile.maxValiditySeconds));
  }
  const all = [rawDefault ?? {}, ...Object.values(rawProfiles)] as Json[];
  const crlUrls = [...new Set(all.map((p) => p.crl_url).filter((u): u is string => typeof u === 'string' && u !== ''))];
  const ocspUrls = [...new Set(all.map((p) => p.ocsp_url).filter((u): u is string => typeof u === 'string' && u !== ''))];
  return {
    product: 'cfssl',
    role: 'ca',
    name: `cfssl (${file})`,
    source: { path: file },
    profiles,
    enrollment: ['api'],
    ...(crlUrls.length > 0 || ocspUrls.length > 0
      ? {
          revocation: {
            ...(crlUrls.length > 0 ? { crl: { enabled: true, urls: crlUrls } } : {}),
            ...(ocspUrls.length > 0 ? { ocsp: { enabled: true, urls: ocspUrls } } : {}),
          },
        }
      : {}),
    observations: [],
  };
}

/** The key a cfssl CSR request asks for ({"key": {"algo": "ecdsa", "size": 256}}). */
function csrKey(raw: Json): { type: AllowedKeyType; bits?: number } {
  const algo = typeof raw.algo === 'string' ? raw.algo.toLowerCase() : 'ecdsa';
  const size = typeof raw.size === 'number' ? raw.size : undefined;
  // cfssl's defaults: ECDSA P-256, RSA 2048.
  if (algo === 'rsa') return { type: { algorithm: 'RSA', minBits: size ?? 2048, bits: [size ?? 2048] }, bits: size ?? 2048 };
  if (algo === 'ecdsa') {
    const curve = { 256: 'P-256', 384: 'P-384', 521: 'P-521' }[size ?? 256];
    return { type: { algorithm: 'EC', ...(curve ? { curves: [curve] } : {}) }, bits: size ?? 256 };
  }
  if (algo === 'ed25519') return { type: { algorithm: 'Ed25519' } };
  return { type: { algorithm: algo }, ...(size === undefined ? {} : { bits: size }) };
}

function csrConfig(doc: Json, file: string): CaConfigData {
  const key = isObject(doc.key) ? csrKey(doc.key) : undefined;
  const ca = isObject(doc.ca) ? doc.ca : undefined;
  const expiry = ca ? goDuration(ca.expiry, '/ca/expiry') : undefined;
  const cn = typeof doc.CN === 'string' ? doc.CN : undefined;
  const details: Record<string, string | number | boolean> = { request: 'csr' };
  if (typeof ca?.pathlen === 'number') details.pathLen = ca.pathlen;
  if (Array.isArray(doc.hosts)) details.hosts = doc.hosts.length;
  return {
    product: 'cfssl',
    role: 'ca',
    name: `cfssl CSR (${file})`,
    source: { path: file },
    ...(key
      ? { ca: { ...(cn === undefined ? {} : { subject: `CN=${cn}` }), keyAlgorithm: key.type.algorithm, ...(key.bits === undefined ? {} : { keySizeBits: key.bits }) } }
      : cn === undefined
        ? {}
        : { ca: { subject: `CN=${cn}` } }),
    profiles: [
      {
        name: cn ?? file,
        kind: 'certificate',
        ...(key ? { keyTypes: [key.type] } : {}),
        ...(expiry === undefined ? {} : { maxValiditySeconds: expiry }),
        isCa: ca !== undefined,
        details,
      },
    ],
    enrollment: ['manual'],
    observations: [],
  };
}

/**
 * Maps one parsed cfssl JSON document: a signing configuration (`{"signing": …}`) or a CSR request
 * (`{"CN": …, "key": {"algo", "size"}}`). `auth_keys` values, `remotes` credentials and any other field not read
 * explicitly never reach the evidence. Returns configs, a problem for a value cfssl would refuse, or 'other' for JSON
 * that is neither.
 */
export function parseCfsslJson(doc: unknown, file: string): CfsslResult {
  if (!isObject(doc)) return { kind: 'other' };
  try {
    if ('signing' in doc) return { kind: 'configs', configs: [signingConfig(doc, file)] };
    if (isObject(doc.key) || ('CN' in doc && ('names' in doc || 'hosts' in doc || 'ca' in doc))) return { kind: 'configs', configs: [csrConfig(doc, file)] };
  } catch (error) {
    if (error instanceof CfsslConfigError) return { kind: 'problem', message: error.message };
    throw error;
  }
  return { kind: 'other' };
}

/**
 * Maps a cfssl multiroot configuration (INI sections with `private`, `certificate`, `config`): one setup per root,
 * with where its key lives. Key file paths are configuration, not secrets, but only their scheme is kept.
 * Returns configs, or a problem naming the line of the first malformed entry.
 */
export function parseCfsslMultiroot(text: string, file: string): CfsslResult {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      current = new Map();
      sections.set(header[1]!, current);
      continue;
    }
    const entry = /^([A-Za-z_][\w.-]*)\s*=\s*(.*)$/.exec(line);
    if (!entry || !current) return { kind: 'problem', message: `line ${i + 1}: expected "[section]" or "key = value"` };
    current.set(entry[1]!.toLowerCase(), entry[2]!.trim());
  }
  if (sections.size === 0 || ![...sections.values()].some((s) => s.has('private') || s.has('certificate'))) return { kind: 'other' };
  const configs: CaConfigData[] = [];
  for (const [name, entries] of sections) {
    const priv = entries.get('private') ?? '';
    const scheme = /^([a-z0-9+.-]+):\/\//i.exec(priv)?.[1]?.toLowerCase();
    const keyStorage =
      scheme === 'rofile'
        ? { kind: 'software' as const, detail: 'Red October-encrypted key file (rofile://)' }
        : scheme === undefined || scheme === 'file'
          ? { kind: 'software' as const, detail: 'private key file (file://)' }
          : scheme === 'pkcs11'
            ? { kind: 'pkcs11' as const, detail: 'PKCS#11 token (pkcs11://)' }
            : { kind: 'unknown' as const, detail: `${scheme}:// key source` };
    configs.push({
      product: 'cfssl',
      role: 'ca',
      name: `cfssl multiroot [${name}] (${file})`,
      source: { path: file, pointer: `[${name}]` },
      profiles: [],
      enrollment: ['api'],
      keyStorage,
      observations: [],
    });
  }
  return { kind: 'configs', configs };
}
