// crt.sh client: identity searches (JSON output) with retries, splitting of searches that time out or come back
// truncated, de-duplication of precertificate/certificate pairs, and bounded certificate downloads.
import { z } from 'zod';
import type { CtRequest } from '../../model/evidence.js';
import { issuerSerialKey, normaliseSerial } from '../../model/identifiers.js';
import type { HttpClient } from '../engine/collector-context.js';
import { CollectError } from '../engine/define-collector.js';
import { certificateDnsNames } from './domains.js';
import { getBody, httpStatusOf, type RetryOptions, withRetries } from './retry.js';

/** One crt.sh search row: a certificate or a precertificate as crt.sh indexed it. */
export interface CrtshRow {
  readonly id: number;
  readonly issuerCaId?: number;
  /** Issuer DN with crt.sh's quoting removed ("O=\"A, B\"" becomes "O=A, B"), matching certificate facts. */
  readonly issuer: string;
  readonly commonName?: string;
  /** Lines of name_value: SAN and CN identities (DNS names, e-mail addresses). */
  readonly nameValues: readonly string[];
  /** ISO-8601 UTC; absent when crt.sh has none (certificates it did not get from a log). */
  readonly entryTimestamp?: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** Uppercase hex without leading zero bytes. */
  readonly serialNumberHex: string;
}

/** Certificates after merging a precertificate and its final certificate (same issuer and serial) into one. */
export interface CrtshCertificate {
  /** issuer|SERIAL, as model/identifiers issuerSerialKey builds it. */
  readonly key: string;
  /** crt.sh ids of the merged rows, ascending. */
  readonly ids: readonly number[];
  readonly issuerCaId?: number;
  readonly issuer: string;
  readonly commonName?: string;
  readonly dnsNames: readonly string[];
  readonly serialNumberHex: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** Earliest entry timestamp among the merged rows. */
  readonly loggedAt?: string;
}

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
const RowJson = z.object({
  id: z.number().int().positive(),
  issuer_ca_id: nullable(z.number().int()),
  issuer_name: nullable(z.string()),
  common_name: nullable(z.string()),
  name_value: nullable(z.string()),
  entry_timestamp: nullable(z.string()),
  not_before: z.string(),
  not_after: z.string(),
  serial_number: z.string().regex(/^[0-9a-fA-F:]+$/),
});

/** crt.sh prints times without a zone; they are UTC. Returns ISO-8601 with "Z", or undefined when unreadable. */
function crtshTime(value: string): string | undefined {
  const text = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Removes crt.sh's RFC 4514-style quoting of attribute values ("O=\"A, B\"" → "O=A, B"). */
export function unquoteDn(dn: string): string {
  return dn.replace(/="((?:[^"\\]|\\.)*)"/g, (_m, value: string) => `=${value.replace(/\\(.)/g, '$1')}`);
}

/** Parses a crt.sh JSON answer; returns the readable rows and how many rows were unreadable; throws CollectError('parse') when it is not a JSON array. */
export function parseCrtshRows(bytes: Uint8Array, query: string): { rows: CrtshRow[]; invalid: number } {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch (error) {
    throw new CollectError('parse', `crt.sh ${query}: answer is not valid JSON (truncated?)`, { cause: error });
  }
  if (!Array.isArray(json)) throw new CollectError('parse', `crt.sh ${query}: answer is not a JSON array`);
  const rows: CrtshRow[] = [];
  let invalid = 0;
  for (const raw of json) {
    const parsed = RowJson.safeParse(raw);
    const notBefore = parsed.success ? crtshTime(parsed.data.not_before) : undefined;
    const notAfter = parsed.success ? crtshTime(parsed.data.not_after) : undefined;
    if (!parsed.success || notBefore === undefined || notAfter === undefined) {
      invalid++;
      continue;
    }
    const row = parsed.data;
    const entryTimestamp = row.entry_timestamp ? crtshTime(row.entry_timestamp) : undefined;
    rows.push({
      id: row.id,
      ...(row.issuer_ca_id !== undefined && row.issuer_ca_id !== null ? { issuerCaId: row.issuer_ca_id } : {}),
      issuer: unquoteDn(row.issuer_name ?? ''),
      ...(row.common_name ? { commonName: row.common_name } : {}),
      nameValues: (row.name_value ?? '').split('\n').map((n) => n.trim()).filter((n) => n.length > 0),
      ...(entryTimestamp !== undefined ? { entryTimestamp } : {}),
      notBefore,
      notAfter,
      serialNumberHex: normaliseSerial(row.serial_number),
    });
  }
  return { rows, invalid };
}

/** Merges rows with the same issuer and serial (a precertificate and its certificate, or repeats); returns certificates sorted by first id. */
export function mergeCrtshRows(rows: readonly CrtshRow[]): CrtshCertificate[] {
  const groups = new Map<string, CrtshRow[]>();
  for (const row of rows) {
    const key = issuerSerialKey(row.issuer, row.serialNumberHex);
    const group = groups.get(key);
    if (group) {
      if (!group.some((r) => r.id === row.id)) group.push(row);
    } else groups.set(key, [row]);
  }
  const merged = [...groups].map(([key, group]): CrtshCertificate => {
    const first = group.reduce((a, b) => (a.id <= b.id ? a : b));
    const names = group.flatMap((r) => r.nameValues.filter((n) => !n.includes('@')).map((n) => `DNS:${n}`));
    const loggedAt = group.map((r) => r.entryTimestamp).filter((t): t is string => t !== undefined).sort()[0];
    const issuerCaId = group.map((r) => r.issuerCaId).find((id) => id !== undefined && id > 0) ?? first.issuerCaId;
    return {
      key,
      ids: group.map((r) => r.id).sort((a, b) => a - b),
      ...(issuerCaId !== undefined ? { issuerCaId } : {}),
      issuer: first.issuer,
      ...(first.commonName !== undefined ? { commonName: first.commonName } : {}),
      dnsNames: certificateDnsNames(names, first.commonName),
      serialNumberHex: first.serialNumberHex,
      notBefore: first.notBefore,
      notAfter: first.notAfter,
      ...(loggedAt !== undefined ? { loggedAt } : {}),
    };
  });
  return merged.sort((a, b) => a.ids[0]! - b.ids[0]!);
}

/** How a crt.sh search runs. */
export interface CrtshSearchOptions {
  /** e.g. "https://crt.sh", without a trailing slash. */
  readonly baseUrl: string;
  readonly excludeExpired: boolean;
  /** crt.sh match mode; sent with the exact-domain identity, and with "%" identities only when it is LIKE or ILIKE. */
  readonly match?: string;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly retry: RetryOptions;
  /** Requests one domain may use, splits included. */
  readonly maxRequests: number;
  /** How many times a "%" identity may be split into narrower prefixes. */
  readonly maxSplitDepth: number;
  /** Called before every request; spaces requests to crt.sh, a shared and rate-limited service (see createPacer). */
  readonly pace: () => Promise<void>;
}

/** What a search for one domain returned. */
export interface CrtshSearchResult {
  readonly rows: CrtshRow[];
  readonly invalidRows: number;
  readonly requests: CtRequest[];
  /** Identities not fetched, with the problem code (or "budget") and the last error message. */
  readonly unfetched: { readonly query: string; readonly reason: string; readonly message: string }[];
}

// After a split, "%" identities are narrowed by the first characters of the name. Certificates may only hold
// letters, digits, hyphens, dots and a leading "*" label in DNS names (underscores are not allowed in public ones).
const FIRST_CHARACTERS = Array.from('abcdefghijklmnopqrstuvwxyz0123456789*');
const NEXT_CHARACTERS = Array.from('abcdefghijklmnopqrstuvwxyz0123456789-.');

/** Failures a narrower identity may avoid: the answer was too slow, too big, cut short or the server gave up. */
function isSplittable(error: unknown): boolean {
  if (!(error instanceof CollectError)) return false;
  if (error.code === 'timeout' || error.code === 'too-large' || error.code === 'parse') return true;
  const status = httpStatusOf(error);
  return error.code === 'http-status' && status !== undefined && status >= 500;
}

/** Returns the crt.sh JSON search URL for an identity. */
export function crtshSearchUrl(identity: string, options: Pick<CrtshSearchOptions, 'baseUrl' | 'excludeExpired' | 'match'>): string {
  const params = new URLSearchParams({ q: identity, output: 'json' });
  if (options.excludeExpired) params.set('exclude', 'expired');
  const pattern = identity.includes('%');
  if (options.match !== undefined && (!pattern || /^i?like$/i.test(options.match))) params.set('match', options.match);
  return `${options.baseUrl}/?${params.toString()}`;
}

/**
 * Searches crt.sh for certificates naming `domain` (and its sub-domains when asked), one request at a time.
 * A "%" identity that times out, is too large, truncated or answered with a 5xx is split by the next character of
 * the name, up to `maxSplitDepth` levels and `maxRequests` requests. Returns rows, requests and what was not fetched.
 */
export async function searchCrtsh(domain: string, includeSubdomains: boolean, http: HttpClient, options: CrtshSearchOptions): Promise<CrtshSearchResult> {
  // `prefix` marks a "%" identity that may be split; exact identities have none.
  const queue: { identity: string; prefix?: string; depth: number }[] = [{ identity: domain, depth: 0 }];
  if (includeSubdomains) queue.push({ identity: `%.${domain}`, prefix: '', depth: 0 });
  const rows: CrtshRow[] = [];
  const requests: CtRequest[] = [];
  const unfetched: CrtshSearchResult['unfetched'] = [];
  let invalidRows = 0;
  let used = 0;
  while (queue.length > 0) {
    const { identity, prefix, depth } = queue.shift()!;
    if (used >= options.maxRequests) {
      requests.push({ query: identity, outcome: 'skipped', reason: 'budget' });
      unfetched.push({ query: identity, reason: 'budget', message: `request budget of ${options.maxRequests} used up` });
      continue;
    }
    await options.pace();
    used++;
    const url = crtshSearchUrl(identity, options);
    const outcome = await withRetries(async () => parseCrtshRows(await getBody(http, url, { timeoutMs: options.timeoutMs, maxBytes: options.maxResponseBytes }), identity), options.retry);
    if (outcome.ok) {
      rows.push(...outcome.value.rows);
      invalidRows += outcome.value.invalid;
      requests.push({ query: identity, outcome: 'ok', rows: outcome.value.rows.length, attempts: outcome.attempts });
      continue;
    }
    const code = outcome.error instanceof CollectError ? outcome.error.code : 'other';
    if (prefix !== undefined && depth < options.maxSplitDepth && isSplittable(outcome.error)) {
      requests.push({ query: identity, outcome: 'split', reason: code, attempts: outcome.attempts });
      // "p%.d" = names "p" + anything + ".d": the exact name "p.d" plus one narrower pattern per next character.
      if (prefix !== '') queue.push({ identity: `${prefix}.${domain}`, depth: depth + 1 });
      const next = prefix === '' ? FIRST_CHARACTERS : prefix.endsWith('*') ? ['.'] : NEXT_CHARACTERS;
      for (const c of next) {
        if (c === '.' && prefix.endsWith('.')) continue;
        queue.push({ identity: `${prefix}${c}%.${domain}`, prefix: prefix + c, depth: depth + 1 });
      }
      continue;
    }
    requests.push({ query: identity, outcome: 'failed', reason: code, attempts: outcome.attempts });
    unfetched.push({ query: identity, reason: code, message: outcome.error instanceof Error ? outcome.error.message : String(outcome.error) });
  }
  return { rows, invalidRows, requests, unfetched };
}

/** Downloads one certificate from crt.sh (`?d=<id>`, PEM); returns the bytes; throws CollectError after retries. */
export async function downloadCrtshCertificate(id: number, http: HttpClient, options: Pick<CrtshSearchOptions, 'baseUrl' | 'timeoutMs' | 'retry' | 'pace'>): Promise<Uint8Array> {
  await options.pace();
  const outcome = await withRetries(() => getBody(http, `${options.baseUrl}/?d=${id}`, { timeoutMs: options.timeoutMs, maxBytes: 1_000_000 }), options.retry);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
