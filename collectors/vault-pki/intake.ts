import type { ConfigFile } from '../../src/ca-config/config-files.js';
import { addEntry, classifyData, isCombinedDump, pathFor, splitPath, unwrapResponse, type VaultDump } from './dump.js';

/** A JSON-pointer segment (RFC 6901). */
function pointerSegment(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Adds one parsed JSON file to a dump: a combined dump ({"<api path>": response, …}), or a single response whose API
 * path comes from the file's place under the configured folder ("pki_int/roles/web.json"), else from its fields
 * (a role, config/crl, an issuer, …) under `defaultMount`. Returns a problem message when the file is none of these.
 */
export function intakeJson(dump: VaultDump, json: unknown, file: ConfigFile, defaultMount: string): string | undefined {
  if (isCombinedDump(json)) {
    let added = 0;
    for (const [path, response] of Object.entries(json)) {
      const split = splitPath(path);
      if (!split) continue;
      addEntry(dump, split.path, unwrapResponse(response), `${file.rel}#/${pointerSegment(path)}`);
      added++;
    }
    return added > 0 ? undefined : 'a map of API paths without any PKI path';
  }
  const data = unwrapResponse(json);
  const stem = (file.within === '' ? file.name : file.within).replace(/\.json$/i, '');
  const split = splitPath(stem) ?? splitPath(`${defaultMount}/${stem}`);
  if (split) {
    addEntry(dump, split.path, data, file.rel);
    return undefined;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return 'not a Vault/OpenBao API response object';
  const kind = classifyData(data as Record<string, unknown>);
  if (kind === undefined) return 'JSON that is not a Vault/OpenBao PKI response (role, config/urls, config/crl, config/auto-tidy, config/acme, issuer, key, sys/mounts)';
  const record = data as Record<string, unknown>;
  const dir = stem.includes('/') ? stem.slice(0, stem.lastIndexOf('/')) : '';
  const base = stem.slice(stem.lastIndexOf('/') + 1);
  const mount = dir === '' ? defaultMount : dir;
  const name =
    kind === 'role' ? base.replace(/^roles?[-_.]/i, '') : kind === 'issuer' ? String(record.issuer_id) : kind === 'key' ? String(record.key_id) : undefined;
  addEntry(dump, pathFor(mount, kind, name), data, file.rel);
  return undefined;
}
