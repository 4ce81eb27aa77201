// The one retry predicate and backoff loop for CT requests: only idempotent GETs, only transient failures.
import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpClient } from '../engine/collector-context.js';
import { CollectError } from '../engine/define-collector.js';

/** How often and how patiently to retry. */
export interface RetryOptions {
  /** Retries after the first attempt. */
  readonly retries: number;
  /** Delay before the first retry; doubled for each further one. */
  readonly baseDelayMs: number;
  /** Upper bound of one delay. */
  readonly maxDelayMs: number;
}

/** A non-2xx answer, with the server's Retry-After (delta-seconds form) when it sent one. */
export class HttpStatusError extends CollectError {
  override name = 'HttpStatusError';
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
    message: string,
  ) {
    super('http-status', message);
  }
}

/** GETs a URL and returns the body of a 2xx answer; throws HttpStatusError for other statuses, CollectError for network failures. */
export async function getBody(http: HttpClient, url: string, options: { timeoutMs: number; maxBytes: number }): Promise<Uint8Array> {
  const response = await http.request(url, { method: 'GET', timeoutMs: options.timeoutMs, maxBytes: options.maxBytes });
  if (response.status >= 200 && response.status <= 299) return response.body;
  const retryAfter = /^\s*(\d{1,6})\s*$/.exec(response.headers['retry-after'] ?? '');
  const shown = new URL(response.url);
  throw new HttpStatusError(response.status, retryAfter ? Number(retryAfter[1]) * 1000 : undefined, `${shown.protocol}//${shown.host}${shown.pathname}: HTTP ${response.status}`);
}

/** Returns the HTTP status of a failed request when the error carries one (a `status` field or "HTTP nnn" in its message). */
export function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number') return status;
  const match = error instanceof Error ? /\bHTTP (\d{3})\b/.exec(error.message) : null;
  return match ? Number(match[1]) : undefined;
}

/** Whether a failure is worth retrying: timeouts, refused or reset connections, HTTP 429 and 5xx. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof CollectError)) return false;
  if (error.code === 'timeout' || error.code === 'connect') return true;
  if (error.code !== 'http-status') return false;
  const status = httpStatusOf(error);
  return status === 429 || (status !== undefined && status >= 500 && status <= 599);
}

/** The outcome of a retried task with the number of attempts made. */
export type Retried<T> = { readonly ok: true; readonly value: T; readonly attempts: number } | { readonly ok: false; readonly error: unknown; readonly attempts: number };

/** Runs `task`, retrying transient failures with exponential backoff; returns its value or last error and the attempts made. */
export async function withRetries<T>(task: () => Promise<T>, options: RetryOptions): Promise<Retried<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await task(), attempts: attempt };
    } catch (error) {
      if (attempt > options.retries || !isTransient(error)) return { ok: false, error, attempts: attempt };
      const retryAfterMs = error instanceof HttpStatusError ? (error.retryAfterMs ?? 0) : 0;
      const delay = Math.min(options.maxDelayMs, Math.max(retryAfterMs, options.baseDelayMs * 2 ** (attempt - 1)));
      if (delay > 0) await sleep(delay);
    }
  }
}

/** Spaces requests to one service: each `wait()` resolves no earlier than `intervalMs` after the previous one resolved. */
export function createPacer(intervalMs: number): { wait(): Promise<void> } {
  let last: number | undefined;
  let chain = Promise.resolve();
  return {
    wait() {
      chain = chain.then(async () => {
        const due = last === undefined ? 0 : last + intervalMs - performance.now();
        if (due > 0) await sleep(due);
        last = performance.now();
      });
      return chain;
    },
  };
}
