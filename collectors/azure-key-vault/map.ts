import type { Sighting } from '../../model/evidence.js';
import type { CollectorContext } from '../../src/engine/collector-context.js';
import { CollectError } from '../../src/engine/define-collector.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';

/** The collector id, shared by the mapping and the definition. */
export const AKV_ID = 'azure-key-vault';

/** One Key Vault certificate, normalised from `az keyvault certificate list/show` JSON, the REST API or the SDK. */
export interface AkvRecord {
  /** Versionless id: https://<vault>.vault.azure.net/certificates/<name>. */
  readonly id: string;
  readonly name: string;
  readonly vault?: string;
  readonly der?: Uint8Array;
  readonly enabled?: boolean;
  /** "Self", "Unknown" (imported or manually enrolled), or a CA integration ("DigiCert", "GlobalSign", "OneCertV2-PublicCA"...). */
  readonly issuerName?: string;
  readonly autoRenew?: boolean;
  readonly emailContacts?: boolean;
  /** "80% of lifetime" or "30 days before expiry". */
  readonly renewTrigger?: string;
  readonly keyType?: string;
  readonly keySize?: number;
  readonly curve?: string;
  readonly reuseKey?: boolean;
  readonly exportable?: boolean;
  readonly validityMonths?: number;
  /** The file or "live". */
  readonly source: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const pick = (o: Record<string, unknown> | undefined, ...keys: string[]): unknown => keys.map((k) => o?.[k]).find((v) => v !== undefined && v !== null);
const obj = (v: unknown): Record<string, unknown> | undefined => (isObject(v) ? v : undefined);

function decodeCer(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (typeof value !== 'string' || value === '') return undefined;
  // REST and az print standard base64; some tools print base64url.
  const buf = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return buf.length > 0 ? new Uint8Array(buf.buffer, buf.byteOffset, buf.length) : undefined;
}

/** Splits a certificate id into vault host and name, dropping the version. */
export function parseCertificateId(id: string): { vault: string; name: string; versionless: string } | undefined {
  const m = /^https:\/\/([^/]+)\/certificates\/([^/?#]+)/.exec(id);
  return m ? { vault: m[1]!, name: decodeURIComponent(m[2]!), versionless: `https://${m[1]!}/certificates/${m[2]!}` } : undefined;
}

/**
 * Normalises one certificate object: az CLI camelCase (issuerParameters, keyProperties, lifetimeActions[].action.actionType),
 * REST snake_case (issuer, key_props, lifetime_actions[].action.action_type) or SDK KeyVaultCertificateWithPolicy
 * (policy.issuerName, policy.lifetimeActions[].action, properties.*). Returns undefined without an id or name.
 */
export function akvRecord(o: Record<string, unknown>, source: string): AkvRecord | undefined {
  const props = obj(o.properties);
  const id = str(pick(o, 'id')) ?? str(pick(props, 'id'));
  const parsed = id === undefined ? undefined : parseCertificateId(id);
  const name = str(pick(o, 'name')) ?? str(pick(props, 'name')) ?? parsed?.name;
  if (name === undefined || (id === undefined && parsed === undefined)) return undefined;
  const policy = obj(o.policy);
  const issuer = obj(pick(policy, 'issuerParameters', 'issuer'));
  const keyProps = obj(pick(policy, 'keyProperties', 'key_props'));
  const x509 = obj(pick(policy, 'x509CertificateProperties', 'x509_props'));
  const attributes = obj(o.attributes);
  const actions = (pick(policy, 'lifetimeActions', 'lifetime_actions') as unknown[] | undefined) ?? [];
  let autoRenew: boolean | undefined = policy ? false : undefined;
  let emailContacts = false;
  let renewTrigger: string | undefined;
  for (const action of Array.isArray(actions) ? actions.filter(isObject) : []) {
    const a = action.action;
    const type = typeof a === 'string' ? a : str(pick(obj(a), 'actionType', 'action_type'));
    const trigger = obj(action.trigger) ?? action;
    const percent = num(pick(trigger, 'lifetimePercentage', 'lifetime_percentage'));
    const days = num(pick(trigger, 'daysBeforeExpiry', 'days_before_expiry'));
    const when = percent !== undefined ? `${percent}% of lifetime` : days !== undefined ? `${days} days before expiry` : undefined;
    if (type === 'AutoRenew') {
      autoRenew = true;
      if (when !== undefined) renewTrigger = when;
    } else if (type === 'EmailContacts') {
      emailContacts = true;
    }
  }
  const record: Record<string, unknown> = {
    id: parsed?.versionless ?? id ?? name,
    name,
    vault: parsed?.vault ?? str(pick(props, 'vaultUrl'))?.replace(/^https:\/\//, '').replace(/\/$/, ''),
    der: decodeCer(o.cer),
    enabled: bool(pick(attributes, 'enabled')) ?? bool(pick(props, 'enabled')),
    issuerName: str(pick(issuer, 'name')) ?? str(pick(policy, 'issuerName')),
    autoRenew,
    emailContacts: policy ? emailContacts : undefined,
    renewTrigger,
    keyType: str(pick(keyProps, 'keyType', 'kty')) ?? str(pick(policy, 'keyType')),
    keySize: num(pick(keyProps, 'keySize', 'key_size')) ?? num(pick(policy, 'keySize')),
    curve: str(pick(keyProps, 'curve', 'crv')) ?? str(pick(policy, 'keyCurveName')),
    reuseKey: bool(pick(keyProps, 'reuseKey', 'reuse_key')) ?? bool(pick(policy, 'reuseKey')),
    exportable: bool(pick(keyProps, 'exportable')) ?? bool(pick(policy, 'exportable')),
    validityMonths: num(pick(x509, 'validityInMonths', 'validity_months')) ?? num(pick(policy, 'validityInMonths')),
    source,
  };
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as unknown as AkvRecord;
}

/** Records from an az output: one object (show) or an array (list), also `{ value: [...] }` REST pages. */
export function akvRecordsFromJson(json: unknown, source: string): AkvRecord[] {
  const items = Array.isArray(json) ? json : isObject(json) && Array.isArray(json.value) ? json.value : [json];
  return items.filter(isObject).flatMap((o) => akvRecord(o, source) ?? []);
}

/** Sighting attributes as Key Vault states them. */
export function akvAttributes(r: AkvRecord): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, value: string | number | boolean | undefined) => {
    if (value !== undefined) out[key] = String(value);
  };
  put('vault', r.vault);
  put('issuer', r.issuerName);
  if (r.issuerName !== undefined) put('managed', r.issuerName !== 'Unknown');
  put('autoRenew', r.autoRenew);
  put('renewTrigger', r.renewTrigger);
  put('emailContacts', r.emailContacts);
  put('enabled', r.enabled);
  put('keyType', r.keyType);
  put('keySize', r.keySize);
  put('curve', r.curve);
  put('reuseKey', r.reuseKey);
  put('exportable', r.exportable);
  put('validityMonths', r.validityMonths);
  return out;
}

/** Emits one certificate per record with a DER; returns the names of records without one (metadata only). */
export function emitAkv(records: readonly AkvRecord[], ctx: CollectorContext): string[] {
  const metadataOnly: string[] = [];
  for (const record of records) {
    if (!record.der) {
      metadataOnly.push(record.name);
      continue;
    }
    try {
      const facts = toCertificateFacts(record.der);
      const sighting: Sighting = { collector: AKV_ID, target: record.id, location: record.source, attributes: akvAttributes(record) };
      ctx.emit('certificate', record.id, { ...facts, sightings: [sighting] });
    } catch (error) {
      ctx.problem(record.id, new CollectError('parse', `${record.id}: certificate unreadable (${error instanceof Error ? error.message : String(error)})`));
    }
  }
  return metadataOnly;
}
