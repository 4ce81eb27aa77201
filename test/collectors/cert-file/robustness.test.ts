import { existsSync, readdirSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, open, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import certFile from '../../../collectors/cert-file/index.js';
import { fakeCollectorContext, type FakeCollectorContext } from '../../helpers/collector-context.js';

const certs = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'certificates');
let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'pkimm-cert-file-robust-'));
  const bad = join(base, 'bad');
  await mkdir(bad, { recursive: true });
  const der = await readFile(join(certs, 'ec-p256.der'));
  const pem = await readFile(join(certs, 'ec-p256.pem'), 'utf8');
  await writeFile(join(bad, 'truncated.der'), der.subarray(0, der.length - 40));
  await writeFile(join(bad, 'garbage.der'), Buffer.from([0x30, 0x82, 0xff, 0xff, 1, 2, 3]));
  await writeFile(join(bad, 'truncated.pem'), pem.slice(0, pem.indexOf('-----END')));
  await writeFile(join(bad, 'garbage.pem'), '-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n');
  await writeFile(join(bad, 'empty.crt'), '');
  await writeFile(join(bad, 'cut.p12'), Buffer.from([0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x03, 0x30, 0x10]));
  await writeFile(join(bad, 'cut.jks'), Buffer.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2, 0, 0, 0, 5]));
  // A 50 MB "certificate": sparse, so the test writes almost nothing.
  const huge = await open(join(base, 'huge.pem'), 'w');
  await huge.truncate(50 * 1024 * 1024);
  await huge.close();
  // A symlink loop (a -> b -> a) and a folder linking to its parent.
  await mkdir(join(base, 'loops', 'sub'), { recursive: true });
  await copyFile(join(certs, 'ec-p256.pem'), join(base, 'loops', 'ok.pem'));
  await symlink('b.pem', join(base, 'loops', 'a.pem'));
  await symlink('a.pem', join(base, 'loops', 'b.pem'));
  await symlink('..', join(base, 'loops', 'sub', 'up'));
  await symlink('missing.pem', join(base, 'loops', 'dangling.pem'));
  // Filters.
  await mkdir(join(base, 'tree', 'keep', 'node_modules'), { recursive: true });
  await mkdir(join(base, 'tree', '.hidden'), { recursive: true });
  await copyFile(join(certs, 'ec-p256.pem'), join(base, 'tree', 'keep', 'a.pem'));
  await copyFile(join(certs, 'rsa-2048.pem'), join(base, 'tree', 'keep', 'b.crt'));
  await copyFile(join(certs, 'ec-p256.pem'), join(base, 'tree', 'keep', 'node_modules', 'c.pem'));
  await copyFile(join(certs, 'ec-p256.pem'), join(base, 'tree', '.hidden', 'd.pem'));
  await copyFile(join(certs, 'ec-p256.pem'), join(base, 'tree', '.e.pem'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

async function scan(config: Record<string, unknown>): Promise<FakeCollectorContext> {
  const ctx = fakeCollectorContext({ baseDir: base });
  await certFile.collect(certFile.config.parse(config), ctx);
  return ctx;
}

const locations = (ctx: FakeCollectorContext): string[] => ctx.ofKind('certificate').flatMap((c) => c.sightings.map((s) => s.location ?? '')).sort();

describe('cert-file: hostile and broken input', () => {
  it('gives exactly one parse problem per truncated or garbage file and keeps going', async () => {
    const ctx = await scan({ paths: ['bad'], extensions: ['.der', '.pem', '.crt', '.p12', '.jks'] });
    expect(ctx.emitted).toEqual([]);
    const byFile = ctx.problems.map((p) => [p.message.split(':')[0], p.code]).sort();
    expect(byFile).toEqual([
      ['bad/cut.jks', 'parse'],
      ['bad/cut.p12', 'parse'],
      ['bad/empty.crt', 'parse'],
      ['bad/garbage.der', 'parse'],
      ['bad/garbage.pem', 'parse'],
      ['bad/truncated.der', 'parse'],
      ['bad/truncated.pem', 'parse'],
    ]);
    for (const p of ctx.problems) expect(p.message).not.toMatch(/\n/);
  });

  it('reports a 50 MB file as one too-large problem without reading it', async () => {
    const ctx = await scan({ paths: ['huge.pem'] });
    expect(ctx.problems).toEqual([{ target: 'huge.pem', code: 'too-large', message: 'huge.pem: 52428800 bytes exceeds the limit of 5000000' }]);
  });

  it('accepts human sizes and stops at the total-bytes cap with one problem per path', async () => {
    const ctx = await scan({ paths: ['tree'], hidden: true, maxFileBytes: '1MB', maxTotalBytes: '1KiB' });
    expect(ctx.problems).toEqual([{ target: 'tree', code: 'too-large', message: 'tree: total read limit of 1024 bytes reached; 4 files not read' }]);
    expect(locations(ctx)).toHaveLength(1);
  });

  it('reports a symlink loop, skips a dangling link and does not walk a folder twice', async () => {
    const ctx = await scan({ paths: ['loops'] });
    expect(locations(ctx)).toEqual(['loops/ok.pem#0']);
    expect(ctx.problems.map((p) => p.message).sort()).toEqual(['loops/a.pem: too many levels of symbolic links', 'loops/b.pem: too many levels of symbolic links']);
  });

  it('handles an unreadable file (mode 000)', async () => {
    const locked = join(base, 'locked.pem');
    await copyFile(join(certs, 'ec-p256.pem'), locked);
    await chmod(locked, 0o000);
    const ctx = await scan({ paths: ['locked.pem'] });
    if (process.getuid?.() === 0) {
      // root (CI containers) bypasses file permissions: the file is read and its mode is still reported.
      expect(ctx.ofKind('certificate')[0]?.sightings[0]?.attributes?.fileMode).toBe('0000');
    } else {
      expect(ctx.problems).toEqual([{ target: 'locked.pem', code: 'permission', message: 'locked.pem: permission denied' }]);
    }
  });

  it('applies globs, include, exclude and the hidden switch', async () => {
    expect(locations(await scan({ paths: ['tree'] }))).toEqual(['tree/keep/a.pem#0', 'tree/keep/b.crt#0', 'tree/keep/node_modules/c.pem#0']);
    expect(locations(await scan({ paths: ['tree'], hidden: true, exclude: ['node_modules'] }))).toEqual(['tree/.e.pem#0', 'tree/.hidden/d.pem#0', 'tree/keep/a.pem#0', 'tree/keep/b.crt#0']);
    expect(locations(await scan({ paths: ['tree/**/*.pem'] }))).toEqual(['tree/keep/a.pem#0', 'tree/keep/node_modules/c.pem#0']);
    expect(locations(await scan({ paths: ['tree'], include: ['keep/*.{crt,cer}'] }))).toEqual(['tree/keep/b.crt#0']);
    const bad = await scan({ paths: ['tree'], include: ['keep/[a.pem'] });
    expect(bad.problems).toEqual([{ target: 'tree', code: 'other', message: 'tree: unbalanced "[" in glob "keep/[a.pem"' }]);
  });

  it('keeps accepting the original configuration', () => {
    const parsed = certFile.config.parse({ paths: ['pki'], recursive: false, extensions: ['.pem'], maxFileBytes: 6000, maxFiles: 10 });
    expect(parsed).toMatchObject({ paths: ['pki'], recursive: false, maxFileBytes: 6000, maxFiles: 10, hidden: false, tryEmptyPassword: true });
    expect(certFile.config.safeParse({ passwords: [{ env: 'A', file: 'b' }] }).success).toBe(false);
    expect(certFile.config.safeParse({ maxFileBytes: '5 parsecs' }).success).toBe(false);
  });
});

const realworld = fileURLToPath(new URL('../../../../shared/realworld/certs', import.meta.url));

describe.runIf(existsSync(realworld))('cert-file: real-world certificate files', () => {
  it('gives certificates or exactly one clear problem for every file', async () => {
    const files = readdirSync(realworld).filter((f) => !f.endsWith('.tsv'));
    const ctx = fakeCollectorContext({ baseDir: realworld });
    await certFile.collect(certFile.config.parse({ paths: files }), ctx);
    const withCerts = new Set(ctx.emitted.map((e) => e.target));
    const problems = new Map<string, number>();
    for (const p of ctx.problems) problems.set(p.target, (problems.get(p.target) ?? 0) + 1);
    for (const file of files) expect(withCerts.has(file) || problems.get(file) === 1, file).toBe(true);
    for (const count of problems.values()) expect(count).toBe(1);
    // The PKCS#7 forms hold the same certificates as their PEM and DER siblings.
    const sha = (location: string) => ctx.ofKind('certificate').find((c) => c.sightings.some((s) => s.location === location))?.sha256;
    expect(sha('cfssl__cert_pkcs7.pem#0')).toBe(sha('cfssl__cert.der#0'));
    expect(sha('certigo__example-leaf.p7b#0')).toBe(sha('certigo__example-leaf.crt#0'));
    expect(ctx.problems.find((p) => p.target === 'cfssl__empty_pkcs7.der')?.message).toBe('cfssl__empty_pkcs7.der: PKCS#7 holds no certificate');
    expect(ctx.problems.find((p) => p.target === 'cfssl__noheadercert.pem')?.message).toMatch(/base64 text without a PEM header that is not a certificate/);
  });
});
