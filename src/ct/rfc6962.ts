// RFC 6962 log client: get-sth, get-entries (tolerant of short answers), get-roots, and the decoders for
// MerkleTreeLeaf and extra_data.
import { z } from 'zod';
import type { CtRequest } from '../../model/evidence.js';
import type { HttpClient } from '../engine/collector-context.js';
import { CollectError } from '../engine/define-collector.js';
import { TlsReader } from '../pki/sct.js';
import { getBody, type RetryOptions, withRetries } from './retry.js';

/** Bounds for one log's requests. */
export interface LogRequestOptions {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly retry: RetryOptions;
}

/** A signed tree head as get-sth returns it. */
export interface SignedTreeHeadJson {
  readonly treeSize: number;
  readonly timestampMs: number;
  readonly rootHash: Uint8Array;
  readonly treeHeadSignature: Uint8Array;
}

/** One get-entries item, base64-decoded. */
export interface RawLogEntry {
  readonly leafInput: Uint8Array;
  readonly extraData: Uint8Array;
}

/** A decoded log entry: the timestamped leaf plus the chain from extra_data. */
export type DecodedLogEntry = {
  readonly timestampMs: number;
  /** CtExtensions of the leaf, lowercase hex. */
  readonly extensionsHex: string;
  /** Certificates after the entry in extra_data, issuer first. */
  readonly chain: readonly Uint8Array[];
} & (
  | { readonly entryType: 'x509'; readonly certificate: Uint8Array }
  | { readonly entryType: 'precert'; readonly issuerKeyHash: Uint8Array; readonly tbsCertificate: Uint8Array; readonly precertificate: Uint8Array }
);

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');
const SthJson = z.object({
  tree_size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  timestamp: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  sha256_root_hash: Base64,
  tree_head_signature: Base64,
});
const EntriesJson = z.object({ entries: z.array(z.object({ leaf_input: Base64, extra_data: Base64 })) });
const RootsJson = z.object({ certificates: z.array(Base64) });

const b64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

async function getJson<S extends z.ZodType>(url: string, schema: S, http: HttpClient, options: LogRequestOptions): Promise<{ value: z.infer<S>; attempts: number }> {
  const outcome = await withRetries(async () => {
    const bytes = await getBody(http, url, { timeoutMs: options.timeoutMs, maxBytes: options.maxResponseBytes });
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder('utf-8').decode(bytes));
    } catch (error) {
      throw new CollectError('parse', `${url}: answer is not valid JSON`, { cause: error });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CollectError('parse', `${url}: unexpected answer (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'})`);
    }
    return parsed.data;
  }, options.retry);
  if (!outcome.ok) throw Object.assign(outcome.error instanceof Error ? outcome.error : new CollectError('other', String(outcome.error)), { attempts: outcome.attempts });
  return { value: outcome.value, attempts: outcome.attempts };
}

/** Returns the number of attempts a failed request made (attached by the client), or 1. */
export function attemptsOf(error: unknown): number {
  const attempts = (error as { attempts?: unknown } | null)?.attempts;
  return typeof attempts === 'number' ? attempts : 1;
}

/** Fetches the log's latest signed tree head; returns it and the attempts made; throws CollectError (with `attempts`). */
export async function getSth(logUrl: string, http: HttpClient, options: LogRequestOptions): Promise<{ sth: SignedTreeHeadJson; attempts: number }> {
  const { value, attempts } = await getJson(`${logUrl}ct/v1/get-sth`, SthJson, http, options);
  return {
    sth: { treeSize: value.tree_size, timestampMs: value.timestamp, rootHash: b64(value.sha256_root_hash), treeHeadSignature: b64(value.tree_head_signature) },
    attempts,
  };
}

/** Fetches entries [start, end]; a log may answer with fewer (never more are kept). Returns them; throws CollectError (with `attempts`). */
export async function getEntries(logUrl: string, start: number, end: number, http: HttpClient, options: LogRequestOptions): Promise<{ entries: RawLogEntry[]; attempts: number }> {
  const { value, attempts } = await getJson(`${logUrl}ct/v1/get-entries?start=${start}&end=${end}`, EntriesJson, http, options);
  return { entries: value.entries.slice(0, end - start + 1).map((e) => ({ leafInput: b64(e.leaf_input), extraData: b64(e.extra_data) })), attempts };
}

/** Fetches the log's accepted roots; returns their DER encodings; throws CollectError (with `attempts`). */
export async function getRoots(logUrl: string, http: HttpClient, options: LogRequestOptions): Promise<{ roots: Uint8Array[]; attempts: number }> {
  const { value, attempts } = await getJson(`${logUrl}ct/v1/get-roots`, RootsJson, http, options);
  return { roots: value.certificates.map(b64), attempts };
}

function certificateList(bytes: Uint8Array, what: string): Uint8Array[] {
  const r = new TlsReader(bytes, what);
  const out: Uint8Array[] = [];
  while (r.remaining > 0) {
    if (out.length >= 64) throw new CollectError('parse', `${what}: more than 64 certificates`);
    out.push(r.vector(3));
  }
  return out;
}

/** Decodes a get-entries item: MerkleTreeLeaf (v1, timestamped_entry) and its extra_data. Returns it; throws SctParseError or CollectError('parse'). */
export function decodeLogEntry(entry: RawLogEntry): DecodedLogEntry {
  const leaf = new TlsReader(entry.leafInput, 'MerkleTreeLeaf');
  const version = leaf.uint(1);
  const leafType = leaf.uint(1);
  if (version !== 0 || leafType !== 0) throw new CollectError('parse', `MerkleTreeLeaf: unsupported version ${version} or leaf type ${leafType}`);
  const timestampMs = leaf.uint(8);
  const entryType = leaf.uint(2);
  const extra = new TlsReader(entry.extraData, 'extra_data');
  if (entryType === 0) {
    const certificate = leaf.vector(3);
    const extensionsHex = Buffer.from(leaf.vector(2)).toString('hex');
    leaf.end();
    const chain = certificateList(extra.vector(3), 'extra_data certificate_chain');
    extra.end();
    return { entryType: 'x509', timestampMs, extensionsHex, certificate, chain };
  }
  if (entryType === 1) {
    const issuerKeyHash = leaf.bytes(32);
    const tbsCertificate = leaf.vector(3);
    const extensionsHex = Buffer.from(leaf.vector(2)).toString('hex');
    leaf.end();
    const precertificate = extra.vector(3);
    const chain = certificateList(extra.vector(3), 'extra_data precertificate_chain');
    extra.end();
    return { entryType: 'precert', timestampMs, extensionsHex, issuerKeyHash, tbsCertificate, precertificate, chain };
  }
  throw new CollectError('parse', `MerkleTreeLeaf: unknown entry type ${entryType}`);
}

/** How a window is read. */
export interface WindowOptions extends LogRequestOptions {
  /** Entries asked for per get-entries request. */
  readonly batchSize: number;
  /** get-entries requests allowed for the window. */
  readonly maxRequests: number;
}

/** What reading a window produced. */
export interface WindowResult {
  readonly requests: CtRequest[];
  /** Entries read, from `start`. */
  readonly read: number;
  /** Answers shorter than asked. */
  readonly shortReads: number;
  /** One past the last entry read. */
  readonly nextIndex: number;
  /** Why the window stopped early, when it did. */
  readonly stopped?: { readonly code: string; readonly message: string };
}

/**
 * Reads entries [start, end] in batches, continuing from wherever a short answer stopped; `onEntries` receives each
 * batch with the index of its first entry. Stops at the end, at `maxRequests`, on an empty answer or a failed request.
 * Returns what was read; never throws for network failures (they end the window).
 */
export async function readWindow(
  logUrl: string,
  start: number,
  end: number,
  http: HttpClient,
  options: WindowOptions,
  onEntries: (firstIndex: number, entries: readonly RawLogEntry[]) => void,
): Promise<WindowResult> {
  const requests: CtRequest[] = [];
  let position = start;
  let shortReads = 0;
  let stopped: WindowResult['stopped'];
  while (position <= end) {
    if (requests.length >= options.maxRequests) {
      stopped = { code: 'budget', message: `request budget of ${options.maxRequests} used up at index ${position}` };
      break;
    }
    const last = Math.min(end, position + options.batchSize - 1);
    const query = `entries ${position}-${last}`;
    try {
      const { entries, attempts } = await getEntries(logUrl, position, last, http, options);
      requests.push({ query, outcome: 'ok', rows: entries.length, attempts });
      if (entries.length === 0) {
        stopped = { code: 'parse', message: `${logUrl}: get-entries ${position}-${last} returned no entries` };
        break;
      }
      if (entries.length < last - position + 1) shortReads++;
      onEntries(position, entries);
      position += entries.length;
    } catch (error) {
      const code = error instanceof CollectError ? error.code : 'other';
      requests.push({ query, outcome: 'failed', reason: code, attempts: attemptsOf(error) });
      stopped = { code, message: error instanceof Error ? error.message : String(error) };
      break;
    }
  }
  return { requests, read: position - start, shortReads, nextIndex: position, ...(stopped ? { stopped } : {}) };
}
