import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const fixtures = new URL('../../fixtures/certificates/', import.meta.url).pathname;

function estate(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pkimm-previous-cli-'));
  cpSync(join(fixtures, 'rsa-2048.pem'), join(dir, 'server.pem'));
  writeFileSync(join(dir, 'scan.yaml'), 'collectors:\n  cert-file: { paths: [server.pem] }\noutput: { dir: out, formats: [json] }\n');
  return dir;
}

const startedAt = (dir: string, path: string): string => (JSON.parse(readFileSync(join(dir, path), 'utf8')) as { scan: { startedAt: string } }).scan.startedAt;

describe('pkimm scan: the previous scan checks compare with', () => {
  it('--previous names the report; without it the output directory report is used', async () => {
    const dir = estate();
    expect((await runCli(['scan', '-c', 'scan.yaml', '-o', 'first'], { cwd: dir })).code).toBe(0);
    const second = await runCli(['scan', '-c', 'scan.yaml', '--previous', 'first/report.json'], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.err).toContain(`comparing with the previous scan of ${startedAt(dir, 'first/report.json')} (first/report.json)`);
    const before = startedAt(dir, 'out/report.json');
    const third = await runCli(['scan', '-c', 'scan.yaml'], { cwd: dir });
    expect(third.err).toContain(`comparing with the previous scan of ${before} (out/report.json)`);
  });

  it('-o DIR is also where the previous report is read from', async () => {
    const dir = estate();
    expect((await runCli(['scan', '-c', 'scan.yaml', '-o', 'nightly'], { cwd: dir })).code).toBe(0);
    const before = startedAt(dir, 'nightly/report.json');
    const again = await runCli(['scan', '-c', 'scan.yaml', '-o', 'nightly'], { cwd: dir });
    expect(again.err).toContain(`comparing with the previous scan of ${before} (nightly/report.json)`);
  });

  it('--history compares with the latest recorded scan', async () => {
    const dir = estate();
    expect((await runCli(['scan', '-c', 'scan.yaml', '--history', 'h.db', '-o', 'a'], { cwd: dir })).code).toBe(0);
    const second = await runCli(['scan', '-c', 'scan.yaml', '--history', 'h.db', '-o', 'b'], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.err).toMatch(new RegExp(`comparing with the previous scan of ${startedAt(dir, 'a/report.json').replace(/\./g, '\\.')} \\(history scan \\S+ in sqlite:`));
  });

  it('--previous needs a configuration, not --demo', async () => {
    const { code, err } = await runCli(['scan', '--demo', '--previous', 'x.json'], { cwd: mkdtempSync(join(tmpdir(), 'pkimm-previous-cli-')) });
    expect(code).not.toBe(0);
    expect(err).toContain('scan --previous: needs --config FILE, not --demo');
  });

  it('a hostile --previous file is one warning, and the scan goes on', async () => {
    const dir = estate();
    writeFileSync(join(dir, 'bad.json'), '{"tool":{"name":"pkimm-scan"},"schemaVersion":"1.0.0","evidence":"'.padEnd(5000, 'A'));
    const { code, err } = await runCli(['scan', '-c', 'scan.yaml', '--previous', 'bad.json'], { cwd: dir });
    expect(code).toBe(0);
    expect(err.split('\n').filter((l) => l.startsWith('warning:'))).toEqual(['warning: previous report bad.json: not valid JSON; comparing with no previous scan']);
  });
});
