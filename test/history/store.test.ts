import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEvidence } from '../../model/evidence.js';
import { SCHEMA_VERSION } from '../../src/history/migrations.js';
import { openHistory, reportMetrics, type HistoryStore } from '../../src/history/store.js';
import type { ScanReport } from '../../src/report/report.js';
import { certificateEvidence } from '../helpers/evidence.js';
import { postgresBinDir, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { reportOf } from '../helpers/report.js';

const root = new URL('../../', import.meta.url).pathname;

/** Three nightly scans: the estate grows by one certificate a night; one certificate expires within 30 days of night 3. */
function nightly(): ScanReport[] {
  const certs: AnyEvidence[] = [];
  const reports: ScanReport[] = [];
  for (let night = 1; night <= 3; night++) {
    certs.push(certificateEvidence({ subject: `CN=host${String(night)}.example.test`, serialNumberHex: `0${String(night)}`, notAfter: night === 3 ? '2026-12-10T00:00:00Z' : '2027-06-01T00:00:00Z' }));
    reports.push(reportOf([...certs], `2026-11-${String(19 + night)}T02:00:00.000Z`));
  }
  return reports;
}

function storeSuite(name: string, open: () => Promise<HistoryStore>) {
  describe(`history store (${name})`, () => {
    let store: HistoryStore;
    const reports = nightly();
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    it('records scans with their inventory and lists them newest first; recording the same report again is a no-op', async () => {
      const ids: string[] = [];
      for (const r of reports) ids.push(await store.record(r));
      expect(await store.record(reports[0]!)).toBe(ids[0]);
      const list = await store.list();
      expect(list.map((s) => s.id)).toEqual([...ids].reverse());
      expect(list[0]).toMatchObject({ scannedAt: '2026-11-22T02:00:00.000Z', certificates: 3, modelVersion: '1.1.0', scoringMode: 'methodology' });
      expect(ids[0]).toMatch(/^20261120T020000Z-[0-9a-f]{8}$/);
    });

    it('resolves latest, previous and id prefixes, and loads the full report back', async () => {
      const latest = await store.resolveId('latest');
      const previous = await store.resolveId('previous');
      expect((await store.load(latest)).summary.certificates).toBe(3);
      expect((await store.load(previous)).summary.certificates).toBe(2);
      expect(await store.resolveId(previous.slice(0, 20))).toBe(previous);
      expect(JSON.stringify(await store.load(latest))).toBe(JSON.stringify(reports[2]));
      await expect(store.resolveId('20991231')).rejects.toThrow(/no scan with id 20991231/);
    });

    it('gives trends oldest first: overall level, categories and expiring-soon counts', async () => {
      const trends = await store.trends();
      expect(trends.overall.map((p) => p.scannedAt)).toEqual(reports.map((r) => r.scan!.finishedAt));
      expect(trends.metrics.certificates!.map((p) => p.value)).toEqual([1, 2, 3]);
      expect(trends.metrics['certificates.expiring-30d']!.map((p) => p.value)).toEqual([0, 0, 1]);
      expect(Object.keys(trends.categories).length).toBeGreaterThan(0);
    });

    it('keeps earlier history when a write fails half-way (one transaction per scan)', async () => {
      const cert = certificateEvidence({ subject: 'CN=dup.example.test' });
      // The same certificate twice under two evidence ids violates the inventory's primary key mid-write.
      const broken = reportOf([cert, { ...cert, id: `${cert.id}-copy` }], '2026-11-23T02:00:00.000Z');
      await expect(store.record(broken)).rejects.toThrow();
      const list = await store.list();
      expect(list).toHaveLength(3);
      expect(list.some((s) => s.scannedAt.startsWith('2026-11-23'))).toBe(false);
    });

    it('prunes scans older than the cutoff but always keeps the newest', async () => {
      expect(await store.prune(new Date('2026-11-21T12:00:00Z'))).toBe(2);
      expect((await store.list()).map((s) => s.scannedAt)).toEqual(['2026-11-22T02:00:00.000Z']);
      expect(await store.prune(new Date('2030-01-01T00:00:00Z'))).toBe(0);
      expect(await store.list()).toHaveLength(1);
    });
  });
}

storeSuite('SQLite', () => openHistory(join(mkdtempSync(join(tmpdir(), 'pkimm-history-')), 'nested', 'history.db'), root));

describe.runIf(postgresBinDir() !== undefined)('PostgreSQL server', () => {
  let pg: TestPostgres | undefined;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await pg?.stop();
  });
  storeSuite('PostgreSQL', () => openHistory(pg!.url, root));

  it('applies migrations once and records the schema version', async () => {
    const again = await openHistory(pg!.url, root);
    await again.close();
    const { default: pgLib } = await import('pg');
    const client = new pgLib.Client({ connectionString: pg!.url });
    await client.connect();
    const rows = (await client.query('SELECT version FROM schema_migrations')).rows as { version: number }[];
    await client.end();
    expect(rows.map((r) => r.version)).toEqual([SCHEMA_VERSION]);
  });
});

describe('history store robustness', () => {
  it('loses nothing already recorded when the process dies inside a write', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'pkimm-history-crash-')), 'history.db');
    const store = await openHistory(path, root);
    await store.record(nightly()[0]!);
    await store.close();
    // A second process starts a transaction, writes a scan row and is killed before COMMIT.
    const script = `
      import { openSqlite } from ${JSON.stringify(join(root, 'src/history/sql.ts'))};
      const db = await openSqlite(${JSON.stringify(path)});
      await db.transaction(async () => {
        await db.run("INSERT INTO scans (id, scanned_at, tool_version, model_version, scoring_mode, overall_raw, overall_level, certificates, endpoints, findings, problems, report) VALUES ('half', '2026-11-30', 'x', '1.1.0', 'methodology', NULL, 0, 0, 0, 0, 0, x'00')");
        process.kill(process.pid, 'SIGKILL');
      });`;
    expect(() => execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, stdio: 'pipe' })).toThrow();
    const reopened = await openHistory(path, root);
    expect((await reopened.list()).map((s) => s.id)).toEqual([expect.stringMatching(/^20261120T020000Z-/)]);
    await reopened.close();
  });

  it('refuses a database written by a newer schema', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'pkimm-history-new-')), 'history.db');
    const { openSqlite } = await import('../../src/history/sql.js');
    const db = await openSqlite(path);
    await db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL); INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01')");
    await db.close();
    await expect(openHistory(path, root)).rejects.toThrow(/schema version 999, newer than this pkimm-scan understands/);
  });

  it('computes per-scan metrics from the report alone', () => {
    const report = reportOf([certificateEvidence({ notAfter: '2026-11-01T00:00:00Z' }), certificateEvidence({ subject: 'CN=b', sightings: [{ collector: 'kubernetes', target: 'secret default/b', attributes: { managedBy: 'cert-manager' } }] })], '2026-11-22T00:00:00.000Z');
    expect(reportMetrics(report)).toMatchObject({ certificates: 2, 'certificates.expired': 1, 'certificates.expiring-30d': 0, 'automation.coverage': 0.5 });
  });
});
