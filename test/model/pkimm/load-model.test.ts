import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../../src/errors.js';
import { builtinModel, defaultCacheDir, loadModel, modelFromYaml, pullModel } from '../../../model/pkimm/load-model.js';
import { MODEL_PINS, type ModelPin } from '../../../model/pkimm/pins.js';

const ROOT = join(import.meta.dirname, '../../..');
const FIXTURES = join(ROOT, 'fixtures/models');
const SHARED_MODELS = join(ROOT, '../shared/pkimm/model');
const hasShared = existsSync(SHARED_MODELS);

const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const sha = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
const tempDir = (): string => mkdtempSync(join(tmpdir(), 'pkimm-model-'));
const fileSource = (location: string) => ({ kind: 'file', location }) as const;

/** Returns the ModelError message a function throws (fails the test when it does not throw one). */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return (error as Error).message;
  }
  throw new Error('expected a ModelError');
}

async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('builtinModel', () => {
  it('defaults to 1.1.0 with neutral titles and no texts', () => {
    const model = builtinModel();
    expect(model.version).toBe('1.1.0');
    expect(model.source).toEqual({ kind: 'builtin', location: 'builtin:1.1.0' });
    expect(model.levelNames).toEqual(['Initial', 'Basic', 'Advanced', 'Managed', 'Optimized']);
    const inventory = model.requirement('7.4')!;
    expect(inventory).toMatchObject({ ref: '7.4', ref110: '7.4', categoryId: '7', moduleId: 'M', weight: 3, title: 'Cert inventory' });
    expect(inventory.guidance).toBeUndefined();
  });

  it('gives 2.0.0 slug refs, 1.1.0 refs and the Foundational level name; accepts "2.0.0-draft"', () => {
    const model = builtinModel('2.0.0-draft');
    expect(model.version).toBe('2.0.0');
    expect(model.levelNames[1]).toBe('Foundational');
    expect(model.requirement('certificate-management/cert-inventory')?.ref110).toBe('7.4');
    expect(model.requirement('7.4')?.ref).toBe('certificate-management/cert-inventory');
    expect(model.category('7')?.id).toBe('certificate-management');
    expect(model.requirement('7.2')).toBeUndefined();
  });

  it('prefers the model\'s own numbering: in 1.0.0, "6.4" is certificate inventory (1.1.0 7.4)', () => {
    const model = builtinModel('1.0.0');
    expect(model.requirement('6.4')?.ref110).toBe('7.4');
    expect(model.requirement('5.1')?.ref110).toBe('6.1');
    expect(model.requirement('16.4')?.ref).toBe('15.4'); // only in 1.1.0 numbering
    expect(model.category('16')?.id).toBe('15');
  });

  it('rejects an unsupported version', () => {
    expect(errorOf(() => builtinModel('3.1.0'))).toBe('model version 3.1.0 is not supported; supported: 1.0.0, 1.1.0, 2.0.0');
  });
});

describe('modelFromYaml', () => {
  it('loads a small 1.1.0 model with texts, refs and deprecation flags', () => {
    const model = modelFromYaml(fixture('mini-1.1.0.yaml'), fileSource('fixtures/models/mini-1.1.0.yaml'));
    expect(model.version).toBe('1.1.0');
    expect(model.source.sha256).toBe(sha(fixture('mini-1.1.0.yaml')));
    expect(model.requirements.map((r) => r.ref)).toEqual(['1.1', '1.2', '7.2', '7.4']);
    expect(model.requirement('7.4')).toMatchObject({ title: 'Fixture inventory requirement', guidance: 'Fixture inventory guidance.', weight: 3 });
    expect(model.requirement('7.2')?.deprecated).toBe(true);
    expect(model.requirement('7.4')?.deprecated).toBeUndefined();
    expect(model.category('1')?.levels.map((l) => l.name)).toEqual(['Initial', 'Basic', 'Advanced', 'Managed', 'Optimized']);
    expect(model.levelNames).toEqual(['Initial', 'Basic', 'Advanced', 'Managed', 'Optimized']);
  });

  it('loads the 2.0.0 shape (reference lists) and maps slugs to 1.1.0 refs', () => {
    const model = modelFromYaml(fixture('mini-2.0.0.yaml'), fileSource('mini-2.0.0.yaml'));
    expect(model.schemaVersion).toBe('2.0.0');
    expect(model.requirement('7.4')?.ref).toBe('certificate-management/cert-inventory');
    expect(model.category('certificate-management')?.id110).toBe('7');
    expect(model.levelNames[1]).toBe('Foundational');
  });

  it('names the source and the field path of a wrong type, on one line', () => {
    const message = errorOf(() => modelFromYaml(fixture('bad-weight.yaml'), fileSource('models/bad.yaml')));
    expect(message).toBe('model file models/bad.yaml: modules[0].categories[1].weight: expected an integer, got 2.5');
  });

  it('reports a missing field and a 1.x file with list references', () => {
    const missing = fixture('mini-1.1.0.yaml').replace('    name: "Management"\n', '');
    expect(errorOf(() => modelFromYaml(missing, fileSource('m.yaml')))).toBe('model file m.yaml: modules[1].name: is required');
    const listRefs = fixture('mini-1.1.0.yaml').replace('references: "- fixture reference"', 'references: [a, b]');
    expect(errorOf(() => modelFromYaml(listRefs, fileSource('m.yaml')))).toMatch(/^model file m\.yaml: modules\[0\]\.categories\[0\]\.requirements\[0\]\.references: expected a string, got a list$/);
  });

  it('rejects ids that the declared version does not have', () => {
    const unknown = fixture('mini-1.1.0.yaml').replace('- id: "7"', '- id: "17"');
    expect(errorOf(() => modelFromYaml(unknown, fileSource('m.yaml')))).toBe('model file m.yaml: modules[1].categories[0].id: model 1.1.0 has no category "17"');
  });

  it('rejects broken YAML with its line', () => {
    const message = errorOf(() => modelFromYaml(fixture('broken.yaml'), fileSource('broken.yaml')));
    expect(message).toMatch(/^model file broken\.yaml: invalid YAML at line \d+, column \d+: /);
    expect(message).not.toContain('\n');
  });

  it('rejects an unsupported version clearly', () => {
    expect(errorOf(() => modelFromYaml(fixture('unsupported-version.yaml'), fileSource('v3.yaml')))).toBe(
      'model file v3.yaml: model version 3.1.0 is not supported; supported: 1.0.0, 1.1.0, 2.0.0',
    );
  });

  it('bounds the input: alias bombs and files over 5 MB', () => {
    const bomb = `a: &a [x, x, x, x, x]\nb: [${Array.from({ length: 200 }, () => '*a').join(', ')}]\n`;
    expect(errorOf(() => modelFromYaml(bomb, fileSource('bomb.yaml')))).toMatch(/invalid YAML: Excessive alias count/);
    const huge = `# ${'x'.repeat(5 * 1024 * 1024)}\n`;
    expect(errorOf(() => modelFromYaml(huge, fileSource('huge.yaml')))).toMatch(/more than the 5242880-byte limit/);
  });
});

describe('loadModel', () => {
  it('defaults to the builtin 1.1.0 structure without touching the network', async () => {
    const model = await loadModel({
      cacheDir: tempDir(),
      fetch: () => Promise.reject(new Error('no network expected')),
    });
    expect(model.source.kind).toBe('builtin');
    expect(model.version).toBe('1.1.0');
  });

  it('loads a file relative to baseDir and reports a relative location', async () => {
    const model = await loadModel({ model: 'fixtures/models/mini-1.1.0.yaml', baseDir: ROOT });
    expect(model.source).toMatchObject({ kind: 'file', location: 'fixtures/models/mini-1.1.0.yaml' });
  });

  it('reports only the file name for a file outside baseDir', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'copy.yaml'), fixture('mini-1.1.0.yaml'));
    const model = await loadModel({ model: join(dir, 'copy.yaml'), baseDir: ROOT });
    expect(model.source.location).toBe('copy.yaml');
  });

  it('says which file is missing', async () => {
    const error = await rejectionOf(loadModel({ model: 'models/nope.yaml', baseDir: ROOT }));
    expect(error).toBeInstanceOf(ModelError);
    expect(error.message).toBe('model file models/nope.yaml: file not found');
  });

  it('rejects an unsupported version string', async () => {
    const error = await rejectionOf(loadModel({ model: '3.1.0' }));
    expect(error.message).toBe('model version 3.1.0 is not supported; supported: 1.0.0, 1.1.0, 2.0.0');
  });

  it('uses a cache entry whose SHA-256 equals the pin, and ignores a tampered one', async () => {
    const cacheDir = tempDir();
    const text = fixture('mini-1.1.0.yaml');
    const pins: Record<string, ModelPin> = { '1.1.0': { ...MODEL_PINS['1.1.0']!, sha256: sha(text) } };
    writeFileSync(join(cacheDir, 'pkimm-model-1.1.0.yaml'), text);
    const hit = await loadModel({ model: '1.1.0', cacheDir, pins });
    expect(hit.source).toEqual({ kind: 'cache', location: 'cache:pkimm-model-1.1.0.yaml', sha256: sha(text) });
    expect(hit.requirement('7.4')?.guidance).toBe('Fixture inventory guidance.');

    writeFileSync(join(cacheDir, 'pkimm-model-1.1.0.yaml'), `${text}# tampered\n`);
    const notes: string[] = [];
    const miss = await loadModel({ model: '1.1.0', cacheDir, pins, log: (m) => notes.push(m) });
    expect(miss.source.kind).toBe('builtin');
    expect(notes.join('\n')).toMatch(/pkimm-model-1\.1\.0\.yaml has SHA-256 [0-9a-f]{64}, expected/);
  });

  it('downloads a URL model through the injected fetch', async () => {
    const bytes = new TextEncoder().encode(fixture('mini-2.0.0.yaml'));
    const model = await loadModel({ model: 'https://models.example/pkimm.yaml', fetch: () => Promise.resolve(bytes) });
    expect(model.source).toEqual({ kind: 'url', location: 'https://models.example/pkimm.yaml', sha256: sha(bytes) });
    const failing = await rejectionOf(loadModel({ model: 'https://models.example/x.yaml', fetch: () => Promise.reject(new Error('HTTP 404 Not Found')) }));
    expect(failing.message).toBe('model URL https://models.example/x.yaml: download failed: HTTP 404 Not Found');
  });

  it('takes the default cache dir from PKIMM_CACHE_DIR, then XDG_CACHE_HOME', () => {
    expect(defaultCacheDir({ PKIMM_CACHE_DIR: '/c' })).toBe('/c');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x' })).toBe(join('/x', 'pkimm-scan'));
  });

  describe.runIf(hasShared)('with the official files', () => {
    it('uses a cached official 1.1.0 file verified against the real pin', async () => {
      const cacheDir = tempDir();
      writeFileSync(join(cacheDir, 'pkimm-model-1.1.0.yaml'), readFileSync(join(SHARED_MODELS, 'pkimm-model-1.1.0.yaml')));
      const model = await loadModel({ cacheDir });
      expect(model.source).toMatchObject({ kind: 'cache', location: 'cache:pkimm-model-1.1.0.yaml' });
      expect(model.requirements).toHaveLength(78);
    });

    it('pins the SHA-256 of each official file', () => {
      const files: Record<string, string> = { '1.0.0': 'pkimm-model-1.0.0.yaml', '1.1.0': 'pkimm-model-1.1.0.yaml', '2.0.0': 'pkimm-model-2.0.0-draft.yaml' };
      for (const [version, file] of Object.entries(files)) expect(MODEL_PINS[version]?.sha256).toBe(sha(readFileSync(join(SHARED_MODELS, file))));
    });

    it('pulls the pinned file through an injected fetch', async () => {
      const cacheDir = tempDir();
      const official = readFileSync(join(SHARED_MODELS, 'pkimm-model-2.0.0-draft.yaml'));
      const urls: string[] = [];
      const pulled = await pullModel('2.0.0-draft', { cacheDir, fetch: (url) => (urls.push(url), Promise.resolve(official)) });
      expect(urls).toEqual([MODEL_PINS['2.0.0']!.url]);
      expect(pulled.path).toBe(join(cacheDir, 'pkimm-model-2.0.0.yaml'));
      expect((await loadModel({ model: '2.0.0', cacheDir })).source.kind).toBe('cache');
    });
  });
});

describe('pullModel over HTTP (127.0.0.1)', () => {
  let server: Server;
  let base = '';
  let body = '';
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/pkimm-model-1.1.0.yaml') {
        response.writeHead(200, { 'content-type': 'application/yaml' }).end(body);
      } else {
        response.writeHead(404).end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const pinsFor = (text: string, path = '/pkimm-model-1.1.0.yaml'): Record<string, ModelPin> => ({
    '1.1.0': { version: '1.1.0', commit: 'fixture', url: `${base}${path}`, sha256: sha(text) },
  });

  it('downloads, verifies and writes the file into the cache, then loadModel uses it', async () => {
    body = fixture('mini-1.1.0.yaml');
    const cacheDir = join(tempDir(), 'nested', 'cache');
    const pins = pinsFor(body);
    const pulled = await pullModel('1.1.0', { cacheDir, pins });
    expect(pulled).toEqual({ path: join(cacheDir, 'pkimm-model-1.1.0.yaml'), sha256: sha(body), url: `${base}/pkimm-model-1.1.0.yaml` });
    expect(readFileSync(pulled.path, 'utf8')).toBe(body);
    expect(readdirSync(cacheDir)).toEqual(['pkimm-model-1.1.0.yaml']);
    const model = await loadModel({ model: '1.1.0', cacheDir, pins });
    expect(model.source.kind).toBe('cache');
  });

  it('refuses tampered content and writes nothing', async () => {
    const expected = fixture('mini-1.1.0.yaml');
    body = expected.replace('weight: 3', 'weight: 5');
    const cacheDir = tempDir();
    const error = await rejectionOf(pullModel('1.1.0', { cacheDir, pins: pinsFor(expected) }));
    expect(error).toBeInstanceOf(ModelError);
    expect(error.message).toContain(`downloaded file has SHA-256 ${sha(body)}, expected ${sha(expected)}`);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('reports an HTTP error on one line', async () => {
    const error = await rejectionOf(pullModel('1.1.0', { cacheDir: tempDir(), pins: pinsFor('x', '/missing.yaml') }));
    expect(error.message).toBe(`model 1.1.0 from ${base}/missing.yaml: download failed: HTTP 404 Not Found`);
  });

  it('rejects a version without a pin', async () => {
    const error = await rejectionOf(pullModel('9.9.9', { cacheDir: tempDir() }));
    expect(error.message).toBe('model version 9.9.9 has no pinned official file; pinned: 1.0.0, 1.1.0, 2.0.0');
  });
});
