import axios, { AxiosError } from 'axios';
import type { HttpClient } from './collector-context.js';
import { CollectError } from './define-collector.js';

/** Options for the shared HTTP client. */
export interface HttpClientOptions {
  /** Identifies the tool to servers, e.g. "pkimm-scan/0.1.0 (+https://github.com/...)". */
  readonly userAgent: string;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EADDRNOTAVAIL']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED', 'ESOCKETTIMEDOUT']);

/** Maps an axios (or network) error to a CollectError with a problem code; returns the mapped error. */
export function toHttpCollectError(error: unknown, url: string, timeoutMs: number, maxBytes: number): CollectError {
  if (error instanceof CollectError) return error;
  if (error instanceof AxiosError) {
    const cause = error.cause as NodeJS.ErrnoException | undefined;
    const code = error.code ?? cause?.code ?? '';
    if (error.response) return new CollectError('http-status', `${url}: HTTP ${error.response.status}`, { cause: error });
    if (/maxContentLength|maxBodyLength/i.test(error.message) || code === 'ERR_FR_MAX_BODY_LENGTH_EXCEEDED') {
      return new CollectError('too-large', `${url}: response exceeds ${maxBytes} bytes`, { cause: error });
    }
    if (TIMEOUT_CODES.has(code) || cause?.name === 'TimeoutError' || cause?.name === 'AbortError') {
      return new CollectError('timeout', `${url}: no response within ${timeoutMs} ms`, { cause: error });
    }
    const netCode = cause?.code ?? code;
    if (DNS_CODES.has(netCode)) return new CollectError('dns', `${url}: host name not resolved (${netCode})`, { cause: error });
    if (CONNECT_CODES.has(netCode)) return new CollectError('connect', `${url}: connection failed (${netCode})`, { cause: error });
    if (code === 'ERR_FR_TOO_MANY_REDIRECTS') return new CollectError('http-status', `${url}: too many redirects`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CollectError('other', `${url}: ${message.replace(/\s+/g, ' ')}`, { cause: error });
}

/**
 * Creates the scan's HTTP client: one axios instance, bodies as bytes, at most 3 redirects, a User-Agent.
 * Returns the client; its getBytes throws CollectError ('timeout', 'dns', 'connect', 'http-status', 'too-large', 'other').
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const instance = axios.create({
    responseType: 'arraybuffer',
    maxRedirects: 3,
    headers: { 'User-Agent': options.userAgent },
    decompress: true,
  });
  return {
    async getBytes(url, { timeoutMs, maxBytes, headers }) {
      try {
        const response = await instance.get<ArrayBuffer>(url, {
          timeout: timeoutMs,
          // axios's timeout is per socket; the signal caps the whole request including redirects and body.
          signal: AbortSignal.timeout(timeoutMs),
          maxContentLength: maxBytes,
          maxBodyLength: maxBytes,
          ...(headers ? { headers: { ...headers } } : {}),
        });
        const data: unknown = response.data;
        if (data instanceof ArrayBuffer) return new Uint8Array(data);
        if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
        throw new CollectError('other', `${url}: unexpected response body type`);
      } catch (error) {
        throw toHttpCollectError(error, url, timeoutMs, maxBytes);
      }
    },
  };
}
