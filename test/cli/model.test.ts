import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { isScanError, oneLine } from '../../src/errors.js';
import { modelCommand } from '../../src/cli/commands/model.js';
import { ExitCode, type CliIo } from '../../src/cli/types.js';

const ROOT = join(import.meta.dirname, '../..');
const SHARED_110 = join(ROOT, '../shared/pkimm/model/pkimm-model-1.1.0.yaml');

interface Run {
  code: ExitCode;
  out: string;
  err: string;
}

/**
 * Runs `pkimm <args>` through a minimal program built like src/cli/main.ts (exitOverride, one-line errors, exit 2),
 * so this test does not depend on the other commands.
 */
async function run(args: readonly string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), cwd: ROOT, env };
  let code: ExitCode = ExitCode.Ok;
  const program = new Command('pkimm').exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  modelCommand.register(program, io, (c) => (code = c));
  try {
    await program.parseAsync(['node', 'pkimm', ...args]);
  } catch (error) {
    if (error instanceof CommanderError) return { code: error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage, out, err };
    if (!isScanError(error)) throw error;
    err += `pkimm: ${oneLine(error)}\n`;
    return { code: ExitCode.Usage, out, err };
  }
  return { code, out, err };
}

const emptyCache = (): string => mkdtempSync(join(tmpdir(), 'pkimm-cli-model-'));

describe('pkimm model list', () => {
  it('lists the three versions, marks 1.1.0 as default and shows the cache directory', async () => {
    const cacheDir = emptyCache();
    const result = await run(['model', 'list'], { PKIMM_CACHE_DIR: cacheDir });
    expect(result.code).toBe(ExitCode.Ok);
    expect(result.out).toMatch(/^ {2}\* 1\.1\.0 +builtin structure, pinned, not cached$/m);
    expect(result.out).toMatch(/^ {4}2\.0\.0 \(draft\) +builtin structure, pinned, not cached$/m);
    expect(result.out).toContain(`Cache directory: ${cacheDir}`);
  });

  it('prints JSON with --json and tells a verified cache entry from a tampered one', async () => {
    const cacheDir = emptyCache();
    writeFileSync(join(cacheDir, 'pkimm-model-1.0.0.yaml'), 'not the official file\n');
    const result = await run(['model', 'list', '--json', '--cache-dir', cacheDir]);
    const json = JSON.parse(result.out);
    expect(json.default).toBe('1.1.0');
    expect(json.versions.map((v: { version: string }) => v.version)).toEqual(['1.0.0', '1.1.0', '2.0.0']);
    expect(json.versions[0].cached).toEqual({ path: join(cacheDir, 'pkimm-model-1.0.0.yaml'), verified: false });
    expect(json.versions[1].cached).toBeNull();
  });
});

describe('pkimm model show', () => {
  it('shows modules and categories with weights and requirement counts', async () => {
    const result = await run(['model', 'show'], { PKIMM_CACHE_DIR: emptyCache() });
    expect(result.code).toBe(ExitCode.Ok);
    expect(result.out).toContain('PKIMM model 1.1.0 (builtin:1.1.0, structure only');
    expect(result.out).toMatch(/^ {2}7 +Certificate management +weight {2}4 {2}7 requirements$/m);
    expect(result.out).toContain('16 categories (Σ weight 52), 78 requirements');
  });

  it('shows a category with its requirements and the deprecated flag', async () => {
    const result = await run(['model', 'show', '7'], { PKIMM_CACHE_DIR: emptyCache() });
    expect(result.out).toContain('M.7 Certificate management (weight 4)');
    expect(result.out).toMatch(/7\.2 +weight 3 {2}Cert cipher suites {2}\[deprecated/);
  });

  it.each(['7.4', 'M.7.4', 'certificate-management/cert-inventory', '2.2.4.'])('finds requirement 7.4 written as %s, with its ids across versions', async (ref) => {
    const result = await run(['model', 'show', ref, '--json'], { PKIMM_CACHE_DIR: emptyCache() });
    const json = JSON.parse(result.out);
    expect(json.requirement).toMatchObject({ ref: '7.4', weight: 3, deprecated: false });
    expect(json.requirement.ids).toEqual({ '1.0.0': '6.4', '1.1.0': '7.4', '2.0.0': 'certificate-management/cert-inventory', excel: '2.2.4.' });
    expect(json.requirement.guidance).toBeUndefined();
  });

  it('shows guidance and assessment when a YAML file is loaded', async () => {
    const result = await run(['model', 'show', '7.4', '--model', 'fixtures/models/mini-1.1.0.yaml']);
    expect(result.out).toContain('PKIMM model 1.1.0 (fixtures/models/mini-1.1.0.yaml)');
    expect(result.out).toContain('Guidance:\n  Fixture inventory guidance.');
    expect(result.out).toContain('Assessment:\n  Fixture inventory assessment.');
  });

  it('says a 2.0.0 model lacks a dropped requirement, which 1.1.0 shows as deprecated', async () => {
    const result = await run(['model', 'show', '7.2', '--model', '2.0.0'], { PKIMM_CACHE_DIR: emptyCache() });
    expect(result.code).toBe(ExitCode.Usage);
    expect(result.err).toBe('pkimm: model show: model 2.0.0 has no requirement or category "7.2"\n');
    const ok = await run(['model', 'show', '7.2'], { PKIMM_CACHE_DIR: emptyCache() });
    expect(ok.out).toContain('deprecated: yes');
    expect(ok.out).toContain('2.0.0:      — (dropped in the 2.0.0 draft)');
  });

  it('fails with exit 2 and one line for a broken model file', async () => {
    const result = await run(['model', 'show', '--model', 'fixtures/models/bad-weight.yaml']);
    expect(result.code).toBe(ExitCode.Usage);
    expect(result.err).toBe('pkimm: model file fixtures/models/bad-weight.yaml: modules[0].categories[1].weight: expected an integer, got 2.5\n');
  });

  it.runIf(existsSync(SHARED_110))('uses a verified cached official file', async () => {
    const cacheDir = emptyCache();
    writeFileSync(join(cacheDir, 'pkimm-model-1.1.0.yaml'), readFileSync(SHARED_110));
    const result = await run(['model', 'show', '7.4', '--cache-dir', cacheDir]);
    expect(result.out).toContain('PKIMM model 1.1.0 (cache:pkimm-model-1.1.0.yaml)');
    expect(result.out).toContain('Guidance:');
  });
});

describe('pkimm model pull', () => {
  it('rejects something that is not a version', async () => {
    const result = await run(['model', 'pull', 'latest', '--cache-dir', emptyCache()]);
    expect(result.code).toBe(ExitCode.Usage);
    expect(result.err).toBe('pkimm: model pull: "latest" is not a model version; pinned: 1.0.0, 1.1.0, 2.0.0\n');
  });

  it('rejects a version that has no pinned file', async () => {
    const result = await run(['model', 'pull', '3.1.0', '--cache-dir', emptyCache()]);
    expect(result.err).toBe('pkimm: model version 3.1.0 has no pinned official file; pinned: 1.0.0, 1.1.0, 2.0.0\n');
  });
});
