import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { AnswersFile } from '../../model/answers.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../prefill/reports.js';
import { syntheticAssessmentWorkbook, syntheticSelfAssessmentWorkbook } from '../prefill/synthetic-workbooks.js';
import { Workbook } from '../../src/prefill/workbook.js';

/** A temp dir with report.json (the workbook sample, excel mode) and the synthetic workbooks. */
async function setup(answers = 'excel-sample-1.0.0-example-2.yaml'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'pkimm-prefill-'));
  const scored = await runCli(['score', '--answers', join(ROOT, 'fixtures/answers', answers), '--mode', 'excel', '--out-dir', dir, '-f', 'json'], { cwd: dir });
  expect(scored.code).toBe(0);
  writeFileSync(join(dir, 'template.xlsx'), syntheticAssessmentWorkbook());
  writeFileSync(join(dir, 'self.xlsx'), syntheticSelfAssessmentWorkbook());
  return dir;
}

describe('pkimm prefill', () => {
  it('fills the assessment workbook, says what it wrote and leaves the template as it was', async () => {
    const dir = await setup();
    const before = readFileSync(join(dir, 'template.xlsx'));
    const { code, out, err } = await runCli(['prefill', '--report', 'report.json', '--workbook', 'template.xlsx', '--out', 'filled.xlsx', '--use-case', 'Issuing CA'], { cwd: dir });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('workbook: PKI Maturity Assessment Tool (v240318 layout; model 1.0.0 content, Excel numbering); report model 1.0.0, excel mode');
    expect(out).toContain('levels: 65 of 72 written; 0 unanswered left blank');
    expect(out).toContain('scope: categories 2.3 out of scope; requirements 1.2.4., 2.2.2. N/A');
    expect(out).toMatch(/wrote filled\.xlsx \(parts changed: .*xl\/workbook\.xml; every other part copied unchanged\)/);
    expect(readFileSync(join(dir, 'template.xlsx')).equals(before)).toBe(true);
    const filled = Workbook.open(new Uint8Array(readFileSync(join(dir, 'filled.xlsx'))), 'filled.xlsx');
    expect(filled.value('Overview', 'D5')).toEqual({ kind: 'string', value: 'Issuing CA' });
  });

  it('fills the self-assessment workbook, detected by its sheets', async () => {
    const dir = await setup();
    const { code, out } = await runCli(['prefill', '-r', 'report.json', '-w', 'self.xlsx', '-o', 'self-filled.xlsx'], { cwd: dir });
    expect(code).toBe(0);
    expect(out).toContain('workbook: PKI Maturity Self-Assessment Tool (v231220 layout');
    expect(out).toContain('levels: 1.1=1 1.2=2 1.3=2 1.4=3 2.1=3 2.2=2 2.3=N/A 2.4=2');
  });

  it.each([
    ['the same name', 'template.xlsx'],
    ['another spelling of the same path', './sub/../template.xlsx'],
    ['a symlink to it', 'link.xlsx'],
  ])('refuses --out naming the workbook (%s) and writes nothing', async (_name, out) => {
    const dir = await setup();
    symlinkSync(join(dir, 'template.xlsx'), join(dir, 'link.xlsx'));
    const before = readFileSync(join(dir, 'template.xlsx'));
    const result = await runCli(['prefill', '-r', 'report.json', '-w', 'template.xlsx', '-o', out], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.err).toBe(`pkimm: --out ${out}: must differ from --workbook (the prefill never overwrites its inputs or another output)\n`);
    expect(readFileSync(join(dir, 'template.xlsx')).equals(before)).toBe(true);
  });

  it.each([
    [['-w', 'report.json', '-o', 'x.xlsx'], /^pkimm: report\.json: not an xlsx file \(no ZIP directory found\)\n$/],
    [['-w', 'missing.xlsx', '-o', 'x.xlsx'], /^pkimm: workbook missing\.xlsx: file not found\n$/],
    [['-w', 'template.xlsx'], /^pkimm: prefill: --workbook and --out go together\n$/],
    [[], /^pkimm: prefill: give --workbook FILE --out FILE, --answers-out FILE, --web-self-assessment FILE, or several\n$/],
    [['--answers-out', 'report.json'], /^pkimm: --answers-out report\.json: must differ from --report/],
  ])('rejects %j with one line and exit 2', async (args, message) => {
    const dir = await setup();
    const result = await runCli(['prefill', '-r', 'report.json', ...args], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
  });

  it('writes an answers file that validates and scores as the report did', async () => {
    const dir = await setup('excel-sample-1.0.0-example-3.yaml');
    const { code, out } = await runCli(['prefill', '-r', 'report.json', '--answers-out', 'answers.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(out).toContain('answers: 67 answered level(s) kept, 0 automated level(s) marked for confirmation, 0 draft level(s) in notes only');
    const text = readFileSync(join(dir, 'answers.yaml'), 'utf8');
    expect(AnswersFile.safeParse(parseYaml(text)).success).toBe(true);
    const original = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).assessment.overall.raw as number;
    const rescored = await runCli(['score', '--answers', 'answers.yaml', '--mode', 'excel', '--json'], { cwd: dir });
    expect(rescored.code).toBe(0);
    expect(JSON.parse(rescored.out).overall.raw).toBeCloseTo(original, 12);
  });

  it('writes the web self-assessment file', async () => {
    const dir = await setup();
    const { code, out } = await runCli(['prefill', '-r', 'report.json', '--web-self-assessment', 'web.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(out).toContain('web self-assessment: model 2.0.0');
    expect(out).toContain('not placed: model 2.0.0 has no counterpart of 6.5 level 2 (manual), 7.2 not applicable (1.1.0 numbering; dropped in 2.0)');
    expect(parseYaml(readFileSync(join(dir, 'web.yaml'), 'utf8'))).toMatchObject({ dataVersion: '2.0.0', stateSchemaVersion: 2 });
  });
});
