import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConfigError } from '../errors.js';
import { ScanReportSchema, type ScanReport } from '../report/report.js';
import { migrate } from './migrations.js';
import { openPostgres, openSqlite, type SqlDatabase, type SqlValue } from './sql.js';

/** One recorded scan, as `pkimm history` lists it. */
export interface ScanSummary {
  readonly id: string;
  readonly scannedAt: string;
  readonly toolVersion: string;
  readonly modelVersion: string;
  readonly scoringMode: string;
  readonly overallRaw: number | null;
  readonly overallLevel: number;
  readonly certificates: number;
  readonly endpoints: number;
  readonly findings: number;
  readonly problems: number;
}

/** One point of a trend series. */
export interface TrendPoint {
  readonly scanId: string;
  readonly scannedAt: string;
  readonly value: number | null;
}

/** Trend series over the recorded scans, oldest first. */
export interface Trends {
  readonly overall: readonly TrendPoint[];
  /** Category id → series. */
  readonly categories: Readonly<Record<string, readonly TrendPoint[]>>;
  /** Metric name → series ("certificates.expiring-30d", "automation.coverage", "ct.shadow-issuance", ...). */
  readonly metrics: Readonly<Record<string, readonly TrendPoint[]>>;
}

/** The history store: every recorded scan with its inventory, findings, levels and metrics. */
export interface HistoryStore {
  /** Where the store lives, without credentials: "sqlite:/var/lib/pkimm/history.db", "postgres://db.example/pkimm". */
  readonly location: string;
  /** Records a report in one transaction and returns its scan id (recording the same report twice is a no-op). */
  record(report: ScanReport): Promise<string>;
  /** Recorded scans, newest first. */
  list(limit?: number): Promise<ScanSummary[]>;
  /** Resolves "latest", "previous" (the one before latest), or a scan id (unique prefixes accepted). */
  resolveId(ref: string): Promise<string>;
  /** The full report of a recorded scan. */
  load(id: string): Promise<ScanReport>;
  /** Deletes scans recorded before `cutoff`, always keeping the newest `keepAtLeast`; returns how many were deleted. */
  prune(cutoff: Date, keepAtLeast?: number): Promise<number>;
  /** Trend series over the scans, oldest first (at most `limit` newest scans). */
  trends(limit?: number): Promise<Trends>;
  close(): Promise<void>;
}

/** Environment variable naming the default history store. */
export const HISTORY_ENV = 'PKIMM_HISTORY';

/** Strips a password from a connection string for display. */
export function redactLocation(location: string): string {
  return location.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/i, '$1:***@');
}

/** Opens a store: "postgres://..." / "postgresql://..." for PostgreSQL, "sqlite:PATH" or a file path for SQLite. Migrates it. */
export async function openHistory(location: string, baseDir: string, now: () => Date = () => new Date()): Promise<HistoryStore> {
  let db: SqlDatabase;
  let shown: string;
  if (/^postgres(ql)?:\/\//i.test(location)) {
    try {
      db = await openPostgres(location);
    } catch (error) {
      throw new ConfigError(`history ${redactLocation(location)}: cannot connect: ${(error as Error).message}`, 'history');
    }
    shown = redactLocation(location);
  } else {
    const path = resolve(baseDir, location.replace(/^sqlite:/i, ''));
    try {
      mkdirSync(dirname(path), { recursive: true });
      db = await openSqlite(path);
    } catch (error) {
      throw new ConfigError(`history ${path}: cannot open the SQLite database: ${(error as Error).message}`, 'history');
    }
    shown = `sqlite:${path}`;
  }
  try {
    await migrate(db, now);
  } catch (error) {
    await db.close();
    throw new ConfigError(`history ${shown}: ${(error as Error).message}`, 'history');
  }
  return new SqlHistoryStore(db, shown);
}

/** The time a report describes: when its scan finished, else when it was generated. */
export function reportTime(report: ScanReport): string {
  return report.scan?.finishedAt ?? report.generatedAt;
}

/** Content-derived scan id: sortable by time, equal for the same report. */
export function scanIdOf(report: ScanReport): string {
  const time = reportTime(report).replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const digest = createHash('sha256').update(JSON.stringify(report)).digest('hex').slice(0, 8);
  return `${time}-${digest}`;
}

const DAY_MS = 86_400_000;

/** Per-scan metrics kept for trends. Computed from the report alone, so any report can be recorded later. */
export function reportMetrics(report: ScanReport): Record<string, number> {
  const at = Date.parse(reportTime(report));
  const metrics: Record<string, number> = {
    certificates: report.summary.certificates,
    endpoints: report.summary.endpoints,
    problems: report.summary.problems,
    conflicts: report.summary.conflicts,
  };
  for (const [severity, n] of Object.entries(report.summary.findings)) metrics[`findings.${severity}`] = n;
  const byRule = new Map<string, number>();
  for (const f of report.findings) byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
  for (const [rule, n] of byRule) metrics[`findings.rule.${rule}`] = n;
  let expiring = 0;
  let expired = 0;
  let leaves = 0;
  let automated = 0;
  for (const e of report.evidence) {
    if (e.kind !== 'certificate') continue;
    const notAfter = Date.parse(e.data.notAfter);
    if (notAfter < at) expired++;
    else if (notAfter - at <= 30 * DAY_MS) expiring++;
    if (!e.data.isCa) {
      leaves++;
      if (e.data.sightings.some((s) => s.attributes?.managedBy !== undefined || s.attributes?.autoRenewal === 'true')) automated++;
    }
  }
  metrics['certificates.expiring-30d'] = expiring;
  metrics['certificates.expired'] = expired;
  if (leaves > 0) metrics['automation.coverage'] = automated / leaves;
  const ct = report.evidence.filter((e) => e.kind === 'ct-log-entry').length;
  if (ct > 0) metrics['ct.entries'] = ct;
  metrics['ct.shadow-issuance'] = report.findings.filter((f) => /shadow/.test(f.ruleId)).length;
  return metrics;
}

class SqlHistoryStore implements HistoryStore {
  constructor(
    private readonly db: SqlDatabase,
    readonly location: string,
  ) {}

  async record(report: ScanReport): Promise<string> {
    const id = scanIdOf(report);
    const existing = await this.db.query('SELECT id FROM scans WHERE id = ?', [id]);
    if (existing.length > 0) return id;
    const overall = report.assessment.overall;
    await this.db.transaction(async () => {
      await this.db.run(
        'INSERT INTO scans (id, scanned_at, tool_version, model_version, scoring_mode, overall_raw, overall_level, certificates, endpoints, findings, problems, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          id,
          reportTime(report),
          report.tool.version,
          report.model.version,
          report.scoring.mode,
          overall.raw,
          overall.level,
          report.summary.certificates,
          report.summary.endpoints,
          report.findings.length,
          report.summary.problems,
          gzipSync(JSON.stringify(report)),
        ],
      );
      const certificates: SqlValue[][] = [];
      const sightings: SqlValue[][] = [];
      for (const e of report.evidence) {
        if (e.kind !== 'certificate') continue;
        const d = e.data;
        certificates.push([id, d.sha256, d.subject, d.issuer, d.serialNumberHex, d.notBefore, d.notAfter, d.keyAlgorithm, d.keySizeBits ?? null, d.spkiSha256, d.subjectAltNames.join(', '), d.isCa ? 1 : 0]);
        for (const s of d.sightings) sightings.push([id, d.sha256, s.collector, s.target, s.location ?? '']);
      }
      await this.db.insertMany(
        'INSERT INTO certificates (scan_id, sha256, subject, issuer, serial, not_before, not_after, key_algorithm, key_bits, spki_sha256, sans, is_ca) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        certificates,
      );
      await this.db.insertMany('INSERT INTO sightings (scan_id, sha256, collector, target, location) VALUES (?, ?, ?, ?, ?)', sightings);
      await this.db.insertMany(
        'INSERT INTO findings (scan_id, rule_id, severity, evidence_id, target, message) VALUES (?, ?, ?, ?, ?, ?)',
        report.findings.map((f) => [id, f.ruleId, f.severity, f.evidenceId ?? '', f.target ?? '', f.message]),
      );
      const levels: SqlValue[][] = [['overall', '', overall.raw, overall.level, 'score']];
      for (const [ref, m] of Object.entries(report.assessment.modules)) levels.push(['module', ref, m.raw, m.level, 'score']);
      for (const [ref, c] of Object.entries(report.assessment.categories)) levels.push(['category', ref, c.raw, c.level, 'score']);
      for (const [ref, r] of Object.entries(report.assessment.requirements)) levels.push(['requirement', ref, r.level ?? null, r.level ?? null, r.source]);
      await this.db.insertMany(
        'INSERT INTO levels (scan_id, scope, ref, raw, level, source) VALUES (?, ?, ?, ?, ?, ?)',
        levels.map((l) => [id, ...l]),
      );
      await this.db.insertMany(
        'INSERT INTO metrics (scan_id, name, value) VALUES (?, ?, ?)',
        Object.entries(reportMetrics(report)).map(([name, value]) => [id, name, value]),
      );
    });
    return id;
  }

  async list(limit = 1000): Promise<ScanSummary[]> {
    const rows = await this.db.query(
      'SELECT id, scanned_at, tool_version, model_version, scoring_mode, overall_raw, overall_level, certificates, endpoints, findings, problems FROM scans ORDER BY scanned_at DESC, id DESC LIMIT ?',
      [limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      scannedAt: String(r.scanned_at),
      toolVersion: String(r.tool_version),
      modelVersion: String(r.model_version),
      scoringMode: String(r.scoring_mode),
      overallRaw: r.overall_raw === null ? null : Number(r.overall_raw),
      overallLevel: Number(r.overall_level),
      certificates: Number(r.certificates),
      endpoints: Number(r.endpoints),
      findings: Number(r.findings),
      problems: Number(r.problems),
    }));
  }

  async resolveId(ref: string): Promise<string> {
    if (ref === 'latest' || ref === 'previous') {
      const rows = await this.db.query('SELECT id FROM scans ORDER BY scanned_at DESC, id DESC LIMIT 2');
      const row = rows[ref === 'latest' ? 0 : 1];
      if (!row) throw new ConfigError(`history ${this.location}: no ${ref} scan (${String(rows.length)} recorded)`, ref);
      return String(row.id);
    }
    if (!/^[0-9TZ-]*[0-9a-f]*$/i.test(ref) || ref.length < 4) throw new ConfigError(`history: "${ref}" is not a scan id, "latest" or "previous"`, ref);
    const rows = await this.db.query('SELECT id FROM scans WHERE id LIKE ? ORDER BY id LIMIT 2', [`${ref}%`]);
    if (rows.length === 0) throw new ConfigError(`history ${this.location}: no scan with id ${ref}`, ref);
    if (rows.length > 1) throw new ConfigError(`history ${this.location}: scan id ${ref} is ambiguous; give more characters`, ref);
    return String(rows[0]?.id);
  }

  async load(id: string): Promise<ScanReport> {
    const rows = await this.db.query('SELECT report FROM scans WHERE id = ?', [id]);
    const blob = rows[0]?.report;
    if (!(blob instanceof Uint8Array)) throw new ConfigError(`history ${this.location}: no scan with id ${id}`, id);
    const data: unknown = JSON.parse(gunzipSync(blob).toString('utf8'));
    // Validated, but returned as stored: zod would reorder keys, and a diff of two loads must see the same report.
    const parsed = ScanReportSchema.safeParse(data);
    if (!parsed.success) throw new ConfigError(`history ${this.location}: scan ${id} holds a report this version cannot read`, id);
    return data as ScanReport;
  }

  async prune(cutoff: Date, keepAtLeast = 1): Promise<number> {
    return this.db.transaction(async () => {
      const keep = await this.db.query('SELECT id FROM scans ORDER BY scanned_at DESC, id DESC LIMIT ?', [keepAtLeast]);
      const keepIds = keep.map((r) => String(r.id));
      const doomed = (await this.db.query('SELECT id FROM scans WHERE scanned_at < ?', [cutoff.toISOString()])).map((r) => String(r.id)).filter((id) => !keepIds.includes(id));
      for (const id of doomed) {
        // Children first: SQLite only cascades with foreign_keys on, PostgreSQL always does; explicit deletes work for both.
        for (const table of ['sightings', 'certificates', 'findings', 'levels', 'metrics']) await this.db.run(`DELETE FROM ${table} WHERE scan_id = ?`, [id]);
        await this.db.run('DELETE FROM scans WHERE id = ?', [id]);
      }
      return doomed.length;
    });
  }

  async trends(limit = 365): Promise<Trends> {
    const scans = (await this.db.query('SELECT id, scanned_at, overall_raw FROM scans ORDER BY scanned_at DESC, id DESC LIMIT ?', [limit])).reverse();
    const ids = scans.map((s) => String(s.id));
    const at = new Map(scans.map((s) => [String(s.id), String(s.scanned_at)]));
    const overall = scans.map((s) => ({ scanId: String(s.id), scannedAt: String(s.scanned_at), value: s.overall_raw === null ? null : Number(s.overall_raw) }));
    const categories: Record<string, TrendPoint[]> = {};
    const metrics: Record<string, TrendPoint[]> = {};
    if (ids.length === 0) return { overall, categories, metrics };
    const oldest = String(scans[0]?.scanned_at);
    const levelRows = await this.db.query(
      "SELECT l.scan_id, l.ref, l.raw FROM levels l JOIN scans s ON s.id = l.scan_id WHERE l.scope = 'category' AND s.scanned_at >= ? ORDER BY s.scanned_at, s.id",
      [oldest],
    );
    for (const r of levelRows) {
      const scanId = String(r.scan_id);
      if (!at.has(scanId)) continue;
      (categories[String(r.ref)] ??= []).push({ scanId, scannedAt: at.get(scanId) ?? '', value: r.raw === null ? null : Number(r.raw) });
    }
    const metricRows = await this.db.query(
      "SELECT m.scan_id, m.name, m.value FROM metrics m JOIN scans s ON s.id = m.scan_id WHERE s.scanned_at >= ? AND m.name NOT LIKE 'findings.rule.%' ORDER BY s.scanned_at, s.id",
      [oldest],
    );
    for (const r of metricRows) {
      const scanId = String(r.scan_id);
      if (!at.has(scanId)) continue;
      (metrics[String(r.name)] ??= []).push({ scanId, scannedAt: at.get(scanId) ?? '', value: Number(r.value) });
    }
    return { overall, categories, metrics };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
