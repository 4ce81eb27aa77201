import type { AnyEvidence, CollectionProblem, Evidence, EvidenceData, EvidenceKind } from '../../model/evidence.js';
import type { CollectorContext, FileSystem, HttpClient, TlsProbe } from '../../src/engine/collector-context.js';
import { silentLogger } from '../../src/engine/collector-context.js';
import { CollectError } from '../../src/engine/define-collector.js';
import { nodeFileSystem } from '../../src/engine/file-system.js';
import { createHttpClient, type NetworkPolicy } from '../../src/engine/http-client.js';
import { createTlsProbe } from '../../src/engine/tls-probe.js';

/** One emitted observation as the fake context recorded it. */
export interface Emitted<K extends EvidenceKind = EvidenceKind> {
  readonly kind: K;
  readonly target: string;
  readonly data: EvidenceData[K];
}

/** A CollectorContext that records emits and problems; real fs/http/tls unless overridden. */
export interface FakeCollectorContext extends CollectorContext {
  readonly emitted: Emitted[];
  readonly problems: Omit<CollectionProblem, 'collector'>[];
  /** Emitted data of one kind. */
  ofKind<K extends EvidenceKind>(kind: K): EvidenceData[K][];
}

/** Builds a fake context for collector tests; returns it. */
export function fakeCollectorContext(
  overrides: { baseDir?: string; fs?: FileSystem; http?: HttpClient; tls?: TlsProbe; now?: Date; collected?: readonly AnyEvidence[]; network?: Partial<NetworkPolicy> } = {},
): FakeCollectorContext {
  const emitted: Emitted[] = [];
  const problems: Omit<CollectionProblem, 'collector'>[] = [];
  return {
    emitted,
    problems,
    ofKind: <K extends EvidenceKind>(kind: K) => emitted.filter((e) => e.kind === kind).map((e) => e.data as EvidenceData[K]),
    emit(kind, target, data) {
      emitted.push({ kind, target, data });
    },
    collected: <K extends EvidenceKind>(kind: K) => (overrides.collected ?? []).filter((e) => e.kind === kind) as unknown as readonly Evidence<K>[],
    ownsTarget: () => true,
    reportTargets: () => undefined,
    problem(target, error) {
      const code = error instanceof CollectError ? error.code : 'other';
      const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
      problems.push({ target, code, message });
    },
    limit: (task) => task(),
    http: overrides.http ?? createHttpClient({ userAgent: 'pkimm-scan-test', ...(overrides.network ? { network: overrides.network } : {}) }),
    tls: overrides.tls ?? createTlsProbe(),
    fs: overrides.fs ?? nodeFileSystem,
    now: () => overrides.now ?? new Date('2026-01-01T00:00:00Z'),
    log: silentLogger,
    baseDir: overrides.baseDir ?? process.cwd(),
  };
}
