// Shared by the collector benchmarks: a CollectorContext that only counts what a collector emits, and a median.
import type { CollectorContext } from '../src/engine/collector-context.js';
import { silentLogger } from '../src/engine/collector-context.js';
import { nodeFileSystem } from '../src/engine/file-system.js';
import { createHttpClient } from '../src/engine/http-client.js';
import { createTlsProbe } from '../src/engine/tls-probe.js';

/** A context on the real file system, HTTP client and TLS probe that counts evidence and problems into `counts`. */
export function countingContext(dir: string, counts: { evidence: number; problems: number }): CollectorContext {
  return {
    emit: () => {
      counts.evidence++;
    },
    collected: () => [],
    ownsTarget: () => true,
    reportTargets: () => undefined,
    problem: () => {
      counts.problems++;
    },
    limit: (task) => task(),
    http: createHttpClient({ userAgent: 'bench' }),
    tls: createTlsProbe(),
    fs: nodeFileSystem,
    now: () => new Date('2026-11-22T00:00:00Z'),
    log: silentLogger,
    baseDir: dir,
  };
}

/** The middle value (the upper one of the two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
