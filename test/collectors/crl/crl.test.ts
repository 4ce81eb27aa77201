import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEvidence, CertificateData, CrlData, CrlFetchedData } from '../../../model/evidence.js';
import crl from '../../../collectors/crl/index.js';
import { CrlConfig } from '../../../collectors/crl/config.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';
import { certificateEvidenceFor, freePort, hasOpenssl, makeTestPki, sha256Of, type TestPki } from '../ocsp/test-pki.js';

describe.runIf(hasOpenssl())('crl collector against a loopback CRL server', () => {
  let pki: TestPki;
  let server: Server;
  let base: string;
  let cacheDir: string;
  const conditional: string[] = [];
  const hangs: ServerResponse[] = [];
  let now: Date;
  let evidence: (names: Parameters<typeof certificateEvidenceFor>[1][]) => AnyEvidence[];

  beforeAll(async () => {
    const crlPort = await freePort();
    pki = makeTestPki({ crlPort, ocspPort: 9 });
    now = new Date(pki.createdAt.getTime() + 3_600_000);
    cacheDir = mkdtempSync(join(tmpdir(), 'crl-cache-'));
    evidence = (names) => names.map((n) => certificateEvidenceFor(pki, n));
    const der = readFileSync(pki.files.crlDer);
    const tampered = Buffer.from(der);
    tampered[tampered.length - 5]! ^= 0x01;
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      switch (path) {
        case '/issuing.crl':
          if (req.headers['if-none-match'] !== undefined) conditional.push(req.headers['if-none-match']);
          if (req.headers['if-none-match'] === '"crl-42"') {
            res.writeHead(304, { ETag: '"crl-42"' });
            res.end();
            return;
          }
          res.writeHead(200, { 'Content-Type': 'application/pkix-crl', ETag: '"crl-42"' });
          res.end(der);
          return;
        case '/tampered.crl':
          res.writeHead(200);
          res.end(tampered);
          return;
        case '/garbage.crl':
          res.writeHead(200);
          res.end('<html>maintenance</html>');
          return;
        case '/truncated.crl':
          res.writeHead(200);
          res.end(der.subarray(0, der.length - 10));
          return;
        case '/big.crl':
          res.writeHead(200);
          res.end(Buffer.alloc(20_000, 0x30));
          return;
        case '/slow.crl':
          hangs.push(res);
          return;
        case '/loop.crl':
          res.writeHead(302, { Location: '/loop.crl' });
          res.end();
          return;
        case '/metadata.crl':
          res.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/' });
          res.end();
          return;
        default:
          res.writeHead(404);
          res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(crlPort, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${crlPort}`;
  }, 60_000);

  afterAll(async () => {
    for (const res of hangs) res.destroy();
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    pki?.cleanup();
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  });

  const run = async (config: Record<string, unknown>, collected: AnyEvidence[], network = { allow: ['127.0.0.1'] }) => {
    const ctx = fakeCollectorContext({ baseDir: pki.dir, collected, now, network });
    await crl.collect(CrlConfig.parse({ cache: { dir: cacheDir }, ...config }), ctx);
    const byTarget = new Map<string, CrlData>(ctx.emitted.filter((e) => e.kind === 'crl').map((e) => [e.target, e.data as CrlData]));
    return { ctx, byTarget };
  };
  const fetched = (data: CrlData | undefined): CrlFetchedData => {
    expect(data?.status).toBe('fetched');
    return data as CrlFetchedData;
  };

  it('fetches each distribution point once, verifies the CRL with the collected issuer and finds the revoked certificate', async () => {
    const { ctx, byTarget } = await run({}, evidence(['root', 'issuing', 'good', 'revoked', 'mustStaple', 'unknown', 'ldapOnly']));
    expect(ctx.problems).toEqual([]);
    const data = fetched(byTarget.get(`${base}/issuing.crl`));
    expect(data).toMatchObject({
      source: 'cdp',
      url: `${base}/issuing.crl`,
      format: 'DER',
      issuer: 'O=Revocation Test, CN=Test Issuing CA',
      hasNextUpdate: true,
      crlNumber: '2A',
      isDelta: false,
      entryCount: 1,
      reasonCounts: { keyCompromise: 1 },
      signatureAlgorithm: 'ecdsa-with-SHA256',
      signature: 'valid',
      issuerCertificate: sha256Of(pki, 'issuing'),
      checkedCertificates: 5,
      fetch: { httpStatus: 200, fromCache: false, redirects: 0, etag: '"crl-42"', contentType: 'application/pkix-crl' },
    });
    expect(data.sourceCertificates).toEqual(['good', 'revoked', 'mustStaple', 'unknown'].map((n) => sha256Of(pki, n as 'good')).sort());
    expect(data.revokedCertificates).toEqual([{ sha256: sha256Of(pki, 'revoked'), serialNumberHex: '1002', revokedAt: expect.any(String), reason: 'keyCompromise' }]);
    expect(Math.abs(Date.parse(data.revokedCertificates[0]!.revokedAt) - pki.createdAt.getTime())).toBeLessThan(2000);
    expect(data.headroomSeconds).toBeGreaterThan(7 * 86_400 - 3600 - 10);
    expect(data.headroomSeconds).toBeLessThanOrEqual(7 * 86_400 - 3600 + 10);
    const issuing = certificateEvidenceFor(pki, 'issuing').data as CertificateData;
    expect(data.authorityKeyId).toMatch(/^[0-9a-f]{40}$/);
    expect(data.authorityKeyId).toBe(issuing.subjectKeyIdentifier);
    expect(byTarget.get('ldap://ldap.test/cn=Issuing%20CA?certificateRevocationList')).toEqual({
      status: 'not-fetched',
      source: 'cdp',
      url: 'ldap://ldap.test/cn=Issuing%20CA?certificateRevocationList',
      scheme: 'ldap',
      reason: 'unsupported-scheme',
      sourceCertificates: [sha256Of(pki, 'ldapOnly')],
    });
  });

  it('revalidates with the cached ETag and reports the 304 with the cached body', async () => {
    await run({}, evidence(['issuing', 'good']));
    const before = conditional.length;
    const { byTarget } = await run({}, evidence(['issuing', 'good']));
    expect(conditional.length).toBeGreaterThan(before);
    expect(conditional.at(-1)).toBe('"crl-42"');
    const data = fetched(byTarget.get(`${base}/issuing.crl`));
    expect(data.fetch).toMatchObject({ httpStatus: 304, fromCache: true });
    expect(data.sha256).toBe(fetched((await run({ cache: { enabled: false } }, evidence(['issuing', 'good']))).byTarget.get(`${base}/issuing.crl`)).sha256);
    expect(readdirSync(cacheDir).length).toBe(2);
  });

  it('says issuer-unknown without the issuer, verifies with a configured issuer file, and says invalid for a bad signature', async () => {
    expect(fetched((await run({}, evidence(['good']))).byTarget.get(`${base}/issuing.crl`)).signature).toBe('issuer-unknown');
    const withFile = fetched((await run({ issuerFiles: ['issuing.pem'] }, evidence(['good']))).byTarget.get(`${base}/issuing.crl`));
    expect(withFile).toMatchObject({ signature: 'valid', issuerCertificate: sha256Of(pki, 'issuing') });
    const tampered = fetched((await run({ fromCertificates: false, urls: [`${base}/tampered.crl`] }, evidence(['issuing']))).byTarget.get(`${base}/tampered.crl`));
    expect(tampered.signature).toBe('invalid');
    expect(tampered.source).toBe('configured-url');
  });

  it('reads CRL files (PEM) and records them as such', async () => {
    const { ctx, byTarget } = await run({ fromCertificates: false, files: ['issuing.crl.pem', 'missing.crl'] }, evidence(['issuing', 'revoked']));
    expect(fetched(byTarget.get('issuing.crl.pem'))).toMatchObject({ source: 'file', file: 'issuing.crl.pem', format: 'PEM', signature: 'valid', checkedCertificates: 1 });
    expect(ctx.problems).toEqual([expect.objectContaining({ target: 'missing.crl', code: 'not-found' })]);
    expect(ctx.problems[0]!.message).not.toContain(pki.dir);
  });

  it('turns hostile servers into one problem each and carries on', async () => {
    const urls = ['garbage', 'truncated', 'big', 'slow', 'loop', 'metadata', 'missing'].map((n) => `${base}/${n}.crl`);
    const { ctx, byTarget } = await run({ urls, maxBytes: 10_000, timeoutMs: '300ms' }, evidence(['issuing', 'good']));
    const codes = Object.fromEntries(ctx.problems.map((p) => [p.target.replace(`${base}/`, ''), p.code]));
    expect(codes).toEqual({
      'garbage.crl': 'parse',
      'truncated.crl': 'parse',
      'big.crl': 'too-large',
      'slow.crl': 'timeout',
      'loop.crl': 'http-status',
      'metadata.crl': 'permission',
      'missing.crl': 'http-status',
    });
    for (const p of ctx.problems) expect(p.message.split('\n')).toHaveLength(1);
    expect(fetched(byTarget.get(`${base}/issuing.crl`)).signature).toBe('valid');
  });

  it('refuses loopback distribution points without a network.allow entry', async () => {
    const { ctx, byTarget } = await run({}, evidence(['issuing', 'good']), { allow: [] });
    expect(byTarget.get(`${base}/issuing.crl`)).toBeUndefined();
    expect(ctx.problems).toEqual([expect.objectContaining({ target: `${base}/issuing.crl`, code: 'permission' })]);
  });

  it('caps the number of URLs', async () => {
    const { ctx } = await run({ fromCertificates: false, urls: [`${base}/issuing.crl`, `${base}/other.crl`], maxUrls: 1 }, []);
    expect(ctx.problems).toEqual([expect.objectContaining({ target: 'crl:urls', code: 'too-large' })]);
  });
});

const realworld = new URL('../../../../shared/realworld/crl', import.meta.url).pathname;

describe.runIf(existsSync(join(realworld, 'INDEX.tsv')))('crl collector on real-world CRL files', () => {
  it('each CRL parses (or is one parse problem); the GlobalSign CRL verifies with its issuer', async () => {
    const files = readdirSync(realworld).filter((f) => /\.(crl|pem)$/.test(f));
    const ctx = fakeCollectorContext({ baseDir: realworld, now: new Date('2026-11-22T00:00:00Z') });
    await crl.collect(CrlConfig.parse({ fromCertificates: false, files, issuerFiles: ['pkijs__TestIssuerCert.cer'], cache: { enabled: false } }), ctx);
    const emitted = ctx.ofKind('crl') as CrlFetchedData[];
    expect(emitted.length + ctx.problems.length).toBe(files.length);
    expect(ctx.problems.every((p) => p.code === 'parse')).toBe(true);
    expect(emitted.length).toBeGreaterThan(files.length / 2);
    const globalsign = emitted.find((d) => d.file === 'pkijs__TestCRL.crl')!;
    expect(globalsign).toMatchObject({ entryCount: 190, signature: 'valid', hasNextUpdate: true });
    expect(globalsign.headroomSeconds).toBeLessThan(0);
    const noNext = emitted.find((d) => d.file === 'zlint__crlNotHaveNextUpdate.pem')!;
    expect(noNext.hasNextUpdate).toBe(false);
    expect(noNext.headroomSeconds).toBeUndefined();
    expect(emitted.find((d) => d.file === 'bc__rfc4134_CarlRSACRLForAll.crl')).toMatchObject({ signatureAlgorithm: 'md5WithRSAEncryption', signature: 'issuer-unknown', entryCount: 3 });
  });
});
