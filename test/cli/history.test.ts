import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openHistory } from '../../src/history/store.js';
import { certificateEvidence } from '../helpers/evidence.js';
import { runCli } from '../helpers/cli.js';
import { reportOf } from '../helpers/report.js';

const a = certificateEvidence({ subject: 'CN=a.example.test', serialNumberHex: '01' });
const b = certificateEvidence({ subject: 'CN=b.example.test', subjectAltNames: ['DNS:b.example.test'], serialNumberHex: '02' });

async function seeded(): Promise<{ dir: string; db: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'pkimm-history-cli-'));
  const db = join(dir, 'history.db');
  const store = await openHistory(db, dir);
  await store.record(reportOf([a], '2026-11-20T02:00:00.000Z'));
  await store.record(reportOf([a, b], '2026-11-21T02:00:00.000Z'));
  await store.close();
  return { dir, db };
}

describe('pkimm history and pkimm diff', () => {
  it('lists recorded scans newest first, from --store or PKIMM_HISTORY', async () => {
    const { dir, db } = await seeded();
    const byOption = await runCli(['history', '--store', db], { cwd: dir });
    expect(byOption.code).toBe(0);
    const lines = byOption.out.trim().split('\n');
    expect(lines[0]).toMatch(/^scan id\s+scanned at\s+overall\s+certificates\s+findings\s+problems$/);
    expect(lines[1]).toMatch(/^20261121T020000Z-[0-9a-f]{8}\s+2026-11-21T02:00:00.000Z/);
    expect(lines).toHaveLength(3);
    const byEnv = await runCli(['history', '--json'], { cwd: dir, env: { PKIMM_HISTORY: 'history.db' } });
    expect((JSON.parse(byEnv.out) as unknown[]).length).toBe(2);
  });

  it('diffs previous against latest from the store, and two report files', async () => {
    const { dir, db } = await seeded();
    const fromStore = await runCli(['diff', '--store', db], { cwd: dir });
    expect(fromStore.code).toBe(0);
    expect(fromStore.out).toContain('Certificates: 1 new, 0 gone, 0 renewed (0 re-keyed)');
    expect(fromStore.out).toContain('  + CN=b.example.test');
    writeFileSync(join(dir, 'old.json'), JSON.stringify(reportOf([a, b], '2026-11-20T00:00:00.000Z')));
    writeFileSync(join(dir, 'new.json'), JSON.stringify(reportOf([a], '2026-11-21T00:00:00.000Z')));
    const fromFiles = await runCli(['diff', 'old.json', 'new.json', '--json'], { cwd: dir });
    expect(fromFiles.code).toBe(0);
    expect((JSON.parse(fromFiles.out) as { certificates: { removed: { subject: string }[] } }).certificates.removed.map((c) => c.subject)).toEqual(['CN=b.example.test']);
  });

  it('prunes by age and shows trends', async () => {
    const { dir, db } = await seeded();
    const trends = await runCli(['history', 'trends', '--store', db], { cwd: dir });
    expect(trends.code).toBe(0);
    expect(trends.out).toContain('2 scans in sqlite:');
    expect(trends.out).toMatch(/certificates\s+\S+\s+1 → 2/);
    const pruned = await runCli(['history', 'prune', '--keep', '1d', '--store', db], { cwd: dir });
    expect(pruned.code).toBe(0);
    expect(pruned.out).toMatch(/^pruned 1 scan recorded before /);
  });

  it('explains a missing store, a bad age and an unknown scan id with exit 2', async () => {
    const { dir, db } = await seeded();
    expect(await runCli(['history'], { cwd: dir, env: {} })).toMatchObject({ code: 2, err: expect.stringContaining('give --store PATH|postgres://... or set PKIMM_HISTORY') as unknown });
    expect(await runCli(['history', 'prune', '--keep', 'soon', '--store', db], { cwd: dir })).toMatchObject({ code: 2, err: expect.stringContaining('--keep soon: expected an age such as 90d') as unknown });
    expect(await runCli(['diff', '20991231', 'latest', '--store', db], { cwd: dir })).toMatchObject({ code: 2, err: expect.stringContaining('no scan with id 20991231') as unknown });
  });

  it('records a scan with scan --history and applies retention', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-history-scan-'));
    const run = await runCli(['scan', '--demo', '--history', 'h.db', '-q'], { cwd: dir });
    expect(run.err).not.toContain('internal error');
    expect(run.code).toBe(0);
    const listed = await runCli(['history', '--store', 'h.db', '--json'], { cwd: dir });
    const scans = JSON.parse(listed.out) as { certificates: number }[];
    expect(scans).toHaveLength(1);
    expect(scans[0]!.certificates).toBeGreaterThan(3);
  });
});
