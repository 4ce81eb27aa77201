import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import crtsh from '../../../collectors/crtsh/index.js';
import type { CtCrtshQueryData } from '../../../model/evidence.js';
import { createHttpClient } from '../../../src/engine/http-client.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';
import { logListJson, makeCa, makeLeaf, makeLog } from '../../ct/helpers/ct-fixtures.js';

const fixture = readFileSync(new URL('../../../fixtures/ct/crtsh-fixture.test.json', import.meta.url));
const realworld = new URL('../../../../shared/realworld/ct/crtsh__example.com.json', import.meta.url);
const noLookup = () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
const http = createHttpClient({ userAgent: 'pkimm-scan-test', resolver: noLookup });
const fast = { requestIntervalMs: 0, retryBaseDelayMs: 0, maxRetryDelayMs: 0 };

/** Answers crt.sh searches from a map of identity → body (404 for anything else) and counts requests. */
function crtshServer(answers: Record<string, string | Buffer | [number, string]>): { asked: string[] } {
  const asked: string[] = [];
  nock('https://crt.sh')
    .persist()
    .get('/')
    .query(true)
    .reply((uri) => {
      const params = new URL(uri, 'https://crt.sh').searchParams;
      const key = params.get('q') ?? `d=${params.get('d')}`;
      asked.push(key);
      const answer = answers[key];
      if (answer === undefined) return [404, 'not here'];
      return Array.isArray(answer) ? answer : [200, answer];
    });
  return { asked };
}

const row = (id: number, serial: string, issuer: string, names: string[], notBefore = '2026-10-01T00:00:00') => ({
  issuer_ca_id: 77,
  issuer_name: issuer,
  common_name: names[0],
  name_value: names.join('\n'),
  id,
  entry_timestamp: `${notBefore}.5`,
  not_before: notBefore,
  not_after: '2026-12-30T00:00:00',
  serial_number: serial,
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pkimm-crtsh-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('crtsh collector', () => {
  it('records each certificate once across domains, with the domains it names, and one query summary per domain', async () => {
    const { asked } = crtshServer({
      'fixture.test': fixture,
      '%.fixture.test': '[]',
      'other.test': JSON.stringify([JSON.parse(fixture.toString())[4]]),
      '%.other.test': '[]',
    });
    const ctx = fakeCollectorContext({ http });
    await crtsh.collect(crtsh.config.parse({ domains: ['Fixture.Test.', 'other.test'], ...fast }), ctx);

    expect(asked).toEqual(['fixture.test', '%.fixture.test', 'other.test', '%.other.test']);
    const entries = ctx.emitted.filter((e) => e.kind === 'ct-log-entry');
    expect(entries.map((e) => e.target)).toEqual(['fixture.test#crt.sh:500010', 'fixture.test#crt.sh:500001', 'fixture.test#crt.sh:500030']);
    const [wildcard, pair, shared] = ctx.ofKind('ct-log-entry');
    expect(pair).toEqual({
      source: 'crtsh',
      logUrl: 'https://crt.sh',
      crtshIds: [500001, 500002],
      issuerCaId: 9001,
      loggedAt: '2026-10-01T00:05:00.250Z',
      issuer: 'C=XX, O=Fixture Trust, Inc., CN=Fixture Public CA R1',
      serialNumberHex: 'A1B2C3D4',
      commonName: 'www.fixture.test',
      dnsNames: ['fixture.test', 'www.fixture.test'],
      notBefore: '2026-10-01T00:00:00.000Z',
      notAfter: '2026-12-30T00:00:00.000Z',
      matchedDomains: ['fixture.test'],
    });
    expect(wildcard?.issuer).toBe('C=XX, O=Shadow Certs Ltd, CN=Shadow Issuing CA');
    expect(shared?.matchedDomains).toEqual(['fixture.test', 'other.test']);

    const queries = ctx.ofKind('ct-query') as CtCrtshQueryData[];
    expect(queries.map((q) => [q.domain, q.rowsReturned, q.entries, q.entriesEmitted, q.complete])).toEqual([
      ['fixture.test', 5, 3, 3, false],
      ['other.test', 1, 1, 0, true],
    ]);
    expect(queries[0]?.unfetched).toEqual([{ query: 'fixture.test', reason: '1 unreadable rows' }]);
    expect(ctx.problems).toEqual([{ target: 'fixture.test', code: 'parse', message: 'crt.sh fixture.test: 1 rows unreadable and skipped' }]);
  });

  it('sends exclude=expired and the match mode only when configured', async () => {
    const seen: string[] = [];
    nock('https://crt.sh')
      .persist()
      .get('/')
      .query(true)
      .reply((uri) => {
        seen.push(uri);
        return [200, '[]'];
      });
    await crtsh.collect(crtsh.config.parse({ domains: ['a.test'], includeSubdomains: false, excludeExpired: false, match: '=', ...fast }), fakeCollectorContext({ http }));
    await crtsh.collect(crtsh.config.parse({ domains: ['a.test'], includeSubdomains: false, ...fast }), fakeCollectorContext({ http }));
    expect(seen).toEqual(['/?q=a.test&output=json&match=%3D', '/?q=a.test&output=json&exclude=expired']);
  });

  it('records what could not be fetched and raises one problem per domain', async () => {
    crtshServer({ 'fail.test': '[]', '%.fail.test': [503, 'busy'] });
    const ctx = fakeCollectorContext({ http });
    await crtsh.collect(crtsh.config.parse({ domains: ['fail.test'], maxSplitDepth: 0, retries: 1, ...fast }), ctx);
    const [query] = ctx.ofKind('ct-query') as CtCrtshQueryData[];
    expect(query?.requests).toEqual([
      { query: 'fail.test', outcome: 'ok', rows: 0, attempts: 1 },
      { query: '%.fail.test', outcome: 'failed', reason: 'http-status', attempts: 2 },
    ]);
    expect(query?.unfetched).toEqual([{ query: '%.fail.test', reason: 'http-status' }]);
    expect(query?.complete).toBe(false);
    expect(ctx.problems).toEqual([{ target: 'fail.test', code: 'http-status', message: 'crt.sh fail.test: 1 of 2 searches not fetched; first "%.fail.test": https://crt.sh/: HTTP 503' }]);
  });

  it('keeps the most recent certificates when a domain has more than maxEntriesPerDomain', async () => {
    crtshServer({ 'fixture.test': fixture, '%.fixture.test': '[]' });
    const ctx = fakeCollectorContext({ http });
    await crtsh.collect(crtsh.config.parse({ domains: ['fixture.test'], maxEntriesPerDomain: 1, ...fast }), ctx);
    expect(ctx.ofKind('ct-log-entry').map((e) => e.crtshIds)).toEqual([[500010]]);
    expect(ctx.problems.map((p) => [p.code, p.message])).toContainEqual(['too-large', 'crt.sh fixture.test: 3 certificates found; 2 beyond maxEntriesPerDomain (1) not recorded']);
    expect((ctx.ofKind('ct-query')[0] as CtCrtshQueryData).unfetched).toContainEqual({ query: 'fixture.test', reason: 'maxEntriesPerDomain: 2 more certificates not recorded' });
  });

  describe('certificate downloads', () => {
    const ca = makeCa('Download Test CA');
    const log = makeLog();
    const final = makeLeaf({ cn: 'www.dl.test', dnsNames: ['www.dl.test'], serialHex: '7001', issuer: ca, logs: [log], sctTimeMs: Date.parse('2026-10-01T00:05:00Z') });
    const precert = makeLeaf({ cn: 'www.dl.test', dnsNames: ['www.dl.test'], serialHex: '7001', issuer: ca, poison: true });
    const other = makeLeaf({ cn: 'api.dl.test', dnsNames: ['api.dl.test'], serialHex: '7002', issuer: ca });
    const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64')}\n-----END CERTIFICATE-----\n`;
    const issuer = 'CN=Download Test CA, O=CT fixtures';
    const rows = JSON.stringify([row(700001, '7001', issuer, ['www.dl.test']), row(700002, '7001', issuer, ['www.dl.test']), row(700003, '7002', issuer, ['api.dl.test'], '2026-09-01T00:00:00')]);
    const discoveredCa = certificateEvidence({ subject: issuer, isCa: true, spkiSha256: Buffer.from(ca.keyHash).toString('hex') });

    it('downloads the final certificate (past the precertificate), names and verifies its SCTs', async () => {
      await writeFile(join(dir, 'logs.json'), logListJson([{ log, description: "Test 'Alpha' log", url: 'https://alpha.log.test/' }], 'Test Operator'));
      crtshServer({ 'dl.test': rows, '%.dl.test': '[]', 'd=700002': pem(precert.der), 'd=700001': pem(final.der), 'd=700003': pem(final.der) });
      const ctx = fakeCollectorContext({ http, baseDir: dir, collected: [discoveredCa] });
      await crtsh.collect(crtsh.config.parse({ domains: ['dl.test'], maxCertificateDownloads: 3, logList: 'logs.json', ...fast }), ctx);
      const [www, api] = ctx.ofKind('ct-log-entry');
      expect(www?.sha256).toBe(createHash('sha256').update(final.der).digest('hex'));
      expect(www?.entryType).toBe('x509');
      expect(www?.certificate?.subjectAltNames).toEqual(['DNS:www.dl.test']);
      expect(www?.embeddedScts).toEqual([{ logId: log.logId, logName: "Test 'Alpha' log", logOperator: 'Test Operator', timestamp: '2026-10-01T00:05:00.000Z', status: 'valid' }]);
      // the third download returned a certificate with another serial: not attached, reported
      expect(api?.sha256).toBeUndefined();
      expect(ctx.problems).toEqual([{ target: 'dl.test', code: 'parse', message: 'crt.sh ?d=700003: certificate does not match the search row (issuer or serial differs)' }]);
      expect((ctx.ofKind('ct-query')[0] as CtCrtshQueryData).certificatesDownloaded).toBe(3);
    });

    it('stops downloading at maxCertificateDownloads and marks SCTs unverified without a known issuer key', async () => {
      await writeFile(join(dir, 'logs.json'), logListJson([{ log, description: "Test 'Alpha' log", url: 'https://alpha.log.test/' }]));
      const { asked } = crtshServer({ 'dl.test': rows, '%.dl.test': '[]', 'd=700002': pem(final.der), 'd=700003': pem(other.der) });
      const ctx = fakeCollectorContext({ http, baseDir: dir });
      await crtsh.collect(crtsh.config.parse({ domains: ['dl.test'], maxCertificateDownloads: 1, logList: 'logs.json', ...fast }), ctx);
      expect(asked).toEqual(['dl.test', '%.dl.test', 'd=700002']);
      expect(ctx.ofKind('ct-log-entry')[0]?.embeddedScts?.map((s) => s.status)).toEqual(['unverified']);
      expect(ctx.ofKind('ct-log-entry')[1]?.certificate).toBeUndefined();
    });

    it('reports a failed download with the crt.sh id and keeps the search metadata', async () => {
      crtshServer({ 'dl.test': rows, '%.dl.test': '[]', 'd=700003': pem(other.der) });
      const ctx = fakeCollectorContext({ http });
      await crtsh.collect(crtsh.config.parse({ domains: ['dl.test'], maxCertificateDownloads: 1, ...fast }), ctx);
      expect(ctx.problems).toEqual([{ target: 'dl.test', code: 'http-status', message: 'crt.sh ?d=700002: https://crt.sh/: HTTP 404' }]);
      expect(ctx.ofKind('ct-log-entry').map((e) => [e.crtshIds, e.sha256])).toEqual([
        [[700001, 700002], undefined],
        [[700003], undefined],
      ]);
    });

    it('reports an unreadable log list and goes on', async () => {
      crtshServer({ 'dl.test': rows, '%.dl.test': '[]', 'd=700002': pem(final.der), 'd=700003': pem(other.der) });
      const ctx = fakeCollectorContext({ http, baseDir: dir });
      await crtsh.collect(crtsh.config.parse({ domains: ['dl.test'], maxCertificateDownloads: 2, logList: 'nope.json', ...fast }), ctx);
      expect(ctx.problems).toEqual([{ target: 'nope.json', code: 'not-found', message: 'nope.json: no such file or directory' }]);
      expect(ctx.ofKind('ct-log-entry')[0]?.embeddedScts?.map((s) => s.status)).toEqual(['unknown-log']);
    });
  });

  it.runIf(existsSync(realworld))('reads a real crt.sh answer for example.com', async () => {
    crtshServer({ 'example.com': readFileSync(realworld) });
    const ctx = fakeCollectorContext({ http });
    await crtsh.collect(crtsh.config.parse({ domains: ['example.com'], includeSubdomains: false, ...fast }), ctx);
    const entries = ctx.ofKind('ct-log-entry');
    const [query] = ctx.ofKind('ct-query') as CtCrtshQueryData[];
    expect(query?.rowsReturned).toBe(22);
    // 14 distinct certificates: two name example.com only in an e-mail address, one only in a CN that is no host name
    expect(query?.entries).toBe(11);
    expect(entries).toHaveLength(11);
    expect(entries.every((e) => e.matchedDomains.includes('example.com'))).toBe(true);
    expect(new Set(entries.map((e) => `${e.issuer}|${e.serialNumberHex}`)).size).toBe(11);
  });

  it('validates domains, rejects unknown keys and counts one target per domain', () => {
    expect(crtsh.config.safeParse({ domains: ['not a domain'] }).success).toBe(false);
    expect(crtsh.config.safeParse({ domains: ['localhost'] }).success).toBe(false);
    expect(crtsh.config.safeParse({ domains: [], bogus: 1 }).success).toBe(false);
    expect(crtsh.config.parse({ domains: ['*.Example.ORG'] }).domains).toEqual(['example.org']);
    expect(crtsh.countTargets(crtsh.config.parse({ domains: ['a.test', 'b.test'] }))).toBe(2);
  });
});
