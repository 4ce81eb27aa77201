import { defined } from '../../model/defined.js';
import { filetimeIntervalToSeconds, parseDurationSeconds } from '../../src/ca-config/units.js';
import { EkuOid, EnrollmentFlag, GeneralFlag, NameFlag, ekuToOid, enrollPrincipalsFromSddl, type TemplateFacts } from './template.js';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Case-insensitive property lookup; PowerShell's {"value": [...], "Count": n} collection wrappers are unwrapped. */
function prop(obj: Json, name: string): unknown {
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : obj[key];
  if (isObject(value) && Array.isArray(value.value ?? value.Value) && Object.keys(value).length <= 3) return value.value ?? value.Value;
  return value;
}

function int(value: unknown): number | undefined {
  const v = Array.isArray(value) && value.length === 1 ? (value[0] as unknown) : value;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

function str(value: unknown): string | undefined {
  const v = Array.isArray(value) && value.length === 1 ? (value[0] as unknown) : value;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function strs(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.flatMap((v) => (typeof v === 'string' && v.trim() !== '' ? [v.trim()] : isObject(v) && typeof v.Value === 'string' ? [v.Value] : []));
}

/** A 32-bit flag attribute as unsigned (AD stores them signed). */
function flags(value: unknown): number | undefined {
  const n = int(value);
  return n === undefined ? undefined : n >>> 0;
}

/** Key algorithm, curve and hash from a schema-v3/v4 msPKI-RA-Application-Policies string ("name`type`value`…"). */
function cngPolicies(value: unknown): { keyAlgorithm?: string; curves?: string[]; hash?: string } {
  const text = strs(value)?.find((v) => v.includes('`'));
  if (text === undefined) return {};
  const parts = text.split('`');
  const get = (name: string): string | undefined => {
    const i = parts.findIndex((p) => p.toLowerCase() === name.toLowerCase());
    return i < 0 ? undefined : parts[i + 2];
  };
  const out: { keyAlgorithm?: string; curves?: string[]; hash?: string } = {};
  const asym = get('msPKI-Asymmetric-Algorithm');
  if (asym !== undefined) {
    const curve = /^ECD(?:SA|H)_P(256|384|521)$/i.exec(asym)?.[1];
    if (curve !== undefined) {
      out.keyAlgorithm = 'EC';
      out.curves = [`P-${curve}`];
    } else out.keyAlgorithm = asym.toUpperCase();
  }
  const hash = get('msPKI-Hash-Algorithm');
  if (hash !== undefined) out.hash = hash.toUpperCase();
  return out;
}

function enrollFromAccessList(access: unknown): string[] | undefined {
  if (!Array.isArray(access)) return undefined;
  const out = new Set<string>();
  for (const ace of access as unknown[]) {
    if (!isObject(ace)) continue;
    const type = ace.AccessControlType;
    if (!(type === 'Allow' || type === 0)) continue;
    const rights = typeof ace.ActiveDirectoryRights === 'string' ? ace.ActiveDirectoryRights : '';
    const objectType = typeof ace.ObjectType === 'string' ? ace.ObjectType.toLowerCase() : '';
    const extended = /ExtendedRight/i.test(rights) || (typeof ace.ActiveDirectoryRights === 'number' && (ace.ActiveDirectoryRights & 0x100) !== 0);
    const genericAll = /GenericAll/i.test(rights) || ace.ActiveDirectoryRights === 983551;
    const enroll = objectType === '0e10c968-78fb-11d2-90d4-00c04f79dc55' || objectType === 'a05b8cc2-17bc-4802-a710-e7c15ab866a2' || objectType === '00000000-0000-0000-0000-000000000000' || objectType === '';
    if (!(genericAll || (extended && enroll))) continue;
    const id = ace.IdentityReference;
    const name = typeof id === 'string' ? id : isObject(id) && typeof id.Value === 'string' ? id.Value : undefined;
    if (name !== undefined) out.add(name);
  }
  return [...out];
}

/** Enrollment principals from an nTSecurityDescriptor as PowerShell serialises it (SDDL string, {Sddl}, {Access: [...]}). */
function enrollRights(sd: unknown): string[] | undefined {
  if (typeof sd === 'string' && sd.includes('D:')) return enrollPrincipalsFromSddl(sd);
  if (!isObject(sd)) return undefined;
  const sddl = prop(sd, 'Sddl');
  if (typeof sddl === 'string' && sddl.includes('D:')) return enrollPrincipalsFromSddl(sddl);
  return enrollFromAccessList(prop(sd, 'Access'));
}

/** A FILETIME interval as PowerShell writes a byte[] (numbers, base64 text) → seconds. */
function filetime(value: unknown): number | undefined {
  if (Array.isArray(value)) {
    const bytes: unknown[] = value;
    return bytes.every((b): b is number => typeof b === 'number') ? filetimeIntervalToSeconds(bytes) : undefined;
  }
  if (typeof value === 'string' || typeof value === 'number') return filetimeIntervalToSeconds(value);
  return undefined;
}

/** Whether an object looks like an AD pKICertificateTemplate export (LDAP attribute names). */
export function isLdapTemplate(obj: unknown): obj is Json {
  return isObject(obj) && Object.keys(obj).some((k) => /^(msPKI-|pKI)/i.test(k));
}

/** Facts from one template exported with its LDAP attributes (Get-ADObject -Properties * | ConvertTo-Json, Export-ADCSTemplate). */
export function fromLdapTemplate(obj: Json, pointer: string): TemplateFacts {
  const name = str(prop(obj, 'cn')) ?? str(prop(obj, 'name')) ?? str(prop(obj, 'displayName')) ?? pointer;
  const displayName = str(prop(obj, 'displayName'));
  const nameFlag = flags(prop(obj, 'msPKI-Certificate-Name-Flag'));
  const enrollFlag = flags(prop(obj, 'msPKI-Enrollment-Flag'));
  const general = flags(prop(obj, 'flags'));
  const eku = strs(prop(obj, 'pKIExtendedKeyUsage'));
  const appPolicy = strs(prop(obj, 'msPKI-Certificate-Application-Policy'));
  const ekus = eku === undefined && appPolicy === undefined ? [] : [...new Set([...(eku ?? []), ...(appPolicy ?? [])].map(ekuToOid))];
  const cng = cngPolicies(prop(obj, 'msPKI-RA-Application-Policies'));
  const validity = prop(obj, 'pKIExpirationPeriod');
  const overlap = prop(obj, 'pKIOverlapPeriod');
  const sd = prop(obj, 'nTSecurityDescriptor');
  const rights = enrollRights(sd);
  const validitySeconds = filetime(validity);
  const renewalSeconds = filetime(overlap);
  const minKeySize = int(prop(obj, 'msPKI-Minimal-Key-Size'));
  const raSignatures = int(prop(obj, 'msPKI-RA-Signature'));
  const schemaVersion = int(prop(obj, 'msPKI-Template-Schema-Version'));
  return defined<TemplateFacts>({
    name,
    displayName,
    pointer,
    validitySeconds,
    renewalSeconds,
    minKeySize,
    keyAlgorithm: cng.keyAlgorithm ?? 'RSA',
    curves: cng.curves,
    hashAlgorithm: cng.hash,
    ekus,
    enrolleeSuppliesSubject: bitSet(nameFlag, NameFlag.enrolleeSuppliesSubject),
    managerApproval: bitSet(enrollFlag, EnrollmentFlag.pendAllRequests),
    autoEnrollment: bitSet(enrollFlag, EnrollmentFlag.autoEnrollment),
    raSignatures,
    isCa: bitSet(general, GeneralFlag.isCa | GeneralFlag.isCrossCa),
    schemaVersion,
    enrollRights: rights,
  });
}

/** Whether an object is a Certipy template entry ("Template Name", …) or a BloodHound-format one ({Properties: …}). */
export function certipyTemplateProperties(obj: unknown): Json | undefined {
  if (!isObject(obj)) return undefined;
  if ('Template Name' in obj) return obj;
  if (isObject(obj.Properties) && 'Template Name' in obj.Properties) return obj.Properties;
  return undefined;
}

function certipyPrincipals(permissions: unknown): string[] | undefined {
  if (!isObject(permissions)) return undefined;
  const out = new Set<string>();
  const enrollment = permissions['Enrollment Permissions'];
  if (isObject(enrollment)) for (const key of ['Enrollment Rights', 'All Extended Rights']) for (const p of strs(enrollment[key]) ?? []) out.add(p);
  const control = permissions['Object Control Permissions'];
  if (isObject(control)) for (const p of strs(control['Full Control Principals']) ?? []) out.add(p);
  return [...out];
}

function words(value: unknown): string[] {
  return (strs(value) ?? []).map((v) => v.toLowerCase());
}

/** Facts from one Certipy `find -json` template entry. */
export function fromCertipyTemplate(obj: Json, pointer: string): TemplateFacts {
  const name = str(obj['Template Name']) ?? pointer;
  const displayName = str(obj['Display Name']);
  const ekuList = strs(obj['Extended Key Usage']);
  const anyPurpose = obj['Any Purpose'] === true;
  const ekus = ekuList === undefined ? (anyPurpose ? [EkuOid.anyPurpose] : undefined) : ekuList.map(ekuToOid);
  const nameFlags = obj['Certificate Name Flag'];
  const esSubject =
    typeof obj['Enrollee Supplies Subject'] === 'boolean'
      ? obj['Enrollee Supplies Subject']
      : Array.isArray(nameFlags)
        ? nameFlags.some((f) => f === 1 || (typeof f === 'string' && /^(EnrolleeSuppliesSubject|ENROLLEE_SUPPLIES_SUBJECT)$/i.test(f)))
        : undefined;
  const enrollFlags = words(obj['Enrollment Flag']);
  const approval = typeof obj['Requires Manager Approval'] === 'boolean' ? obj['Requires Manager Approval'] : obj['Enrollment Flag'] === undefined ? undefined : enrollFlags.some((f) => f.replaceAll('_', '') === 'pendallrequests');
  const validity = str(obj['Validity Period']);
  const renewal = str(obj['Renewal Period']);
  const validitySeconds = validity === undefined ? undefined : parseDurationSeconds(validity, 'adcs');
  const renewalSeconds = renewal === undefined ? undefined : parseDurationSeconds(renewal, 'adcs');
  const minKeySize = int(obj['Minimum RSA Key Length']);
  const raSignatures = int(obj['Authorized Signatures Required']);
  const schemaVersion = int(obj['Schema Version']);
  const rights = certipyPrincipals(obj.Permissions);
  const cas = strs(obj['Certificate Authorities']);
  const enabled = obj.Enabled;
  return defined<TemplateFacts>({
    name,
    displayName,
    pointer,
    validitySeconds,
    renewalSeconds,
    minKeySize,
    keyAlgorithm: minKeySize === undefined ? undefined : 'RSA',
    ekus,
    enrolleeSuppliesSubject: esSubject,
    managerApproval: approval,
    autoEnrollment: obj['Enrollment Flag'] === undefined ? undefined : enrollFlags.some((f) => f.replaceAll('_', '') === 'autoenrollment'),
    raSignatures,
    schemaVersion,
    enrollRights: rights,
    publishedBy: cas ?? (enabled === false ? [] : undefined),
  });
}

/** Whether any of `mask`'s bits is set in a flags value read as unsigned 32 bits; undefined when the value is absent. */
function bitSet(value: number | undefined, mask: number): boolean | undefined {
  return value === undefined ? undefined : ((value >>> 0) & mask) !== 0;
}

/** Whether an object is a PSPKI CertificateTemplate (Get-CertificateTemplate | ConvertTo-Json). */
export function isPspkiTemplate(obj: unknown): obj is Json {
  return isObject(obj) && isObject(obj.Settings) && ('ValidityPeriod' in obj.Settings || 'SubjectName' in obj.Settings || 'EnhancedKeyUsage' in obj.Settings);
}

/** A [Flags] enum PowerShell wrote as a number or as "A, B" text: whether `bit` (or its `name`) is set. */
function enumHas(value: unknown, bit: number, name: string): boolean | undefined {
  if (typeof value === 'number') return (value & bit) !== 0;
  if (typeof value === 'string') return value.split(',').some((v) => v.trim().toLowerCase() === name.toLowerCase());
  return undefined;
}

/** Facts from one PSPKI template object; nested objects PowerShell cut off at its depth limit are strings and ignored. */
export function fromPspkiTemplate(obj: Json, pointer: string): TemplateFacts {
  const settings = obj.Settings as Json;
  const name = str(obj.Name) ?? str(obj.DisplayName) ?? pointer;
  const displayName = str(obj.DisplayName);
  const validity = str(settings.ValidityPeriod);
  const renewal = str(settings.RenewalPeriod);
  const validitySeconds = validity === undefined ? undefined : parseDurationSeconds(validity, 'adcs');
  const renewalSeconds = renewal === undefined ? undefined : parseDurationSeconds(renewal, 'adcs');
  const ekuRaw = settings.EnhancedKeyUsage;
  const ekus = Array.isArray(ekuRaw) ? ekuRaw.flatMap((e: unknown) => (isObject(e) && typeof e.Value === 'string' ? [e.Value] : typeof e === 'string' ? [ekuToOid(e)] : [])) : undefined;
  const esSubject = enumHas(settings.SubjectName, NameFlag.enrolleeSuppliesSubject, 'EnrolleeSuppliesSubject');
  const approval = typeof settings.CAManagerApproval === 'boolean' ? settings.CAManagerApproval : enumHas(settings.EnrollmentOptions, EnrollmentFlag.pendAllRequests, 'CAManagerApproval');
  const autoEnroll = enumHas(settings.EnrollmentOptions, EnrollmentFlag.autoEnrollment, 'Autoenrollment');
  const ra = isObject(settings.RegistrationAuthority) ? int(settings.RegistrationAuthority.SignatureCount) : undefined;
  const crypto = isObject(settings.Cryptography) ? settings.Cryptography : undefined;
  const minKeySize = crypto ? int(crypto.MinimalKeyLength) : undefined;
  const schemaVersion = int(obj.SchemaVersion);
  const isCa = enumHas(settings.GeneralFlags, GeneralFlag.isCa, 'IsCA');
  return defined<TemplateFacts>({
    name,
    displayName,
    pointer,
    validitySeconds,
    renewalSeconds,
    minKeySize,
    keyAlgorithm: minKeySize === undefined ? undefined : 'RSA',
    ekus,
    enrolleeSuppliesSubject: esSubject,
    managerApproval: approval,
    autoEnrollment: autoEnroll,
    raSignatures: ra,
    isCa,
    schemaVersion,
  });
}

/** A certutil number: "800 (2048)" (hex, then decimal when they differ), "0x63 (99)", "1", "a6000000 (-1509949440)". */
export function certutilNumber(text: string): number | undefined {
  const t = text.trim();
  const dec = /\((-?\d+)\)\s*$/.exec(t)?.[1];
  if (dec !== undefined) return Number(dec);
  const hex = /^(?:0x)?([0-9a-f]+)$/i.exec(t)?.[1];
  return hex === undefined ? undefined : Number.parseInt(hex, 16);
}

/** Splits `certutil -v -template` output into templates and returns their facts. */
export function fromCertutilTemplates(text: string): TemplateFacts[] {
  const out: TemplateFacts[] = [];
  const parts = text.split(/^\s*Template\[(\d+)\]:\s*$/m);
  for (let i = 1; i + 1 < parts.length; i += 2) out.push(certutilTemplate(parts[i + 1]!, `Template[${parts[i]!}]`));
  return out;
}

function certutilTemplate(block: string, pointer: string): TemplateFacts {
  const lines = block.split(/\r\n|\r|\n/);
  const values = new Map<string, { value: string; following: string[] }>();
  let current: { value: string; following: string[] } | undefined;
  for (const line of lines) {
    const m = /^\s*(TemplateProp\w+)\s*=\s*(.*)$/.exec(line);
    if (m) {
      current = { value: m[2]!.trim(), following: [] };
      values.set(m[1]!, current);
    } else if (current && line.trim() !== '') current.following.push(line.trim());
  }
  const value = (k: string): string | undefined => values.get(k)?.value;
  const num = (k: string): number | undefined => {
    const v = value(k);
    return v === undefined ? undefined : certutilNumber(v);
  };
  const oidLines = (k: string): string[] | undefined => {
    const entry = values.get(k);
    if (!entry) return undefined;
    return entry.following.filter((l) => /^\d+(\.\d+)+/.test(l)).map((l) => /^(\d+(?:\.\d+)+)/.exec(l)![1]!);
  };
  const name = value('TemplatePropCommonName') ?? pointer;
  const displayName = value('TemplatePropFriendlyName');
  const ekuList = oidLines('TemplatePropEKUs');
  const appPolicy = oidLines('TemplatePropV1ApplicationPolicy');
  const ekus = [...new Set([...(ekuList ?? []), ...(appPolicy ?? [])])];
  const nameFlag = num('TemplatePropSubjectNameFlags');
  const enrollFlag = num('TemplatePropEnrollmentFlags');
  const general = num('TemplatePropGeneralFlags');
  const validity = value('TemplatePropValidityPeriod');
  const renewal = value('TemplatePropRenewalPeriod');
  const validitySeconds = validity === undefined ? undefined : parseDurationSeconds(validity, 'adcs');
  const renewalSeconds = renewal === undefined ? undefined : parseDurationSeconds(renewal, 'adcs');
  const minKeySize = num('TemplatePropMinimumKeySize');
  const raSignatures = num('TemplatePropRASignatureCount');
  const schemaVersion = num('TemplatePropSchemaVersion');
  const asym = value('TemplatePropAsymmetricAlgorithm');
  const curve = asym === undefined ? undefined : /^ECD(?:SA|H)_P(256|384|521)$/i.exec(asym)?.[1];
  const hash = value('TemplatePropHashAlgorithm');
  const sd = values.get('TemplatePropSecurityDescriptor');
  const rights = sd
    ? [...new Set(sd.following.flatMap((l) => {
        const m = /^Allow\s+(Enroll|Full Control)\s+(.+)$/i.exec(l);
        return m ? [m[2]!.trim()] : [];
      }))]
    : undefined;
  return defined<TemplateFacts>({
    name,
    displayName,
    pointer,
    validitySeconds,
    renewalSeconds,
    minKeySize,
    keyAlgorithm: curve !== undefined ? 'EC' : asym !== undefined && !/^RSA$/i.test(asym) ? asym.toUpperCase() : 'RSA',
    curves: curve === undefined ? undefined : [`P-${curve}`],
    hashAlgorithm: hash?.toUpperCase(),
    ekus,
    enrolleeSuppliesSubject: bitSet(nameFlag, NameFlag.enrolleeSuppliesSubject),
    managerApproval: bitSet(enrollFlag, EnrollmentFlag.pendAllRequests),
    autoEnrollment: bitSet(enrollFlag, EnrollmentFlag.autoEnrollment),
    raSignatures,
    isCa: bitSet(general, GeneralFlag.isCa | GeneralFlag.isCrossCa),
    schemaVersion,
    enrollRights: rights,
  });
}
