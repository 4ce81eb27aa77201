import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AnyEvidence, CertificateData, CollectionProblem } from '../../model/evidence.js';
import { ConfigError } from '../errors.js';
import type { CollectorSummary } from '../report/report.js';
import { withSortedSightings, type CollectResult } from './collect.js';

/** Which share of the targets one process takes: shard `index` (0-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses "i/n" (0 ≤ i < n, as Kubernetes Indexed Jobs number completions); throws ConfigError otherwise. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count || count > 100_000) throw new ConfigError(`--shard ${text}: expected i/n with 0 ≤ i < n, e.g. 0/4 (Kubernetes JOB_COMPLETION_INDEX/completions)`, '--shard');
  return { index, count };
}

/**
 * The shard a target belongs to: SHA-256 of the collector id and target key, modulo the shard count. Stable across
 * runs, machines and versions, so a target stays in the same shard and its history stays comparable.
 */
export function shardOf(collectorId: string, key: string, count: number): number {
  if (count <= 1) return 0;
  const digest = createHash('sha256').update(collectorId).update('\u0000').update(key).digest();
  return digest.readUInt32BE(0) % count;
}

/** Returns the predicate a collector asks before observing a target: true when this shard owns it (always, unsharded). */
export function shardPredicate(collectorId: string, shard: Shard | undefined): (key: string) => boolean {
  if (!shard || shard.count <= 1) return () => true;
  return (key) => shardOf(collectorId, key, shard.count) === shard.index;
}

/** Version of the evidence bundle layout. */
export const BUNDLE_VERSION = '1';

/** What one shard writes: its evidence, problems and per-collector counts, to be merged into one report. */
export interface EvidenceBundle {
  readonly bundleVersion: string;
  readonly tool: { readonly name: 'pkimm-scan'; readonly version: string };
  readonly shard: Shard;
  /** SHA-256 of the scan configuration the shard ran with; all bundles of one merge must agree. */
  readonly configSha256: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly evidence: readonly AnyEvidence[];
  readonly problems: readonly CollectionProblem[];
  readonly collectors: Readonly<Record<string, CollectorSummary>>;
}

/** zod schema for reading bundles back; evidence items are checked for an id and a kind. */
export const EvidenceBundleSchema = z.looseObject({
  bundleVersion: z.literal(BUNDLE_VERSION),
  tool: z.looseObject({ name: z.literal('pkimm-scan'), version: z.string() }),
  shard: z.object({ index: z.number().int().min(0), count: z.number().int().min(1) }),
  configSha256: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  evidence: z.array(z.looseObject({ id: z.string(), kind: z.string(), data: z.unknown() })),
  problems: z.array(z.looseObject({ collector: z.string(), target: z.string(), code: z.string(), message: z.string() })),
  collectors: z.record(z.string(), z.object({ configured: z.number(), observed: z.number(), problems: z.number(), evidence: z.number() })),
});

function sightingKey(s: CertificateData['sightings'][number]): string {
  return `${s.collector}\u0000${s.target}\u0000${s.location ?? ''}`;
}

/**
 * Merges the bundles of one sharded scan into one collection result, exactly as one unsharded collection would have
 * produced it: evidence de-duplicated by id (certificate sightings united, first observation kept), problems united,
 * per-collector counts combined (every target belongs to exactly one shard). Checks that the bundles form a complete set.
 */
export function mergeBundles(bundles: readonly EvidenceBundle[]): CollectResult & { startedAt: string; finishedAt: string } {
  if (bundles.length === 0) throw new ConfigError('merge: give at least one evidence bundle', 'merge');
  const count = bundles[0]?.shard.count ?? 1;
  const configs = new Set(bundles.map((b) => b.configSha256));
  if (configs.size > 1) throw new ConfigError('merge: the bundles were produced with different scan configurations', 'merge');
  const seen = new Map<number, number>();
  for (const b of bundles) {
    if (b.shard.count !== count) throw new ConfigError(`merge: bundles disagree on the shard count (${String(count)} and ${String(b.shard.count)})`, 'merge');
    seen.set(b.shard.index, (seen.get(b.shard.index) ?? 0) + 1);
  }
  const duplicate = [...seen].find(([, n]) => n > 1);
  if (duplicate) throw new ConfigError(`merge: shard ${String(duplicate[0])}/${String(count)} was given more than once`, 'merge');
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new ConfigError(`merge: missing bundles for shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${String(i)}/${String(count)}`).join(', ')}`, 'merge');

  const byId = new Map<string, AnyEvidence>();
  for (const bundle of [...bundles].sort((a, b) => a.shard.index - b.shard.index)) {
    for (const item of bundle.evidence) {
      const existing = byId.get(item.id);
      if (!existing) {
        byId.set(item.id, item);
        continue;
      }
      if (existing.kind === 'certificate' && item.kind === 'certificate') {
        const keys = new Set(existing.data.sightings.map(sightingKey));
        const extra = item.data.sightings.filter((s) => !keys.has(sightingKey(s)));
        if (extra.length > 0) byId.set(item.id, { ...existing, data: { ...existing.data, sightings: [...existing.data.sightings, ...extra] } });
      }
    }
  }
  const evidence = [...byId.values()].map((e) => (e.kind === 'certificate' ? withSortedSightings(e) : e));
  evidence.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const problems = bundles.flatMap((b) => b.problems);
  problems.sort((a, b) => a.collector.localeCompare(b.collector) || a.target.localeCompare(b.target) || a.message.localeCompare(b.message));
  // Each shard counts every configured target (counting is config-based) but observes only its own share; a target
  // failed in at most one shard, so observed = configured − Σ failed.
  const collectors: Record<string, CollectorSummary> = {};
  for (const id of [...new Set(bundles.flatMap((b) => Object.keys(b.collectors)))].sort()) {
    const parts = bundles.map((b) => b.collectors[id]).filter((s): s is CollectorSummary => s !== undefined);
    const configured = Math.max(...parts.map((s) => s.configured));
    const failed = parts.reduce((n, s) => n + Math.max(0, s.configured - s.observed), 0);
    collectors[id] = {
      configured,
      observed: Math.max(0, configured - failed),
      problems: parts.reduce((n, s) => n + s.problems, 0),
      evidence: parts.reduce((n, s) => n + s.evidence, 0),
    };
  }
  const startedAt = bundles.map((b) => b.startedAt).sort()[0] ?? '';
  const finishedAt = bundles.map((b) => b.finishedAt).sort().at(-1) ?? '';
  return { evidence, problems, collectors, startedAt, finishedAt };
}
