import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDays } from '../../src/cli/commands/inventory.js';
import { parseCsv } from '../../src/inventory/declared.js';
import { runCli } from '../helpers/cli.js';
import { issue, type TestCert } from '../inventory/helpers/evidence.js';
import { buildCertificate, rsaSpki } from '../inventory/helpers/cert-builder.js';

const NOW = '2026-11-22T00:00:00Z';
const pem = (der: Uint8Array): string => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;

const root = issue('root', { subject: 'CN=CLI Root CA', ca: true, notBefore: '2020-01-01T00:00:00Z', notAfter: '2040-01-01T00:00:00Z' });
const issuing = issue('issuing', { subject: 'CN=CLI Issuing CA', issuer: root, ca: true, notBefore: '2021-01-01T00:00:00Z', notAfter: '2031-01-01T00:00:00Z' });
const soon = issue('soon', { subject: 'CN=soon.cli.test', issuer: issuing, dnsNames: ['soon.cli.test'], notAfter: '2026-12-01T00:00:00Z' });
const later = issue('later', { subject: 'CN=later.cli.test', issuer: issuing, dnsNames: ['later.cli.test'], notAfter: '2027-09-01T00:00:00Z' });
const rsa: TestCert = {
  name: 'rsa',
  der: buildCertificate({ subject: 'CN=rsa.cli.test', issuer: 'CN=Other CA', spki: rsaSpki(`c${'3'.repeat(511)}`), notAfter: new Date('2027-03-01T00:00:00Z') }),
  key: root.key,
  subject: 'CN=rsa.cli.test',
  sha256: '',
};

/** A folder with the certificates as PEM files, a declared inventory and a scan configuration. */
function estate(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pkimm-cli-inv-'));
  mkdirSync(join(dir, 'certs'));
  writeFileSync(join(dir, 'certs', 'chain.pem'), pem(issuing.der) + pem(root.der));
  writeFileSync(join(dir, 'certs', 'soon.pem'), pem(soon.der));
  writeFileSync(join(dir, 'certs', 'later.pem'), pem(later.der));
  writeFileSync(join(dir, 'certs', 'rsa.pem'), pem(rsa.der));
  writeFileSync(join(dir, 'cmdb.csv'), `sha256,owner,location,state\n${soon.sha256},web,web01,active\n${'ef'.repeat(32)},x,gone,active\n`);
  writeFileSync(
    join(dir, 'pkimm.yaml'),
    'collectors:\n  cert-file: { paths: [certs] }\ninventory:\n  declared: cmdb.csv\noutput: { dir: out }\n',
  );
  return dir;
}

const dataRows = (out: string): string[] => out.split('\n').slice(1).filter((l) => /^[0-9a-f]{12}\s/.test(l));

describe('pkimm inventory', () => {
  const dir = estate();
  const run = (...args: string[]) => runCli(['inventory', ...args, '--now', NOW], { cwd: dir });

  it('prints the inventory of a scan configuration as a table, with the reconciliation', async () => {
    const { code, out } = await run('--config', 'pkimm.yaml', '--quiet');
    expect(code).toBe(0);
    expect(dataRows(out).map((l) => l.split(/\s{2,}/)[2])).toEqual(['soon.cli.test', 'rsa.cli.test', 'later.cli.test', 'CLI Issuing CA', 'CLI Root CA']);
    expect(out).toContain('5 of 5 certificate(s) shown: 1 root(s), 1 intermediate(s), 3 leaf certificate(s) in total; 0 expired; 1 with the issuer not found.');
    expect(out).toContain('Declared inventory cmdb.csv: 2 record(s), 1 matched, 1 not observed, 0 stale; 4 valid observed certificate(s) not declared (inv_match 20.0 %).');
  });

  it('reads a report written by pkimm scan, with its reconciliation counts', async () => {
    const scanned = await runCli(['scan', '--config', 'pkimm.yaml', '--quiet', '--format', 'json'], { cwd: dir });
    expect(scanned.code).toBe(0);
    const { code, out } = await run('--report', 'out/report.json');
    expect(code).toBe(0);
    expect(dataRows(out)).toHaveLength(5);
    expect(out).toContain('(inv_match 20.0 %)');
  });

  it.each([
    { args: ['--key-type', 'rsa'], subjects: ['rsa.cli.test'] },
    { args: ['--key-type', 'ec,mldsa'], subjects: ['soon.cli.test', 'later.cli.test', 'CLI Issuing CA', 'CLI Root CA'] },
    { args: ['--ca-only'], subjects: ['CLI Issuing CA', 'CLI Root CA'] },
    { args: ['--issuer', 'cli issuing'], subjects: ['soon.cli.test', 'later.cli.test'] },
    { args: ['--expiring-within', '30d'], subjects: ['soon.cli.test'] },
    { args: ['--expiring-within', '2w'], subjects: ['soon.cli.test'] },
    { args: ['--expiring-within', '6'], subjects: [] },
    { args: ['--source', 'tls-endpoint'], subjects: [] },
    { args: ['--source', 'cert-file', '--ca-only'], subjects: ['CLI Issuing CA', 'CLI Root CA'] },
  ])('filters with $args', async ({ args, subjects }) => {
    const { code, out } = await run('--config', 'pkimm.yaml', '--quiet', ...args);
    expect(code).toBe(0);
    expect(dataRows(out).map((l) => l.split(/\s{2,}/)[2])).toEqual(subjects);
  });

  it('writes quoted CSV to a file', async () => {
    const { code, err } = await run('--config', 'pkimm.yaml', '--format', 'csv', '-o', 'inventory.csv');
    expect(code).toBe(0);
    expect(err).toContain('inventory: 5 certificate(s) written to inventory.csv');
    const text = readFileSync(join(dir, 'inventory.csv'), 'utf8');
    expect(text.split('\r\n')[0]).toMatch(/^sha256,role,subject,issuer,serial,/);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r[2] === 'CN=rsa.cli.test')).toEqual(expect.arrayContaining(['RSA', '2048', 'not-found']));
  });

  it('prints JSON with the full reconciliation lists', async () => {
    const { code, out } = await run('--config', 'pkimm.yaml', '--quiet', '--format', 'json', '--ca-only');
    expect(code).toBe(0);
    const data = JSON.parse(out) as { certificates: { subject: string; role: string }[]; reconciliation: { notObserved: { row: number }[]; invMatch: number } };
    expect(data.certificates.map((c) => [c.subject, c.role])).toEqual(
      expect.arrayContaining([
        ['CN=CLI Root CA', 'root'],
        ['CN=CLI Issuing CA', 'intermediate'],
      ]),
    );
    expect(data.reconciliation.notObserved).toEqual([{ row: 2, identity: 'ef'.repeat(32) }]);
    expect(data.reconciliation.invMatch).toBe(0.2);
  });

  it('draws the CA hierarchy with --tree', async () => {
    const { code, out } = await run('--config', 'pkimm.yaml', '--quiet', '--tree');
    expect(code).toBe(0);
    expect(out.split('\n').filter(Boolean).map((l) => l.replace(/\s+\[.*$/, ''))).toEqual([
      'CLI Root CA',
      '└─ CLI Issuing CA',
      '   ├─ later.cli.test',
      '   └─ soon.cli.test',
      'rsa.cli.test',
    ]);
  });

  it.each([
    { args: [], message: 'inventory: give exactly one of --report REPORT.json, --config FILE or --demo' },
    { args: ['--config', 'pkimm.yaml', '--demo'], message: 'give exactly one of' },
    { args: ['--config', 'pkimm.yaml', '--format', 'xml'], message: '--format xml: expected table, json or csv' },
    { args: ['--config', 'pkimm.yaml', '--key-type', 'rsa,quantum'], message: '--key-type quantum: unknown key type' },
    { args: ['--config', 'pkimm.yaml', '--expiring-within', 'soon'], message: '--expiring-within soon: expected a duration' },
    { args: ['--config', 'pkimm.yaml', '--tree', '--format', 'csv'], message: '--tree draws text' },
    { args: ['--report', 'missing.json'], message: 'report missing.json: file not found' },
  ])('exits 2 with one line for $args', async ({ args, message }) => {
    const { code, err, out } = await run(...args);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(out).toBe('');
  });

  it.each([
    ['30d', 30],
    ['12h', 0.5],
    ['2w', 14],
    ['1y', 365],
    ['7', 7],
  ])('reads the duration %s as %d days', (text, days) => {
    expect(parseDays(text, '--expiring-within')).toBe(days);
  });
});

describe('pkimm inventory --demo', () => {
  it('inventories the demo PKI with its reconciliation', async () => {
    const { code, out } = await runCli(['inventory', '--demo', '--quiet', '--format', 'json'], { cwd: mkdtempSync(join(tmpdir(), 'pkimm-cli-inv-demo-')) });
    expect(code).toBe(0);
    const data = JSON.parse(out) as { summary: { roots: number; intermediates: number; leaves: number; reconciliation?: { declaredRecords: number } } };
    expect(data.summary.roots).toBe(1);
    expect(data.summary.intermediates).toBeGreaterThanOrEqual(2);
    expect(data.summary.leaves).toBeGreaterThanOrEqual(6);
    expect(data.summary.reconciliation?.declaredRecords).toBe(4);
  });
});
