// CA-configuration drift between the previous scan and this one, computed the same way for the drift checks and for
// the change-process and policy-review assessors. Previous data comes from a report on disk (untrusted): every read
// tolerates missing or wrongly typed fields.
import type { CaConfigData, Evidence } from '../../model/evidence.js';
import type { PreviousScan } from './define-rule.js';

/** One difference. `material` marks what the analysis calls a material change: a new CA, a new profile, a new algorithm. */
export interface DriftChange {
  readonly text: string;
  readonly material: boolean;
}

/** What happened to one setup (evidence id) between the scans. */
export interface SetupDrift {
  readonly id: string;
  readonly name: string;
  readonly status: 'added' | 'changed' | 'removed';
  readonly changes: readonly DriftChange[];
}

type Getter = (value: unknown) => unknown;
type Shown = 'plain' | 'duration' | 'set';

interface Field {
  readonly label: string;
  readonly get: Getter;
  readonly shown?: Shown;
  /** Material when the value changed at all (`always`) or when the set gained a member (`gains`). */
  readonly material?: 'always' | 'gains';
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const at = (value: unknown, ...path: string[]): unknown => path.reduce<unknown>((v, key) => (isRecord(v) ? v[key] : undefined), value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A stable text form for comparison: object keys sorted, undefined and empty lists alike. */
function canonical(value: unknown): string {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return '';
  if (Array.isArray(value)) return JSON.stringify(value.map(canonical).sort());
  if (isRecord(value)) return JSON.stringify(Object.keys(value).sort().map((k) => [k, canonical(value[k])]));
  return JSON.stringify(value);
}

const MAX_VALUE_CHARS = 80;

function clip(text: string): string {
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

function duration(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return show(value);
  if (value % 86_400 === 0) return `${value / 86_400}d`;
  if (value % 3_600 === 0) return `${value / 3_600}h`;
  return `${value}s`;
}

/** A value for a message: absent → "(none)", key types as "RSA ≥2048", records as key=value. */
function show(value: unknown, shown: Shown = 'plain'): string {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return '(none)';
  if (shown === 'duration') return duration(value);
  if (Array.isArray(value)) return clip(value.map((v) => show(v)).join(', '));
  if (isRecord(value)) {
    if (typeof value.algorithm === 'string') {
      const bounds = [typeof value.minBits === 'number' ? `≥${value.minBits}` : '', ...list(value.bits).map(String), ...list(value.curves).map(String)].filter(Boolean);
      return clip([value.algorithm, ...bounds].join(' '));
    }
    return clip(Object.keys(value).sort().map((k) => `${k}=${show(value[k])}`).join(' '));
  }
  if (typeof value === 'string') return clip(value);
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : typeof value;
}

/** Key types as algorithm names, for "a new algorithm" (RSA, EC, Ed25519...). */
const algorithms = (value: unknown): unknown => list(value).map((k) => at(k, 'algorithm'));

const SETUP_FIELDS: readonly Field[] = [
  { label: 'role', get: (d) => at(d, 'role') },
  { label: 'CA subject', get: (d) => at(d, 'ca', 'subject'), material: 'always' },
  { label: 'CA certificates', get: (d) => at(d, 'ca', 'certificateSha256'), shown: 'set', material: 'gains' },
  { label: 'CA endpoint', get: (d) => at(d, 'ca', 'url'), material: 'always' },
  { label: 'staging endpoint', get: (d) => at(d, 'ca', 'staging') },
  { label: 'CA key algorithm', get: (d) => at(d, 'ca', 'keyAlgorithm'), material: 'always' },
  { label: 'CA key size', get: (d) => at(d, 'ca', 'keySizeBits') },
  { label: 'enrollment protocols', get: (d) => at(d, 'enrollment'), shown: 'set' },
  { label: 'key storage', get: (d) => at(d, 'keyStorage', 'kind') },
  { label: 'audit logging', get: (d) => at(d, 'audit', 'enabled') },
  { label: 'CRL publishing', get: (d) => at(d, 'revocation', 'crl', 'enabled') },
  { label: 'CRL interval', get: (d) => at(d, 'revocation', 'crl', 'intervalSeconds'), shown: 'duration' },
  { label: 'CRL overlap', get: (d) => at(d, 'revocation', 'crl', 'overlapSeconds'), shown: 'duration' },
  { label: 'delta CRL interval', get: (d) => at(d, 'revocation', 'crl', 'deltaIntervalSeconds'), shown: 'duration' },
  { label: 'OCSP', get: (d) => at(d, 'revocation', 'ocsp', 'enabled') },
  { label: 'auto-renewal', get: (d) => at(d, 'automation', 'autoRenewal') },
  { label: 'renew before', get: (d) => at(d, 'automation', 'renewBeforeSeconds'), shown: 'duration' },
  { label: 'renewal scheduler', get: (d) => at(d, 'automation', 'schedulerPresent') },
  { label: 'recognised patterns', get: (d) => list(at(d, 'observations')).map((o) => at(o, 'code')), shown: 'set' },
];

const PROFILE_FIELDS: readonly Field[] = [
  { label: 'max validity', get: (p) => at(p, 'maxValiditySeconds'), shown: 'duration' },
  { label: 'default validity', get: (p) => at(p, 'defaultValiditySeconds'), shown: 'duration' },
  { label: 'key algorithms', get: (p) => algorithms(at(p, 'keyTypes')), shown: 'set', material: 'gains' },
  { label: 'key types', get: (p) => at(p, 'keyTypes') },
  { label: 'signature algorithms', get: (p) => at(p, 'signatureAlgorithms'), shown: 'set', material: 'gains' },
  { label: 'EKUs', get: (p) => at(p, 'extendedKeyUsage'), shown: 'set' },
  { label: 'CA certificates allowed', get: (p) => at(p, 'isCa'), material: 'always' },
  { label: 'requester-supplied subject', get: (p) => at(p, 'subject', 'enrolleeSuppliesSubject') },
  { label: 'allowed domains', get: (p) => at(p, 'subject', 'allowedDomains'), shown: 'set' },
  { label: 'wildcards', get: (p) => at(p, 'subject', 'allowWildcards') },
  { label: 'IP SANs', get: (p) => at(p, 'subject', 'allowIpSans') },
  { label: 'enrollment', get: (p) => at(p, 'enrollment'), shown: 'set' },
  { label: 'approval required', get: (p) => at(p, 'approvalRequired') },
  { label: 'authorised signatures', get: (p) => at(p, 'authorizedSignatures') },
  { label: 'key reuse on renewal', get: (p) => at(p, 'reusesKey') },
  { label: 'auto-renewal', get: (p) => at(p, 'autoRenewal') },
  { label: 'renew before', get: (p) => at(p, 'renewBeforeSeconds'), shown: 'duration' },
  { label: 'CRL pointer', get: (p) => at(p, 'includesCrlDistributionPoint') },
  { label: 'OCSP pointer', get: (p) => at(p, 'includesOcspUrl') },
  { label: 'CA issuers pointer', get: (p) => at(p, 'includesCaIssuersUrl') },
];

/** Differences of one field, as zero or one change. */
function compareField(field: Field, before: unknown, now: unknown, prefix: string): DriftChange[] {
  const a = field.get(before);
  const b = field.get(now);
  if (canonical(a) === canonical(b)) return [];
  if (field.shown === 'set') {
    const was = new Set(list(a).map((v) => show(v)));
    const is = new Set(list(b).map((v) => show(v)));
    const gained = [...is].filter((v) => !was.has(v)).sort();
    const lost = [...was].filter((v) => !is.has(v)).sort();
    if (gained.length === 0 && lost.length === 0) return [];
    const parts = [...(gained.length > 0 ? [`+${clip(gained.join(', '))}`] : []), ...(lost.length > 0 ? [`−${clip(lost.join(', '))}`] : [])];
    return [{ text: `${prefix}${field.label} ${parts.join(' ')}`, material: field.material === 'always' || (field.material === 'gains' && gained.length > 0) }];
  }
  // Key types are shown through "key algorithms" when the algorithm set moved; here only bounds that changed within it.
  if (field.label === 'key types' && canonical(algorithms(a)) !== canonical(algorithms(b))) return [];
  return [{ text: `${prefix}${field.label} ${show(a, field.shown)} → ${show(b, field.shown)}`, material: field.material !== undefined }];
}

/** Differences of the product-specific details (a setup's or a profile's). */
function compareDetails(before: unknown, now: unknown, prefix: string): DriftChange[] {
  const a = isRecord(before) ? before : {};
  const b = isRecord(now) ? now : {};
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .sort()
    .filter((key) => canonical(a[key]) !== canonical(b[key]))
    .map((key) => ({ text: `${prefix}${clip(key)} ${show(a[key])} → ${show(b[key])}`, material: false }));
}

const profileKey = (p: unknown): string => `${String(at(p, 'kind'))}\u0000${String(at(p, 'name'))}`;
const profileName = (p: unknown): string => `${String(at(p, 'kind'))} "${clip(String(at(p, 'name')))}"`;

/** What changed in one setup, in a stable order; empty when nothing did. */
export function compareCaConfig(before: unknown, now: CaConfigData): DriftChange[] {
  const changes = SETUP_FIELDS.flatMap((f) => compareField(f, before, now, ''));
  const was = new Map(list(at(before, 'profiles')).filter(isRecord).map((p) => [profileKey(p), p]));
  const is = new Map(now.profiles.map((p) => [profileKey(p), p]));
  for (const [key, profile] of is) {
    const old = was.get(key);
    if (old === undefined) changes.push({ text: `new ${profileName(profile)}`, material: true });
    else changes.push(...PROFILE_FIELDS.flatMap((f) => compareField(f, old, profile, `${profileName(profile)}: `)), ...compareDetails(old.details, profile.details, `${profileName(profile)}: `));
  }
  for (const [key, profile] of was) if (!is.has(key)) changes.push({ text: `${profileName(profile)} removed`, material: false });
  changes.push(...compareDetails(at(before, 'details'), now.details, ''));
  return changes;
}

/** Drift of one current setup: `changed` (what differs), `added` (the previous scan read its source and did not see it), or none. */
export function setupDrift(item: Evidence<'ca-config'>, previous: PreviousScan): SetupDrift | undefined {
  const before = previous.evidence(item.id);
  if (before?.kind === 'ca-config') {
    const changes = compareCaConfig(before.data, item.data);
    return changes.length === 0 ? undefined : { id: item.id, name: item.data.name, status: 'changed', changes };
  }
  if (!previous.observed(item.collector, item.target)) return undefined;
  return { id: item.id, name: item.data.name, status: 'added', changes: [{ text: `new ${item.data.role === 'ca' ? 'CA' : 'issuer client'} setup`, material: true }] };
}

/**
 * Drift of every setup between the previous scan and this one: `added`, `changed` (see `setupDrift`), and `removed`
 * (seen before, gone now; the previous view holds only evidence this scan looked for again). Sorted by evidence id.
 */
export function caConfigDrift(current: readonly Evidence<'ca-config'>[], previous: PreviousScan): SetupDrift[] {
  const out = current.map((item) => setupDrift(item, previous)).filter((d): d is SetupDrift => d !== undefined);
  return [...out, ...removedSetups(current, previous)].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Setups of the previous scan that this scan no longer finds (the previous view holds only evidence it looked for again). */
export function removedSetups(current: readonly Evidence<'ca-config'>[], previous: PreviousScan): SetupDrift[] {
  const ids = new Set(current.map((c) => c.id));
  return previous
    .items('ca-config')
    .filter((item) => !ids.has(item.id))
    .map((item) => ({ id: item.id, name: clip(String(at(item.data, 'name'))), status: 'removed', changes: [{ text: 'setup no longer found', material: false }] }));
}

/** At most `max` change texts joined with "; ", and how many more there were. */
export function listChanges(changes: readonly DriftChange[], max = 8): string {
  const shown = changes.slice(0, max).map((c) => c.text);
  return changes.length > max ? `${shown.join('; ')}; and ${changes.length - max} more` : shown.join('; ');
}
