import type { AllowedKeyType, CaConfigData, CaProfile, CertificateFacts, Sighting } from '../../model/evidence.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError } from '../../src/engine/define-collector.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { readCertificates } from '../../src/pki/pem.js';

/** The collector id, shared by the mapping and the definition. */
export const ACM_ID = 'aws-acm';

/** One ACM certificate as far as it is known, merged from list, describe and get outputs (file or live). */
export interface AcmRecord {
  arn?: string;
  type?: string;
  status?: string;
  renewalEligibility?: string;
  renewalStatus?: string;
  /** Number of AWS resources using the certificate (DescribeCertificate InUseBy). */
  inUseBy?: number;
  inUse?: boolean;
  keyAlgorithm?: string;
  domain?: string;
  serial?: string;
  notAfter?: string;
  certificateAuthorityArn?: string;
  managedBy?: string;
  validationMethod?: string;
  pem?: string;
  chainPem?: string;
  /** Where it was read: a relative file path or "live <region>". */
  source: string;
}

/** Statuses under which ACM holds an issued certificate that GetCertificate can return. */
export const STATUSES_WITH_CERTIFICATE: ReadonlySet<string> = new Set(['ISSUED', 'INACTIVE', 'EXPIRED', 'REVOKED']);

/** Every ACM key type: ListCertificates returns only RSA_2048 certificates unless asked for the others. */
export const ALL_KEY_TYPES = ['RSA_1024', 'RSA_2048', 'RSA_3072', 'RSA_4096', 'EC_prime256v1', 'EC_secp384r1', 'EC_secp521r1'] as const;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const iso = (v: unknown): string | undefined => {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  if (typeof v === 'number') return new Date(v * 1000).toISOString(); // the CLI prints epoch seconds in some versions
  if (typeof v === 'string' && !Number.isNaN(Date.parse(v))) return new Date(v).toISOString();
  return undefined;
};

/** Returns only the defined fields of a partial record. */
function compact(record: { [K in keyof AcmRecord]?: AcmRecord[K] | undefined } & { source: string }): AcmRecord {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as unknown as AcmRecord;
}

/** Maps a CertificateSummary (ListCertificates) to a record. */
export function fromSummary(s: Record<string, unknown>, source: string): AcmRecord {
  return compact({
    source,
    arn: str(s.CertificateArn),
    domain: str(s.DomainName),
    status: str(s.Status),
    type: str(s.Type),
    keyAlgorithm: str(s.KeyAlgorithm),
    inUse: typeof s.InUse === 'boolean' ? s.InUse : undefined,
    renewalEligibility: str(s.RenewalEligibility),
    notAfter: iso(s.NotAfter),
    managedBy: str(s.ManagedBy),
  });
}

/** Maps a CertificateDetail (DescribeCertificate) to a record. */
export function fromDetail(d: Record<string, unknown>, source: string): AcmRecord {
  const renewal = isObject(d.RenewalSummary) ? d.RenewalSummary : undefined;
  const validation = Array.isArray(d.DomainValidationOptions) && isObject(d.DomainValidationOptions[0]) ? d.DomainValidationOptions[0] : undefined;
  return compact({
    source,
    arn: str(d.CertificateArn),
    domain: str(d.DomainName),
    status: str(d.Status),
    type: str(d.Type),
    keyAlgorithm: str(d.KeyAlgorithm),
    inUseBy: Array.isArray(d.InUseBy) ? d.InUseBy.length : undefined,
    renewalEligibility: str(d.RenewalEligibility),
    renewalStatus: str(renewal?.RenewalStatus),
    serial: str(d.Serial),
    notAfter: iso(d.NotAfter),
    certificateAuthorityArn: str(d.CertificateAuthorityArn),
    managedBy: str(d.ManagedBy),
    validationMethod: str(validation?.ValidationMethod),
  });
}

/**
 * Turns parsed JSON from `aws acm list-certificates`, `describe-certificate` or `get-certificate` (one output, or an
 * array of them: a "bundle") into records. A get-certificate output may carry a "CertificateArn" added by the user.
 * Returns the records; unknown shapes give none.
 */
export function recordsFromJson(json: unknown, source: string, depth = 0): AcmRecord[] {
  if (Array.isArray(json)) return depth > 1 ? [] : json.flatMap((item) => recordsFromJson(item, source, depth + 1));
  if (!isObject(json)) return [];
  if (Array.isArray(json.CertificateSummaryList)) return json.CertificateSummaryList.filter(isObject).map((s) => fromSummary(s, source));
  if (isObject(json.Certificate)) return [fromDetail(json.Certificate, source)];
  if (typeof json.Certificate === 'string') {
    return [compact({ source, arn: str(json.CertificateArn), pem: json.Certificate, chainPem: str(json.CertificateChain) })];
  }
  if (typeof json.CertificateArn === 'string') return [fromDetail(json, source)];
  return [];
}

const serialKey = (serial: string): string => serial.replace(/[:\s]/g, '').toUpperCase().replace(/^0+(?=.)/, '');

/** Merges records describing the same ARN; a PEM without ARN joins the record whose serial it carries. */
export function mergeRecords(records: readonly AcmRecord[]): AcmRecord[] {
  const byArn = new Map<string, AcmRecord>();
  const orphans: AcmRecord[] = [];
  for (const record of records) {
    if (record.arn === undefined) {
      orphans.push(record);
      continue;
    }
    const existing = byArn.get(record.arn);
    byArn.set(record.arn, existing ? { ...existing, ...record, source: existing.source } : { ...record });
  }
  const unmatched: AcmRecord[] = [];
  for (const orphan of orphans) {
    const serial = orphan.pem === undefined ? undefined : serialOf(orphan.pem);
    const match = serial === undefined ? undefined : [...byArn.values()].find((r) => r.serial !== undefined && serialKey(r.serial) === serial);
    if (match) Object.assign(match, { pem: orphan.pem, ...(orphan.chainPem !== undefined ? { chainPem: orphan.chainPem } : {}) });
    else unmatched.push(orphan);
  }
  return [...byArn.values(), ...unmatched];
}

function serialOf(pem: string): string | undefined {
  try {
    const first = readCertificates(new TextEncoder().encode(pem), 'pem').certificates[0];
    return first ? serialKey(toCertificateFacts(first.der).serialNumberHex) : undefined;
  } catch {
    return undefined;
  }
}

/** Region and account from an ACM ARN (arn:aws:acm:<region>:<account>:certificate/<id>). */
export function arnParts(arn: string): { region: string; account: string } | undefined {
  const m = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\//.exec(arn);
  return m ? { region: m[1]!, account: m[2]! } : undefined;
}

function keyTypes(algorithm: string | undefined): AllowedKeyType[] | undefined {
  if (algorithm === undefined) return undefined;
  const rsa = /^RSA[_-](\d+)$/.exec(algorithm);
  if (rsa) return [{ algorithm: 'RSA', bits: [Number(rsa[1])] }];
  const curves: Record<string, string> = { EC_prime256v1: 'P-256', EC_secp384r1: 'P-384', EC_secp521r1: 'P-521' };
  const curve = curves[algorithm];
  return curve ? [{ algorithm: 'EC', curves: [curve] }] : [{ algorithm }];
}

/** Whether ACM renews the certificate by itself (Amazon-issued and private certificates that are renewal-eligible). */
export function autoRenews(record: AcmRecord): boolean {
  return (record.type === 'AMAZON_ISSUED' || record.type === 'PRIVATE') && record.renewalEligibility === 'ELIGIBLE';
}

function profileOf(record: AcmRecord): CaProfile {
  const details: Record<string, string | number> = {};
  const put = (key: string, value: string | number | undefined) => {
    if (value !== undefined) details[key] = value;
  };
  put('type', record.type);
  put('status', record.status);
  put('domain', record.domain);
  put('renewalEligibility', record.renewalEligibility);
  put('renewalStatus', record.renewalStatus);
  put('inUseBy', record.inUseBy);
  put('validationMethod', record.validationMethod);
  put('certificateAuthorityArn', record.certificateAuthorityArn);
  put('notAfter', record.notAfter);
  const types = keyTypes(record.keyAlgorithm);
  return {
    name: record.arn ?? record.domain ?? 'unknown',
    kind: 'certificate',
    autoRenewal: autoRenews(record),
    enrollment: record.type === 'IMPORTED' ? ['manual'] : ['api'],
    ...(types ? { keyTypes: types } : {}),
    details,
  };
}

/** Attributes of an ACM certificate's sighting, as ACM states them. */
function attributesOf(record: AcmRecord, parts: { region: string; account: string } | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, value: string | number | boolean | undefined) => {
    if (value !== undefined) out[key] = String(value);
  };
  put('type', record.type);
  put('status', record.status);
  put('renewalEligibility', record.renewalEligibility);
  put('renewalStatus', record.renewalStatus);
  put('inUseBy', record.inUseBy ?? (record.inUse === undefined ? undefined : record.inUse ? 'in use' : 0));
  put('managedBy', record.managedBy);
  put('region', parts?.region);
  put('account', parts?.account);
  return out;
}

function certificatesOf(pem: string): CertificateFacts[] {
  const { certificates } = readCertificates(new TextEncoder().encode(pem), 'pem');
  return certificates.map((c) => toCertificateFacts(c.der));
}

/**
 * Emits certificate evidence (target = ARN; the chain as further sightings) and one ca-config per account/region.
 * `problemTarget` names where metadata-only records are reported (a file, or the region in live mode).
 */
export function emitAcm(records: readonly AcmRecord[], ctx: CollectorContext, problemTarget: string, live: boolean): void {
  const groups = new Map<string, { parts: { region: string; account: string }; records: AcmRecord[] }>();
  const metadataOnly: string[] = [];
  for (const record of records) {
    const parts = record.arn === undefined ? undefined : arnParts(record.arn);
    if (parts) {
      const key = `arn:aws:acm:${parts.region}:${parts.account}`;
      const group = groups.get(key) ?? { parts, records: [] };
      group.records.push(record);
      groups.set(key, group);
    }
    const target = record.arn ?? problemTarget;
    if (record.pem === undefined) {
      if (!live && (record.status === undefined || STATUSES_WITH_CERTIFICATE.has(record.status))) metadataOnly.push(record.arn ?? record.domain ?? 'unknown');
      continue;
    }
    let chain: CertificateFacts[];
    try {
      chain = [...certificatesOf(record.pem), ...(record.chainPem === undefined ? [] : certificatesOf(record.chainPem))];
      if (chain.length === 0) throw new Error('no certificate in the PEM');
    } catch (error) {
      ctx.problem(target, new CollectError('parse', `${target}: certificate PEM unreadable (${error instanceof Error ? error.message : String(error)})`));
      continue;
    }
    chain.forEach((facts, index) => {
      const sighting: Sighting =
        index === 0
          ? { collector: ACM_ID, target, location: record.source, attributes: attributesOf(record, parts) }
          : { collector: ACM_ID, target, location: `${record.source}#chain[${index}]`, attributes: { role: 'chain' } };
      ctx.emit('certificate', target, { ...facts, sightings: [sighting] });
    });
  }
  if (metadataOnly.length > 0) {
    ctx.problem(
      problemTarget,
      new CollectError(
        'not-found',
        `${problemTarget}: ${metadataOnly.length} ACM certificate(s) have metadata but no PEM, e.g. ${metadataOnly[0]}: add the output of \`aws acm get-certificate --certificate-arn <arn>\` to read them`,
      ),
    );
  }
  for (const [target, { parts, records: group }] of groups) {
    const profiles = group.map(profileOf).sort((a, b) => a.name.localeCompare(b.name));
    const data: CaConfigData = {
      product: 'aws-acm',
      role: 'client',
      name: `ACM ${parts.account}/${parts.region}`,
      source: live ? { pointer: target } : { path: problemTarget, pointer: target },
      profiles,
      enrollment: ['api'],
      automation: { autoRenewal: profiles.some((p) => p.autoRenewal === true), mechanism: 'ACM managed renewal' },
      observations: [],
    };
    ctx.emit('ca-config', target, data);
  }
}
