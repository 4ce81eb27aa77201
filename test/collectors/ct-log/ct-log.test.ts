import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ctLog from '../../../collectors/ct-log/index.js';
import type { CtLogQueryData } from '../../../model/evidence.js';
import type { Collector } from '../../../src/engine/define-collector.js';
import { collect } from '../../../src/engine/collect.js';
import { silentLogger } from '../../../src/engine/collector-context.js';
import { nodeFileSystem } from '../../../src/engine/file-system.js';
import { createHttpClient } from '../../../src/engine/http-client.js';
import { createTlsProbe } from '../../../src/engine/tls-probe.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';
import { extraData, leafInput, logListJson, makeCa, makeLeaf, makeLog, makePrecertSigner, sthJson } from '../../ct/helpers/ct-fixtures.js';
import { type CtLogServer, type ServedEntry, startCtLogServer } from '../../ct/helpers/ct-log-server.js';

const http = createHttpClient({ userAgent: 'pkimm-scan-test', network: { allow: ['127.0.0.1'] } });
const fast = { retries: 0, retryBaseDelayMs: 0, maxRetryDelayMs: 0, timeoutMs: 5000 };
const ca = makeCa('Log Test CA');
const otherCa = makeCa('Unrelated CA');
const log = makeLog();
const sctLog = makeLog();
const T0 = Date.parse('2026-10-01T00:00:00Z');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** 30 entries: x509 and precert entries for watch.test (12, 20, 22, 25) among unrelated ones, one undecodable leaf at 17. */
function buildEntries(): { entries: ServedEntry[]; finalLeaf: Uint8Array } {
  const entries: ServedEntry[] = [];
  const finalLeaf = makeLeaf({ cn: 'www.watch.test', dnsNames: ['www.watch.test', 'watch.test'], serialHex: '5001', issuer: ca, logs: [sctLog], sctTimeMs: T0 }).der;
  const precert = makeLeaf({ cn: 'api.watch.test', dnsNames: ['api.watch.test'], serialHex: '5002', issuer: ca, poison: true });
  const signed = makeLeaf({ cn: 'signed.watch.test', dnsNames: ['signed.watch.test'], serialHex: '5004', issuer: ca, poison: true });
  for (let i = 0; i < 30; i++) {
    const time = T0 + i * 1000;
    if (i === 12) entries.push({ leafInput: leafInput(time, { type: 'x509', certificate: finalLeaf }), extraData: extraData({ type: 'x509', chain: [ca.der] }) });
    else if (i === 20) {
      entries.push({
        leafInput: leafInput(time, { type: 'precert', issuerKeyHash: ca.keyHash, tbsCertificate: precert.precertTbs }),
        extraData: extraData({ type: 'precert', precertificate: precert.der, chain: [ca.der] }),
      });
    } else if (i === 25) {
      const deep = makeLeaf({ cn: 'a.b.watch.test', dnsNames: ['a.b.watch.test'], serialHex: '5003', issuer: ca });
      entries.push({ leafInput: leafInput(time, { type: 'x509', certificate: deep.der }), extraData: extraData({ type: 'x509', chain: [ca.der] }) });
    } else if (i === 22) {
      // logged by a precertificate signing certificate: the chain starts with it, the real CA follows
      entries.push({
        leafInput: leafInput(time, { type: 'precert', issuerKeyHash: ca.keyHash, tbsCertificate: signed.precertTbs }),
        extraData: extraData({ type: 'precert', precertificate: signed.der, chain: [makePrecertSigner(ca), ca.der] }),
      });
    } else if (i === 17) entries.push({ leafInput: Uint8Array.of(0, 0, 1, 2), extraData: Uint8Array.of() });
    else {
      const other = makeLeaf({ cn: `host${i}.elsewhere.test`, dnsNames: [`host${i}.elsewhere.test`, 'notwatch.test'], serialHex: (0x6000 + i).toString(16), issuer: otherCa });
      entries.push({ leafInput: leafInput(time, { type: 'x509', certificate: other.der }), extraData: extraData({ type: 'x509', chain: [otherCa.der] }) });
    }
  }
  return { entries, finalLeaf };
}

let server: CtLogServer;
let dir: string;
let built: ReturnType<typeof buildEntries>;
let failSth = false;

beforeAll(async () => {
  built = buildEntries();
  dir = await mkdtemp(join(tmpdir(), 'pkimm-ct-log-'));
  server = await startCtLogServer({
    prefix: '/2026/',
    entries: built.entries,
    sth: sthJson(log, 30, Date.parse('2026-11-21T23:00:00Z')),
    roots: [ca.der, otherCa.der],
    maxPerRequest: 7,
    override: (path) => (failSth && path === 'ct/v1/get-sth' ? [500, '{}'] : undefined),
  });
  await writeFile(
    join(dir, 'logs.json'),
    logListJson([
      { log, description: "Test 'Watch2026' log", url: server.url },
      { log: sctLog, description: "Test 'Embedded' log", url: 'https://embedded.log.test/' },
    ]),
  );
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const run = async (config: Record<string, unknown>) => {
  const ctx = fakeCollectorContext({ http, baseDir: dir });
  await ctLog.collect(ctLog.config.parse({ domains: ['watch.test'], logList: 'logs.json', ...fast, ...config }), ctx);
  return { ctx, query: ctx.ofKind('ct-query')[0] as CtLogQueryData, entries: ctx.ofKind('ct-log-entry') };
};

describe('ct-log collector', () => {
  it('reads the tail of a log through short answers and records matching x509 and precert entries', async () => {
    const { ctx, query, entries } = await run({ logs: [server.url], tailEntries: 25, batchSize: 10 });
    expect(query).toMatchObject({
      source: 'ct-log',
      logUrl: server.url,
      logName: "Test 'Watch2026' log",
      logId: log.logId,
      treeSize: 30,
      sthTimestamp: '2026-11-21T23:00:00.000Z',
      sthSignature: 'valid',
      window: { start: 5, end: 29 },
      startFrom: 'tail',
      entriesRead: 25,
      entriesUndecodable: 1,
      entriesMatched: 4,
      entriesEmitted: 4,
      nextIndex: 30,
      complete: true,
      domains: ['watch.test'],
    });
    expect(query.shortReads).toBeGreaterThan(0);
    expect(ctx.emitted.filter((e) => e.kind === 'ct-log-entry').map((e) => e.target)).toEqual([`${server.url}#12`, `${server.url}#20`, `${server.url}#22`, `${server.url}#25`]);

    const [x509, precert, signedByPrecertSigner, deep] = entries;
    expect(x509).toMatchObject({
      source: 'ct-log',
      index: 12,
      entryType: 'x509',
      loggedAt: new Date(T0 + 12_000).toISOString(),
      issuer: 'CN=Log Test CA, O=CT fixtures',
      serialNumberHex: '5001',
      commonName: 'www.watch.test',
      dnsNames: ['watch.test', 'www.watch.test'],
      sha256: sha256(built.finalLeaf),
      issuerSha256: sha256(ca.der),
      matchedDomains: ['watch.test'],
      embeddedScts: [{ logId: sctLog.logId, logName: "Test 'Embedded' log", logOperator: 'Fixture Operator', timestamp: new Date(T0).toISOString(), status: 'valid' }],
    });
    expect(x509?.certificate?.sha256).toBe(x509?.sha256);
    expect(precert).toMatchObject({ index: 20, entryType: 'precert', serialNumberHex: '5002', dnsNames: ['api.watch.test'], issuerKeyHash: Buffer.from(ca.keyHash).toString('hex'), issuerSha256: sha256(ca.der) });
    expect(precert?.sha256).toBeUndefined();
    expect(signedByPrecertSigner).toMatchObject({ index: 22, entryType: 'precert', issuer: 'CN=Log Test CA, O=CT fixtures', issuerSha256: sha256(ca.der) });
    expect(deep?.dnsNames).toEqual(['a.b.watch.test']);
    expect(ctx.problems).toEqual([{ target: server.url, code: 'parse', message: `${server.url}: 1 entries could not be decoded; first at index 17: MerkleTreeLeaf: truncated (needs 8 bytes at offset 2, 2 left)` }]);
  });

  it('matches exact names only when sub-domains are off', async () => {
    const { entries } = await run({ logs: [{ url: server.url, start: 0 }], includeSubdomains: false });
    expect(entries.map((e) => e.index)).toEqual([12]);
  });

  it.each([
    { case: 'a previous report', file: (url: string) => ({ evidence: [{ kind: 'ct-query', data: { source: 'ct-log', logUrl: url, nextIndex: 21 } }, { kind: 'certificate', data: {} }] }) },
    { case: 'a map of log URL to index', file: (url: string) => ({ [url.replace(/\/$/, '')]: 21 }) },
  ])('resumes from the position stored in $case', async ({ file }) => {
    await writeFile(join(dir, 'positions.json'), JSON.stringify(file(server.url)));
    const { query, entries } = await run({ logs: [server.url], positionsFile: 'positions.json' });
    expect(query).toMatchObject({ startFrom: 'stored-position', window: { start: 21, end: 29 }, entriesRead: 9, nextIndex: 30 });
    expect(entries.map((e) => e.index)).toEqual([22, 25]);
  });

  it('treats a missing positions file as the first run and reads the tail', async () => {
    const { ctx, query } = await run({ logs: [server.url], positionsFile: 'none-yet.json', tailEntries: 5 });
    expect(query).toMatchObject({ startFrom: 'tail', window: { start: 25, end: 29 } });
    expect(ctx.problems).toEqual([]);
  });

  it('reads nothing when the stored position is the tree size', async () => {
    await writeFile(join(dir, 'at-end.json'), JSON.stringify({ [server.url]: 30 }));
    const before = server.hits.length;
    const { query } = await run({ logs: [server.url], positionsFile: 'at-end.json' });
    expect(query).toMatchObject({ entriesRead: 0, nextIndex: 30, complete: true });
    expect(server.hits.slice(before).filter((h) => h.includes('get-entries'))).toEqual([]);
  });

  it('replays a configured window, capped at the tree size', async () => {
    const { query, entries } = await run({ logs: [{ url: server.url, start: 10, end: 500, name: 'My log' }] });
    expect(query).toMatchObject({ logName: 'My log', startFrom: 'config', window: { start: 10, end: 29 }, entriesRead: 20, complete: true });
    expect(entries.map((e) => e.index)).toEqual([12, 20, 22, 25]);
  });

  it('cuts a window longer than maxEntriesPerLog and says where the next scan continues', async () => {
    const { ctx, query } = await run({ logs: [{ url: server.url, start: 0 }], maxEntriesPerLog: 10 });
    expect(query).toMatchObject({ window: { start: 0, end: 29 }, entriesRead: 10, nextIndex: 10, complete: false });
    expect(ctx.problems).toContainEqual({ target: server.url, code: 'too-large', message: `${server.url}: window 0-29 exceeds maxEntriesPerLog (10); read up to 9, the next scan continues at 10` });
  });

  it('counts matches beyond maxEntriesEmitted and reports them', async () => {
    const { ctx, query, entries } = await run({ logs: [{ url: server.url, start: 0 }], maxEntriesEmitted: 1 });
    expect(entries).toHaveLength(1);
    expect(query).toMatchObject({ entriesMatched: 4, entriesEmitted: 1, complete: false });
    expect(ctx.problems).toContainEqual({ target: server.url, code: 'too-large', message: `${server.url}: 4 entries matched; 3 beyond maxEntriesEmitted (1) not recorded` });
  });

  it('records a failed tree head as an incomplete query and one problem', async () => {
    failSth = true;
    try {
      const { ctx, query, entries } = await run({ logs: [server.url], retries: 1 });
      expect(entries).toEqual([]);
      expect(query).toMatchObject({ complete: false, entriesRead: 0, requests: [{ query: 'get-sth', outcome: 'failed', reason: 'http-status', attempts: 2 }] });
      expect(ctx.problems).toEqual([{ target: server.url, code: 'http-status', message: `${server.url}ct/v1/get-sth: HTTP 500` }]);
    } finally {
      failSth = false;
    }
  });

  it('flags a tree head signed by another key and counts accepted roots', async () => {
    const { query } = await run({ logs: [{ url: server.url, key: Buffer.from(sctLog.spki).toString('base64'), start: 29 }], getRoots: true });
    expect(query).toMatchObject({ sthSignature: 'invalid', roots: 2, logId: sctLog.logId });
    expect(query.requests.map((r) => r.query)).toEqual(['get-roots', 'get-sth', 'entries 29-29']);
  });

  it('reports an unreachable log and goes on with the others', async () => {
    const { ctx } = await run({ logs: ['http://127.0.0.1:1/log/', { url: server.url, start: 29 }] });
    const queries = ctx.ofKind('ct-query') as CtLogQueryData[];
    expect(queries.map((q) => [q.logUrl, q.complete])).toEqual([
      ['http://127.0.0.1:1/log/', false],
      [server.url, true],
    ]);
    expect(ctx.problems.map((p) => [p.target, p.code])).toEqual([['http://127.0.0.1:1/log/', 'connect']]);
  });

  it('keeps every entry as its own evidence item when run by the engine', async () => {
    const parsed = new Map<Collector, unknown>([[ctLog, ctLog.config.parse({ logs: [{ url: server.url, start: 0 }], domains: ['watch.test'], ...fast })]]);
    const result = await collect(parsed, { http, tls: createTlsProbe(), fs: nodeFileSystem, now: () => new Date('2026-11-22T00:00:00Z'), log: silentLogger, baseDir: dir, concurrency: 2 });
    expect(result.evidence.filter((e) => e.kind === 'ct-log-entry').map((e) => e.id)).toEqual([12, 20, 22, 25].map((i) => `ct-log-entry:${server.url}#${i}`));
    expect(result.collectors['ct-log']).toMatchObject({ configured: 1, observed: 1 });
  });

  it('refuses a log the list names as static-CT (tiled), with a clear problem', async () => {
    await writeFile(join(dir, 'tiled.json'), JSON.stringify({ operators: [{ name: 'T', tiled_logs: [{ description: 'Tiled', log_id: log.logId, key: Buffer.from(log.spki).toString('base64'), submission_url: 'https://tiled.log.test/', monitoring_url: server.url }] }] }));
    const before = server.hits.length;
    const { ctx, query } = await run({ logs: [server.url], logList: 'tiled.json' });
    expect(query).toMatchObject({ complete: false, logName: 'Tiled', requests: [] });
    expect(ctx.problems).toEqual([{ target: server.url, code: 'other', message: `${server.url}: the log list names this a static-CT (tiled) log; this collector reads RFC 6962 logs only` }]);
    expect(server.hits.length).toBe(before);
  });

  it('validates its configuration and counts one target per log', () => {
    expect(ctLog.config.safeParse({ logs: ['ftp://log.test/'] }).success).toBe(false);
    expect(ctLog.config.safeParse({ logs: [{ url: 'https://log.test/', start: 5, end: 1 }] }).success).toBe(false);
    expect(ctLog.config.safeParse({ logs: [], extra: true }).success).toBe(false);
    expect(ctLog.countTargets(ctLog.config.parse({ logs: ['https://a.test/', { url: 'https://b.test/' }] }))).toBe(2);
  });
});
