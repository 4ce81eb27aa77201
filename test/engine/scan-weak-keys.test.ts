import { X509Certificate } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScanConfig } from '../../src/config/scan-config.js';
import { scan } from '../../src/engine/scan.js';
import { debianFingerprint } from '../../src/pki/weak-keys.js';
import type { ScanReport } from '../../src/report/report.js';
import { issueCertificate, privateKeyPem } from '../../src/demo/pki.js';
import { startTlsServer, type RunningServer } from '../helpers/tls-servers.js';

const fixtures = new URL('../../fixtures/certificates/', import.meta.url).pathname;
const NOW = new Date('2026-11-22T00:00:00Z');

/** A folder with two RSA certificates and a blocklist (openssl-blacklist format) naming the first one's modulus. */
function estate(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pkimm-weak-scan-'));
  cpSync(join(fixtures, 'rsa-2048.pem'), join(dir, 'certs', 'weak.pem'));
  cpSync(join(fixtures, 'ca-root.pem'), join(dir, 'certs', 'other.pem'));
  const jwk = new X509Certificate(readFileSync(join(fixtures, 'rsa-2048.pem'))).publicKey.export({ format: 'jwk' });
  const fingerprint = debianFingerprint(new Uint8Array(Buffer.from(jwk.n!, 'base64url')));
  writeFileSync(join(dir, 'blacklist.RSA-2048'), `# generated for the test\n00005890bc78bcbee3ca\n${fingerprint}\n`);
  writeFileSync(join(dir, 'blacklist.RSA-4096'), '# another list\n3c40449f0aaee9f5eb7b\n');
  return dir;
}

const run = (dir: string, config: unknown): Promise<ScanReport> => scan({ config: ScanConfig.parse(config), baseDir: dir, now: () => NOW, previousScans: [] });

/** Certificate file name → its evidence id and rsaWeaknesses. */
function certificates(report: ScanReport): Record<string, { id: string; weaknesses: readonly string[] | undefined }> {
  const out: Record<string, { id: string; weaknesses: readonly string[] | undefined }> = {};
  for (const e of report.evidence) {
    if (e.kind === 'certificate') out[basename(e.data.sightings[0]!.location!.split('#')[0]!)] = { id: e.id, weaknesses: e.data.rsaWeaknesses };
  }
  return out;
}

/** Evidence ids the Debian weak-key check failed for. */
const debianFindings = (report: ScanReport): string[] => report.findings.filter((f) => f.ruleId === 'cert-key-not-debian-weak').map((f) => f.evidenceId ?? '');

describe('scan with Debian weak-key blocklists', () => {
  const collectors = { 'cert-file': { paths: ['certs'] } };

  it('flags the certificate whose modulus is listed, and the weak-key check fails for it only', async () => {
    const dir = estate();
    const report = await run(dir, { collectors, weakKeys: { debianBlocklists: ['blacklist.RSA-2048', 'blacklist.RSA-4096'] } });
    const found = certificates(report);
    expect(found['weak.pem']?.weaknesses).toEqual(['debian-weak']);
    expect(found['other.pem']?.weaknesses).toBeUndefined();
    expect(debianFindings(report)).toEqual([found['weak.pem']!.id]);
  });

  it('reports no Debian weakness without the configuration', async () => {
    const dir = estate();
    const report = await run(dir, { collectors });
    expect(certificates(report)['weak.pem']?.weaknesses).toBeUndefined();
    expect(debianFindings(report)).toEqual([]);
  });

  it.each([
    { lists: ['missing.list'], message: 'weak-key list missing.list: file not found' },
    { lists: ['bad.list'], message: 'weak-key list bad.list: line 1 is not a weak-key fingerprint' },
  ])('refuses $lists with one line naming the file', async ({ lists, message }) => {
    const dir = estate();
    writeFileSync(join(dir, 'bad.list'), 'not hex\n');
    await expect(run(dir, { collectors, weakKeys: { debianBlocklists: lists } })).rejects.toThrow(message);
  });
});

describe('scan with Debian weak-key blocklists and TLS probes in worker threads', () => {
  const servers: RunningServer[] = [];
  afterAll(() => Promise.all(servers.map((server) => server.close())));

  it('flags the RSA key a loopback server presents, parsed after the worker answered', async () => {
    const day = 86_400_000;
    const leaf = await issueCertificate({ subject: 'CN=weak.test', key: { type: 'RSA', bits: 2048 }, notBefore: new Date(NOW.getTime() - day), notAfter: new Date(NOW.getTime() + 30 * day) });
    const server = await startTlsServer({ cert: leaf.pem, key: await privateKeyPem(leaf.keys) });
    servers.push(server);
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-weak-tls-'));
    const jwk = new X509Certificate(leaf.der).publicKey.export({ format: 'jwk' });
    writeFileSync(join(dir, 'blacklist.RSA-2048'), `${debianFingerprint(new Uint8Array(Buffer.from(jwk.n!, 'base64url')))}\n`);
    const report = await run(dir, { collectors: { 'tls-endpoint': { targets: [server.target], workers: 1, timeoutMs: 5000 } }, weakKeys: { debianBlocklists: ['blacklist.RSA-2048'] } });
    const served = report.evidence.filter((e) => e.kind === 'certificate');
    expect(served.map((e) => e.kind === 'certificate' && e.data.rsaWeaknesses)).toEqual([['debian-weak']]);
    expect(debianFindings(report)).toEqual([served[0]!.id]);
  });
});
