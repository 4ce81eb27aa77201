import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../src/engine/file-system.js';
import { createHttpClient } from '../../src/engine/http-client.js';
import { loadLogList, normaliseLogUrl, parseLogList, parseLogListBytes } from '../../src/ct/log-list.js';
import { CollectError } from '../../src/engine/define-collector.js';

const fixture = readFileSync(new URL('../../fixtures/ct/log-list.json', import.meta.url));
const realworld = new URL('../../../shared/realworld/ct/ctgo__loglist3.json', import.meta.url);
const noLookup = () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));

describe('parseLogList', () => {
  const list = parseLogListBytes(fixture, 'log-list.json');

  it('reads every log and tiled log, skipping unreadable entries', () => {
    expect(list.version).toBe('7.1');
    expect(list.timestamp).toBe('2026-11-01T00:00:00Z');
    expect(list.skipped).toBe(1);
    expect(list.logs.map((l) => [l.description, l.operator, l.api, l.state, l.url])).toEqual([
      ["Fixture 'Alpha2026' log", 'Fixture Logs Inc.', 'rfc6962', 'usable', 'https://alpha.logs.fixture.test/2026/'],
      ["Fixture 'Beta' log", 'Fixture Logs Inc.', 'rfc6962', 'retired', 'https://beta.logs.fixture.test/'],
      ["Fixture 'Tile2026h2' log", 'Fixture Logs Inc.', 'static-ct', 'qualified', 'https://tile-mon.logs.fixture.test/2026h2/'],
      ["Second 'Gamma' log (id does not match key)", 'Second Operator', 'rfc6962', 'readonly', 'https://gamma.second.fixture.test/'],
    ]);
  });

  it('checks that each log id is the hash of its key', () => {
    expect(list.logs.map((l) => l.keyMatchesId)).toEqual([true, true, true, false]);
  });

  it('finds logs by id and by URL (trailing slash and case of the host do not matter)', () => {
    const alpha = list.logs[0]!;
    expect(list.byId(alpha.logId)?.description).toBe("Fixture 'Alpha2026' log");
    expect(list.byUrl('https://ALPHA.logs.fixture.test/2026')?.logId).toBe(alpha.logId);
    expect(list.byUrl('https://beta.logs.fixture.test/')?.description).toBe("Fixture 'Beta' log");
    expect(list.byUrl('https://unknown.test/')).toBeUndefined();
    expect(list.byUrl('https://tile.logs.fixture.test/2026h2/')?.api).toBe('static-ct');
    expect(alpha.temporalInterval).toEqual({ start: '2026-01-01T00:00:00Z', end: '2027-01-01T00:00:00Z' });
    expect(alpha.mmd).toBe(86400);
  });

  it.each([
    { case: 'not JSON', bytes: Buffer.from('{"operators": ['), message: /log-list\.json: not valid JSON/ },
    { case: 'no operators', bytes: Buffer.from('{"logs": []}'), message: /not a CT log list \(v3\): operators/ },
  ])('rejects $case with one parse error', ({ bytes, message }) => {
    expect(() => parseLogListBytes(bytes, 'log-list.json')).toThrow(message);
  });

  it('normalises log URLs', () => {
    expect(normaliseLogUrl('HTTPS://Log.Example.test//ct//')).toBe('https://log.example.test//ct/');
    expect(normaliseLogUrl('https://log.example.test')).toBe('https://log.example.test/');
  });
});

describe.runIf(existsSync(realworld))('the published v3 list from certificate-transparency-go', () => {
  it('reads its six logs and their states', () => {
    const list = parseLogList(JSON.parse(readFileSync(realworld, 'utf8')), 'loglist3.json');
    expect(list.logs).toHaveLength(6);
    const states = list.logs.map((l) => l.state ?? 'none').sort();
    expect(states).toEqual(['none', 'qualified', 'readonly', 'retired', 'usable', 'usable']);
    expect(list.byId('aPaY+B9kgr46jO65KB1M/HFRXWeT1ETRCmesu09P+8Q=')?.description).toBe("Google 'Aviator' log");
  });
});

describe('loadLogList', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pkimm-loglist-'));
    await writeFile(join(dir, 'list.json'), fixture);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
  const io = (baseDir: string) => ({ http: createHttpClient({ userAgent: 'pkimm-scan-test', resolver: noLookup }), fs: nodeFileSystem, baseDir });

  it('reads a file relative to the base directory', async () => {
    const list = await loadLogList('list.json', io(dir), { timeoutMs: 1000, maxBytes: 1_000_000 });
    expect(list.logs).toHaveLength(4);
    expect(list.source).toBe('list.json');
  });

  it('names a missing file by the configured path, not the absolute one', async () => {
    const error = await loadLogList('missing.json', io(dir), { timeoutMs: 1000, maxBytes: 1_000_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CollectError);
    expect((error as CollectError).code).toBe('not-found');
    expect((error as Error).message).toMatch(/^missing\.json/);
    expect((error as Error).message).not.toContain(dir);
  });

  it('downloads a list by URL, bounded in size', async () => {
    nock.disableNetConnect();
    nock('https://lists.fixture.test').get('/log_list.json').reply(200, fixture).get('/big.json').reply(200, Buffer.alloc(5000, 0x20));
    const list = await loadLogList('https://lists.fixture.test/log_list.json', io(dir), { timeoutMs: 2000, maxBytes: 1_000_000 });
    expect(list.logs).toHaveLength(4);
    const error = await loadLogList('https://lists.fixture.test/big.json', io(dir), { timeoutMs: 2000, maxBytes: 1000 }).catch((e: unknown) => e);
    expect((error as CollectError).code).toBe('too-large');
  });
});
