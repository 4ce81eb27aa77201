import { existsSync, readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CollectError } from '../../src/engine/define-collector.js';
import { createHttpClient } from '../../src/engine/http-client.js';
import { decodeLogEntry, getRoots, getSth, type RawLogEntry, readWindow } from '../../src/ct/rfc6962.js';
import { toCertificateFacts } from '../../src/pki/certificate-facts.js';
import { certificateFromTbs } from '../../src/pki/sct.js';
import { extraData, leafInput, makeCa, makeLeaf } from './helpers/ct-fixtures.js';
import { type CtLogServer, startCtLogServer } from './helpers/ct-log-server.js';

const realworld = new URL('../../../shared/realworld/ct/', import.meta.url);
const loopback = createHttpClient({ userAgent: 'pkimm-scan-test', network: { allow: ['127.0.0.1'] } });
const options = { timeoutMs: 2000, maxResponseBytes: 1_000_000, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2 } };
const ca = makeCa('RFC 6962 Test CA');

describe('decodeLogEntry', () => {
  const leaf = makeLeaf({ cn: 'www.decode.test', dnsNames: ['www.decode.test'], serialHex: '0a', issuer: ca });

  it('decodes an x509 entry with its chain', () => {
    const decoded = decodeLogEntry({ leafInput: leafInput(1_700_000_000_123, { type: 'x509', certificate: leaf.der }), extraData: extraData({ type: 'x509', chain: [ca.der] }) });
    expect(decoded.entryType).toBe('x509');
    expect(decoded.timestampMs).toBe(1_700_000_000_123);
    expect(decoded.chain.map((c) => Buffer.from(c).equals(Buffer.from(ca.der)))).toEqual([true]);
    if (decoded.entryType === 'x509') expect(Buffer.from(decoded.certificate).equals(Buffer.from(leaf.der))).toBe(true);
  });

  it('decodes a precert entry: issuer key hash, TBS, precertificate and chain', () => {
    const precert = makeLeaf({ cn: 'www.decode.test', dnsNames: ['www.decode.test'], serialHex: '0b', issuer: ca, poison: true });
    const decoded = decodeLogEntry({
      leafInput: leafInput(5, { type: 'precert', issuerKeyHash: ca.keyHash, tbsCertificate: precert.precertTbs }),
      extraData: extraData({ type: 'precert', precertificate: precert.der, chain: [ca.der] }),
    });
    expect(decoded.entryType).toBe('precert');
    if (decoded.entryType !== 'precert') return;
    expect(Buffer.from(decoded.issuerKeyHash).equals(Buffer.from(ca.keyHash))).toBe(true);
    expect(toCertificateFacts(certificateFromTbs(decoded.tbsCertificate)).serialNumberHex).toBe('0B');
    expect(decoded.chain).toHaveLength(1);
  });

  const good = leafInput(5, { type: 'x509', certificate: leaf.der });
  const chain = extraData({ type: 'x509', chain: [] });
  it.each([
    { case: 'leaf version 1', entry: { leafInput: Buffer.concat([Uint8Array.of(1), good.subarray(1)]), extraData: chain }, message: /unsupported version 1/ },
    { case: 'entry type 7', entry: { leafInput: Buffer.concat([good.subarray(0, 10), Uint8Array.of(0, 7), good.subarray(12)]), extraData: chain }, message: /unknown entry type 7/ },
    { case: 'truncated leaf', entry: { leafInput: good.subarray(0, 100), extraData: chain }, message: /truncated/ },
    { case: 'trailing bytes after the leaf', entry: { leafInput: Buffer.concat([good, Uint8Array.of(0)]), extraData: chain }, message: /trailing/ },
    { case: 'truncated chain', entry: { leafInput: good, extraData: Uint8Array.of(0, 0, 9, 1) }, message: /truncated/ },
  ])('rejects $case', ({ entry, message }: { entry: RawLogEntry; message: RegExp }) => {
    let thrown: unknown;
    try {
      decodeLogEntry(entry);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CollectError);
    expect((thrown as CollectError).code).toBe('parse');
    expect((thrown as Error).message).toMatch(message);
  });
});

describe('readWindow against a loopback log', () => {
  let server: CtLogServer;
  let failing = false;
  const entries = Array.from({ length: 23 }, (_, i) => ({ leafInput: Uint8Array.of(i), extraData: Uint8Array.of() }));
  beforeAll(async () => {
    server = await startCtLogServer({
      prefix: '/logs/test/',
      entries,
      maxPerRequest: 4,
      override: (path, query) => (failing && path === 'ct/v1/get-entries' && query.get('start') === '12' ? [503, '{}'] : undefined),
    });
  });
  afterAll(() => server.close());

  it('continues from where a short answer stopped until the window is read', async () => {
    const seen: number[] = [];
    const result = await readWindow(server.url, 2, 20, loopback, { ...options, batchSize: 10, maxRequests: 100 }, (first, batch) => {
      batch.forEach((e, k) => {
        expect(e.leafInput[0]).toBe(first + k);
        seen.push(first + k);
      });
    });
    expect(seen).toEqual(Array.from({ length: 19 }, (_, i) => i + 2));
    expect(result).toMatchObject({ read: 19, nextIndex: 21, shortReads: 4 });
    expect(result.stopped).toBeUndefined();
    expect(result.requests.map((r) => r.query)).toEqual(['entries 2-11', 'entries 6-15', 'entries 10-19', 'entries 14-20', 'entries 18-20']);
  });

  it('stops at the request budget and says where', async () => {
    const result = await readWindow(server.url, 0, 22, loopback, { ...options, batchSize: 4, maxRequests: 2 }, () => undefined);
    expect(result).toMatchObject({ read: 8, nextIndex: 8, stopped: { code: 'budget' } });
  });

  it('stops at a request that keeps failing, after retries', async () => {
    failing = true;
    try {
      const result = await readWindow(server.url, 8, 22, loopback, { ...options, batchSize: 4, maxRequests: 100 }, () => undefined);
      expect(result.nextIndex).toBe(12);
      expect(result.stopped).toEqual({ code: 'http-status', message: `${server.url}ct/v1/get-entries: HTTP 503` });
      expect(result.requests.at(-1)).toEqual({ query: 'entries 12-15', outcome: 'failed', reason: 'http-status', attempts: 2 });
    } finally {
      failing = false;
    }
  });

  it('refuses loopback without network.allow (the SSRF guard applies to logs too)', async () => {
    const guarded = createHttpClient({ userAgent: 'pkimm-scan-test' });
    await expect(getSth(server.url, guarded, options)).rejects.toMatchObject({ code: 'permission' });
  });
});

describe.runIf(existsSync(new URL('ctgo__get-entries.json', realworld)))('real RFC 6962 bodies', () => {
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
  const noLookup = () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
  const http = createHttpClient({ userAgent: 'pkimm-scan-test', resolver: noLookup });

  it('decodes the precert and x509 entries of a real get-entries answer', () => {
    const body = JSON.parse(readFileSync(new URL('ctgo__get-entries.json', realworld), 'utf8')) as { entries: { leaf_input: string; extra_data: string }[] };
    const [precert, x509] = body.entries.map((e) => decodeLogEntry({ leafInput: Buffer.from(e.leaf_input, 'base64'), extraData: Buffer.from(e.extra_data, 'base64') }));
    expect(precert?.entryType).toBe('precert');
    expect(new Date(precert!.timestampMs).toISOString().slice(0, 10)).toBe('2015-02-02');
    if (precert?.entryType === 'precert') {
      expect(Buffer.from(precert.issuerKeyHash).toString('hex')).toMatch(/^3760e2790f33a498/);
      expect(toCertificateFacts(certificateFromTbs(precert.tbsCertificate)).issuer).toContain('GeoTrust EV SSL TEST CA - G4');
      expect(precert.chain.length).toBeGreaterThan(0);
    }
    expect(x509?.entryType).toBe('x509');
    if (x509?.entryType === 'x509') {
      const facts = toCertificateFacts(x509.certificate);
      expect(facts.subject).toContain('CN=csrcn.ssl24.jp');
      expect([facts.notAfter.slice(0, 10), facts.signatureAlgorithm]).toEqual(['2016-11-13', 'sha1WithRSAEncryption']);
      expect(new Date(x509.timestampMs).toISOString().slice(0, 10)).toBe('2014-11-13');
    }
  });

  it('reads a real get-sth and get-roots answer', async () => {
    nock.disableNetConnect();
    nock('https://ct.example.test')
      .get('/pilot/ct/v1/get-sth')
      .reply(200, readFileSync(new URL('ctgo__get-sth.json', realworld)))
      .get('/pilot/ct/v1/get-roots')
      .reply(200, readFileSync(new URL('ctgo__get-roots.json', realworld)));
    const { sth } = await getSth('https://ct.example.test/pilot/', http, options);
    expect([sth.treeSize, new Date(sth.timestampMs).toISOString().slice(0, 16), sth.rootHash.length, sth.treeHeadSignature[0], sth.treeHeadSignature[1]]).toEqual([3721782, '2014-04-04T11:10', 32, 4, 3]);
    const { roots } = await getRoots('https://ct.example.test/pilot/', http, options);
    expect(roots.map((r) => toCertificateFacts(r).subject)).toEqual(['CN=esignit.org']);
  });
});
