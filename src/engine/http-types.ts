// HTTP access as collectors see it. Owner of changes: the HTTP client (src/engine/http-client.ts).

/** Options for one HTTP request. */
export interface HttpRequestOptions {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** HTTP access for collectors: one client per scan with timeouts, size caps and a User-Agent. */
export interface HttpClient {
  /** Returns the response body; throws CollectError on timeouts, HTTP errors and oversized bodies. */
  getBytes(url: string, options: HttpRequestOptions): Promise<Uint8Array>;
}
