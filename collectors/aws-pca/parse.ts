import type { CaConfigData, CaProfile, KeyStorageKind } from '../../model/evidence.js';
import { parseDurationSeconds } from '../../src/ca-config/units.js';

/** AWS Private CA KeyAlgorithm values → evidence algorithm and size or curve. */
const KEY_ALGORITHMS: Readonly<Record<string, { readonly algorithm: string; readonly bits?: number; readonly curve?: string }>> = {
  RSA_2048: { algorithm: 'RSA', bits: 2048 },
  RSA_3072: { algorithm: 'RSA', bits: 3072 },
  RSA_4096: { algorithm: 'RSA', bits: 4096 },
  EC_prime256v1: { algorithm: 'EC', bits: 256, curve: 'P-256' },
  EC_secp384r1: { algorithm: 'EC', bits: 384, curve: 'P-384' },
  EC_secp521r1: { algorithm: 'EC', bits: 521, curve: 'P-521' },
  SM2: { algorithm: 'SM2', bits: 256 },
  ML_DSA_44: { algorithm: 'ML-DSA-44' },
  ML_DSA_65: { algorithm: 'ML-DSA-65' },
  ML_DSA_87: { algorithm: 'ML-DSA-87' },
};

/** Subject attribute names in the API → RDN short names, in the order a DN is usually written. */
const SUBJECT_FIELDS: readonly (readonly [string, string])[] = [
  ['CommonName', 'CN'],
  ['OrganizationalUnit', 'OU'],
  ['Organization', 'O'],
  ['Locality', 'L'],
  ['State', 'ST'],
  ['Country', 'C'],
  ['SerialNumber', 'serialNumber'],
  ['DistinguishedNameQualifier', 'dnQualifier'],
];

/** A certificate authority as the AWS CLI (JSON) or the SDK (Date objects) describes it. */
type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** ISO text for CLI timestamps (epoch seconds or ISO strings) and SDK Dates; undefined otherwise. */
function isoDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000).toISOString();
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  return undefined;
}

function subjectDn(subject: unknown): string | undefined {
  if (!isObject(subject)) return undefined;
  const parts = SUBJECT_FIELDS.flatMap(([field, short]) => {
    const v = text(subject[field]);
    return v === undefined ? [] : [`${short}=${v}`];
  });
  return parts.length > 0 ? parts.join(',') : undefined;
}

function keyStorage(standard: string | undefined): { kind: KeyStorageKind; detail: string } {
  if (standard === 'FIPS_140_2_LEVEL_3_OR_HIGHER') return { kind: 'hsm', detail: 'AWS-managed HSM, FIPS 140-2 level 3 or higher' };
  if (standard === undefined) return { kind: 'cloud-kms', detail: 'AWS Private CA managed key (storage standard not in the export)' };
  return { kind: 'cloud-kms', detail: `AWS Private CA managed key (${standard})` };
}

/**
 * Maps one certificate authority description (CLI JSON or SDK object) to normalised configuration.
 * Returns the setup; `source` says where the description came from.
 */
export function pcaToCaConfig(ca: Json, source: CaConfigData['source']): CaConfigData {
  const arn = text(ca.Arn);
  const arnMatch = arn === undefined ? null : /^arn:[\w-]+:acm-pca:([a-z0-9-]+):\d*:certificate-authority\/([\w-]+)$/.exec(arn);
  const arnParts = arnMatch ? { region: arnMatch[1]!, id: arnMatch[2]! } : undefined;
  const config = isObject(ca.CertificateAuthorityConfiguration) ? ca.CertificateAuthorityConfiguration : {};
  const keyAlgorithm = text(config.KeyAlgorithm);
  const key = keyAlgorithm === undefined ? undefined : KEY_ALGORITHMS[keyAlgorithm];
  const signing = text(config.SigningAlgorithm);
  const subject = subjectDn(config.Subject);
  const type = text(ca.Type);
  const usageMode = text(ca.UsageMode);
  const revocation = isObject(ca.RevocationConfiguration) ? ca.RevocationConfiguration : {};
  const crl = isObject(revocation.CrlConfiguration) ? revocation.CrlConfiguration : undefined;
  const ocsp = isObject(revocation.OcspConfiguration) ? revocation.OcspConfiguration : undefined;

  const details: Record<string, string | number | boolean> = {};
  if (arn !== undefined) details.arn = arn;
  if (type !== undefined) details.type = type;
  for (const field of ['Status', 'Serial', 'OwnerAccount', 'FailureReason'] as const) {
    const v = text(ca[field]);
    if (v !== undefined) details[field.charAt(0).toLowerCase() + field.slice(1)] = v;
  }
  for (const field of ['NotBefore', 'NotAfter', 'CreatedAt'] as const) {
    const v = isoDate(ca[field]);
    if (v !== undefined) details[field.charAt(0).toLowerCase() + field.slice(1)] = v;
  }
  if (usageMode !== undefined) details.usageMode = usageMode;
  if (keyAlgorithm !== undefined) details.keyAlgorithm = keyAlgorithm;

  const crlUrls: string[] = [];
  let crlInterval: number | undefined;
  if (crl) {
    if (crl.Enabled === true) {
      const cname = text(crl.CustomCname);
      const bucket = text(crl.S3BucketName);
      const path = text(crl.CustomPath) ?? 'crl';
      if (bucket !== undefined) details.crlS3Bucket = bucket;
      // The URL AWS Private CA writes into issued certificates (CustomCname, else the bucket's S3 endpoint).
      if (arnParts && cname !== undefined) crlUrls.push(`http://${cname}/${path}/${arnParts.id}.crl`);
      else if (arnParts && bucket !== undefined) crlUrls.push(`http://${bucket}.s3.${arnParts.region}.amazonaws.com/${path}/${arnParts.id}.crl`);
      if (typeof crl.ExpirationInDays === 'number') crlInterval = parseDurationSeconds(crl.ExpirationInDays, 'days');
      const omit = isObject(crl.CrlDistributionPointExtensionConfiguration) && crl.CrlDistributionPointExtensionConfiguration.OmitExtension === true;
      if (omit) details.crlDistributionPointOmitted = true;
      const crlType = text(crl.CrlType);
      if (crlType !== undefined) details.crlType = crlType;
    }
  }
  const ocspCname = ocsp?.Enabled === true ? text(ocsp.OcspCustomCname) : undefined;
  const ocspUrl = ocsp?.Enabled !== true ? undefined : ocspCname !== undefined ? `http://${ocspCname}` : arnParts ? `http://ocsp.acm-pca.${arnParts.region}.amazonaws.com` : undefined;
  const crlEnabled = crl?.Enabled === true;
  const ocspEnabled = ocsp?.Enabled === true;
  const omitCdp = details.crlDistributionPointOmitted === true;

  const profile: CaProfile = {
    name: 'issued certificates',
    kind: 'default',
    ...(usageMode === 'SHORT_LIVED_CERTIFICATE' ? { maxValiditySeconds: 7 * 86_400 } : {}),
    ...(signing === undefined ? {} : { signatureAlgorithms: [signing] }),
    enrollment: ['api'],
    includesCrlDistributionPoint: crlEnabled && !omitCdp,
    includesOcspUrl: ocspEnabled,
    details: { ...details, templates: 'chosen per IssueCertificate request (TemplateArn)' },
  };

  const name = subject ?? arn ?? 'AWS Private CA';
  return {
    product: 'aws-pca',
    role: 'ca',
    name: `AWS Private CA ${name}`,
    source,
    ca: {
      ...(subject === undefined ? {} : { subject }),
      ...(key ? { keyAlgorithm: key.algorithm, ...(key.bits === undefined ? {} : { keySizeBits: key.bits }) } : keyAlgorithm === undefined ? {} : { keyAlgorithm }),
    },
    profiles: [profile],
    enrollment: ['api'],
    revocation: {
      crl: { enabled: crlEnabled, ...(crlInterval === undefined ? {} : { intervalSeconds: crlInterval }), ...(crlUrls.length > 0 ? { urls: crlUrls } : {}) },
      ocsp: { enabled: ocspEnabled, ...(ocspUrl === undefined ? {} : { urls: [ocspUrl] }) },
    },
    keyStorage: keyStorage(text(ca.KeyStorageSecurityStandard)),
    observations: [],
  };
}

/**
 * Extracts the certificate authorities of a describe-certificate-authority ({"CertificateAuthority": …}) or
 * list-certificate-authorities ({"CertificateAuthorities": […]}) document, each with its JSON pointer.
 * Returns the entries that are objects; others are reported by the caller.
 */
export function pcaEntries(doc: unknown): { readonly pointer: string; readonly ca: unknown }[] {
  if (!isObject(doc)) return [];
  if (isObject(doc.CertificateAuthority)) return [{ pointer: '/CertificateAuthority', ca: doc.CertificateAuthority }];
  if (Array.isArray(doc.CertificateAuthorities)) return doc.CertificateAuthorities.map((ca: unknown, i) => ({ pointer: `/CertificateAuthorities/${i}`, ca }));
  return [];
}

/** Whether a value is a JSON object (for callers validating entries). */
export { isObject as isPcaObject };
