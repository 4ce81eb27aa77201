import type { AllowedKeyType, CaProfile } from '../../model/evidence.js';
import { parseDurationSeconds } from '../../src/ca-config/units.js';
import { extendedKeyUsageName } from '../../src/pki/oids.js';
import type { JavaMap, JavaValue } from './xml-encoder.js';

/** EJBCA CertificateConstants.CERTTYPE_* values. */
const PROFILE_TYPES: Readonly<Record<number, { readonly label: string; readonly isCa: boolean }>> = {
  1: { label: 'end entity', isCa: false },
  2: { label: 'sub CA', isCa: true },
  8: { label: 'root CA', isCa: true },
  16: { label: 'hard token', isCa: false },
};

/** EJBCA curve names (BouncyCastle / SEC / X9.62 aliases) → the names the evidence uses. */
const CURVES: Readonly<Record<string, string>> = {
  secp256r1: 'P-256',
  prime256v1: 'P-256',
  'p-256': 'P-256',
  secp384r1: 'P-384',
  'p-384': 'P-384',
  secp521r1: 'P-521',
  'p-521': 'P-521',
  secp224r1: 'P-224',
  secp192r1: 'P-192',
  prime192v1: 'P-192',
};

/** Names EJBCA uses in availablekeyalgorithms → evidence algorithm names. */
const ALGORITHMS: Readonly<Record<string, string>> = { RSA: 'RSA', ECDSA: 'EC', EC: 'EC', DSA: 'DSA', ED25519: 'Ed25519', ED448: 'Ed448' };

/** The profile name and numeric id encoded in an export's file name: certprofile_<name>-<id>.xml. */
function profileNameFromFile(fileName: string): { name: string; id?: number } {
  const m = /^(?:certprofile|entityprofile)_(.+)-(\d+)\.xml$/i.exec(fileName);
  if (m) return { name: m[1]!, id: Number(m[2]) };
  return { name: fileName.replace(/\.xml$/i, '') };
}

function get(map: JavaMap, key: string): JavaValue | undefined {
  return map.entries.get(key);
}

function bool(map: JavaMap, key: string): boolean | undefined {
  const v = get(map, key);
  return typeof v === 'boolean' ? v : undefined;
}

function str(map: JavaMap, key: string): string | undefined {
  const v = get(map, key);
  return typeof v === 'string' ? v : undefined;
}

function num(map: JavaMap, key: string): number | undefined {
  const v = get(map, key);
  return typeof v === 'number' ? v : undefined;
}

function list(map: JavaMap, key: string): readonly JavaValue[] {
  const v = get(map, key);
  return Array.isArray(v) ? (v as readonly JavaValue[]) : [];
}

function strings(map: JavaMap, key: string): string[] {
  return list(map, key).filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

/** Whether the profile sends requests to an approval profile (EJBCA 7+: approvals map; older: approvalsettings list). */
function needsApproval(map: JavaMap): boolean | undefined {
  const approvals = get(map, 'approvals');
  if (approvals !== undefined && approvals !== null && typeof approvals === 'object' && 'kind' in approvals && approvals.kind === 'map') {
    return [...approvals.entries.values()].some((v) => typeof v === 'number' && v !== -1);
  }
  const legacy = list(map, 'approvalsettings');
  if (get(map, 'approvalsettings') !== undefined) return legacy.length > 0 && (num(map, 'numofreqapprovals') ?? 1) > 0;
  return undefined;
}

/** Allowed key types from availablekeyalgorithms, availablebitlengths and availableeccurves. */
function keyTypes(map: JavaMap): AllowedKeyType[] | undefined {
  const algorithms = strings(map, 'availablekeyalgorithms');
  if (algorithms.length === 0) return undefined;
  const lengths = list(map, 'availablebitlengths').filter((v): v is number => typeof v === 'number' && v > 0);
  const minimum = num(map, 'minimumavailablebitlength');
  const rawCurves = strings(map, 'availableeccurves');
  const anyCurve = rawCurves.length === 0 || rawCurves.includes('ANY_EC_CURVE');
  const curves = [...new Set(rawCurves.filter((c) => c !== 'ANY_EC_CURVE').map((c) => CURVES[c.toLowerCase()] ?? c))];
  return algorithms.map((raw): AllowedKeyType => {
    const algorithm = ALGORITHMS[raw.toUpperCase()] ?? raw;
    if (algorithm === 'RSA' || algorithm === 'DSA') {
      const bits = lengths.filter((b) => b >= 512);
      const minBits = bits.length > 0 ? Math.min(...bits) : minimum;
      return { algorithm, ...(minBits === undefined ? {} : { minBits }), ...(bits.length > 0 ? { bits } : {}) };
    }
    if (algorithm === 'EC') return anyCurve ? { algorithm } : { algorithm, curves };
    return { algorithm };
  });
}

/** Maximum validity in seconds: encodedvalidity ("1y 2mo", "730d") or the legacy validity (days); undefined for fixed end dates. */
function validity(map: JavaMap, details: Record<string, string | number | boolean>): number | undefined {
  const encoded = str(map, 'encodedvalidity');
  if (encoded !== undefined && encoded.trim() !== '') {
    const seconds = parseDurationSeconds(encoded, 'ejbca');
    if (seconds !== undefined) return seconds;
    // A fixed end date ("2030-12-31 23:59:59+00:00") is not a duration.
    details.validityEndDate = encoded.trim().slice(0, 40);
    return undefined;
  }
  const days = num(map, 'validity');
  return days === undefined ? undefined : parseDurationSeconds(days, 'days');
}

/**
 * Maps one decoded certificate profile (the HashMap EJBCA exports) to a CaProfile. Only known keys are read, so
 * nothing else in the export (passwords of other export kinds, free text) can reach the evidence.
 * Returns the profile; `file` is the export's path as shown in evidence.
 */
export function certificateProfileToCaProfile(map: JavaMap, fileName: string, file: string): CaProfile {
  const { name, id } = profileNameFromFile(fileName);
  const details: Record<string, string | number | boolean> = { file };
  if (id !== undefined) details.profileId = id;
  const type = num(map, 'type');
  const typeInfo = type === undefined ? undefined : PROFILE_TYPES[type];
  if (type !== undefined) details.type = typeInfo?.label ?? `unknown (${type})`;

  const maxValiditySeconds = validity(map, details);
  for (const [key, detail] of [
    ['allowvalidityoverride', 'allowValidityOverride'],
    ['allowkeyusageoverride', 'allowKeyUsageOverride'],
    ['allowextensionoverride', 'allowExtensionOverride'],
    ['allowdnoverride', 'allowDnOverride'],
    ['allowdnoverridebyeei', 'allowDnOverrideByEndEntityInformation'],
    ['allowbackdatedrevokation', 'allowBackdatedRevocation'],
    ['usecertificatestorage', 'storesCertificates'],
    ['usecertificatetransparencyincerts', 'certificateTransparency'],
    ['usesingleactivecertificateconstraint', 'singleActiveCertificate'],
  ] as const) {
    const value = bool(map, key);
    if (value !== undefined) details[detail] = value;
  }
  const signature = str(map, 'signaturealgorithm');
  if (signature === undefined || signature.trim() === '') details.signatureAlgorithm = 'inherited from the CA';

  const ekus = bool(map, 'useextendedkeyusage') === false ? [] : strings(map, 'extendedkeyusage').map(extendedKeyUsageName);
  const keys = keyTypes(map);
  const approval = needsApproval(map);
  const useAia = bool(map, 'useauthorityinformationaccess');
  const ocspUri = (str(map, 'ocspservicelocatoruri') ?? '').trim();
  const dnOverride = bool(map, 'allowdnoverride') === true || bool(map, 'allowdnoverridebyeei') === true;

  return {
    name,
    kind: 'profile',
    ...(maxValiditySeconds === undefined ? {} : { maxValiditySeconds }),
    ...(keys ? { keyTypes: keys } : {}),
    ...(signature !== undefined && signature.trim() !== '' ? { signatureAlgorithms: [signature.trim()] } : {}),
    ...(get(map, 'extendedkeyusage') !== undefined || bool(map, 'useextendedkeyusage') !== undefined ? { extendedKeyUsage: ekus } : {}),
    ...(typeInfo ? { isCa: typeInfo.isCa } : {}),
    ...(dnOverride ? { subject: { enrolleeSuppliesSubject: true } } : {}),
    ...(approval === undefined ? {} : { approvalRequired: approval }),
    ...(bool(map, 'usecrldistributionpoint') === undefined ? {} : { includesCrlDistributionPoint: bool(map, 'usecrldistributionpoint')! }),
    ...(useAia === undefined ? {} : { includesOcspUrl: useAia && (bool(map, 'usedefaultocspservicelocator') === true || ocspUri !== '') }),
    ...(useAia === undefined ? {} : { includesCaIssuersUrl: useAia && (bool(map, 'usedefaultcaissuer') === true || strings(map, 'caissuers').length > 0) }),
    details,
  };
}
