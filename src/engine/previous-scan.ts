// The previous scan, for checks and assessors that compare scans (CRL number regression, CA-configuration drift).
// Reports are untrusted input: read once, size-capped, validated; an unusable one is one log line, never a crash.
import { resolve } from 'node:path';
import { EvidenceKind, type AnyEvidence, type CollectionProblem, type Evidence } from '../../model/evidence.js';
import { displayPath, formatZodError, readBoundedText } from '../config/load-file.js';
import { oneLine } from '../errors.js';
import type { HistoryStore } from '../history/store.js';
import { REPORT_SCHEMA_VERSION, ScanReportSchema } from '../report/report.js';
import type { Logger } from './collector-context.js';
import type { PreviousScan } from './define-rule.js';

/** Largest previous report read (bytes); a bigger one is skipped with a warning. */
export const PREVIOUS_REPORT_MAX_BYTES = 128 * 1024 * 1024;

const SCAN_TIMES_KEPT = 100;
const KINDS: ReadonlySet<string> = new Set(EvidenceKind.options);

/** A previous report handed over already parsed (from the history store or a library caller), with a name for messages. */
export interface GivenReport {
  readonly report: unknown;
  readonly source: string;
}

/** Why a previous report is not used: `missing` (no file), `unreadable` (hostile, huge, not a report), `mismatch` (other schema version, scope or time). */
type Rejection = { readonly why: 'missing' | 'unreadable' | 'mismatch'; readonly message: string };

/** A report that passed the checks: its scan time, collectors and evidence. */
export interface UsableReport {
  readonly startedAt: string;
  readonly sourceTypes: readonly string[];
  readonly evidence: readonly AnyEvidence[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a report file, size-capped; returns the parsed JSON or why it cannot be read. */
async function readReportFile(path: string, baseDir: string, maxBytes: number): Promise<{ readonly value: unknown } | Rejection> {
  let text: string;
  try {
    text = await readBoundedText(path, baseDir, 'previous report', maxBytes);
  } catch (error) {
    const message = oneLine(error);
    return { why: message.endsWith('file not found') ? 'missing' : 'unreadable', message };
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { why: 'unreadable', message: `previous report ${displayPath(path, baseDir)}: not valid JSON` };
  }
}

/** The scan times a parsed report records (its own start and its previous scans), newest first. */
function scanTimesOf(value: unknown): string[] {
  const scan = isRecord(value) && isRecord(value.scan) ? value.scan : undefined;
  if (scan === undefined) return [];
  const earlier = Array.isArray(scan.previousScans) ? (scan.previousScans as unknown[]) : [];
  const times = [scan.startedAt, ...earlier.slice(0, SCAN_TIMES_KEPT * 10)].filter((t): t is string => typeof t === 'string' && !Number.isNaN(Date.parse(t)));
  return [...new Set(times)].sort().reverse().slice(0, SCAN_TIMES_KEPT);
}

/** Checks that a parsed value is a report this tool can compare with: schema version, shape, scan section, scope and time. */
function usableReport(value: unknown, source: string, current: { readonly collectors: readonly string[]; readonly startedAt: Date }): UsableReport | Rejection {
  if (!isRecord(value) || !isRecord(value.tool) || value.tool.name !== 'pkimm-scan') return { why: 'unreadable', message: `${source}: not a pkimm-scan report` };
  const version = typeof value.schemaVersion === 'string' ? value.schemaVersion : '(none)';
  if (version.split('.')[0] !== REPORT_SCHEMA_VERSION.split('.')[0]) {
    return { why: 'mismatch', message: `${source}: report schema version ${version.slice(0, 40)}, this tool compares with ${REPORT_SCHEMA_VERSION.split('.')[0]}.x only; ignored` };
  }
  const parsed = ScanReportSchema.safeParse(value);
  if (!parsed.success) return { why: 'unreadable', message: formatZodError(parsed.error, `${source}: not a valid report`) };
  const scan = isRecord(value.scan) ? value.scan : undefined;
  const startedAt = typeof scan?.startedAt === 'string' && !Number.isNaN(Date.parse(scan.startedAt)) ? new Date(scan.startedAt) : undefined;
  if (scan === undefined || startedAt === undefined) return { why: 'mismatch', message: `${source}: has no scan section (a scoring-only report); ignored` };
  if (startedAt.getTime() >= current.startedAt.getTime()) {
    return { why: 'mismatch', message: `${source}: its scan started ${startedAt.toISOString()}, not before this scan (${current.startedAt.toISOString()}); ignored` };
  }
  const collectors = isRecord(scan.collectors) ? scan.collectors : {};
  const sourceTypes = Object.entries(collectors)
    .filter(([, s]) => isRecord(s) && ((typeof s.configured === 'number' && s.configured > 0) || (typeof s.evidence === 'number' && s.evidence > 0)))
    .map(([id]) => id)
    .sort();
  if (!sourceTypes.some((id) => current.collectors.includes(id))) {
    const listed = sourceTypes.length === 0 ? 'no collectors' : sourceTypes.slice(0, 20).join(', ');
    return { why: 'mismatch', message: `${source}: another scope (it ran ${listed}; this scan runs ${[...current.collectors].sort().join(', ') || 'no collectors'}); ignored` };
  }
  // Evidence data is not validated per kind: keep well-formed envelopes, and checks read previous data defensively.
  const evidence = parsed.data.evidence.filter(
    (e): boolean => KINDS.has(e.kind) && typeof e.collector === 'string' && typeof e.target === 'string' && typeof e.observedAt === 'string' && isRecord(e.data),
  ) as unknown as AnyEvidence[];
  return { startedAt: startedAt.toISOString(), sourceTypes, evidence };
}

/** The configured target an evidence or problem target belongs to ("vault#api/pki#mount pki/" → "vault"). */
const configuredTarget = (target: string): string => {
  const hash = target.indexOf('#');
  return hash > 0 ? target.slice(0, hash) : target;
};

/** "collector\0configured target" of an evidence item or problem. */
const targetKey = (item: { readonly collector: string; readonly target: string }): string => `${item.collector}\u0000${configuredTarget(item.target)}`;

/**
 * Builds the read-only view checks see. `seen` and `unobserved` hold target keys of the whole previous report: the
 * configured targets it has evidence from, and those it had a collection problem with.
 */
function view(report: UsableReport, source: string, seen: ReadonlySet<string>, unobserved: ReadonlySet<string>): PreviousScan {
  const byId = new Map<string, AnyEvidence>();
  const byKind = new Map<string, AnyEvidence[]>();
  for (const item of report.evidence) {
    if (byId.has(item.id)) continue;
    byId.set(item.id, item);
    const list = byKind.get(item.kind);
    if (list === undefined) byKind.set(item.kind, [item]);
    else list.push(item);
  }
  const ran = new Set(report.sourceTypes);
  return {
    startedAt: report.startedAt,
    source,
    sourceTypes: report.sourceTypes,
    evidence: (id) => byId.get(id),
    items: <K extends EvidenceKind>(kind: K) => (byKind.get(kind) ?? []) as unknown as readonly Evidence<K>[],
    observed: (collector, target) => {
      const key = targetKey({ collector, target });
      return ran.has(collector) && seen.has(key) && !unobserved.has(key);
    },
  };
}

/** Where to look for the previous scan, and what the current scan is (for the scope and time checks). */
export interface PreviousScanOptions {
  /** `--previous FILE` (a path, relative to `baseDir`) or a report handed over (history store, library caller). */
  readonly given?: string | GivenReport;
  /** The report in the output directory: used when nothing is given. */
  readonly outputReport: string;
  readonly baseDir: string;
  /** Ids of the collectors this scan runs. */
  readonly collectors: readonly string[];
  readonly startedAt: Date;
  readonly log: Logger;
  readonly maxBytes?: number;
}

/** A previous report that passed the checks, before this scan's collection narrows it (see `narrowPrevious`). */
export interface LoadedPrevious {
  readonly report: UsableReport;
  readonly source: string;
  /** Configured targets the previous scan has evidence from, as "collector\0configured target" keys. */
  readonly seen: ReadonlySet<string>;
  /** Configured targets the previous scan had a collection problem with, as the same keys. */
  readonly unobserved: ReadonlySet<string>;
}

/** What `loadPreviousScan` found: the previous report (if usable) and the scan times of the output directory's report. */
export interface PreviousScanLoad {
  readonly previous?: LoadedPrevious;
  /** Scan times recorded in the output directory's report, newest first (for cadence); empty without one. */
  readonly outputScanTimes: readonly string[];
}

function problemKeys(value: unknown): Set<string> {
  const keys = new Set<string>();
  const problems = isRecord(value) && Array.isArray(value.problems) ? (value.problems as unknown[]) : [];
  for (const p of problems) if (isRecord(p) && typeof p.collector === 'string' && typeof p.target === 'string') keys.add(targetKey({ collector: p.collector, target: p.target }));
  return keys;
}

/**
 * Finds the previous scan, in order: the given report (`--previous` or the history store), else the report in the output
 * directory (read once, also for its scan times). A missing output report is silent; an unreadable or huge one is one
 * warning; a report of another schema version, scope or time is ignored with a note (a warning when it was given).
 */
export async function loadPreviousScan(options: PreviousScanOptions): Promise<PreviousScanLoad> {
  const maxBytes = options.maxBytes ?? PREVIOUS_REPORT_MAX_BYTES;
  const current = { collectors: options.collectors, startedAt: options.startedAt };
  const outputShown = displayPath(options.outputReport, options.baseDir);
  const output = await readReportFile(resolve(options.baseDir, options.outputReport), options.baseDir, maxBytes);
  const outputScanTimes = 'value' in output ? scanTimesOf(output.value) : [];

  let value: unknown;
  let source: string;
  if (options.given === undefined) {
    if (!('value' in output)) {
      if (output.why !== 'missing') options.log.warn(`${output.message}; comparing with no previous scan`);
      return { outputScanTimes };
    }
    value = output.value;
    source = outputShown;
  } else if (typeof options.given === 'string') {
    const read = await readReportFile(options.given, options.baseDir, maxBytes);
    if (!('value' in read)) {
      options.log.warn(`${read.message}; comparing with no previous scan`);
      return { outputScanTimes };
    }
    value = read.value;
    source = displayPath(options.given, options.baseDir);
  } else {
    value = options.given.report;
    source = options.given.source;
  }
  const checked = usableReport(value, source, current);
  if ('why' in checked) {
    if (options.given === undefined && checked.why === 'mismatch') options.log.info(`note: previous report ${checked.message}`);
    else options.log.warn(`previous report ${checked.message}; comparing with no previous scan`);
    return { outputScanTimes };
  }
  options.log.info(`comparing with the previous scan of ${checked.startedAt} (${source})`);
  return { previous: { report: checked, source, seen: new Set(checked.evidence.map(targetKey)), unobserved: problemKeys(value) }, outputScanTimes };
}

/**
 * The view checks and assessors get: previous evidence of collectors that ran again in this scan, for targets this scan
 * observed without a problem (so evidence absent now was looked for and not found).
 */
export function narrowPrevious(loaded: LoadedPrevious, ranNow: readonly string[], problemsNow: readonly CollectionProblem[]): PreviousScan {
  const ran = new Set(ranNow);
  const failedNow = new Set(problemsNow.map(targetKey));
  const evidence = loaded.report.evidence.filter((e) => ran.has(e.collector) && !failedNow.has(targetKey(e)));
  return view({ ...loaded.report, evidence }, loaded.source, loaded.seen, loaded.unobserved);
}

/** The latest scan recorded in a history store, as a given report; undefined (with a warning if it cannot be loaded) otherwise. */
export async function latestRecordedScan(store: Pick<HistoryStore, 'list' | 'load' | 'location'>, log: Logger): Promise<GivenReport | undefined> {
  const [latest] = await store.list(1);
  if (latest === undefined) return undefined;
  try {
    return { report: await store.load(latest.id), source: `history scan ${latest.id} in ${store.location}` };
  } catch (error) {
    log.warn(`history scan ${latest.id}: cannot be loaded (${oneLine(error)}); comparing with no previous scan`);
    return undefined;
  }
}
