import pLimit from 'p-limit';
import type { AnyEvidence, CertificateData, CollectionProblem, Evidence, EvidenceData, EvidenceKind, ProblemCode, Sighting } from '../../model/evidence.js';
import { ConfigError, oneLine } from '../errors.js';
import { formatZodError } from '../config/load-file.js';
import type { CollectorContext, FileSystem, HttpClient, Logger, TlsProbe } from './collector-context.js';
import { CollectError, type Collector } from './define-collector.js';
import type { CollectorSummary } from '../report/report.js';
import { shardPredicate, type Shard } from './shard.js';

/** The side effects a scan injects into collectors. */
export interface CollectDeps {
  readonly http: HttpClient;
  readonly tls: TlsProbe;
  readonly fs: FileSystem;
  readonly now: () => Date;
  readonly log: Logger;
  readonly baseDir: string;
  readonly concurrency: number;
  /** This process's share of the targets (`--shard i/n`); all targets when absent. */
  readonly shard?: Shard;
}

/** What collection produced. Evidence is de-duplicated by id; certificate sightings are merged. */
export interface CollectResult {
  readonly evidence: AnyEvidence[];
  readonly problems: CollectionProblem[];
  readonly collectors: Record<string, CollectorSummary>;
}

/** Validates every enabled collector's configuration before any I/O; throws one ConfigError listing all issues. */
export function validateCollectorConfigs(collectors: readonly Collector[], configs: Readonly<Record<string, unknown>>, source: string): Map<Collector, unknown> {
  const known = new Map(collectors.map((c) => [c.id, c]));
  const issues: string[] = [];
  const parsed = new Map<Collector, unknown>();
  for (const [id, slice] of Object.entries(configs)) {
    const collector = known.get(id);
    if (!collector) {
      issues.push(`collectors.${id}: unknown collector (known: ${[...known.keys()].sort().join(', ')})`);
      continue;
    }
    const result = collector.config.safeParse(slice ?? {});
    if (result.success) parsed.set(collector, result.data);
    else issues.push(formatZodError(result.error, `collectors.${id}`));
  }
  if (issues.length > 0) throw new ConfigError(`${source}: ${issues.join('; ')}`, source);
  return parsed;
}

/** Returns the envelope id of an evidence item: content-derived, so equal observations get equal ids. */
export function evidenceId<K extends EvidenceKind>(kind: K, target: string, data: EvidenceData[K]): string {
  if (kind === 'certificate') return `certificate:sha256:${(data as CertificateData).sha256}`;
  if (kind === 'tls-endpoint') {
    const d = data as EvidenceData['tls-endpoint'];
    const host = d.host.includes(':') ? `[${d.host}]` : d.host;
    return `tls-endpoint:${host}:${d.port}${d.serverName && d.serverName !== d.host ? `#${d.serverName}` : ''}`;
  }
  if (kind === 'private-key') return `private-key:${(data as EvidenceData['private-key']).location}`;
  return `${kind}:${target}`;
}

function problemCode(error: unknown): ProblemCode {
  return error instanceof CollectError ? error.code : 'other';
}

function sightingKey(s: Sighting): string {
  return `${s.collector}\u0000${s.target}\u0000${s.location ?? ''}`;
}

/**
 * Sorts a certificate's sightings and names the envelope after the first, so the envelope does not depend on which
 * collector or file happened to emit first (parallel reads, shards).
 */
export function withSortedSightings(item: Evidence<'certificate'>): Evidence<'certificate'> {
  const sightings = [...item.data.sightings].sort((a, b) => sightingKey(a).localeCompare(sightingKey(b)));
  const first = sightings[0];
  return { ...item, ...(first === undefined ? {} : { collector: first.collector, target: first.target }), data: { ...item.data, sightings } };
}

/** Runs the collectors with their parsed configurations; one failing target or collector never aborts the others. */
export async function collect(parsed: ReadonlyMap<Collector, unknown>, deps: CollectDeps): Promise<CollectResult> {
  const byId = new Map<string, AnyEvidence>();
  const problems: CollectionProblem[] = [];
  const collectors: Record<string, CollectorSummary> = {};
  const limit = pLimit(deps.concurrency);
  const sightingsById = new Map<string, { keys: Set<string>; list: Sighting[] }>();
  const withSightings = (e: AnyEvidence): AnyEvidence => {
    if (e.kind !== 'certificate') return e;
    const list = sightingsById.get(e.id)?.list;
    return list === undefined ? e : { ...e, data: { ...e.data, sightings: list } };
  };

  const runPhase = (phase: 'discover' | 'enrich') => Promise.all(
    [...parsed].filter(([collector]) => (collector.phase ?? 'discover') === phase).map(async ([collector, config]) => {
      const failedTargets = new Set<string>();
      const targetsWithEvidence = new Set<string>();
      let evidenceCount = 0;
      let problemCount = 0;
      let expanded: number | undefined;
      const ctx: CollectorContext = {
        emit(kind, target, data) {
          const id = evidenceId(kind, target, data);
          evidenceCount++;
          targetsWithEvidence.add(target);
          // "<configured target>#<file or pointer>": evidence inside a configured target counts for that target.
          const hash = target.indexOf('#');
          if (hash > 0) targetsWithEvidence.add(target.slice(0, hash));
          if (kind === 'certificate') {
            // Sightings of one certificate accumulate in a per-id set: linear in sightings, however widely shared.
            let entry = sightingsById.get(id);
            if (!entry) {
              entry = { keys: new Set(), list: [] };
              sightingsById.set(id, entry);
            }
            for (const s of (data as CertificateData).sightings) {
              const key = sightingKey(s);
              if (entry.keys.has(key)) continue;
              entry.keys.add(key);
              entry.list.push(s);
            }
          }
          if (byId.has(id)) return;
          byId.set(id, { id, kind, collector: collector.id, target, observedAt: deps.now().toISOString(), data } as AnyEvidence);
        },
        collected<K extends EvidenceKind>(kind: K) {
          return [...byId.values()].filter((e) => e.kind === kind).map(withSightings) as unknown as readonly Evidence<K>[];
        },
        ownsTarget: shardPredicate(collector.id, deps.shard),
        reportTargets(count) {
          expanded = Math.max(expanded ?? 0, count);
        },
        problem(target, error) {
          problemCount++;
          failedTargets.add(target);
          problems.push({ collector: collector.id, target, code: problemCode(error), message: oneLine(error) });
        },
        limit: (task) => limit(task),
        concurrency: deps.concurrency,
        http: deps.http,
        tls: deps.tls,
        fs: deps.fs,
        now: deps.now,
        log: deps.log,
        baseDir: deps.baseDir,
      };
      try {
        await collector.collect(config, ctx);
      } catch (error) {
        ctx.problem(`collector:${collector.id}`, error);
      }
      const configured = expanded ?? collector.countTargets(config);
      // A target counts as observed unless it failed without yielding any evidence.
      const failedOnly = [...failedTargets].filter((t) => !targetsWithEvidence.has(t)).length;
      collectors[collector.id] = { configured, observed: Math.max(0, configured - failedOnly), problems: problemCount, evidence: evidenceCount };
    }),
  );
  await runPhase('discover');
  await runPhase('enrich');

  const evidence = [...byId.values()].map((e) => {
    const item = withSightings(e);
    return item.kind === 'certificate' ? withSortedSightings(item) : item;
  });
  evidence.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  problems.sort((a, b) => a.collector.localeCompare(b.collector) || a.target.localeCompare(b.target) || a.message.localeCompare(b.message));
  return { evidence, problems, collectors };
}
