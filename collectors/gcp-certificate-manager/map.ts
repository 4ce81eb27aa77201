import type { Sighting } from '../../model/evidence.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError } from '../../src/engine/define-collector.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { readCertificates } from '../../src/pki/pem.js';

/** The collector id, shared by the mapping and the definition. */
export const GCM_ID = 'gcp-certificate-manager';

/** One Certificate Manager certificate, from gcloud JSON or the gRPC client's objects. */
export interface GcmRecord {
  /** projects/<p>/locations/<l>/certificates/<c>. */
  readonly name: string;
  readonly pem?: string;
  readonly managed: boolean;
  /** Managed certificates: ACTIVE, PROVISIONING, FAILED. */
  readonly state?: string;
  readonly provisioningIssue?: string;
  /** Managed certificates issued by a private CA (Certificate Authority Service) name their issuance config. */
  readonly issuanceConfig?: string;
  readonly scope?: string;
  readonly expireTime?: string;
  readonly domains?: number;
  readonly source: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** ISO time from an RFC 3339 string (gcloud) or a protobuf Timestamp { seconds, nanos } (gRPC: google-gax converts longs to strings). */
function time(v: unknown): string | undefined {
  if (typeof v === 'string') return Number.isNaN(Date.parse(v)) ? undefined : new Date(v).toISOString();
  if (isObject(v) && v.seconds !== undefined && v.seconds !== null) {
    const seconds = typeof v.seconds === 'string' || typeof v.seconds === 'number' ? Number(v.seconds) : Number.NaN;
    return Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : undefined;
  }
  return undefined;
}

/** Maps one certificate object; returns undefined when it has no resource name. */
export function gcmRecord(o: Record<string, unknown>, source: string): GcmRecord | undefined {
  const name = str(o.name);
  if (name === undefined) return undefined;
  const managed = isObject(o.managed) ? o.managed : undefined;
  const issue = managed && isObject(managed.provisioningIssue) ? managed.provisioningIssue : undefined;
  const record: Record<string, unknown> = {
    name,
    pem: str(o.pemCertificate),
    managed: managed !== undefined,
    state: str(managed?.state) === 'STATE_UNSPECIFIED' ? undefined : str(managed?.state),
    provisioningIssue: str(issue?.reason) === 'REASON_UNSPECIFIED' ? undefined : str(issue?.reason),
    issuanceConfig: str(managed?.issuanceConfig),
    scope: str(o.scope),
    expireTime: time(o.expireTime),
    domains: Array.isArray(managed?.domains) ? managed.domains.length : Array.isArray(o.sanDnsnames) ? o.sanDnsnames.length : undefined,
    source,
  };
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as unknown as GcmRecord;
}

/** Records from `gcloud certificate-manager certificates list --format=json` (array) or `describe` (object). */
export function gcmRecordsFromJson(json: unknown, source: string): GcmRecord[] {
  const items = Array.isArray(json) ? json : [json];
  return items.filter(isObject).flatMap((o) => gcmRecord(o, source) ?? []);
}

/** Sighting attributes as Certificate Manager states them. */
export function gcmAttributes(r: GcmRecord): Record<string, string> {
  const parts = /^projects\/([^/]+)\/locations\/([^/]+)\//.exec(r.name);
  const out: Record<string, string> = { managed: String(r.managed), managedBy: r.managed ? (r.issuanceConfig ? 'google-private-ca' : 'google') : 'self' };
  const put = (key: string, value: string | number | undefined) => {
    if (value !== undefined) out[key] = String(value);
  };
  // Google renews managed certificates by itself; self-managed ones are replaced by their owner.
  out.autoRenewal = String(r.managed);
  put('state', r.state);
  put('provisioningIssue', r.provisioningIssue);
  put('issuanceConfig', r.issuanceConfig);
  put('scope', r.scope);
  put('domains', r.domains);
  put('project', parts?.[1]);
  put('location', parts?.[2]);
  return out;
}

/** Emits a certificate per record with a PEM (the chain as further sightings); returns the names of records without one. */
export function emitGcm(records: readonly GcmRecord[], ctx: CollectorContext): string[] {
  const withoutPem: string[] = [];
  for (const record of records) {
    if (record.pem === undefined) {
      withoutPem.push(record.name);
      continue;
    }
    try {
      const { certificates } = readCertificates(new TextEncoder().encode(record.pem), record.name);
      if (certificates.length === 0) throw new Error('no certificate in pemCertificate');
      certificates.forEach((c, index) => {
        const facts = toCertificateFacts(c.der);
        const sighting: Sighting =
          index === 0
            ? { collector: GCM_ID, target: record.name, location: record.source, attributes: gcmAttributes(record) }
            : { collector: GCM_ID, target: record.name, location: `${record.source}#chain[${index}]`, attributes: { role: 'chain' } };
        ctx.emit('certificate', record.name, { ...facts, sightings: [sighting] });
      });
    } catch (error) {
      ctx.problem(record.name, new CollectError('parse', `${record.name}: pemCertificate unreadable (${error instanceof Error ? error.message : String(error)})`));
    }
  }
  return withoutPem;
}
