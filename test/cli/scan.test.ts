import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScanReportSchema } from '../../src/report/report.js';
import { runCli } from '../helpers/cli.js';

const fixtures = new URL('../../fixtures/certificates/', import.meta.url).pathname;

describe('pkimm scan --demo', () => {
  it('builds a PKI, scans it on loopback, prints a summary and writes JSON and Markdown reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-demo-test-'));
    const { code, out, err } = await runCli(['scan', '--demo'], { cwd: dir });
    expect(err).not.toContain('internal error');
    expect(code).toBe(0);
    expect(out).toMatch(/^PKI maturity \(PKIMM 1\.1\.0, methodology mode\): level \d /);
    expect(out).toContain('reports: pkimm-report/report.json, pkimm-report/report.md');

    const text = readFileSync(join(dir, 'pkimm-report/report.json'), 'utf8');
    const report = ScanReportSchema.parse(JSON.parse(text));
    expect(text).not.toMatch(/pkimm-demo-[A-Za-z0-9]{6}/);
    expect(report.summary.endpoints).toBe(4);
    const failed = new Set(report.findings.map((f) => f.ruleId));
    for (const id of ['cert-not-expired', 'cert-expiry-within-window', 'cert-rsa-key-min-2048', 'cert-signature-no-sha1', 'cert-tls-validity-max-398-days', 'tls-chain-trusted']) {
      expect(failed, id).toContain(id);
    }
    // The demo's answer for 7.4 (4) exceeds what the evidence allows: a conflict for the assessor.
    const r74 = report.assessment.requirements['7.4']!;
    expect(r74.source).toBe('merged');
    expect(r74.conflicts.some((c) => c.kind === 'cap-exceeded')).toBe(true);
    expect(report.assessment.categories['8']!.status).toBe('not-applicable');

    const md = readFileSync(join(dir, 'pkimm-report/report.md'), 'utf8');
    expect(md).toMatch(/^# PKI maturity: Level \d: \w+ \(\d\.\d\d\)/);
    for (const heading of ['## Modules', '## Categories', '## Automated and answered', '## Conflicts to resolve', '## Top findings', '## Collection']) expect(md).toContain(heading);
    expect(md).toContain('**7.4 Cert inventory** (cap-exceeded): answered 4, evidence caps at');
  });

  it('exits 1 with --fail-on when a failed check reaches the severity', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-demo-test-'));
    const { code, err } = await runCli(['scan', '--demo', '--quiet', '--fail-on', 'high'], { cwd: dir });
    expect(code).toBe(1);
    expect(err).toContain('failed checks reach severity high');
  });
});

describe('pkimm scan --config', () => {
  it('scans what the configuration names and writes reports next to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-scan-test-'));
    writeFileSync(join(dir, 'scan.yaml'), `collectors:\n  cert-file: { paths: ["${fixtures}rsa-2048.pem"] }\noutput: { dir: out, formats: [json] }\n`);
    const { code, out } = await runCli(['scan', '-c', 'scan.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(out).toContain('reports: out/report.json');
    const report = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
    expect(report.summary.certificates).toBe(1);
    // A second run carries the first run's time forward (scan history for the cadence assessors).
    await runCli(['scan', '-c', 'scan.yaml', '-q'], { cwd: dir });
    const second = JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'));
    expect(second.scan.previousScans).toEqual([report.scan.startedAt]);
  });

  it.each([
    ['collectors:\n  tls-endpoint: { targets: [nope] }\n', /^pkimm: scan configuration scan\.yaml: collectors\.tls-endpoint: targets/],
    ['collectors: {}\nconcurency: 3\n', /scan\.yaml: Unrecognized key: "concurency"/],
    ['collectors: [\n', /scan\.yaml: not valid YAML/],
    ['model: models/missing.yaml\ncollectors: {}\n', /missing\.yaml/],
    ['answers: missing-answers.yaml\ncollectors: {}\n', /answers file missing-answers\.yaml: file not found/],
  ])('rejects a bad configuration with one line and exit 2 (%#)', async (body, pattern) => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-scan-test-'));
    writeFileSync(join(dir, 'scan.yaml'), body);
    const { code, err } = await runCli(['scan', '-c', 'scan.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expect(err).toMatch(pattern);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 when neither --config nor --demo is given', async () => {
    const { code, err } = await runCli(['scan']);
    expect(code).toBe(2);
    expect(err).toBe('pkimm: scan: give --config FILE, or --demo to try it on a generated PKI with no network\n');
  });

  it('exits 2 on an unknown option, with usage help', async () => {
    const { code, err } = await runCli(['scan', '--bogus']);
    expect(code).toBe(2);
    expect(err).toContain("unknown option '--bogus'");
  });
});
