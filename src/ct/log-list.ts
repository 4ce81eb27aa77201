// CT log lists in the v3 JSON schema Google publishes (log_list.json, all_logs_list.json): read from a file or URL,
// used to name logs, find their keys and tell RFC 6962 logs from static-CT (tiled) ones.
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import type { FileSystem, HttpClient } from '../engine/collector-context.js';
import { CollectError } from '../engine/define-collector.js';
import { logIdOfKey } from '../pki/sct.js';

/** One log as the list describes it. */
export interface CtLogInfo {
  readonly description: string;
  readonly operator: string;
  /** Base64 SHA-256 of the key, as the list states it. */
  readonly logId: string;
  /** DER SubjectPublicKeyInfo. */
  readonly key: Uint8Array;
  /** RFC 6962 base URL (ending in "/") or, for a static-CT log, its monitoring URL. */
  readonly url: string;
  readonly api: 'rfc6962' | 'static-ct';
  /** A static-CT log's submission URL (ending in "/"). */
  readonly submissionUrl?: string;
  /** Maximum merge delay in seconds. */
  readonly mmd?: number;
  /** "usable", "qualified", "readonly", "retired", "pending", "rejected". */
  readonly state?: string;
  readonly stateSince?: string;
  /** Certificates whose notAfter falls in [start, end) are accepted. */
  readonly temporalInterval?: { readonly start: string; readonly end: string };
  /** The stated log id equals SHA-256 of the stated key. */
  readonly keyMatchesId: boolean;
}

/** A parsed log list with lookups by log id and URL. */
export interface CtLogList {
  readonly source: string;
  readonly version?: string;
  readonly timestamp?: string;
  readonly logs: readonly CtLogInfo[];
  /** Logs the list names but that could not be read (bad base64, missing fields). */
  readonly skipped: number;
  byId(logId: string): CtLogInfo | undefined;
  byUrl(url: string): CtLogInfo | undefined;
}

const Interval = z.object({ start_inclusive: z.string(), end_exclusive: z.string() });
const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected base64');
const LogEntry = z.object({
  description: z.string().default(''),
  log_id: Base64,
  key: Base64,
  url: z.string().min(1).optional(),
  submission_url: z.string().min(1).optional(),
  monitoring_url: z.string().min(1).optional(),
  mmd: z.number().int().nonnegative().optional(),
  state: z.record(z.string(), z.object({ timestamp: z.string().optional() })).optional(),
  temporal_interval: Interval.optional(),
});
const Operator = z.object({
  name: z.string().default(''),
  logs: z.array(z.unknown()).default([]),
  tiled_logs: z.array(z.unknown()).default([]),
});
const LogListJson = z.object({
  version: z.string().optional(),
  log_list_timestamp: z.string().optional(),
  operators: z.array(Operator),
});

/** Largest log list accepted by default (Google's all_logs_list.json is far below 1 MB). */
export const DEFAULT_LOG_LIST_MAX_BYTES = 5_000_000;

/** Normalises a log URL for comparison: lowercase scheme and host, one trailing slash. */
export function normaliseLogUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '');
  try {
    const parsed = new URL(trimmed);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}/`;
  } catch {
    return `${trimmed}/`;
  }
}

function toLog(raw: unknown, operator: string, tiled: boolean): CtLogInfo | undefined {
  const parsed = LogEntry.safeParse(raw);
  if (!parsed.success) return undefined;
  const log = parsed.data;
  const url = tiled ? (log.monitoring_url ?? log.submission_url) : log.url;
  if (url === undefined) return undefined;
  const key = new Uint8Array(Buffer.from(log.key, 'base64'));
  const [state, since] = Object.entries(log.state ?? {})[0] ?? [];
  return {
    description: log.description,
    operator,
    logId: log.log_id,
    key,
    url: normaliseLogUrl(url),
    api: tiled ? 'static-ct' : 'rfc6962',
    ...(tiled && log.submission_url !== undefined ? { submissionUrl: normaliseLogUrl(log.submission_url) } : {}),
    ...(log.mmd !== undefined ? { mmd: log.mmd } : {}),
    ...(state !== undefined ? { state } : {}),
    ...(since?.timestamp !== undefined ? { stateSince: since.timestamp } : {}),
    ...(log.temporal_interval ? { temporalInterval: { start: log.temporal_interval.start_inclusive, end: log.temporal_interval.end_exclusive } } : {}),
    keyMatchesId: logIdOfKey(key) === log.log_id,
  };
}

/** Builds a log list from parsed JSON; logs that cannot be read are counted in `skipped`. Throws CollectError('parse') when it is not a v3 list. */
export function parseLogList(json: unknown, source: string): CtLogList {
  const parsed = LogListJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CollectError('parse', `${source}: not a CT log list (v3): ${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'}`);
  }
  const logs: CtLogInfo[] = [];
  let skipped = 0;
  for (const operator of parsed.data.operators) {
    for (const [list, tiled] of [
      [operator.logs, false],
      [operator.tiled_logs, true],
    ] as const) {
      for (const raw of list) {
        const log = toLog(raw, operator.name, tiled);
        if (log) logs.push(log);
        else skipped++;
      }
    }
  }
  const ids = new Map(logs.map((l) => [l.logId, l]));
  const urls = new Map(logs.flatMap((l) => [[l.url, l] as const, ...(l.submissionUrl !== undefined ? [[l.submissionUrl, l] as const] : [])]));
  return {
    source,
    ...(parsed.data.version !== undefined ? { version: parsed.data.version } : {}),
    ...(parsed.data.log_list_timestamp !== undefined ? { timestamp: parsed.data.log_list_timestamp } : {}),
    logs,
    skipped,
    byId: (logId) => ids.get(logId),
    byUrl: (url) => urls.get(normaliseLogUrl(url)),
  };
}

/** Parses log list bytes (UTF-8 JSON); returns the list; throws CollectError('parse'). */
export function parseLogListBytes(bytes: Uint8Array, source: string): CtLogList {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch (error) {
    throw new CollectError('parse', `${source}: not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseLogList(json, source);
}

/** What loading a log list may use. */
export interface LogListIo {
  readonly http: HttpClient;
  readonly fs: FileSystem;
  readonly baseDir: string;
}

/**
 * Loads a log list from an http(s) URL or a file (relative paths resolve against `baseDir`), bounded in size and time.
 * Returns the list; throws CollectError (network codes, 'not-found', 'too-large', 'parse').
 */
export async function loadLogList(source: string, io: LogListIo, options: { timeoutMs: number; maxBytes: number }): Promise<CtLogList> {
  if (/^https?:\/\//i.test(source)) {
    return parseLogListBytes(await io.http.getBytes(source, { timeoutMs: options.timeoutMs, maxBytes: options.maxBytes }), source);
  }
  const path = isAbsolute(source) ? source : resolve(io.baseDir, source);
  let bytes: Uint8Array;
  try {
    bytes = await io.fs.readFile(path, options.maxBytes);
  } catch (error) {
    const code = error instanceof CollectError ? error.code : 'other';
    const message = error instanceof Error ? error.message.split(path).join(source) : String(error);
    throw new CollectError(code, message.startsWith(source) ? message : `${source}: ${message}`, { cause: error });
  }
  return parseLogListBytes(bytes, source);
}
