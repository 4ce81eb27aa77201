import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
// Default imports: the module objects themselves, so request interceptors installed later (nock in tests) are seen.
import http from 'node:http';
import https from 'node:https';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { HttpCacheOptions, HttpClient, HttpConditionalResponse, HttpFullRequestOptions, HttpResponse } from './http-types.js';
import { CollectError } from './define-collector.js';
import { NetGuard, type Resolver, systemResolver } from './net-guard.js';

/** The scan's network policy as the HTTP client applies it. */
export interface NetworkPolicy {
  /** Hosts, IP addresses and CIDR blocks that may be fetched although not public (see NetGuard). */
  readonly allow: readonly string[];
  /** Redirects followed at most per request. */
  readonly maxRedirects: number;
  /** Deadline of a request that does not set its own. */
  readonly timeoutMs: number;
}

/** Default network policy: public addresses only, 3 redirects, 30 s. */
export const defaultNetworkPolicy: NetworkPolicy = { allow: [], maxRedirects: 3, timeoutMs: 30_000 };

/** Options for the shared HTTP client. */
export interface HttpClientOptions {
  /** Identifies the tool to servers, e.g. "pkimm-scan/0.1.0 (+https://github.com/...)". */
  readonly userAgent: string;
  /** Network policy; default `defaultNetworkPolicy`. */
  readonly network?: Partial<NetworkPolicy>;
  /** Name resolution (tests inject one); default: the system resolver. */
  readonly resolver?: Resolver;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'ENODATA']);
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EADDRNOTAVAIL', 'ETIMEDOUT']);
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** A URL for messages: no query string or fragment (they may carry tokens), no credentials. */
function shown(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** Maps a network error of one hop to a CollectError with a problem code; CollectErrors pass through. */
function toCollectError(error: unknown, url: URL): CollectError {
  if (error instanceof CollectError) return error;
  const e = error as NodeJS.ErrnoException;
  const code = e.code ?? '';
  if (DNS_CODES.has(code)) return new CollectError('dns', `${shown(url)}: host name not resolved (${code})`, { cause: error });
  if (CONNECT_CODES.has(code)) return new CollectError('connect', `${shown(url)}: connection failed (${code})`, { cause: error });
  if (TLS_CODE.test(code)) return new CollectError('tls-handshake', `${shown(url)}: TLS failed (${code})`, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new CollectError('other', `${shown(url)}: ${message.replace(/\s+/g, ' ')}`, { cause: error });
}

/** Decodes a content-encoded body stream; returns the stream to read from. */
function decoded(response: http.IncomingMessage, url: URL): Readable {
  const encoding = (response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return response;
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
  if (!decoder) throw new CollectError('other', `${shown(url)}: unsupported content encoding "${encoding}"`);
  response.on('error', (error) => decoder.destroy(error));
  return response.pipe(decoder);
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

interface Hop {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

/**
 * Creates the scan's HTTP client on node:http/https. Every hop is checked by the network policy: the URL's scheme
 * and IP literal before connecting, resolved addresses inside the agents' `lookup` (the socket connects to the
 * checked address). Redirects are followed here, never by a library. Bodies are capped while streaming (also after
 * decompression) and every request has one deadline covering redirects and body.
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const policy: NetworkPolicy = { ...defaultNetworkPolicy, ...options.network };
  const guard = new NetGuard(policy.allow);
  const lookup = guard.lookup(options.resolver ?? systemResolver);
  const agents = {
    'http:': new http.Agent({ keepAlive: true, lookup }),
    'https:': new https.Agent({ keepAlive: true, lookup }),
  };

  const hop = (url: URL, method: string, headers: Record<string, string>, body: Uint8Array | undefined, maxBytes: number, deadline: number): Promise<Hop> =>
    new Promise<Hop>((resolve, reject) => {
      const remaining = deadline - performance.now();
      const timeoutMs = Math.max(1, Math.round(remaining));
      let settled = false;
      const fail = (error: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        request.destroy();
        reject(toCollectError(error, url));
      };
      const request = (url.protocol === 'https:' ? https : http).request(url, {
        method,
        agent: agents[url.protocol as 'http:' | 'https:'],
        headers: { ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) },
      });
      const timer = setTimeout(() => fail(new CollectError('timeout', `${shown(url)}: no complete response within the deadline`)), timeoutMs);
      request.on('error', fail);
      request.on('response', (response) => {
        const status = response.statusCode ?? 0;
        if (REDIRECTS.has(status) && response.headers.location !== undefined) {
          // The body of a redirect is never needed: settle on the headers and drop the connection.
          settled = true;
          clearTimeout(timer);
          response.destroy();
          resolve({ status, headers: flatHeaders(response.headers), body: new Uint8Array() });
          return;
        }
        const declared = Number(response.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          fail(new CollectError('too-large', `${shown(url)}: response of ${declared} bytes exceeds the ${maxBytes}-byte cap`));
          return;
        }
        let stream: Readable;
        try {
          stream = decoded(response, url);
        } catch (error) {
          fail(error);
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            fail(new CollectError('too-large', `${shown(url)}: response exceeds the ${maxBytes}-byte cap`));
            stream.destroy();
            return;
          }
          chunks.push(chunk);
        });
        stream.on('error', (error) => fail(new CollectError('other', `${shown(url)}: body unreadable (${error.message})`, { cause: error })));
        response.on('close', () => {
          if (!response.complete) fail(new CollectError('connect', `${shown(url)}: connection closed before the body was complete`));
        });
        stream.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const all = Buffer.concat(chunks);
          resolve({ status, headers: flatHeaders(response.headers), body: new Uint8Array(all.buffer, all.byteOffset, all.length) });
        });
      });
      request.end(body ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : undefined);
    });

  const request = async (url: string, o: HttpFullRequestOptions): Promise<HttpResponse> => {
    const started = performance.now();
    const timeoutMs = o.timeoutMs ?? policy.timeoutMs;
    const deadline = started + timeoutMs;
    const maxRedirects = Math.min(o.maxRedirects ?? policy.maxRedirects, policy.maxRedirects);
    let current = guard.checkUrl(url);
    let method: string = o.method ?? 'GET';
    let body = method === 'POST' ? (o.body ?? new Uint8Array()) : undefined;
    const headers: Record<string, string> = { 'User-Agent': options.userAgent, 'Accept-Encoding': 'gzip, deflate', ...o.headers };
    const visited = new Set([current.href]);
    const redirects: string[] = [];
    for (;;) {
      let result: Hop;
      try {
        result = await hop(current, method, headers, body, o.maxBytes, deadline);
      } catch (error) {
        if (error instanceof CollectError && error.code === 'timeout') {
          throw new CollectError('timeout', `${shown(current)}: no complete response within ${timeoutMs} ms`, { cause: error });
        }
        throw error;
      }
      const location = result.headers['location'];
      if (!REDIRECTS.has(result.status) || location === undefined) {
        return { status: result.status, headers: result.headers, body: result.body, url: current.href, redirects, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
      }
      let next: URL;
      try {
        next = new URL(location, current);
      } catch {
        throw new CollectError('http-status', `${shown(current)}: HTTP ${result.status} with an invalid Location`);
      }
      if (redirects.length >= maxRedirects) throw new CollectError('http-status', `${shown(current)}: more than ${maxRedirects} redirects`);
      if (visited.has(next.href)) throw new CollectError('http-status', `${shown(current)}: redirect loop back to ${shown(next)}`);
      next = guard.checkUrl(next);
      visited.add(next.href);
      redirects.push(next.href);
      if (result.status === 303 || ((result.status === 301 || result.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        delete headers['Content-Type'];
      }
      current = next;
    }
  };

  return {
    async getBytes(url, { timeoutMs, maxBytes, headers }) {
      const response = await request(url, { timeoutMs, maxBytes, ...(headers ? { headers } : {}) });
      if (response.status < 200 || response.status > 299) throw new CollectError('http-status', `${shown(new URL(response.url))}: HTTP ${response.status}`);
      return response.body;
    },
    request,
    async getConditional(url, o) {
      const cache = new HttpCache(o.cache);
      const entry = await cache.read(url);
      const validators: Record<string, string> = {};
      if (entry?.meta.etag !== undefined) validators['If-None-Match'] = entry.meta.etag;
      if (entry?.meta.lastModified !== undefined) validators['If-Modified-Since'] = entry.meta.lastModified;
      const response = await request(url, { ...o, method: 'GET', headers: { ...o.headers, ...validators } });
      if (response.status === 304 && entry) {
        await cache.touch(url);
        return { ...response, body: entry.body, fromCache: true, ...pick(entry.meta) };
      }
      if (response.status < 200 || response.status > 299) throw new CollectError('http-status', `${shown(new URL(response.url))}: HTTP ${response.status}`);
      const meta: CacheMeta = {
        url,
        sha256: createHash('sha256').update(response.body).digest('hex'),
        size: response.body.length,
        ...(response.headers['etag'] !== undefined ? { etag: response.headers['etag'] } : {}),
        ...(response.headers['last-modified'] !== undefined ? { lastModified: response.headers['last-modified'] } : {}),
      };
      if (meta.etag !== undefined || meta.lastModified !== undefined) await cache.write(url, response.body, meta);
      return { ...response, fromCache: false, ...pick(meta) };
    },
  };
}

function pick(meta: CacheMeta): Pick<HttpConditionalResponse, 'etag' | 'lastModified'> {
  return { ...(meta.etag !== undefined ? { etag: meta.etag } : {}), ...(meta.lastModified !== undefined ? { lastModified: meta.lastModified } : {}) };
}

/** Validators and integrity data stored next to a cached body. */
interface CacheMeta {
  readonly url: string;
  readonly sha256: string;
  readonly size: number;
  readonly etag?: string;
  readonly lastModified?: string;
}

/**
 * On-disk cache for conditional GETs: `<sha256(url)>.body` + `<sha256(url)>.json` per URL, written atomically,
 * checked against the stored SHA-256 on read, bounded by entry count and total bytes (least recently used first out).
 * Cache trouble never fails a fetch: an unreadable entry is a miss, an unwritable folder skips caching.
 */
class HttpCache {
  constructor(private readonly options: HttpCacheOptions) {}

  private key(url: string): string {
    return createHash('sha256').update(url).digest('hex');
  }

  async read(url: string): Promise<{ body: Uint8Array; meta: CacheMeta } | undefined> {
    const base = join(this.options.dir, this.key(url));
    try {
      const meta = JSON.parse(await readFile(`${base}.json`, 'utf8')) as Partial<CacheMeta>;
      if (meta.url !== url || typeof meta.sha256 !== 'string' || typeof meta.size !== 'number') return undefined;
      const info = await stat(`${base}.body`);
      if (info.size !== meta.size) return undefined;
      const body = await readFile(`${base}.body`);
      if (createHash('sha256').update(body).digest('hex') !== meta.sha256) return undefined;
      return { body: new Uint8Array(body.buffer, body.byteOffset, body.length), meta: meta as CacheMeta };
    } catch {
      return undefined;
    }
  }

  async touch(url: string): Promise<void> {
    const now = new Date();
    await utimes(join(this.options.dir, `${this.key(url)}.json`), now, now).catch(() => undefined);
  }

  async write(url: string, body: Uint8Array, meta: CacheMeta): Promise<void> {
    if (body.length > this.options.maxTotalBytes) return;
    const base = join(this.options.dir, this.key(url));
    const tmp = `${base}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(this.options.dir, { recursive: true, mode: 0o700 });
      await writeFile(`${tmp}.body`, body, { mode: 0o600 });
      await rename(`${tmp}.body`, `${base}.body`);
      await writeFile(`${tmp}.json`, JSON.stringify(meta), { mode: 0o600 });
      await rename(`${tmp}.json`, `${base}.json`);
      await this.prune();
    } catch {
      await Promise.all([unlink(`${tmp}.body`), unlink(`${tmp}.json`)].map((p) => p.catch(() => undefined)));
    }
  }

  /** Deletes the least recently used entries beyond the entry and byte bounds. */
  private async prune(): Promise<void> {
    const names = (await readdir(this.options.dir)).filter((n) => /^[0-9a-f]{64}\.json$/.test(n));
    const entries = await Promise.all(
      names.map(async (name) => {
        const base = join(this.options.dir, name.slice(0, 64));
        try {
          const [meta, body] = await Promise.all([stat(`${base}.json`), stat(`${base}.body`)]);
          return { base, used: meta.mtimeMs, size: body.size };
        } catch {
          return { base, used: 0, size: 0 };
        }
      }),
    );
    entries.sort((a, b) => b.used - a.used);
    let total = 0;
    for (const [i, e] of entries.entries()) {
      total += e.size;
      if (i >= this.options.maxEntries || total > this.options.maxTotalBytes) {
        await Promise.all([unlink(`${e.base}.json`), unlink(`${e.base}.body`)].map((p) => p.catch(() => undefined)));
      }
    }
  }
}
