import type { Evidence, EvidenceData, EvidenceKind } from '../../model/evidence.js';
import type { HttpClient } from './http-types.js';
import type { TlsProbe } from './tls-types.js';

export type * from './http-types.js';
export type * from './tls-types.js';

/** Minimal structured logger the engine injects. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

/** A logger that drops everything. */
export const silentLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined };

/** Read-only file-system access for collectors. */
export interface FileSystem {
  /** Lists files under a path (a file lists itself), following no symlink loops, honouring a size cap per file. */
  readFile(path: string, maxBytes: number): Promise<Uint8Array>;
  stat(path: string): Promise<{ isFile: boolean; isDirectory: boolean; size: number; mode?: number }>;
  readDir(path: string): Promise<readonly { name: string; isFile: boolean; isDirectory: boolean; isSymbolicLink: boolean }[]>;
  realPath(path: string): Promise<string>;
}

/** Everything a collector may do besides pure computation, injected by the engine. */
export interface CollectorContext {
  /** Records one observation; the engine builds the envelope (id, collector, target, observedAt). */
  emit<K extends EvidenceKind>(kind: K, target: string, data: EvidenceData[K]): void;
  /**
   * Evidence of one kind collected so far. For "enrich" collectors this holds everything the "discover" phase found;
   * "discover" collectors must not rely on it (they run in parallel).
   */
  collected<K extends EvidenceKind>(kind: K): readonly Evidence<K>[];
  /**
   * Whether this process observes a target (`--shard i/n`): collectors ask it for each expanded target (by a stable
   * key such as "host:port" or a file path) and skip the ones another shard owns. Always true in an unsharded scan.
   */
  ownsTarget(key: string): boolean;
  /**
   * Reports how many targets the configuration expanded to (files found by globs, lines of targets files, addresses of
   * CIDR ranges), before sharding. Coverage figures use it instead of the collector's `countTargets`.
   */
  reportTargets(count: number): void;
  /** Records a target that could not be observed; never aborts the scan. */
  problem(target: string, error: unknown): void;
  /** One shared concurrency limit per scan. */
  limit<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks `limit` runs at once (absent: unbounded). */
  readonly concurrency?: number;
  readonly http: HttpClient;
  readonly tls: TlsProbe;
  readonly fs: FileSystem;
  now(): Date;
  readonly log: Logger;
  /** Directory relative paths in the scan configuration are resolved against. */
  readonly baseDir: string;
}
