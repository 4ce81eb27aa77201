import { existsSync, readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/engine/http-client.js';
import { crtshSearchUrl, type CrtshSearchOptions, mergeCrtshRows, parseCrtshRows, searchCrtsh, unquoteDn } from '../../src/ct/crtsh.js';

const fixture = readFileSync(new URL('../../fixtures/ct/crtsh-fixture.test.json', import.meta.url));
const realworld = new URL('../../../shared/realworld/ct/', import.meta.url);
const noLookup = () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
const http = createHttpClient({ userAgent: 'pkimm-scan-test', resolver: noLookup });

const options: CrtshSearchOptions = {
  baseUrl: 'https://crt.sh',
  excludeExpired: true,
  timeoutMs: 2000,
  maxResponseBytes: 1_000_000,
  retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
  maxRequests: 60,
  maxSplitDepth: 1,
  pace: () => Promise.resolve(),
};

describe('crt.sh rows', () => {
  it('parses rows, removing crt.sh quoting and counting unreadable rows', () => {
    const { rows, invalid } = parseCrtshRows(fixture, 'fixture.test');
    expect(invalid).toBe(1);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({
      id: 500002,
      issuerCaId: 9001,
      issuer: 'C=XX, O=Fixture Trust, Inc., CN=Fixture Public CA R1',
      commonName: 'www.fixture.test',
      nameValues: ['fixture.test', 'www.fixture.test'],
      entryTimestamp: '2026-10-01T00:10:00.500Z',
      notBefore: '2026-10-01T00:00:00.000Z',
      notAfter: '2026-12-30T00:00:00.000Z',
      serialNumberHex: 'A1B2C3D4',
    });
    expect(rows.find((r) => r.id === 500020)?.entryTimestamp).toBeUndefined();
  });

  it('merges a precertificate and its certificate (same issuer and serial) into one entry', () => {
    const merged = mergeCrtshRows(parseCrtshRows(fixture, 'fixture.test').rows);
    expect(merged.map((m) => [m.ids, m.serialNumberHex, m.dnsNames, m.loggedAt])).toEqual([
      [[500001, 500002], 'A1B2C3D4', ['fixture.test', 'www.fixture.test'], '2026-10-01T00:05:00.250Z'],
      [[500010], '0FEDCBA987654321', ['*.api.fixture.test'], '2026-11-20T08:00:00.000Z'],
      [[500020], '1000', [], undefined],
      [[500030], '0B0B0B', ['shop.other.test', 'www.fixture.test'], '2026-09-15T12:00:00.000Z'],
    ]);
  });

  it.each([
    ['O="A, B", CN=x', 'O=A, B, CN=x'],
    ['O="say \\"hi\\"", CN=y', 'O=say "hi", CN=y'],
    ['CN=plain', 'CN=plain'],
  ])('unquotes %s', (input, expected) => {
    expect(unquoteDn(input)).toBe(expected);
  });

  it('rejects an answer that is not a JSON array', () => {
    expect(() => parseCrtshRows(Buffer.from('{"a":1}'), 'x.test')).toThrow(/not a JSON array/);
    expect(() => parseCrtshRows(Buffer.from('[{"id": 1,'), 'x.test')).toThrow(/not valid JSON \(truncated\?\)/);
  });
});

describe.runIf(existsSync(realworld))('real crt.sh answers', () => {
  it.each([
    ['crtsh__example.com.json', 22, 14],
    ['crtsh__example.com_wildcard_expired.json', 4, 3],
  ] as const)('%s: %i rows, %i distinct certificates', (file, rows, distinct) => {
    const parsed = parseCrtshRows(readFileSync(new URL(file, realworld)), 'example.com');
    expect(parsed.rows).toHaveLength(rows);
    expect(parsed.invalid).toBe(0);
    expect(mergeCrtshRows(parsed.rows)).toHaveLength(distinct);
  });
});

describe('searchCrtsh', () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('builds search URLs with exclude and match (match only on exact or LIKE searches)', () => {
    expect(crtshSearchUrl('example.org', { baseUrl: 'https://crt.sh', excludeExpired: true, match: '=' })).toBe('https://crt.sh/?q=example.org&output=json&exclude=expired&match=%3D');
    expect(crtshSearchUrl('%.example.org', { baseUrl: 'https://crt.sh', excludeExpired: false, match: '=' })).toBe('https://crt.sh/?q=%25.example.org&output=json');
    expect(crtshSearchUrl('%.example.org', { baseUrl: 'https://crt.sh', excludeExpired: false, match: 'ILIKE' })).toBe('https://crt.sh/?q=%25.example.org&output=json&match=ILIKE');
  });

  it('asks for the domain and its sub-domains', async () => {
    const scope = nock('https://crt.sh')
      .get('/')
      .query({ q: 'fixture.test', output: 'json', exclude: 'expired' })
      .reply(200, fixture)
      .get('/')
      .query({ q: '%.fixture.test', output: 'json', exclude: 'expired' })
      .reply(200, '[]');
    const result = await searchCrtsh('fixture.test', true, http, options);
    expect(scope.isDone()).toBe(true);
    expect(result.rows).toHaveLength(5);
    expect(result.invalidRows).toBe(1);
    expect(result.requests).toEqual([
      { query: 'fixture.test', outcome: 'ok', rows: 5, attempts: 1 },
      { query: '%.fixture.test', outcome: 'ok', rows: 0, attempts: 1 },
    ]);
    expect(result.unfetched).toEqual([]);
  });

  it('retries 429 and 5xx answers with backoff, honouring Retry-After', async () => {
    nock('https://crt.sh')
      .get('/')
      .query(true)
      .reply(429, 'slow down', { 'Retry-After': '0' })
      .get('/')
      .query(true)
      .reply(502, 'bad gateway')
      .get('/')
      .query(true)
      .reply(200, '[]');
    const result = await searchCrtsh('fixture.test', false, http, options);
    expect(result.requests).toEqual([{ query: 'fixture.test', outcome: 'ok', rows: 0, attempts: 3 }]);
  });

  it('does not retry a 404 and records what could not be fetched', async () => {
    nock('https://crt.sh').get('/').query(true).reply(404, 'no');
    const result = await searchCrtsh('fixture.test', false, http, options);
    expect(result.requests).toEqual([{ query: 'fixture.test', outcome: 'failed', reason: 'http-status', attempts: 1 }]);
    expect(result.unfetched).toEqual([{ query: 'fixture.test', reason: 'http-status', message: 'https://crt.sh/: HTTP 404' }]);
  });

  it('splits a sub-domain search that fails or comes back truncated by the first character of the name', async () => {
    const asked: string[] = [];
    nock('https://crt.sh')
      .persist()
      .get('/')
      .query(true)
      .reply((uri) => {
        const q = new URL(uri, 'https://crt.sh').searchParams.get('q')!;
        asked.push(q);
        if (q === '%.big.test') return [503, 'timeout'];
        if (q === 'w%.big.test') return [200, '[{"id": 1, "issuer_name": "CN=CA", "common_name": "www.big.test", "name_value": "www.big.test", "not_before": "2026-01-01T00:00:00", "not_after": "2026-04-01T00:00:00", "serial_number": "01"}'];
        if (q === 'a%.big.test') return [200, '[{"id": 2, "issuer_name": "CN=CA", "common_name": "api.big.test", "name_value": "api.big.test", "not_before": "2026-01-01T00:00:00", "not_after": "2026-04-01T00:00:00", "serial_number": "02"}]'];
        return [200, '[]'];
      });
    const result = await searchCrtsh('big.test', true, http, { ...options, retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 } });
    expect(asked.slice(0, 3)).toEqual(['big.test', '%.big.test', 'a%.big.test']);
    expect(asked).toHaveLength(2 + 37);
    expect(asked).toContain('*%.big.test');
    expect(asked).toContain('9%.big.test');
    expect(result.requests.find((r) => r.query === '%.big.test')).toEqual({ query: '%.big.test', outcome: 'split', reason: 'http-status', attempts: 1 });
    expect(result.rows.map((r) => r.commonName)).toEqual(['api.big.test']);
    // depth 1 is the limit here: the truncated "w%" answer cannot be split again
    expect(result.unfetched).toEqual([{ query: 'w%.big.test', reason: 'parse', message: 'crt.sh w%.big.test: answer is not valid JSON (truncated?)' }]);
  });

  it('narrows a second level with the exact name and the next characters, within the request budget', async () => {
    const asked: string[] = [];
    nock('https://crt.sh')
      .persist()
      .get('/')
      .query(true)
      .reply((uri) => {
        const q = new URL(uri, 'https://crt.sh').searchParams.get('q')!;
        asked.push(q);
        return q === '%.big.test' || q === 'w%.big.test' ? [504, 'gateway timeout'] : [200, '[]'];
      });
    const result = await searchCrtsh('big.test', true, http, { ...options, maxSplitDepth: 2, maxRequests: 70, retry: { retries: 0, baseDelayMs: 0, maxDelayMs: 0 } });
    expect(asked).toContain('w.big.test');
    expect(asked).toContain('ww%.big.test');
    expect(asked).toHaveLength(70);
    const skipped = result.requests.filter((r) => r.outcome === 'skipped').map((r) => r.query);
    expect(skipped).toHaveLength(2 + 37 + 1 + 38 - 70);
    expect(skipped.at(-1)).toBe('w.%.big.test');
    expect(result.unfetched.every((u) => u.reason === 'budget')).toBe(true);
  });
});
