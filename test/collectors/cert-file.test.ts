import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import certFile from '../../collectors/cert-file/index.js';
import type { FileSystem } from '../../src/engine/collector-context.js';
import { CollectError } from '../../src/engine/define-collector.js';
import { nodeFileSystem } from '../../src/engine/file-system.js';
import { fakeCollectorContext } from '../helpers/collector-context.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'certificates');
let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'pkimm-cert-file-'));
  await mkdir(join(base, 'pki', 'sub'), { recursive: true });
  for (const f of ['ec-p256.pem', 'rsa-2048.pem', 'bundle-with-text.pem']) await copyFile(join(fixtures, f), join(base, 'pki', f));
  await copyFile(join(fixtures, 'ec-p256.der'), join(base, 'pki', 'sub', 'ec-p256.der'));
  await copyFile(join(fixtures, 'garbage.pem'), join(base, 'pki', 'sub', 'garbage.pem'));
  await copyFile(join(fixtures, 'sha1-rsa.pem'), join(base, 'pki', 'sub', 'locked.pem'));
  await writeFile(join(base, 'pki', 'sub', 'notes.txt'), 'not read: wrong extension');
  await writeFile(join(base, 'pki', 'big.pem'), Buffer.alloc(10_000, 0x41));
  await symlink(join(base, 'pki'), join(base, 'pki', 'sub', 'loop'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

/** The real file system, except that one file is unreadable (tests may run as root, where chmod 000 does not bite). */
const lockedFs: FileSystem = {
  ...nodeFileSystem,
  readFile: (path, max) =>
    path.endsWith('locked.pem') ? Promise.reject(new CollectError('permission', `${path}: permission denied`)) : nodeFileSystem.readFile(path, max),
};

describe('cert-file collector', () => {
  it('walks folders (symlink loop included), emits every certificate and one problem per bad file', async () => {
    const ctx = fakeCollectorContext({ baseDir: base, fs: lockedFs });
    const config = certFile.config.parse({ paths: ['pki'], maxFileBytes: 1024 * 1024 });
    await certFile.collect({ ...config, maxFileBytes: 6000 }, ctx);

    const locations = ctx.ofKind('certificate').map((c) => c.sightings[0]!.location).sort();
    expect(locations).toEqual(['pki/bundle-with-text.pem#0', 'pki/bundle-with-text.pem#1', 'pki/ec-p256.pem#0', 'pki/rsa-2048.pem#0', 'pki/sub/ec-p256.der#0']);
    expect(ctx.emitted.every((e) => e.target === 'pki')).toBe(true);
    expect(ctx.ofKind('certificate')[0]!.sightings[0]).toMatchObject({ collector: 'cert-file', target: 'pki' });

    const problems = [...ctx.problems].sort((a, b) => a.message.localeCompare(b.message));
    expect(problems.map((p) => [p.target, p.code])).toEqual([
      ['pki', 'too-large'],
      ['pki', 'parse'],
      ['pki', 'permission'],
    ]);
    expect(problems.map((p) => p.message.split(':')[0])).toEqual(['pki/big.pem', 'pki/sub/garbage.pem', 'pki/sub/locked.pem']);
    for (const p of problems) expect(p.message).not.toContain(base);
  });

  it('does not descend when recursive is false and reads a named file whatever its extension', async () => {
    await writeFile(join(base, 'single.txt'), await import('node:fs/promises').then((m) => m.readFile(join(fixtures, 'ec-p256.pem'))));
    const ctx = fakeCollectorContext({ baseDir: base });
    await certFile.collect(certFile.config.parse({ paths: ['pki', 'single.txt'], recursive: false, maxFileBytes: 6000 }), ctx);
    const locations = ctx.ofKind('certificate').map((c) => c.sightings[0]!.location);
    expect(locations).toContain('single.txt#0');
    expect(locations.some((l) => l?.startsWith('pki/sub/'))).toBe(false);
  });

  it('reports a missing path as not-found and caps the number of files', async () => {
    const ctx = fakeCollectorContext({ baseDir: base });
    await certFile.collect(certFile.config.parse({ paths: ['nope', 'pki'], maxFiles: 2 }), ctx);
    expect(ctx.problems).toContainEqual({ target: 'nope', code: 'not-found', message: 'nope: no such file or directory' });
    expect(ctx.problems.some((p) => p.target === 'pki' && /more than 2 files/.test(p.message))).toBe(true);
  });

  it('counts configured paths as targets and rejects unknown keys', () => {
    expect(certFile.countTargets(certFile.config.parse({ paths: ['a', 'b'] }))).toBe(2);
    expect(certFile.config.safeParse({ paths: [], bogus: 1 }).success).toBe(false);
  });
});
