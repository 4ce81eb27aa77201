import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const root = new URL('../../', import.meta.url).pathname;
const pqcPath = new URL('../../../shared/pkimm/extensions/pqc-extension.yaml', import.meta.url).pathname;

describe('pkimm score', () => {
  it('reproduces the official workbook sample (analysis §2.6 example 1) in excel mode', async () => {
    const { code, out } = await runCli(['score', '--answers', 'fixtures/answers/excel-sample-1.0.0.yaml', '--mode', 'excel', '--json'], { cwd: root });
    expect(code).toBe(0);
    const assessment = JSON.parse(out);
    expect(assessment.mode).toBe('excel');
    expect(assessment.overall.raw).toBeCloseTo(2.862788375579364, 14);
    expect(assessment.overall.level).toBe(2);
    expect(assessment.overall.label).toBe('Basic');
  });

  it('prints a summary naming the mode, level and raw value', async () => {
    const { code, out } = await runCli(['score', '--answers', 'fixtures/answers/excel-sample-1.0.0.yaml', '--mode', 'excel'], { cwd: root });
    expect(code).toBe(0);
    expect(out).toContain('excel mode');
    expect(out).toContain('level 2 Basic (raw 2.862788375579364)');
  });

  it('writes JSON and Markdown reports with --out-dir', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-score-'));
    const { code } = await runCli(['score', '--answers', join(root, 'fixtures/answers/excel-sample-1.0.0.yaml'), '--out-dir', dir], { cwd: dir });
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.schemaVersion).toBe('1.0.0');
    expect(report.scoring.mode).toBe('methodology');
    expect(report.model.version).toBe('1.0.0');
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/^# PKI maturity: Level 2: Basic/);
  });

  it.each([
    ['level: 7', /answers file bad\.yaml: requirements\.7\.4\.level: /],
    ['{{{', /answers file bad\.yaml: not valid YAML/],
    ['model: 9.9.9', /9\.9\.9/],
  ])('rejects a bad answers file (%s) with one line and exit 2', async (line, pattern) => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-score-'));
    const body = line.startsWith('level') ? `requirements:\n  "7.4": { ${line} }\n` : `${line}\n`;
    writeFileSync(join(dir, 'bad.yaml'), body);
    const { code, err } = await runCli(['score', '--answers', 'bad.yaml'], { cwd: dir });
    expect(code).toBe(2);
    expect(err).toMatch(pattern);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with a clear line when nothing is given to score', async () => {
    const { code, err } = await runCli(['score']);
    expect(code).toBe(2);
    expect(err).toContain('give --answers FILE');
  });
});

describe('pkimm score --evidence', () => {
  it("merges answers with an earlier scan's evidence statements", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-score-ev-'));
    writeFileSync(join(dir, 'scan.yaml'), `collectors:\n  cert-file: { paths: ["${root}fixtures/certificates"] }\noutput: { dir: ., formats: [json] }\n`);
    expect((await runCli(['scan', '-c', 'scan.yaml', '-q'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'answers.yaml'), 'model: 1.1.0\nrequirements:\n  "7.4": { level: 4 }\n  "1.1": { level: 3 }\n  "2.2": { level: 3 }\n');
    const { code, out } = await runCli(['score', '--answers', 'answers.yaml', '--evidence', 'report.json', '--json'], { cwd: dir });
    expect(code).toBe(0);
    const a = JSON.parse(out);
    // No inventory was declared, so the evidence proposes 1 for 7.4; the answer stands, with the disagreement recorded.
    expect(a.requirements['7.4'].source).toBe('merged');
    expect(a.requirements['7.4'].conflicts.map((c: { kind: string }) => c.kind)).toContain('differs-from-proposal');
    // 1.1 has no assessor: the answer is the level. 2.2 is partly observable: an evidence cap below the answer wins and is a conflict.
    expect(a.requirements['1.1']).toMatchObject({ source: 'manual', level: 3, coverage: 'manual' });
    const r22 = a.requirements['2.2'] as { level: number; conflicts: { kind: string }[] };
    if (r22.level < 3) expect(r22.conflicts.map((c) => c.kind)).toContain('cap-exceeded');
    else expect(r22.level).toBe(3);
    expect(a.requirements['5.4'].source).toBe('automated');
  });
});

describe('pkimm score: models, self-assessments and extensions', () => {
  it.each([
    ['fixtures/models/bad-weight.yaml', /^pkimm: .*bad-weight\.yaml.*weight/],
    ['fixtures/models/broken.yaml', /^pkimm: .*broken\.yaml/],
    ['fixtures/models/unsupported-version.yaml', /not supported/],
  ])('rejects the bad model file %s with one line and exit 2', async (model, pattern) => {
    const { code, err } = await runCli(['score', '--answers', 'fixtures/answers/excel-sample-1.0.0.yaml', '--model', model], { cwd: root });
    expect(code).toBe(2);
    expect(err).toMatch(pattern);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('scores a self-assessment (category levels) as the self-assessment workbook does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-self-'));
    writeFileSync(join(dir, 'self.yaml'), 'model: 1.1.0\nscope:\n  "8": { notApplicable: outsourced }\ncategories:\n  "1": 2\n  "2": 3\n  "7": 4\n');
    const { code, out } = await runCli(['score', '--answers', 'self.yaml', '--json'], { cwd: dir });
    expect(code).toBe(0);
    const a = JSON.parse(out);
    expect(a.kind).toBe('self-assessment');
    // (2·5 + 3·4 + 4·4) / (5 + 4 + 4) = 38/13
    expect(a.overall.raw).toBeCloseTo(38 / 13, 12);
    expect(a.overall.level).toBe(2);
    expect(a.categories['8'].status).toBe('not-applicable');
  });

  it.runIf(existsSync(pqcPath))('scores the PQC extension with relevance answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pkimm-pqc-'));
    writeFileSync(join(dir, 'answers.yaml'), 'model: 1.1.0\nrequirements:\n  "1.1": { level: 3 }\n  "1.2": { level: 2 }\n  "1.3": { level: 3 }\n  "1.4": { level: 1 }\nextensions:\n  pqc: { relevance: { "1": 2 } }\n');
    const { code, out } = await runCli(['score', '--answers', 'answers.yaml', '--extension', pqcPath, '--json'], { cwd: dir });
    expect(code).toBe(0);
    const ext = JSON.parse(out).extensions[0];
    expect(ext).toMatchObject({ id: 'pqc', compatible: true });
    // Analysis §2.6: G.1 with levels (3, 2, 3, 1) and relevance 2 → 50.5 / 21.5.
    const g1 = ext.categories.find((c: { categoryId: string }) => c.categoryId === '1');
    expect(g1.extensionLevel).toBeCloseTo(2.3488, 4);
    expect(ext.score).toBeCloseTo(2.3488, 4);
    expect(ext.floor).toBeCloseTo(2.3488, 4);
  });
});
