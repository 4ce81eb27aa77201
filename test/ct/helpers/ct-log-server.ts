// A real RFC 6962 log server on 127.0.0.1 (node:http) serving entries a test generated.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One served entry, already encoded. */
export interface ServedEntry {
  readonly leafInput: Uint8Array;
  readonly extraData: Uint8Array;
}

/** What the server serves and how it misbehaves. */
export interface CtLogServerOptions {
  /** Path the log lives under, e.g. "/logs/alpha/". */
  readonly prefix: string;
  readonly entries: readonly ServedEntry[];
  /** get-sth body; default: a tree of `entries.length` with a dummy signature. */
  readonly sth?: string;
  readonly roots?: readonly Uint8Array[];
  /** Most entries one get-entries answer holds (short reads beyond it). */
  readonly maxPerRequest?: number;
  /** Overrides an answer: return [status, body] to replace it. */
  readonly override?: (path: string, query: URLSearchParams) => [number, string] | undefined;
}

/** A running log. */
export interface CtLogServer {
  /** Base URL of the log, ending in "/". */
  readonly url: string;
  /** Request paths with query, in order. */
  readonly hits: string[];
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 with an ephemeral port. */
export async function startCtLogServer(options: CtLogServerOptions): Promise<CtLogServer> {
  const hits: string[] = [];
  const json = (res: ServerResponse, status: number, body: string): void => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(body);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    hits.push(`${url.pathname}${url.search}`);
    const path = url.pathname.startsWith(options.prefix) ? url.pathname.slice(options.prefix.length) : '';
    const overridden = options.override?.(path, url.searchParams);
    if (overridden) return json(res, overridden[0], overridden[1]);
    if (path === 'ct/v1/get-sth') {
      return json(res, 200, options.sth ?? JSON.stringify({ tree_size: options.entries.length, timestamp: 1, sha256_root_hash: Buffer.alloc(32).toString('base64'), tree_head_signature: 'BAMAAA==' }));
    }
    if (path === 'ct/v1/get-roots') return json(res, 200, JSON.stringify({ certificates: (options.roots ?? []).map((r) => Buffer.from(r).toString('base64')) }));
    if (path === 'ct/v1/get-entries') {
      const start = Number(url.searchParams.get('start'));
      const end = Number(url.searchParams.get('end'));
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || start >= options.entries.length) return json(res, 400, '{"error":"bad range"}');
      const last = Math.min(end, options.entries.length - 1, start + (options.maxPerRequest ?? 1000) - 1);
      const entries = options.entries.slice(start, last + 1).map((e) => ({ leaf_input: Buffer.from(e.leafInput).toString('base64'), extra_data: Buffer.from(e.extraData).toString('base64') }));
      return json(res, 200, JSON.stringify({ entries }));
    }
    json(res, 404, '{"error":"not found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${options.prefix}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
