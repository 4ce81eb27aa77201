// `openssl ca` configurations → normalised `ca-config` evidence: the CA section default_ca names (validity, CRL
// period, digest, name policy, copy_extensions, unique_subject), its x509_extensions as the default profile and every
// other extension section as a profile `-extensions` can select, and the CA database (index.txt counts, serial,
// crlnumber). Configurations with only an `openssl req -x509` setup become a template profile.
import type { CaConfigData, CaConfigObservation, CaProfile, KeyStorageKind } from '../../model/evidence.js';
import { SECONDS } from '../../src/ca-config/units.js';
import type { CnfValue, OpenSslConf } from './openssl-cnf.js';

/** OpenSSL's defaults for settings the collector reports when absent. */
export const OPENSSL_DEFAULTS = { uniqueSubject: 'yes', copyExtensions: 'none', reqDefaultBits: 2048 } as const;

/** Settings that mark an extension section. */
const EXTENSION_KEYS = ['basicConstraints', 'keyUsage', 'extendedKeyUsage', 'crlDistributionPoints', 'authorityInfoAccess'];

const DIGESTS: Readonly<Record<string, string>> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha224: 'SHA-224',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
  'sha3-256': 'SHA3-256',
  'sha3-384': 'SHA3-384',
  'sha3-512': 'SHA3-512',
  sm3: 'SM3',
};

type Section = ReadonlyMap<string, CnfValue>;
type Details = Record<string, string | number | boolean>;

/** Counts from an index.txt. */
export interface IndexCounts {
  readonly valid: number;
  readonly revoked: number;
  readonly expired: number;
  /** Lines that are not "V|R|E<TAB>expiry<TAB>…". */
  readonly malformed: number;
}

/** What the collector read from the files a CA section names. */
export interface CaFiles {
  readonly certificate?: { readonly sha256: string; readonly subject: string; readonly keyAlgorithm: string; readonly keySizeBits?: number };
  readonly index?: IndexCounts;
  readonly serial?: string;
  readonly crlNumber?: string;
  /** Files named but not read, with why. */
  readonly notRead: readonly { readonly field: string; readonly path: string; readonly reason: string }[];
}

const get = (section: Section | undefined, name: string): string | undefined => section?.get(name)?.value;

/** The CA sections: the one [ca] default_ca names, then any other section with a `database`. */
export function caSections(conf: OpenSslConf): string[] {
  const names: string[] = [];
  const byDefault = get(conf.sections.get('ca'), 'default_ca');
  if (byDefault !== undefined && conf.sections.has(byDefault)) names.push(byDefault);
  for (const [name, section] of conf.sections) {
    if (name !== 'ca' && !names.includes(name) && section.has('database')) names.push(name);
  }
  return names;
}

/** The file paths a CA section names (already variable-expanded). */
export function caFilePaths(conf: OpenSslConf, section: string): Partial<Record<'database' | 'serial' | 'crlnumber' | 'certificate', string>> {
  const s = conf.sections.get(section);
  const out: Partial<Record<'database' | 'serial' | 'crlnumber' | 'certificate', string>> = {};
  for (const field of ['database', 'serial', 'crlnumber', 'certificate'] as const) {
    const value = get(s, field);
    if (value !== undefined && value !== '') out[field] = value;
  }
  return out;
}

/** Parses an index.txt time: YYMMDDHHMMSSZ (UTCTime) or YYYYMMDDHHMMSSZ. Returns epoch ms or undefined. */
function indexTime(text: string): number | undefined {
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const year = m[1]!.length === 2 ? (Number(m[1]) >= 50 ? 1900 : 2000) + Number(m[1]) : Number(m[1]);
  return Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** Counts the entries of an index.txt: valid (V, not yet expired at `now`), revoked (R), expired (E, or V past expiry). */
export function parseIndex(text: string, now: Date): IndexCounts {
  let valid = 0;
  let revoked = 0;
  let expired = 0;
  let malformed = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const [status, expiry] = line.split('\t');
    const at = expiry === undefined ? undefined : indexTime(expiry);
    if (at === undefined || (status !== 'V' && status !== 'R' && status !== 'E')) malformed++;
    else if (status === 'R') revoked++;
    else if (status === 'E' || at <= now.getTime()) expired++;
    else valid++;
  }
  return { valid, revoked, expired, malformed };
}

/** Splits "a, b,c" extension values, dropping "critical". */
function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '' && v.toLowerCase() !== 'critical');
}

/** URLs of a CDP or AIA value: inline "URI:…" entries or an "@section" / bare section of "fullname = URI:…", "URI.0 = …". */
function pointerUrls(conf: OpenSslConf, value: string | undefined, method?: 'OCSP' | 'caIssuers'): string[] {
  const urls: string[] = [];
  for (const item of list(value)) {
    const ref = item.startsWith('@') ? item.slice(1) : conf.sections.has(item) ? item : undefined;
    if (ref !== undefined) {
      for (const [key, v] of conf.sections.get(ref) ?? new Map<string, CnfValue>()) {
        const keyMethod = /^(OCSP|caIssuers);/i.exec(key)?.[1];
        if (method !== undefined && keyMethod?.toLowerCase() !== method.toLowerCase()) continue;
        for (const entry of list(v.value)) {
          const url = /^URI:(.+)$/i.exec(entry)?.[1] ?? (/^(fullname|.*URI(\.\d+)?)$/i.test(key.replace(/^(OCSP|caIssuers);/i, '')) ? entry : undefined);
          if (url !== undefined) urls.push(url.replace(/^URI:/i, ''));
        }
      }
      continue;
    }
    const m = /^(?:(OCSP|caIssuers);)?URI:(.+)$/i.exec(item);
    if (m && (method === undefined || m[1]?.toLowerCase() === method.toLowerCase())) urls.push(m[2]!);
  }
  return urls;
}

/** Facts of one extension section as a profile. */
function extensionProfile(conf: OpenSslConf, name: string, kind: CaProfile['kind']): CaProfile {
  const s = conf.sections.get(name);
  const details: Details = {};
  const basic = get(s, 'basicConstraints');
  const keyUsage = list(get(s, 'keyUsage'));
  if (keyUsage.length > 0) details.keyUsage = keyUsage.join(', ');
  const eku = list(get(s, 'extendedKeyUsage'));
  const cdp = pointerUrls(conf, get(s, 'crlDistributionPoints'));
  const aia = get(s, 'authorityInfoAccess');
  const ocsp = pointerUrls(conf, aia, 'OCSP');
  const caIssuers = pointerUrls(conf, aia, 'caIssuers');
  if (cdp.length > 0) details.crlDistributionPoints = cdp.join(', ');
  if (ocsp.length > 0) details.ocspUrls = ocsp.join(', ');
  if (caIssuers.length > 0) details.caIssuersUrls = caIssuers.join(', ');
  const pathLength = /pathlen:(\d+)/i.exec(basic ?? '')?.[1];
  if (pathLength !== undefined) details.pathLength = Number(pathLength);
  if (get(s, 'subjectAltName') !== undefined) details.subjectAltName = get(s, 'subjectAltName')!;
  return {
    name,
    kind,
    ...(basic !== undefined ? { isCa: /CA:\s*TRUE/i.test(basic) } : {}),
    ...(eku.length > 0 ? { extendedKeyUsage: eku } : {}),
    includesCrlDistributionPoint: get(s, 'crlDistributionPoints') !== undefined,
    includesOcspUrl: ocsp.length > 0,
    includesCaIssuersUrl: caIssuers.length > 0,
    details,
  };
}

/** Sections that hold certificate extensions (basicConstraints, keyUsage, EKU, CDP or AIA), minus the CRL extension sections. */
function extensionSections(conf: OpenSslConf, exclude: ReadonlySet<string>): string[] {
  return [...conf.sections].filter(([name, s]) => !exclude.has(name) && EXTENSION_KEYS.some((k) => s.has(k))).map(([name]) => name);
}

function digest(md: string | undefined): string[] {
  if (md === undefined) return [];
  return [DIGESTS[md.toLowerCase()] ?? md];
}

function keyStorageOf(conf: OpenSslConf, privateKey: string | undefined): { kind: KeyStorageKind; detail?: string } {
  if (privateKey?.toLowerCase().startsWith('pkcs11:')) return { kind: 'pkcs11', detail: 'private_key is a PKCS#11 URI' };
  const usesPkcs11 = [...conf.sections.values()].some((s) => [...s.values()].some((v) => /pkcs11/i.test(v.value)));
  if (usesPkcs11) return { kind: 'pkcs11', detail: 'a PKCS#11 engine or provider is configured' };
  return { kind: 'software', detail: privateKey === undefined ? 'private_key not named' : `key file ${privateKey}` };
}

function notesToObservations(conf: OpenSslConf): CaConfigObservation[] {
  return conf.notes.map((n) => ({ code: n.message.startsWith('.include') ? 'openssl-include-not-read' : 'openssl-unresolved-variable', message: `${n.file}: line ${n.line}: ${n.message}` }));
}

/** Normalises one CA section with what was read from its files. Returns the evidence data. */
export function normaliseCaSection(conf: OpenSslConf, sectionName: string, relFile: string, files: CaFiles): CaConfigData {
  const s = conf.sections.get(sectionName);
  const observations = notesToObservations(conf);
  const details: Details = { caSection: sectionName };
  const days = Number(get(s, 'default_days'));
  const crlDays = get(s, 'default_crl_days');
  const crlHours = get(s, 'default_crl_hours');
  const md = get(s, 'default_md');
  const signatureAlgorithms = digest(md);
  if (md !== undefined) details.defaultMd = md;
  if (get(s, 'default_startdate') !== undefined) details.defaultStartDate = get(s, 'default_startdate')!;
  if (get(s, 'default_enddate') !== undefined) details.defaultEndDate = get(s, 'default_enddate')!;
  const copy = (get(s, 'copy_extensions') ?? OPENSSL_DEFAULTS.copyExtensions).toLowerCase();
  details.copyExtensions = copy;
  details.uniqueSubject = get(s, 'unique_subject') ?? `${OPENSSL_DEFAULTS.uniqueSubject} (default)`;
  for (const [field, key] of [['preserve', 'preserveDnOrder'], ['email_in_dn', 'emailInDn'], ['rand_serial', 'randomSerial']] as const) {
    const value = get(s, field);
    if (value !== undefined) details[key] = value;
  }
  const policyName = get(s, 'policy');
  if (policyName !== undefined) {
    details.policy = policyName;
    const policy = conf.sections.get(policyName);
    if (policy) details.policyFields = [...policy].map(([k, v]) => `${k}=${v.value}`).join(', ');
  }
  if (copy === 'copyall') {
    observations.push({ code: 'openssl-copy-extensions-copyall', message: `copy_extensions = copyall in [${sectionName}]: extensions of the request, basicConstraints included, replace the CA's own` });
  }
  const crlExtensions = get(s, 'crl_extensions');
  const defaultExtensions = get(s, 'x509_extensions');
  const profiles: CaProfile[] = [];
  const base = {
    ...(signatureAlgorithms.length > 0 ? { signatureAlgorithms } : {}),
    ...(Number.isInteger(days) && days > 0 ? { defaultValiditySeconds: days * SECONDS.day } : {}),
    subject: { enrolleeSuppliesSubject: copy === 'copy' || copy === 'copyall' },
    enrollment: ['manual' as const],
  };
  if (defaultExtensions !== undefined && conf.sections.has(defaultExtensions)) {
    profiles.push({ ...extensionProfile(conf, defaultExtensions, 'default'), ...base });
  } else {
    profiles.push({ name: sectionName, kind: 'default', ...base, details: {} });
    if (defaultExtensions !== undefined) observations.push({ code: 'openssl-missing-section', message: `x509_extensions names [${defaultExtensions}], which the configuration does not define` });
  }
  const exclude = new Set([defaultExtensions ?? '', crlExtensions ?? '']);
  for (const name of extensionSections(conf, exclude)) profiles.push({ ...extensionProfile(conf, name, 'profile'), ...(signatureAlgorithms.length > 0 ? { signatureAlgorithms } : {}), enrollment: ['manual'] });
  const cdpUrls = [...new Set(profiles.flatMap((p) => String(p.details?.crlDistributionPoints ?? '').split(', ').filter(Boolean)))];
  const ocspUrls = [...new Set(profiles.flatMap((p) => String(p.details?.ocspUrls ?? '').split(', ').filter(Boolean)))];
  const crlInterval = (crlDays === undefined ? 0 : Number(crlDays) * SECONDS.day) + (crlHours === undefined ? 0 : Number(crlHours) * SECONDS.hour);
  const crlEnabled = crlDays !== undefined || crlHours !== undefined || caFilePaths(conf, sectionName).crlnumber !== undefined || crlExtensions !== undefined;
  if (crlDays !== undefined) details.defaultCrlDays = crlDays;
  if (crlHours !== undefined) details.defaultCrlHours = crlHours;
  if (files.serial !== undefined) details.nextSerial = files.serial;
  if (files.crlNumber !== undefined) details.nextCrlNumber = files.crlNumber;
  if (files.index && files.index.malformed > 0) details.indexMalformedLines = files.index.malformed;
  for (const n of files.notRead) observations.push({ code: 'ca-file-not-read', message: `${n.field} ${n.path}: ${n.reason}` });
  const paths = caFilePaths(conf, sectionName);
  if (paths.database !== undefined) details.database = paths.database;
  return {
    product: 'openssl-ca',
    role: 'ca',
    name: `openssl ca [${sectionName}] ${relFile}`,
    source: { path: relFile, pointer: `[${sectionName}]` },
    ...(files.certificate
      ? { ca: { subject: files.certificate.subject, certificateSha256: [files.certificate.sha256], keyAlgorithm: files.certificate.keyAlgorithm, ...(files.certificate.keySizeBits !== undefined ? { keySizeBits: files.certificate.keySizeBits } : {}) } }
      : {}),
    profiles,
    enrollment: ['manual'],
    revocation: {
      crl: { enabled: crlEnabled, ...(crlInterval > 0 ? { intervalSeconds: crlInterval } : {}), ...(cdpUrls.length > 0 ? { urls: cdpUrls } : {}) },
      ocsp: { enabled: ocspUrls.length > 0, ...(ocspUrls.length > 0 ? { urls: ocspUrls } : {}) },
    },
    keyStorage: keyStorageOf(conf, get(s, 'private_key')),
    ...(files.index ? { issued: { valid: files.index.valid, revoked: files.index.revoked, expired: files.index.expired } } : {}),
    observations,
    details,
  };
}

/**
 * Normalises a configuration without a CA section whose [req] makes self-signed certificates (x509_extensions):
 * one template profile with the request defaults. Returns undefined when [req] has no x509_extensions.
 */
export function normaliseReqTemplate(conf: OpenSslConf, relFile: string): CaConfigData | undefined {
  const req = conf.sections.get('req');
  const extensions = get(req, 'x509_extensions');
  if (extensions === undefined || !conf.sections.has(extensions)) return undefined;
  const bits = Number(get(req, 'default_bits') ?? OPENSSL_DEFAULTS.reqDefaultBits);
  const md = get(req, 'default_md');
  const profile = extensionProfile(conf, extensions, 'template');
  return {
    product: 'openssl-ca',
    role: 'ca',
    name: `openssl req -x509 ${relFile}`,
    source: { path: relFile, pointer: '[req]' },
    profiles: [
      {
        ...profile,
        ...(Number.isInteger(bits) && bits > 0 ? { keyTypes: [{ algorithm: 'RSA', bits: [bits] }] } : {}),
        ...(digest(md).length > 0 ? { signatureAlgorithms: digest(md) } : {}),
        enrollment: ['manual'],
        details: { ...profile.details, ...(get(req, 'default_bits') === undefined ? { defaultBits: `default (${OPENSSL_DEFAULTS.reqDefaultBits})` } : {}), ...(md !== undefined ? { defaultMd: md } : {}) },
      },
    ],
    enrollment: ['manual'],
    keyStorage: { kind: 'software', detail: get(req, 'encrypt_key') === 'no' ? 'key file written unencrypted (encrypt_key = no)' : 'key file' },
    observations: [...notesToObservations(conf), { code: 'openssl-req-only', message: 'no [ca] section: this configuration makes self-signed certificates with openssl req -x509; nothing here issues or tracks other certificates' }],
  };
}
