import type { EvidenceData, EvidenceKind } from '../../model/evidence.js';

/** Minimal structured logger the engine injects. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

/** A logger that drops everything. */
export const silentLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined };

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

/** Options for one TLS probe. */
export interface TlsProbeOptions {
  readonly host: string;
  readonly port: number;
  /** SNI to send; none is sent for IP addresses unless given. */
  readonly serverName?: string;
  readonly timeoutMs: number;
  /** Extra trust anchors (PEM) besides the system store. */
  readonly ca?: readonly string[];
}

/** What a TLS probe saw. */
export interface TlsProbeResult {
  /** DER of each certificate the server sent, leaf first, in order. */
  readonly chain: readonly Uint8Array[];
  readonly protocol?: string;
  readonly cipher?: string;
  readonly authorized: boolean;
  readonly authorizationError?: string;
  readonly hostnameMatches?: boolean;
  readonly handshakeMs: number;
}

/** TLS access for collectors. */
export interface TlsProbe {
  /** Connects, completes a handshake and returns the served chain; throws CollectError on failure. */
  probe(options: TlsProbeOptions): Promise<TlsProbeResult>;
}

/** Read-only file-system access for collectors. */
export interface FileSystem {
  /** Lists files under a path (a file lists itself), following no symlink loops, honouring a size cap per file. */
  readFile(path: string, maxBytes: number): Promise<Uint8Array>;
  stat(path: string): Promise<{ isFile: boolean; isDirectory: boolean; size: number }>;
  readDir(path: string): Promise<readonly { name: string; isFile: boolean; isDirectory: boolean; isSymbolicLink: boolean }[]>;
  realPath(path: string): Promise<string>;
}

/** Everything a collector may do besides pure computation, injected by the engine. */
export interface CollectorContext {
  /** Records one observation; the engine builds the envelope (id, collector, target, observedAt). */
  emit<K extends EvidenceKind>(kind: K, target: string, data: EvidenceData[K]): void;
  /** Records a target that could not be observed; never aborts the scan. */
  problem(target: string, error: unknown): void;
  /** One shared concurrency limit per scan. */
  limit<T>(task: () => Promise<T>): Promise<T>;
  readonly http: HttpClient;
  readonly tls: TlsProbe;
  readonly fs: FileSystem;
  now(): Date;
  readonly log: Logger;
  /** Directory relative paths in the scan configuration are resolved against. */
  readonly baseDir: string;
}
