// HTTP access as collectors see it. Owner of changes: the HTTP client (src/engine/http-client.ts).

/** Options for one HTTP request. */
export interface HttpRequestOptions {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Options for `request`: a GET or POST whose status the caller inspects. */
export interface HttpFullRequestOptions {
  readonly method?: 'GET' | 'POST';
  /** Request body (POST only). */
  readonly body?: Uint8Array;
  /** Whole-request deadline including redirects and body; default: the scan's `network.timeoutMs`. */
  readonly timeoutMs?: number;
  readonly maxBytes: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Redirects followed at most; default and upper bound: the scan's `network.maxRedirects`. */
  readonly maxRedirects?: number;
}

/** A completed HTTP exchange, after redirects. */
export interface HttpResponse {
  /** Final HTTP status (any status: the caller decides what is an error). */
  readonly status: number;
  /** Response headers, lowercase names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  /** URL of the final response. */
  readonly url: string;
  /** URLs redirected to, in order (empty without redirects). */
  readonly redirects: readonly string[];
  /** Milliseconds from the first request to the last body byte, across redirects. */
  readonly latencyMs: number;
}

/** Where conditional GETs keep bodies and validators between scans. */
export interface HttpCacheOptions {
  /** Cache folder (created with mode 0700 when missing). */
  readonly dir: string;
  /** Most cached URLs kept; the least recently used beyond this are deleted. */
  readonly maxEntries: number;
  /** Most bytes of cached bodies kept; the least recently used beyond this are deleted. */
  readonly maxTotalBytes: number;
}

/** Options for `getConditional`. */
export interface HttpConditionalOptions extends HttpFullRequestOptions {
  readonly cache: HttpCacheOptions;
}

/** The outcome of a conditional GET. */
export interface HttpConditionalResponse extends HttpResponse {
  /** True when the server answered 304 and `body` comes from the cache (`status` is then 304). */
  readonly fromCache: boolean;
  readonly etag?: string;
  readonly lastModified?: string;
}

/** HTTP access for collectors: one client per scan with timeouts, size caps, a User-Agent and the SSRF guard. */
export interface HttpClient {
  /** Returns the body of a 2xx response; throws CollectError on timeouts, other statuses and oversized bodies. */
  getBytes(url: string, options: HttpRequestOptions): Promise<Uint8Array>;
  /**
   * Sends one request, following redirects itself (each hop checked by the network policy), and returns the final
   * response whatever its status. Throws CollectError ('permission', 'dns', 'connect', 'timeout', 'too-large',
   * 'http-status' for redirect trouble, 'other').
   */
  request(url: string, options: HttpFullRequestOptions): Promise<HttpResponse>;
  /**
   * GET with ETag / If-Modified-Since validators kept in an on-disk cache keyed by the URL's hash. A 304 returns the
   * cached body; a 2xx replaces the entry. Throws like `request`, and 'http-status' for statuses other than 2xx/304.
   */
  getConditional(url: string, options: HttpConditionalOptions): Promise<HttpConditionalResponse>;
}
