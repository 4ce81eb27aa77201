import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import platform from '../../../collectors/platform/index.js';
import type { AnyEvidence, PlatformData } from '../../../model/evidence.js';
import { createHttpClient } from '../../../src/engine/http-client.js';
import { fakeCollectorContext } from '../../helpers/collector-context.js';
import { NOW } from '../../helpers/evidence.js';
import { caConfigEvidence, caProfile } from '../../rules/helpers.js';

const examples = new URL('../../../examples/platform/', import.meta.url).pathname;
const noLookup = () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
const http = createHttpClient({ userAgent: 'pkimm-scan-test', resolver: noLookup });

const windows = [
  { cycle: '2025', releaseDate: '2024-11-01', eol: '2034-10-10', latest: '10.0.26100', lts: true },
  { cycle: '23h2-ac', releaseDate: '2023-10-24', eol: '2025-10-24', latest: '10.0.25398' },
  { cycle: '2022', releaseDate: '2021-08-18', eol: '2031-10-14', latest: '10.0.20348', lts: true },
  { cycle: '2019', releaseDate: '2018-11-13', eol: '2029-01-09', latest: '10.0.17763', lts: true },
  { cycle: '2016', releaseDate: '2016-10-15', eol: '2027-01-12', latest: '10.0.14393', lts: true },
  { cycle: '2012-r2', releaseDate: '2013-11-25', eol: '2023-10-10', latest: '6.3.9600', lts: true },
  { cycle: '2012', releaseDate: '2012-10-30', eol: '2023-10-10', latest: '6.2.9200', lts: true },
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pkimm-platform-'));
  await writeFile(join(dir, 'windows-server.yaml'), JSON.stringify(windows));
  await writeFile(join(dir, 'several.json'), JSON.stringify({ 'hashicorp-vault': [{ cycle: '1.18', releaseDate: '2024-10-09', eol: true }, { cycle: '1.20', releaseDate: '2025-06-25', eol: false }, { cycle: '1.19', releaseDate: '2025-03-05', eol: '2026-06-25' }] }));
  await writeFile(join(dir, 'broken.json'), '{ "cycle": ');
  await writeFile(join(dir, 'scalar.yaml'), '42');
  await writeFile(join(dir, 'partly.json'), JSON.stringify([{ cycle: '5', eol: 'soon' }, { cycle: '4', eol: '2020-01-01' }]));
  await writeFile(join(dir, 'pqc-bad.yaml'), '- { product: openssl }\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

async function run(config: Record<string, unknown>, options: { collected?: readonly AnyEvidence[]; baseDir?: string } = {}) {
  const ctx = fakeCollectorContext({ http, now: NOW, baseDir: options.baseDir ?? dir, ...(options.collected ? { collected: options.collected } : {}) });
  await platform.collect(platform.config.parse(config), ctx);
  const byTarget = new Map(ctx.emitted.map((e) => [e.target, e.data as PlatformData]));
  return { ctx, byTarget, items: ctx.ofKind('platform') };
}

describe('platform collector', () => {
  it('records declared platforms with the matched cycle, its dates and how many newer cycles exist', async () => {
    const { byTarget, ctx } = await run({
      declared: [
        { product: 'openssl', version: '3.0.13', name: 'RA front end', environment: 'Production' },
        { product: 'openssl', version: '1.1.1w' },
        { product: 'openssl', version: '3.10.1' },
        { product: 'ejbca', version: '8.2.0.1', role: 'ca' },
      ],
      eolData: [join(examples, 'openssl.json')],
    });
    expect(ctx.problems).toEqual([]);
    expect(byTarget.get('declared:RA front end@3.0.13')).toMatchObject({
      product: 'openssl',
      version: '3.0.13',
      role: 'library',
      name: 'RA front end',
      environment: 'production',
      source: { kind: 'declared', pointer: 'collectors.platform.declared[0]' },
      lifecycle: { status: 'matched', tableProduct: 'openssl', cycle: '3.0', releaseDate: '2021-09-07', eol: '2026-09-07', lts: true, latestInCycle: '3.0.18', latestCycle: '3.5', cyclesBehind: 1, tableDate: NOW.toISOString() },
    });
    // "1.1.1w" is in cycle 1.1.1 (a letter suffix after a digit); two LTS cycles are newer.
    expect(byTarget.get('declared:openssl@1.1.1w')?.lifecycle).toMatchObject({ cycle: '1.1.1', eol: '2023-09-11', cyclesBehind: 2 });
    // "3.1" is not a prefix of "3.10.1" at a component boundary.
    expect(byTarget.get('declared:openssl@3.10.1')?.lifecycle).toMatchObject({ status: 'no-cycle', tableProduct: 'openssl' });
    expect(byTarget.get('declared:ejbca@8.2.0.1')?.lifecycle).toEqual({ status: 'no-data', tableProduct: 'ejbca' });
  });

  it('counts only newer LTS cycles for an LTS release, and all newer cycles otherwise', async () => {
    const { byTarget } = await run({
      declared: [
        { product: 'windows-server', version: '2012 R2' },
        { product: 'windows-server', version: '23H2-AC' },
        { product: 'adcs', version: '2019' },
      ],
      eolData: ['windows-server.yaml'],
    });
    expect(byTarget.get('declared:windows-server@2012 R2')).toMatchObject({ role: 'os', lifecycle: { cycle: '2012-r2', eol: '2023-10-10', cyclesBehind: 4, latestCycle: '2025' } });
    expect(byTarget.get('declared:windows-server@23H2-AC')?.lifecycle).toMatchObject({ cycle: '23h2-ac', cyclesBehind: 1, latestCycle: '2025' });
    // ADCS versions are Windows Server versions.
    expect(byTarget.get('declared:adcs@2019')).toMatchObject({ role: 'ca', lifecycle: { tableProduct: 'windows-server', cycle: '2019', cyclesBehind: 2 } });
  });

  it('maps build numbers to cycles only through configured aliases', async () => {
    const { byTarget } = await run({
      declared: [
        { product: 'windows-server', version: '10.0.17763.6414', name: 'a' },
        { product: 'windows-server', version: '10.0.20348', name: 'b' },
      ],
      eolData: ['windows-server.yaml'],
      products: { 'windows-server': { aliases: { '10.0.17763': '2019' } } },
    });
    expect(byTarget.get('declared:a@10.0.17763.6414')?.lifecycle).toMatchObject({ status: 'matched', cycle: '2019' });
    expect(byTarget.get('declared:b@10.0.20348')?.lifecycle.status).toBe('no-cycle');
  });

  it('reads product-keyed files, records eol as a boolean when the table gives one, and orders cycles by release date', async () => {
    const { byTarget } = await run({ declared: [{ product: 'vault', version: 'v1.18.3' }, { product: 'vault', version: '1.20.0' }], eolData: ['several.json'] });
    expect(byTarget.get('declared:vault@v1.18.3')?.lifecycle).toMatchObject({ status: 'matched', tableProduct: 'hashicorp-vault', tableSource: 'several.json', cycle: '1.18', eol: true, cyclesBehind: 2, latestCycle: '1.20' });
    expect(byTarget.get('declared:vault@1.20.0')?.lifecycle).toMatchObject({ eol: false, cyclesBehind: 0 });
  });

  it('reads versions other collectors recorded, once per product and version, with the evidence they came from', async () => {
    const lineage = (name: string, version: string) =>
      caConfigEvidence({ product: 'certbot', role: 'client', name, source: { path: `le/renewal/${name}.conf` }, profiles: [caProfile({ name, kind: 'lineage', details: { certbotVersion: version } })] }, `ca-config:le#${name}`);
    const vault = caConfigEvidence({ product: 'vault', role: 'ca', details: { version: '9', vaultVersion: '1.19.2' } }, 'ca-config:vault');
    const { items, byTarget } = await run({ eolData: ['several.json'] }, { collected: [lineage('a', '2.11.0'), lineage('b', '2.11.0'), lineage('c', '1.21.0'), vault] });
    expect(items).toHaveLength(3);
    expect(byTarget.get('evidence:certbot@2.11.0')).toMatchObject({
      product: 'certbot',
      role: 'client',
      source: { kind: 'evidence', field: 'ca-config profiles[].details.certbotVersion', evidenceIds: ['ca-config:le#a', 'ca-config:le#b'], paths: ['le/renewal/a.conf', 'le/renewal/b.conf'] },
      lifecycle: { status: 'no-data', tableProduct: 'certbot' },
    });
    expect(byTarget.get('evidence:vault@1.19.2')).toMatchObject({ role: 'ca', source: { field: 'ca-config details.vaultVersion' }, lifecycle: { cycle: '1.19', eol: '2026-06-25', cyclesBehind: 1 } });
  });

  it('ignores other evidence when fromEvidence is off', async () => {
    const vault = caConfigEvidence({ product: 'vault', details: { vaultVersion: '1.19.2' } });
    const { items } = await run({ fromEvidence: false }, { collected: [vault] });
    expect(items).toEqual([]);
  });

  it('adds PQC capability and the upgrade path from the capability table, with its sources', async () => {
    const { byTarget } = await run(
      {
        declared: [{ product: 'openssl', version: '3.5.1' }, { product: 'openssl', version: '3.0.13' }, { product: 'oracle-jdk', version: '24.0.1' }, { product: 'ejbca', version: '9.1' }],
        pqcCapability: 'pqc-capability.yaml',
      },
      { baseDir: examples },
    );
    expect(byTarget.get('declared:openssl@3.5.1')?.pqc).toEqual({
      capable: true,
      capabilities: ['ML-DSA', 'ML-KEM', 'SLH-DSA', 'X25519MLKEM768 default TLS group'],
      sources: ['https://openssl-library.org/news/openssl-3.5-notes/'],
      table: 'pqc-capability.yaml',
    });
    expect(byTarget.get('declared:openssl@3.0.13')?.pqc).toMatchObject({ capable: false, capabilities: [], upgradeTo: { version: '3.5' } });
    expect(byTarget.get('declared:oracle-jdk@24.0.1')?.pqc).toMatchObject({ capable: true, capabilities: ['ML-DSA', 'ML-KEM'], sources: ['https://openjdk.org/jeps/496', 'https://openjdk.org/jeps/497'] });
    expect(byTarget.get('declared:ejbca@9.1')?.pqc).toBeUndefined();
  });

  it('reports each unreadable or invalid file once and goes on', async () => {
    const { ctx, byTarget } = await run({
      declared: [{ product: 'openssl', version: '3.0.1' }, { product: 'partly', version: '4.2', role: 'library' }],
      eolData: ['missing.json', 'broken.json', 'scalar.yaml', 'partly.json', join(examples, 'openssl.json')],
      pqcCapability: 'pqc-bad.yaml',
    });
    expect(ctx.problems.map((p) => [p.target, p.code])).toEqual([
      ['missing.json', 'not-found'],
      ['broken.json', 'parse'],
      ['scalar.yaml', 'parse'],
      ['partly.json', 'parse'],
      ['pqc-bad.yaml', 'parse'],
    ]);
    expect(ctx.problems.every((p) => !p.message.includes(dir))).toBe(true);
    expect(byTarget.get('declared:openssl@3.0.1')?.lifecycle.cycle).toBe('3.0');
    expect(byTarget.get('declared:partly@4.2')?.lifecycle).toMatchObject({ cycle: '4', eol: '2020-01-01' });
  });

  it('refuses files over maxFileBytes and YAML alias bombs as one problem each', async () => {
    await writeFile(join(dir, 'bomb.yaml'), ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n'));
    const { ctx, items } = await run({ declared: [{ product: 'openssl', version: '3.0.1' }], eolData: ['windows-server.yaml', 'bomb.yaml'], maxFileBytes: 100 });
    expect(ctx.problems.map((p) => [p.target, p.code])).toEqual([['windows-server.yaml', 'too-large'], ['bomb.yaml', 'too-large']]);
    const bomb = await run({ declared: [{ product: 'openssl', version: '3.0.1' }], eolData: ['bomb.yaml'] });
    expect(bomb.ctx.problems.map((p) => [p.target, p.code])).toEqual([['bomb.yaml', 'parse']]);
    expect(items).toHaveLength(1);
  });

  it('rejects declarations of unknown products without a role, and malformed versions', () => {
    expect(platform.config.safeParse({ declared: [{ product: 'thales-luna', version: '7.8' }] }).success).toBe(false);
    expect(platform.config.safeParse({ declared: [{ product: 'thales-luna', version: '7.8', role: 'hsm' }] }).success).toBe(true);
    expect(platform.config.safeParse({ declared: [{ product: 'openssl', version: '3.0\n1' }] }).success).toBe(false);
    expect(platform.config.safeParse({ declared: [{ product: '../etc', version: '1' }] }).success).toBe(false);
  });

  it('numbers repeated declarations so every instance is its own evidence item', async () => {
    const { items, ctx } = await run({ declared: [{ product: 'openssl', version: '3.0.1' }, { product: 'openssl', version: '3.0.1' }] });
    expect(ctx.emitted.map((e) => e.target)).toEqual(['declared:openssl@3.0.1', 'declared:openssl@3.0.1#2']);
    expect(items.every((i) => i.lifecycle.status === 'no-data')).toBe(true);
  });

  describe('endoflife.date API (opt-in)', () => {
    const api = { enabled: true, cache: { enabled: false } };

    it('fetches tables the files do not provide; a 404 means no data, other failures are problems', async () => {
      const asked: string[] = [];
      nock('https://endoflife.date')
        .persist()
        .get(/\/api\/.*/)
        .reply((uri) => {
          asked.push(uri);
          if (uri === '/api/hashicorp-vault.json') return [200, JSON.stringify([{ cycle: '1.20', releaseDate: '2025-06-25', eol: false }, { cycle: '1.19', releaseDate: '2025-03-05', eol: '2026-06-25' }])];
          if (uri === '/api/nginx.json') return [500, 'oops'];
          return [404, 'not found'];
        });
      const { byTarget, ctx } = await run({
        declared: [{ product: 'vault', version: '1.19.0' }, { product: 'ejbca', version: '9.1' }, { product: 'nginx', version: '1.26.1' }, { product: 'openssl', version: '3.0.2' }],
        eolData: [join(examples, 'openssl.json')],
        eolApi: api,
      });
      expect(asked.sort()).toEqual(['/api/ejbca.json', '/api/hashicorp-vault.json', '/api/nginx.json']);
      expect(byTarget.get('declared:vault@1.19.0')?.lifecycle).toMatchObject({ status: 'matched', tableSource: 'https://endoflife.date/api/hashicorp-vault.json', cyclesBehind: 1 });
      expect(byTarget.get('declared:ejbca@9.1')?.lifecycle.status).toBe('no-data');
      expect(byTarget.get('declared:nginx@1.26.1')?.lifecycle.status).toBe('no-data');
      expect(ctx.problems).toEqual([{ target: 'https://endoflife.date/api/nginx.json', code: 'http-status', message: 'https://endoflife.date/api/nginx.json: HTTP 500' }]);
    });

    it('uses the disk cache with conditional requests', async () => {
      const cacheDir = join(dir, 'cache');
      nock('https://endoflife.date').get('/api/go.json').reply(200, JSON.stringify([{ cycle: '1.24', releaseDate: '2025-02-11', eol: false }]), { ETag: '"v1"' });
      nock('https://endoflife.date').get('/api/go.json').matchHeader('if-none-match', '"v1"').reply(304);
      const config = { declared: [{ product: 'go', version: '1.24.3' }], eolApi: { enabled: true, cache: { dir: cacheDir } } };
      const first = await run(config);
      const second = await run(config);
      expect(first.items[0]?.lifecycle).toMatchObject({ cycle: '1.24', eol: false });
      expect(second.items[0]?.lifecycle).toMatchObject({ cycle: '1.24', eol: false });
      expect(nock.isDone()).toBe(true);
    });

    it('does not reach the network unless enabled', async () => {
      const { items, ctx } = await run({ declared: [{ product: 'go', version: '1.24.3' }] });
      expect(items[0]?.lifecycle.status).toBe('no-data');
      expect(ctx.problems).toEqual([]);
    });
  });
});
