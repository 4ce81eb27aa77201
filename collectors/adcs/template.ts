import type { AllowedKeyType, CaConfigObservation, CaProfile } from '../../model/evidence.js';
import { extendedKeyUsageName } from '../../src/pki/oids.js';

/** What an export shows about one certificate template; a field is undefined when the export does not show it. */
export interface TemplateFacts {
  readonly name: string;
  readonly displayName?: string;
  /** Where in the file: a JSON pointer or "Template[3]". */
  readonly pointer: string;
  readonly validitySeconds?: number;
  readonly renewalSeconds?: number;
  readonly minKeySize?: number;
  /** "RSA" unless the template names an ECC algorithm. */
  readonly keyAlgorithm?: string;
  readonly curves?: readonly string[];
  readonly hashAlgorithm?: string;
  /** Extended key usages (dotted OIDs where known, else the exporter's names); [] = none; undefined = not shown. */
  readonly ekus?: readonly string[];
  readonly enrolleeSuppliesSubject?: boolean;
  readonly managerApproval?: boolean;
  readonly autoEnrollment?: boolean;
  readonly raSignatures?: number;
  readonly isCa?: boolean;
  readonly schemaVersion?: number;
  /** Principals with Enroll (or rights implying it); undefined = the export does not show permissions. */
  readonly enrollRights?: readonly string[];
  /** CAs that publish the template (Certipy); undefined = not shown. */
  readonly publishedBy?: readonly string[];
}

/** msPKI-Certificate-Name-Flag bits. */
export const NameFlag = { enrolleeSuppliesSubject: 0x1, enrolleeSuppliesSubjectAltName: 0x10000 } as const;
/** msPKI-Enrollment-Flag bits. */
export const EnrollmentFlag = { pendAllRequests: 0x2, autoEnrollment: 0x20 } as const;
/** Template general flags (the `flags` attribute). */
export const GeneralFlag = { isCa: 0x80, isCrossCa: 0x800 } as const;

/** Extended key usage and application policy OIDs that matter for the ESC patterns. */
export const EkuOid = {
  anyPurpose: '2.5.29.37.0',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  smartCardLogon: '1.3.6.1.4.1.311.20.2.2',
  pkinitClientAuth: '1.3.6.1.5.2.3.4',
  certificateRequestAgent: '1.3.6.1.4.1.311.20.2.1',
} as const;

/** Display names Windows tools (certutil, Certipy, PSPKI) print → OIDs. */
const EKU_NAMES: Readonly<Record<string, string>> = {
  'any purpose': EkuOid.anyPurpose,
  'client authentication': EkuOid.clientAuth,
  'server authentication': '1.3.6.1.5.5.7.3.1',
  'smart card logon': EkuOid.smartCardLogon,
  'smartcard logon': EkuOid.smartCardLogon,
  'pkinit client authentication': EkuOid.pkinitClientAuth,
  'certificate request agent': EkuOid.certificateRequestAgent,
  'secure email': '1.3.6.1.5.5.7.3.4',
  'code signing': '1.3.6.1.5.5.7.3.3',
  'encrypting file system': '1.3.6.1.4.1.311.10.3.4',
  'file recovery': '1.3.6.1.4.1.311.10.3.4.1',
  'kdc authentication': '1.3.6.1.5.2.3.5',
  'document encryption': '1.3.6.1.4.1.311.80.1',
  'ocsp signing': '1.3.6.1.5.5.7.3.9',
  'time stamping': '1.3.6.1.5.5.7.3.8',
  'microsoft trust list signing': '1.3.6.1.4.1.311.10.3.1',
  'key recovery agent': '1.3.6.1.4.1.311.21.6',
  'directory service email replication': '1.3.6.1.4.1.311.21.19',
  'ip security ike intermediate': '1.3.6.1.5.5.8.2.2',
};

/** An EKU as printed by an exporter ("Client Authentication", "1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.2 Client Authentication") → OID when recognisable. */
export function ekuToOid(value: string): string {
  const text = value.trim();
  const oid = /^(\d+(?:\.\d+)+)\b/.exec(text)?.[1];
  if (oid !== undefined) return oid;
  const inParens = /\((\d+(?:\.\d+)+)\)\s*$/.exec(text)?.[1];
  if (inParens !== undefined) return inParens;
  return EKU_NAMES[text.toLowerCase()] ?? text;
}

/** Principals that every domain account or computer belongs to (by name, SID or SDDL alias). */
export function isLowPrivileged(principal: string): boolean {
  const p = principal.trim();
  if (/^(DU|AU|WD|DC|BU|AN)$/.test(p)) return true;
  if (/^S-1-1-0$|^S-1-5-(7|11)$|^S-1-5-32-545$|^S-1-5-21-[\d-]+-(513|515)$/i.test(p)) return true;
  const name = p.includes('\\') ? p.slice(p.lastIndexOf('\\') + 1) : p;
  return /^(domain users|domain computers|authenticated users|everyone|users|anonymous logon)$/i.test(name);
}

/** SDDL ace rights and object types that grant enrollment: Enroll, AutoEnroll, all extended rights, generic all. */
const ENROLL_GUIDS = new Set(['0e10c968-78fb-11d2-90d4-00c04f79dc55', 'a05b8cc2-17bc-4802-a710-e7c15ab866a2']);

/** SDDL trustee aliases → the group names Windows tools print. */
const SDDL_ALIASES: Readonly<Record<string, string>> = {
  DU: 'Domain Users',
  DC: 'Domain Computers',
  AU: 'Authenticated Users',
  WD: 'Everyone',
  BU: 'Users',
  AN: 'Anonymous Logon',
  DA: 'Domain Admins',
  EA: 'Enterprise Admins',
  BA: 'Administrators',
  SY: 'Local System',
  CA: 'Cert Publishers',
};

/** Principals an SDDL string's allow ACEs give enrollment to (GA, CR on Enroll/AutoEnroll or on every extended right). */
export function enrollPrincipalsFromSddl(sddl: string): string[] {
  const out = new Set<string>();
  const dacl = sddl.indexOf('D:');
  const body = dacl < 0 ? sddl : sddl.slice(dacl);
  for (const m of body.matchAll(/\(([^()]*)\)/g)) {
    const [type = '', , rights = '', objectType = '', , trustee = ''] = m[1]!.split(';');
    if (type !== 'A' && type !== 'OA') continue;
    // Rights are two-letter codes ("LCRPLORC" is LC RP LO RC, not CR) or a hex mask (0x100 = control access).
    const codes: string[] = /^0x/i.test(rights) ? [] : (rights.match(/../g) ?? []);
    const mask = /^0x[0-9a-f]+$/i.test(rights) ? Number.parseInt(rights.slice(2), 16) : 0;
    const controlAccess = codes.includes('CR') || (mask & 0x100) !== 0;
    const genericAll = codes.includes('GA') || (mask & 0x10000000) !== 0 || (mask & 0xf01ff) === 0xf01ff;
    const grants = genericAll || (controlAccess && (objectType === '' || ENROLL_GUIDS.has(objectType.toLowerCase())));
    if (grants && trustee !== '') out.add(SDDL_ALIASES[trustee] ?? trustee);
  }
  return [...out];
}

function ekuNames(oids: readonly string[]): string[] {
  return [...new Set(oids.map((o) => (/^\d+(\.\d+)+$/.test(o) ? extendedKeyUsageName(o) : o)))];
}

/** Maps template facts to a normalised profile. Returns the profile. */
export function templateToProfile(t: TemplateFacts): CaProfile {
  const details: Record<string, string | number | boolean> = { pointer: t.pointer };
  if (t.displayName !== undefined && t.displayName !== t.name) details.displayName = t.displayName;
  if (t.schemaVersion !== undefined) details.schemaVersion = t.schemaVersion;
  if (t.enrollRights !== undefined) details.enrollmentRights = t.enrollRights.length === 0 ? 'none' : t.enrollRights.join('; ').slice(0, 500);
  if (t.publishedBy !== undefined) details.publishedBy = t.publishedBy.length === 0 ? 'none' : t.publishedBy.join('; ').slice(0, 500);
  const keyTypes: AllowedKeyType[] | undefined =
    t.minKeySize === undefined && t.keyAlgorithm === undefined
      ? undefined
      : [{ algorithm: t.keyAlgorithm ?? 'RSA', ...(t.minKeySize === undefined ? {} : { minBits: t.minKeySize }), ...(t.curves ? { curves: t.curves } : {}) }];
  return {
    name: t.name,
    kind: 'template',
    ...(t.validitySeconds === undefined ? {} : { maxValiditySeconds: t.validitySeconds }),
    ...(keyTypes ? { keyTypes } : {}),
    ...(t.hashAlgorithm === undefined ? {} : { signatureAlgorithms: [t.hashAlgorithm] }),
    ...(t.ekus === undefined ? {} : { extendedKeyUsage: ekuNames(t.ekus) }),
    ...(t.isCa === undefined ? {} : { isCa: t.isCa }),
    ...(t.enrolleeSuppliesSubject === undefined ? {} : { subject: { enrolleeSuppliesSubject: t.enrolleeSuppliesSubject } }),
    enrollment: ['proprietary'],
    ...(t.managerApproval === undefined ? {} : { approvalRequired: t.managerApproval }),
    ...(t.raSignatures === undefined ? {} : { authorizedSignatures: t.raSignatures }),
    ...(t.autoEnrollment === undefined ? {} : { autoRenewal: t.autoEnrollment }),
    ...(t.renewalSeconds === undefined ? {} : { renewBeforeSeconds: t.renewalSeconds }),
    details,
  };
}

/** "'CORP\Domain Users' and 'CORP\Domain Computers'". */
function quoteList(items: readonly string[]): string {
  const quoted = items.map((i) => `'${i}'`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)!}`;
}

/**
 * The ESC1, ESC2 and ESC3 patterns (Certified Pre-Owned) a template matches, as observations. A pattern needs the
 * template's issuance conditions (no manager approval, no authorised signatures) and either low-privileged enroll
 * rights or an export that does not show permissions; each message says what the export showed and what it could not.
 * Returns [] when a condition is not shown or not met.
 */
export function templateObservations(t: TemplateFacts): CaConfigObservation[] {
  if (t.managerApproval !== false || t.raSignatures === undefined || t.raSignatures > 0 || t.ekus === undefined) return [];
  const low = t.enrollRights?.filter(isLowPrivileged);
  if (low !== undefined && low.length === 0) return [];
  const anyPurpose = t.ekus.length === 0 || t.ekus.includes(EkuOid.anyPurpose);
  const clientAuth = anyPurpose || t.ekus.some((e) => e === EkuOid.clientAuth || e === EkuOid.smartCardLogon || e === EkuOid.pkinitClientAuth);
  const agent = t.ekus.includes(EkuOid.certificateRequestAgent);
  const who = low === undefined ? 'the export does not show enrollment permissions, so whether low-privileged accounts can enroll is unknown' : `${quoteList(low)} can enroll`;
  const published =
    t.publishedBy === undefined ? '' : t.publishedBy.length === 0 ? '; no CA in the export publishes it' : `; published by ${quoteList(t.publishedBy)}`;
  const issuance = 'no manager approval, no authorised signatures';
  const out: CaConfigObservation[] = [];
  const ekuText = t.ekus.length === 0 ? 'no EKU (any purpose)' : anyPurpose ? 'the Any Purpose EKU' : 'a client-authentication EKU';
  if (clientAuth && t.enrolleeSuppliesSubject === true) {
    out.push({ code: 'adcs-esc1', profile: t.name, message: `Template '${t.name}' matches ESC1: ${ekuText}, the enrollee supplies the subject, ${issuance}; ${who}${published}.` });
  }
  if (anyPurpose) {
    out.push({ code: 'adcs-esc2', profile: t.name, message: `Template '${t.name}' matches ESC2: ${ekuText}, ${issuance}; ${who}${published}.` });
  }
  if (agent) {
    out.push({ code: 'adcs-esc3', profile: t.name, message: `Template '${t.name}' matches ESC3: the Certificate Request Agent EKU, ${issuance}; ${who}${published}.` });
  }
  return out;
}
