import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/report/report.js';
import { runCli } from '../helpers/cli.js';

const fixtures = new URL('../../fixtures/certificates/', import.meta.url).pathname;

/** A generated estate: the fixture certificates (good, bad and broken files) under several folders, and TLS targets that refuse connections. */
function estate(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pkimm-shard-'));
  for (const site of ['site-a', 'site-b', 'site-c']) cpSync(fixtures, join(dir, site), { recursive: true });
  writeFileSync(
    join(dir, 'scan.yaml'),
    [
      'collectors:',
      '  cert-file: { paths: [site-a, site-b, site-c] }',
      '  tls-endpoint: { targets: ["127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3", "127.0.0.1:4", "127.0.0.1:5"], timeoutMs: 2000, retries: 0 }',
      'output: { dir: report, formats: [json] }',
      '',
    ].join('\n'),
  );
  return dir;
}

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as ScanReport;

describe('pkimm scan --shard and pkimm merge', () => {
  it('gives the same assessment, findings, evidence and problems as one unsharded scan', async () => {
    const dir = estate();
    const single = await runCli(['scan', '--config', 'scan.yaml', '-o', 'single', '-q'], { cwd: dir });
    expect(single.err).not.toContain('internal error');
    for (let i = 0; i < 3; i++) {
      const shard = await runCli(['scan', '--config', 'scan.yaml', '--shard', `${String(i)}/3`, '--bundle', `bundles/shard-${String(i)}.json`], { cwd: dir });
      expect(shard.code, shard.err).toBe(0);
      expect(shard.out).toMatch(new RegExp(`^bundle: bundles/shard-${String(i)}\\.json \\(shard ${String(i)}/3: \\d+ evidence items, \\d+ problems\\)`));
    }
    const sizes = readdirSync(join(dir, 'bundles')).map((f) => (JSON.parse(readFileSync(join(dir, 'bundles', f), 'utf8')) as { evidence: unknown[] }).evidence.length);
    expect(sizes.filter((n) => n > 0).length).toBeGreaterThan(1);

    const merged = await runCli(['merge', '--config', 'scan.yaml', '-o', 'merged', 'bundles/shard-0.json', 'bundles/shard-1.json', 'bundles/shard-2.json'], { cwd: dir });
    expect(merged.err).not.toContain('internal error');
    expect(merged.code).toBe(single.code);
    expect(merged.out).toMatch(/^merged 3 bundles: \d+ evidence items, \d+ problems/);

    const a = read(join(dir, 'single/report.json'));
    const b = read(join(dir, 'merged/report.json'));
    expect(b.assessment).toEqual(a.assessment);
    expect(b.findings).toEqual(a.findings);
    expect(b.statements).toEqual(a.statements);
    expect(b.evidence.map((e) => e.id)).toEqual(a.evidence.map((e) => e.id));
    expect(b.problems.map((p) => `${p.collector} ${p.target} ${p.code}`)).toEqual(a.problems.map((p) => `${p.collector} ${p.target} ${p.code}`));
    expect(b.scan?.collectors).toEqual(a.scan?.collectors);
  }, 120_000);

  it('refuses an incomplete set of bundles, a shard without a bundle, and bundles from other collector settings', async () => {
    const dir = estate();
    await runCli(['scan', '--config', 'scan.yaml', '--shard', '0/2', '--bundle', 'b0.json', '-q'], { cwd: dir });
    const missing = await runCli(['merge', '--config', 'scan.yaml', 'b0.json'], { cwd: dir });
    expect(missing).toMatchObject({ code: 2, err: expect.stringContaining('merge: missing bundles for shard 1/2') as unknown });
    const noBundle = await runCli(['scan', '--config', 'scan.yaml', '--shard', '0/2'], { cwd: dir });
    expect(noBundle).toMatchObject({ code: 2, err: expect.stringContaining('give --bundle FILE') as unknown });
    const badShard = await runCli(['scan', '--config', 'scan.yaml', '--shard', '2/2', '--bundle', 'x.json'], { cwd: dir });
    expect(badShard).toMatchObject({ code: 2, err: expect.stringContaining('expected i/n with 0 ≤ i < n') as unknown });
    writeFileSync(join(dir, 'other.yaml'), 'collectors:\n  cert-file: { paths: [site-a] }\n');
    const other = await runCli(['merge', '--config', 'other.yaml', 'b0.json'], { cwd: dir });
    expect(other).toMatchObject({ code: 2, err: expect.stringContaining('produced with other collector settings') as unknown });
  }, 60_000);
});
