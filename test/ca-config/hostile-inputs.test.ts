// Hostile and odd inputs for every CA-configuration collector of this area: other encodings (UTF-16 with and without
// BOM, Latin-1), a 50 MB file, deep nesting, a YAML alias bomb, binary data, unknown fields. Each file is either
// read correctly or becomes one clear problem naming the file; the scan goes on.
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import certbot from '../../collectors/certbot/index.js';
import kubernetes from '../../collectors/kubernetes/index.js';
import opensslCa from '../../collectors/openssl-ca/index.js';
import stepCa from '../../collectors/step-ca/index.js';
import type { Collector } from '../../src/engine/define-collector.js';
import { fakeCollectorContext, type FakeCollectorContext } from '../helpers/collector-context.js';

type Encoding = 'utf8' | 'utf8-bom' | 'utf16le-bom' | 'utf16le' | 'utf16be-bom' | 'latin1';

function encode(text: string, encoding: Encoding): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le.map((_, i) => le[i % 2 === 0 ? i + 1 : i - 1]!));
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
    case 'utf16le':
      return le;
    case 'utf16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
    case 'latin1':
      return Buffer.from(text, 'latin1');
  }
}

/** A minimal valid file per collector, with a non-ASCII name that must survive decoding. */
const VALID: Record<string, { file: string; text: string; check: (ctx: FakeCollectorContext) => unknown; config?: Record<string, unknown> }> = {
  kubernetes: {
    file: 'issuer.yaml',
    text: 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: café\n  unknownField: ignored\nspec:\n  selfSigned: {}\n  futureOption: true\n',
    check: (ctx) => ctx.ofKind('ca-config').map((c) => c.name),
  },
  'step-ca': {
    file: 'provisioner.json',
    text: '{"type": "JWK", "name": "zoë@fixture.test", "somethingNew": {"x": 1}}',
    check: (ctx) => ctx.ofKind('ca-config').map((c) => c.name),
  },
  certbot: {
    file: 'zoë.conf',
    text: 'version = 2.0.0\n[renewalparams]\nauthenticator = webroot\naccount = zoë\nfuture_option = 1\n',
    check: (ctx) => ctx.ofKind('ca-config').map((c) => c.profiles[0]?.details?.account),
  },
  'openssl-ca': {
    file: 'ca.cnf',
    text: '[ca]\ndefault_ca = x\n[x]\ndatabase = ./index.txt\npolicy = p\nunknown_setting = 1\n[p]\norganizationName = Zoë\n',
    check: (ctx) => ctx.ofKind('ca-config').map((c) => c.details?.policyFields),
  },
};

const EXPECTED: Record<string, unknown> = {
  kubernetes: ['ClusterIssuer/café'],
  'step-ca': ['step-ca provisioner JWK/zoë@fixture.test'],
  certbot: ['zoë'],
  'openssl-ca': ['organizationName=Zoë'],
};

const COLLECTORS: Record<string, Collector> = { kubernetes: kubernetes, 'step-ca': stepCa, certbot: certbot, 'openssl-ca': opensslCa };

let dir: string;

async function put(path: string, content: string | Buffer): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), content);
}

async function scan(id: string, path: string, config: Record<string, unknown> = {}): Promise<FakeCollectorContext> {
  const collector = COLLECTORS[id]!;
  const ctx = fakeCollectorContext({ baseDir: dir });
  await collector.collect(collector.config.parse({ paths: [path], ...config }), ctx);
  return ctx;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pkimm-hostile-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(Object.keys(COLLECTORS))('%s', (id) => {
  const valid = VALID[id]!;

  it.each<Encoding>(['utf8', 'utf8-bom', 'utf16le-bom', 'utf16le', 'utf16be-bom', 'latin1'])('reads a file in %s, ignoring unknown fields', async (encoding) => {
    const path = `${id}/${encoding}/${valid.file}`;
    await put(path, encode(valid.text, encoding));
    const ctx = await scan(id, path);
    expect(ctx.problems).toEqual([]);
    expect(valid.check(ctx)).toEqual(EXPECTED[id]);
  });

  it('refuses a 50 MB file without reading it', async () => {
    const path = `${id}/huge/${valid.file}`;
    await put(path, '');
    await truncate(join(dir, path), 50 * 1024 * 1024);
    const ctx = await scan(id, path);
    expect(ctx.emitted).toEqual([]);
    expect(ctx.problems).toEqual([{ target: path, code: 'too-large', message: expect.stringMatching(new RegExp(`^${path.replace(/[.]/g, '\\.')}: \\d+ bytes exceeds the limit of \\d+`)) }]);
  });

  it('reports binary data as one problem', async () => {
    const path = `${id}/binary/${valid.file}`;
    await put(path, Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x80, 0x81, 0x00, 0x00, 0x13]));
    const ctx = await scan(id, path);
    expect(ctx.emitted).toEqual([]);
    expect(ctx.problems.map((p) => [p.code, p.message.startsWith(`${path}: `)])).toEqual([['parse', true]]);
  });
});

describe('structured-text bombs', () => {
  it.each([
    ['kubernetes', 'deep-flow.yaml', () => `kind: Secret\nmetadata: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`, /^deep-flow\.yaml: line 2, column \d+: nested deeper than 64 levels$/],
    ['kubernetes', 'deep-block.yaml', () => `${Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} x\n`, /^deep-block\.yaml: line 1: nested deeper than 64 levels$/],
    ['kubernetes', 'alias-bomb.yaml', () => ['a: &a [x,x,x,x,x,x,x,x,x]', ...'bcdefg'.split('').map((v, i) => `${v}: &${v} [${Array(9).fill(`*${'abcdefg'[i]!}`).join(',')}]`)].join('\n'), /^alias-bomb\.yaml: line 1: too many YAML alias expansions \(more than 100\): refused as an alias bomb$/],
    ['kubernetes', 'deep.json', () => `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`, /^deep\.json: nested deeper than 64 levels$/],
    ['step-ca', 'deep.json', () => `${'['.repeat(100_000)}${']'.repeat(100_000)}`, /^deep\.json: nested deeper than 64 levels$/],
    ['openssl-ca', 'bomb.cnf', () => ['a = 0123456789012345678901234567890123456789', ...'bcdef'.split('').map((v, i) => `${v} = ${`$${'abcdef'[i]!}`.repeat(10)}`)].join('\n'), /^bomb\.cnf: line 5: a value expands to more than 65536 characters$/],
  ])('%s refuses %s', async (id, file, content, message) => {
    await put(file, content());
    const ctx = await scan(id, file);
    expect(ctx.emitted).toEqual([]);
    expect(ctx.problems).toHaveLength(1);
    expect(ctx.problems[0]?.code).toBe('parse');
    expect(ctx.problems[0]?.message).toMatch(message);
  });
});
