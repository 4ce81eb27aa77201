import type { HttpClient } from '../../src/engine/collector-context.js';
import { CollectError } from '../../src/engine/define-collector.js';
import { decodeConfigText } from '../../src/ca-config/read-config-file.js';
import { parseJsonText } from '../../src/ca-config/config-files.js';
import { addEntry, emptyDump, isObject, unwrapResponse, type VaultDump } from './dump.js';

/** How to reach one Vault/OpenBao server. The token comes from the environment and is only ever sent as a header. */
export interface LiveTarget {
  /** "https://vault.example:8200", no trailing slash. */
  readonly address: string;
  readonly token: string;
  readonly namespace?: string;
  /** Only these PKI mounts (else every mount of type pki that sys/mounts lists). */
  readonly mounts?: readonly string[];
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRoles: number;
  readonly maxIssuers: number;
}

/** What a live read gathered: the dump, the PKI mounts read, and one-line problems (per mount, without secrets). */
export interface LiveResult {
  readonly dump: VaultDump;
  readonly mounts: string[];
  readonly problems: { readonly code: CollectError['code']; readonly message: string }[];
}

type Outcome =
  | { readonly status: 'ok'; readonly data: Record<string, unknown> }
  | { readonly status: 'missing' | 'denied' }
  | { readonly status: 'failed'; readonly code: CollectError['code']; readonly message: string };

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * Reads the PKI configuration of a server through its HTTP API (GET only; LIST as `?list=true`): sys/mounts (or each
 * mount's tune endpoint), sys/audit, and per PKI mount its roles, config/urls, config/crl, config/auto-tidy,
 * config/acme, config/issuers, issuers, their keys and the type of managed keys (only `type` is kept). Redirects are not followed so the token never leaves the
 * configured address. Returns what could be read; never throws for HTTP trouble.
 */
export async function readLive(http: HttpClient, target: LiveTarget, limit: <T>(task: () => Promise<T>) => Promise<T>): Promise<LiveResult> {
  const dump = emptyDump();
  const problems: { code: CollectError['code']; message: string }[] = [];
  const headers: Record<string, string> = { 'X-Vault-Token': target.token, Accept: 'application/json', 'X-Vault-Request': 'true' };
  if (target.namespace !== undefined) headers['X-Vault-Namespace'] = target.namespace;

  const get = async (path: string, list = false): Promise<Outcome> => {
    const url = `${target.address}/v1/${encodePath(path)}${list ? '?list=true' : ''}`;
    let response;
    try {
      response = await http.request(url, { method: 'GET', headers, maxBytes: target.maxBytes, timeoutMs: target.timeoutMs, maxRedirects: 0 });
    } catch (error) {
      const code = error instanceof CollectError ? error.code : 'other';
      const message = error instanceof Error ? error.message : String(error);
      return { status: 'failed', code, message: code === 'other' ? `${path}: request failed` : message.split(target.token).join('[redacted]') };
    }
    if (response.status === 404) return { status: 'missing' };
    if (response.status === 401 || response.status === 403) return { status: 'denied' };
    if (response.status >= 300 && response.status < 400) return { status: 'failed', code: 'http-status', message: `${path}: HTTP ${response.status} redirect not followed (point the address at the active node)` };
    if (response.status !== 200) return { status: 'failed', code: 'http-status', message: `${path}: HTTP ${response.status}` };
    let text: string;
    try {
      text = decodeConfigText(response.body).text;
    } catch {
      return { status: 'failed', code: 'parse', message: `${path}: response is not text` };
    }
    const parsed = parseJsonText(text);
    if ('problem' in parsed) return { status: 'failed', code: 'parse', message: `${path}: response is not JSON (${parsed.problem})` };
    const data = unwrapResponse(parsed.value);
    return isObject(data) ? { status: 'ok', data } : { status: 'failed', code: 'parse', message: `${path}: response has no data object` };
  };
  const origin = (path: string): string => `${target.address}/v1/${path}`;

  let mounts: string[];
  const sysMounts = await get('sys/mounts');
  if (sysMounts.status === 'ok') {
    addEntry(dump, 'sys/mounts', sysMounts.data, origin('sys/mounts'));
    const pki = Object.entries(sysMounts.data)
      .filter(([, info]) => isObject(info) && info.type === 'pki')
      .map(([name]) => name.replace(/\/+$/, ''));
    mounts = target.mounts ? target.mounts.map((m) => m.replace(/^\/+|\/+$/g, '')) : pki;
  } else if (target.mounts) {
    mounts = target.mounts.map((m) => m.replace(/^\/+|\/+$/g, ''));
    if (sysMounts.status === 'failed') problems.push({ code: sysMounts.code, message: sysMounts.message });
  } else {
    if (sysMounts.status === 'denied') problems.push({ code: 'permission', message: 'sys/mounts: the token may not list mounts; name the PKI mounts in live.mounts' });
    else if (sysMounts.status === 'failed') problems.push({ code: sysMounts.code, message: sysMounts.message });
    else problems.push({ code: 'not-found', message: 'sys/mounts: not found (is this a Vault or OpenBao address?)' });
    return { dump, mounts: [], problems };
  }

  const audit = await get('sys/audit');
  if (audit.status === 'ok') addEntry(dump, 'sys/audit', audit.data, origin('sys/audit'));

  await Promise.all(
    mounts.map((mount) =>
      limit(async () => {
        const denied: string[] = [];
        const failures: string[] = [];
        const fetchInto = async (path: string, list = false): Promise<Record<string, unknown> | undefined> => {
          const outcome = await get(path, list);
          if (outcome.status === 'ok') {
            if (!list) addEntry(dump, path, outcome.data, origin(path));
            return outcome.data;
          }
          if (outcome.status === 'denied') denied.push(path.slice(mount.length + 1) || path);
          if (outcome.status === 'failed') failures.push(outcome.message);
          return undefined;
        };
        if (sysMounts.status !== 'ok') await fetchInto(`sys/mounts/${mount}/tune`);
        for (const config of ['config/urls', 'config/crl', 'config/auto-tidy', 'config/acme', 'config/issuers']) await fetchInto(`${mount}/${config}`);
        const roles = await fetchInto(`${mount}/roles`, true);
        const roleNames = Array.isArray(roles?.keys) ? roles.keys.filter((k): k is string => typeof k === 'string') : [];
        for (const name of roleNames.slice(0, target.maxRoles)) await fetchInto(`${mount}/roles/${name}`);
        if (roleNames.length > target.maxRoles) failures.push(`${mount}/roles: ${roleNames.length} roles, only the first ${target.maxRoles} read`);
        const issuers = await fetchInto(`${mount}/issuers`, true);
        const issuerIds = Array.isArray(issuers?.keys) ? issuers.keys.filter((k): k is string => typeof k === 'string') : [];
        const keyIds = new Set<string>();
        for (const id of issuerIds.slice(0, target.maxIssuers)) {
          const issuer = await fetchInto(`${mount}/issuer/${id}`);
          if (typeof issuer?.key_id === 'string' && issuer.key_id !== '') keyIds.add(issuer.key_id);
        }
        const managed = new Set<string>();
        for (const keyId of keyIds) {
          const key = await fetchInto(`${mount}/key/${keyId}`);
          if (typeof key?.managed_key_name === 'string' && key.managed_key_name !== '') managed.add(key.managed_key_name);
        }
        // The managed key's backend type (PKCS#11 HSM or a cloud KMS) lives under sys/managed-keys/<type>/<name>.
        for (const name of managed) {
          for (const type of ['pkcs11', 'awskms', 'azurekeyvault', 'gcpckms']) {
            const outcome = await get(`sys/managed-keys/${type}/${name}`);
            if (outcome.status !== 'ok') continue;
            addEntry(dump, `sys/managed-keys/${type}/${name}`, { type }, origin(`sys/managed-keys/${type}/${name}`));
            break;
          }
        }
        if (denied.length > 0) problems.push({ code: 'permission', message: `${mount}/: the token may not read ${denied.join(', ')}` });
        if (failures.length > 0) problems.push({ code: 'other', message: `${mount}/: ${failures[0]!}${failures.length > 1 ? ` (and ${failures.length - 1} more)` : ''}` });
      }),
    ),
  );
  return { dump, mounts, problems };
}
