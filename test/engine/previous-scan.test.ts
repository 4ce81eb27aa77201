import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionProblem } from '../../model/evidence.js';
import { ScanConfig } from '../../src/config/scan-config.js';
import type { Logger } from '../../src/engine/collector-context.js';
import { loadPreviousScan, narrowPrevious, type PreviousScanOptions } from '../../src/engine/previous-scan.js';
import { scan } from '../../src/engine/scan.js';
import type { ScanReport } from '../../src/report/report.js';
import { reportOf } from '../helpers/report.js';
import { caConfigEvidence, crlEvidence } from '../rules/helpers.js';
import { hasOpenSsl } from '../helpers/tls-servers.js';

const BEFORE = '2026-11-15T00:00:00.000Z';
const NOW = new Date('2026-11-22T00:00:00Z');

/** A logger that keeps what it was told. */
function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, debug: () => undefined, info: (m) => lines.push(`info: ${m}`), warn: (m) => lines.push(`warn: ${m}`) };
}

const crlItem = (crlNumber: string, observedAt = BEFORE) => ({ ...crlEvidence({ crlNumber }, { observedAt }), id: 'crl:http://crl.example.test/issuing.crl', target: 'http://crl.example.test/issuing.crl' });

/** A previous report that ran the crl collector and holds one CRL with number 05. */
function previousReport(overrides: Record<string, unknown> = {}): ScanReport {
  const base = reportOf([crlItem('05')], BEFORE);
  return { ...base, scan: { startedAt: BEFORE, finishedAt: BEFORE, previousScans: [], collectors: { crl: { configured: 1, observed: 1, problems: 0, evidence: 1 } } }, ...overrides };
}

function options(dir: string, log: Logger, extra: Partial<PreviousScanOptions> = {}): PreviousScanOptions {
  return { outputReport: 'out/report.json', baseDir: dir, collectors: ['crl'], startedAt: NOW, log, ...extra };
}

describe('loadPreviousScan', () => {
  it('reads the output directory report once, for its evidence and its scan times', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-prev-'));
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out/report.json'), JSON.stringify(previousReport({ scan: { startedAt: BEFORE, finishedAt: BEFORE, previousScans: ['2026-11-08T00:00:00.000Z'], collectors: { crl: { configured: 1, observed: 1, problems: 0, evidence: 1 } } } })));
    const log = recorder();
    const loaded = await loadPreviousScan(options(dir, log));
    expect(loaded.outputScanTimes).toEqual([BEFORE, '2026-11-08T00:00:00.000Z']);
    expect(loaded.previous?.source).toBe('out/report.json');
    const view = narrowPrevious(loaded.previous!, ['crl'], []);
    expect(view.startedAt).toBe(BEFORE);
    expect(view.items('crl').map((c) => c.data.status === 'fetched' && c.data.crlNumber)).toEqual(['05']);
    expect(view.evidence('crl:http://crl.example.test/issuing.crl')?.kind).toBe('crl');
    expect(log.lines).toEqual([`info: comparing with the previous scan of ${BEFORE} (out/report.json)`]);
  });

  it('is silent without an output report, and prefers a given report to it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-prev-'));
    const log = recorder();
    expect(await loadPreviousScan(options(dir, log))).toEqual({ outputScanTimes: [] });
    expect(log.lines).toEqual([]);
    writeFileSync(join(dir, 'old.json'), JSON.stringify(previousReport()));
    const fromFile = await loadPreviousScan(options(dir, log, { given: 'old.json' }));
    expect(fromFile.previous?.source).toBe('old.json');
    const fromStore = await loadPreviousScan(options(dir, log, { given: { report: previousReport(), source: 'history scan 20261115' } }));
    expect(fromStore.previous?.source).toBe('history scan 20261115');
  });

  it.each([
    { name: 'not JSON', text: '{"tool": {"name": "pkimm-scan"', line: 'warn: previous report out/report.json: not valid JSON; comparing with no previous scan' },
    { name: 'not a report', text: '[1, 2, 3]', line: 'warn: previous report out/report.json: not a pkimm-scan report; comparing with no previous scan' },
    { name: 'a report with a broken shape', text: JSON.stringify({ ...previousReport(), findings: 'none' }), line: /^warn: previous report out\/report\.json: not a valid report: findings: .*; comparing with no previous scan$/ },
    { name: 'another schema version', text: JSON.stringify(previousReport({ schemaVersion: '2.0.0' })), line: 'info: note: previous report out/report.json: report schema version 2.0.0, this tool compares with 1.x only; ignored' },
    { name: 'a scoring-only report', text: JSON.stringify(previousReport({ scan: undefined })), line: 'info: note: previous report out/report.json: has no scan section (a scoring-only report); ignored' },
    {
      name: 'another scope',
      text: JSON.stringify(previousReport({ scan: { startedAt: BEFORE, finishedAt: BEFORE, previousScans: [], collectors: { adcs: { configured: 2, observed: 2, problems: 0, evidence: 2 } } } })),
      line: 'info: note: previous report out/report.json: another scope (it ran adcs; this scan runs crl); ignored',
    },
    {
      name: 'a report from after this scan',
      text: JSON.stringify(previousReport({ scan: { startedAt: '2026-11-23T00:00:00.000Z', finishedAt: BEFORE, previousScans: [], collectors: { crl: { configured: 1, observed: 1, problems: 0, evidence: 1 } } } })),
      line: 'info: note: previous report out/report.json: its scan started 2026-11-23T00:00:00.000Z, not before this scan (2026-11-22T00:00:00.000Z); ignored',
    },
  ])('ignores $name with one line, never throwing', async ({ text, line }) => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-prev-'));
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out/report.json'), text);
    const log = recorder();
    const loaded = await loadPreviousScan(options(dir, log));
    expect(loaded.previous).toBeUndefined();
    expect(log.lines).toHaveLength(1);
    if (typeof line === 'string') expect(log.lines[0]).toBe(line);
    else expect(log.lines[0]).toMatch(line);
  });

  it('skips a report over the size cap with one warning, without reading it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-prev-'));
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out/report.json'), JSON.stringify(previousReport()));
    const log = recorder();
    const loaded = await loadPreviousScan(options(dir, log, { maxBytes: 100 }));
    expect(loaded).toEqual({ outputScanTimes: [] });
    expect(log.lines).toEqual(['warn: previous report out/report.json: larger than 100 bytes; comparing with no previous scan']);
  });

  it('warns when the report given with --previous cannot be used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-prev-'));
    const log = recorder();
    await loadPreviousScan(options(dir, log, { given: 'missing.json' }));
    writeFileSync(join(dir, 'other.json'), JSON.stringify(previousReport({ schemaVersion: '0.9.0' })));
    await loadPreviousScan(options(dir, log, { given: 'other.json' }));
    expect(log.lines).toEqual([
      'warn: previous report missing.json: file not found; comparing with no previous scan',
      'warn: previous report other.json: report schema version 0.9.0, this tool compares with 1.x only; ignored; comparing with no previous scan',
    ]);
  });
});

describe('narrowPrevious', () => {
  const report = previousReport({
    evidence: [
      crlItem('05'),
      { ...crlEvidence({ crlNumber: '07', url: 'http://down.example.test/x.crl' }), id: 'crl:http://down.example.test/x.crl', target: 'http://down.example.test/x.crl' },
      { ...caConfigEvidence({ name: 'vault-dr pki/' }, 'ca-config:vault-dr#pki/'), collector: 'vault-pki', target: 'vault-dr#pki/' },
    ],
    problems: [{ collector: 'vault-pki', target: 'vault', code: 'connect', message: 'refused' }],
    scan: { startedAt: BEFORE, finishedAt: BEFORE, previousScans: [], collectors: { crl: { configured: 2, observed: 2, problems: 0, evidence: 2 }, 'vault-pki': { configured: 2, observed: 1, problems: 1, evidence: 1 } } },
  });

  it('keeps evidence of collectors that ran again, for targets observed now', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-prev-'));
    const { previous } = await loadPreviousScan(options(dir, recorder(), { given: { report, source: 'r' } }));
    expect(narrowPrevious(previous!, ['crl'], []).items('crl')).toHaveLength(2);
    const problems: CollectionProblem[] = [{ collector: 'crl', target: 'http://down.example.test/x.crl', code: 'timeout', message: 'timed out' }];
    expect(narrowPrevious(previous!, ['crl'], problems).items('crl').map((c) => c.id)).toEqual(['crl:http://crl.example.test/issuing.crl']);
    expect(narrowPrevious(previous!, ['cert-file'], []).items('crl')).toEqual([]);
  });

  it('knows which targets the previous scan observed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-prev-'));
    const { previous } = await loadPreviousScan(options(dir, recorder(), { given: { report, source: 'r' } }));
    const view = narrowPrevious(previous!, ['crl'], []);
    expect(view.observed('crl', 'http://crl.example.test/issuing.crl')).toBe(true);
    expect(view.observed('vault-pki', 'vault#pki_int/')).toBe(false);
    expect(view.observed('vault-pki', 'vault-dr#pki_int/')).toBe(true);
    expect(view.observed('vault-pki', 'vault-new#pki/')).toBe(false);
    expect(view.observed('adcs', 'anything')).toBe(false);
  });
});

/** Issues CRLs with chosen numbers from one openssl CA in `dir`; returns their DER bytes. */
function crlsWithNumbers(dir: string, numbers: readonly string[]): Buffer[] {
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-subj', '/CN=Regression Test CA', '-days', '30']);
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(
    join(dir, 'ca.cnf'),
    ['[ ca ]', 'default_ca = d', '[ d ]', `dir = ${dir}`, 'database = $dir/index.txt', 'crlnumber = $dir/crlnumber', 'certificate = $dir/ca.pem', 'private_key = $dir/ca.key', 'default_md = sha256', 'default_crl_days = 7', ''].join('\n'),
  );
  return numbers.map((n, i) => {
    writeFileSync(join(dir, 'crlnumber'), `${n}\n`);
    run(['ca', '-gencrl', '-config', 'ca.cnf', '-out', `crl-${i}.pem`]);
    run(['crl', '-in', `crl-${i}.pem`, '-outform', 'DER', '-out', `crl-${i}.der`]);
    return readFileSync(join(dir, `crl-${i}.der`));
  });
}

describe.runIf(hasOpenSsl())('two scans against a loopback CRL server whose CRL number goes from 5 to 4', () => {
  let server: Server;
  let served: Buffer;
  let older: Buffer;
  let dir: string;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pkimm-crl-regression-'));
    const [five, four] = crlsWithNumbers(dir, ['05', '04']);
    served = five!;
    older = four!;
    server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/pkix-crl' });
      res.end(served);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ca.crl`;
  }, 60_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('finds the regression in the second report, read from the first report in the output directory', async () => {
    const config = ScanConfig.parse({ network: { allow: ['127.0.0.1'] }, output: { dir: 'out' }, collectors: { crl: { urls: [url], cache: { enabled: false } } } });
    const first = await scan({ config, baseDir: dir, now: () => new Date(BEFORE) });
    expect(first.results.find((r) => r.ruleId === 'crl-number-monotonic')?.status).toBe('not-applicable');
    const firstCrl = first.evidence.find((e) => e.kind === 'crl');
    expect(firstCrl?.kind === 'crl' && firstCrl.data.status === 'fetched' && firstCrl.data.crlNumber).toBe('05');
    mkdirSync(join(dir, 'out'), { recursive: true });
    writeFileSync(join(dir, 'out/report.json'), JSON.stringify(first));

    served = older;
    const second = await scan({ config, baseDir: dir, now: () => NOW });
    const finding = second.findings.find((f) => f.ruleId === 'crl-number-monotonic');
    expect(finding).toMatchObject({ severity: 'high', evidenceId: `crl:${url}` });
    expect(finding?.message).toBe(`CRL ${url} of CN=Regression Test CA has CRL number 04, lower than 05 in the previous scan (${BEFORE}).`);
    expect(second.scan?.previousScans).toEqual([BEFORE]);

    // The same pair with the first report handed over (--previous, history store) instead of the output directory.
    const given = await scan({ config: ScanConfig.parse({ ...config, output: { dir: 'elsewhere' } }), baseDir: dir, now: () => NOW, previousReport: { report: first, source: 'first scan' } });
    expect(given.findings.filter((f) => f.ruleId === 'crl-number-monotonic')).toHaveLength(1);
  });
});

describe('two scans of an openssl CA configuration whose lifetime and digest change in between', () => {
  it('reports the drift and caps 9.3 at 3 in the second report; nothing in the first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-drift-'));
    cpSync(new URL('../../fixtures/ca-configs/openssl-ca/intermediate/', import.meta.url).pathname, join(dir, 'ca'), { recursive: true });
    const config = ScanConfig.parse({ output: { dir: 'out' }, collectors: { 'openssl-ca': { paths: ['ca/openssl.cnf'] } } });
    const first = await scan({ config, baseDir: dir, now: () => new Date(BEFORE) });
    expect(first.results.filter((r) => r.ruleId.startsWith('ca-config-')).map((r) => r.status)).toEqual(['not-applicable', 'not-applicable']);
    expect(first.statements.find((s) => s.ref === '9.3')?.kind).toBe('insufficient');
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out/report.json'), JSON.stringify(first));

    const cnf = join(dir, 'ca/openssl.cnf');
    writeFileSync(cnf, readFileSync(cnf, 'utf8').replace(/^default_days\s*=\s*375$/m, 'default_days    = 825').replace(/^default_md\s*=\s*sha256$/m, 'default_md      = sha1'));
    const second = await scan({ config, baseDir: dir, now: () => NOW });
    const drift = second.findings.filter((f) => f.ruleId === 'ca-config-unchanged');
    expect(drift).toHaveLength(1);
    expect(drift[0]?.severity).toBe('info');
    expect(drift[0]?.message).toMatch(/changed since the previous scan \(2026-11-15T00:00:00\.000Z\): .*validity 375d → 825d/);
    expect(drift[0]?.message).toMatch(/signature algorithms \+SHA-?1/i);
    expect(second.results.find((r) => r.ruleId === 'ca-config-not-removed')?.status).toBe('pass');
    const change = second.statements.find((s) => s.ref === '9.3');
    expect(change).toMatchObject({ kind: 'cap', level: 3, assessor: 'assess-change-process' });
  });
});
