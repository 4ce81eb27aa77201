/**
 * A Vault/OpenBao PKI configuration gathered from anywhere (API responses saved as files, a combined dump, Terraform
 * resources, the live API), keyed by API path without "/v1/": "pki_int/roles/web", "pki_int/config/crl",
 * "pki_int/issuer/<id>", "sys/mounts". Terraform-only facts use paths Vault does not have: "<mount>/terraform/…".
 */
export interface VaultDump {
  /** API path → the response's `data` object (or, for LIST, `{keys, key_info}`). */
  readonly entries: Map<string, Record<string, unknown>>;
  /** API path → where it was read from (file and JSON pointer, Terraform resource and line, URL). */
  readonly origins: Map<string, string>;
}

/** Creates an empty dump. */
export function emptyDump(): VaultDump {
  return { entries: new Map(), origins: new Map() };
}

type Json = Record<string, unknown>;

/** Whether a value is a plain JSON object. */
export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The kinds of PKI response the normaliser reads. */
export type VaultKind =
  | 'role'
  | 'roles-list'
  | 'urls'
  | 'crl'
  | 'auto-tidy'
  | 'acme'
  | 'issuer'
  | 'issuers-list'
  | 'key'
  | 'mounts'
  | 'tune'
  | 'audit'
  | 'issuers-config'
  | 'terraform'
  | 'managed-key';

/** The segments after a mount that name what a path holds. */
const SUFFIXES: readonly (readonly [RegExp, VaultKind])[] = [
  [/^roles?\/[^/]+$/, 'role'],
  [/^roles\/?$/, 'roles-list'],
  [/^config\/urls$/, 'urls'],
  [/^config\/crl$/, 'crl'],
  [/^config\/auto[-_]tidy$/, 'auto-tidy'],
  [/^config\/acme$/, 'acme'],
  [/^config\/issuers$/, 'issuers-config'],
  [/^issuer\/[^/]+$/, 'issuer'],
  [/^issuers\/?$/, 'issuers-list'],
  [/^key\/[^/]+$/, 'key'],
  [/^terraform\/[^/]+$/, 'terraform'],
];

/** Splits an API path into mount and kind ("pki_int/roles/web" → pki_int, role); undefined when it is not a PKI path. */
export function splitPath(path: string): { path: string; mount: string; kind: VaultKind; rest: string } | undefined {
  const clean = path.replace(/^\/?(v1\/)?/, '').replace(/\/+$/, '');
  if (/^sys\/mounts$/.test(clean)) return { path: clean, mount: '', kind: 'mounts', rest: clean };
  if (/^sys\/audit$/.test(clean)) return { path: clean, mount: '', kind: 'audit', rest: clean };
  if (clean.startsWith('sys/')) {
    const tune = /^sys\/mounts\/(.+)\/tune$/.exec(clean);
    if (tune) return { path: clean, mount: tune[1]!, kind: 'tune', rest: 'tune' };
    return /^sys\/managed-keys\/[^/]+\/[^/]+$/.test(clean) ? { path: clean, mount: '', kind: 'managed-key', rest: clean } : undefined;
  }
  const parts = clean.split('/');
  for (let i = 1; i < parts.length; i++) {
    const rest = parts.slice(i).join('/');
    const hit = SUFFIXES.find(([re]) => re.test(rest));
    if (hit) return { path: clean, mount: parts.slice(0, i).join('/'), kind: hit[1], rest };
  }
  return undefined;
}

/** Guesses what a response's data holds from its fields, for files whose name says nothing. */
export function classifyData(data: Json): VaultKind | undefined {
  const has = (...keys: string[]): boolean => keys.some((k) => k in data);
  if (has('issuer_id') && has('certificate', 'ca_chain')) return 'issuer';
  if (Array.isArray(data.keys) && isObject(data.key_info) && Object.values(data.key_info).some((v) => isObject(v) && 'issuer_name' in v)) return 'issuers-list';
  if (has('allow_any_name', 'allowed_domains', 'allow_subdomains', 'enforce_hostnames', 'server_flag')) return 'role';
  if (has('eab_policy', 'default_directory_policy', 'allowed_issuers') && has('enabled')) return 'acme';
  if (has('tidy_cert_store', 'interval_duration', 'tidy_revoked_certs')) return 'auto-tidy';
  if (has('auto_rebuild', 'ocsp_disable', 'enable_delta') || (has('expiry') && has('disable'))) return 'crl';
  if (has('issuing_certificates', 'crl_distribution_points', 'ocsp_servers')) return 'urls';
  if (has('key_id') && has('key_type') && !has('issuer_id')) return 'key';
  if (has('default_follows_latest_issuer') || (has('default') && Object.keys(data).length <= 2)) return 'issuers-config';
  const values = Object.values(data);
  if (values.length > 0 && values.every((v) => isObject(v) && typeof v.type === 'string') && Object.keys(data).every((k) => k.endsWith('/'))) {
    return values.some((v) => isObject(v) && typeof v.path === 'string' && 'options' in v && !('config' in v)) ? 'audit' : 'mounts';
  }
  if (has('max_lease_ttl', 'default_lease_ttl') && Object.keys(data).length <= 12) return 'tune';
  return undefined;
}

/** The `data` of a `vault read -format=json` / API response; the object itself when it is not wrapped. */
export function unwrapResponse(json: unknown): unknown {
  if (isObject(json) && isObject(json.data) && Object.keys(json).every((k) => ENVELOPE_KEYS.has(k))) return json.data;
  return json;
}

/** Top-level keys of a Vault API response envelope. */
const ENVELOPE_KEYS = new Set(['request_id', 'lease_id', 'lease_duration', 'renewable', 'data', 'warnings', 'wrap_info', 'auth', 'mount_type']);

/** The canonical path for a kind under a mount, e.g. (pki, crl) → "pki/config/crl". */
export function pathFor(mount: string, kind: VaultKind, name?: string): string {
  switch (kind) {
    case 'role':
      return `${mount}/roles/${name ?? 'unnamed'}`;
    case 'roles-list':
      return `${mount}/roles`;
    case 'urls':
      return `${mount}/config/urls`;
    case 'crl':
      return `${mount}/config/crl`;
    case 'auto-tidy':
      return `${mount}/config/auto-tidy`;
    case 'acme':
      return `${mount}/config/acme`;
    case 'issuers-config':
      return `${mount}/config/issuers`;
    case 'issuer':
      return `${mount}/issuer/${name ?? 'default'}`;
    case 'issuers-list':
      return `${mount}/issuers`;
    case 'key':
      return `${mount}/key/${name ?? 'default'}`;
    case 'mounts':
      return 'sys/mounts';
    case 'audit':
      return 'sys/audit';
    case 'tune':
      return `sys/mounts/${mount}/tune`;
    case 'terraform':
      return `${mount}/terraform/${name ?? 'resource'}`;
    case 'managed-key':
      return `sys/managed-keys/${mount}/${name ?? 'key'}`;
  }
}

/** Adds one entry; a `vault list` array of names becomes {keys}. Later entries for the same path win. */
export function addEntry(dump: VaultDump, path: string, data: unknown, origin: string): void {
  const value = Array.isArray(data) ? { keys: data.filter((k) => typeof k === 'string') } : data;
  if (!isObject(value)) return;
  dump.entries.set(path, value);
  dump.origins.set(path, origin);
}

/** Whether every key of an object looks like a Vault API path (a combined dump: {"pki/roles/web": {...}, ...}). */
export function isCombinedDump(json: unknown): json is Json {
  if (!isObject(json)) return false;
  const keys = Object.keys(json);
  return keys.length > 0 && keys.every((k) => /^\/?(v1\/)?[\w.@-]+(\/[\w.@:-]+)+\/?$/.test(k)) && keys.some((k) => splitPath(k) !== undefined);
}

/** The mounts a dump mentions, in order of first appearance (PKI mounts from sys/mounts included). */
export function mountsOf(dump: VaultDump): string[] {
  const mounts = new Set<string>();
  const sysMounts = dump.entries.get('sys/mounts');
  if (sysMounts) {
    for (const [name, info] of Object.entries(sysMounts)) if (isObject(info) && info.type === 'pki') mounts.add(name.replace(/\/+$/, ''));
  }
  for (const path of dump.entries.keys()) {
    const split = splitPath(path);
    if (split && split.mount !== '' && split.kind !== 'tune') mounts.add(split.mount);
  }
  return [...mounts];
}
