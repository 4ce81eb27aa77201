import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { AnswersFile } from '../../model/answers.js';
import { builtinModel } from '../../model/pkimm/load-model.js';
import { builtInAssessors, builtInRules } from '../../rules/index.js';
import { assess } from '../../src/engine/assess.js';
import { buildReport } from '../../src/report/build-report.js';
import { normalizeAnswers } from '../../src/score/normalize-answers.js';
import { score } from '../../src/score/score.js';
import { NOW, certificateEvidence, scanFacts, tlsEndpointEvidence } from '../helpers/evidence.js';
import { runCli } from '../helpers/cli.js';

const model = builtinModel('1.1.0');
const evidence = [certificateEvidence(), certificateEvidence({ subject: 'CN=b', keySizeBits: 1024 }), tlsEndpointEvidence()];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pkimm-answers-'));
  const out = assess({ model, evidence, facts: scanFacts(), rules: builtInRules, assessors: builtInAssessors });
  const report = buildReport({ model, assessment: out.assessment, generatedAt: NOW, results: out.results, statements: out.statements, evidence, rules: builtInRules, assessors: builtInAssessors });
  await writeFile(join(dir, 'report.json'), JSON.stringify(report));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const schema = JSON.parse(await readFile(new URL('../../schemas/answers.schema.json', import.meta.url), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(schema);

describe('pkimm answers template', () => {
  it('writes a valid answers file with every requirement, automated levels and drafts commented out', async () => {
    const { code, out } = await runCli(['answers', 'template', '--evidence', 'report.json', '--organisation', 'Example Corp'], { cwd: dir });
    expect(code).toBe(0);
    const data: unknown = parseYaml(out);
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    const file = AnswersFile.parse(data);
    expect(file.organisation).toBe('Example Corp');
    expect(Object.keys(file.requirements)).toHaveLength(model.requirements.length);
    expect(Object.values(file.requirements).every((r) => r.level === undefined)).toBe(true);
    expect(out).toMatch(/\n {4}# level: 1 {3}# AUTOMATED: counts as 1 unless you answer/);
    expect(out).toMatch(/\n {2}# 4\.3 Recurring activities on time \(weight 5\)\n( {2}# [^\n]*\n)* {2}"4\.3":\n {4}# level: 3 {3}# DRAFT from evidence \(support 3, cap -\)/);
    expect(out).toMatch(/\n {4}# level: \? {3}# evidence caps this requirement at 2/);
    expect(out).toContain('"1.1": {}   # manual: no rule observes this requirement');
    expect(out).toMatch(/"2\.5": \{\} {3}# insufficient evidence: no CP or CPS revision dates are declared/);
    expect(file.requirements['7.4']?.notes).toMatch(/^Evidence \(draft, from pkimm-scan; replace with your assessment\): proposed 1\. Level 1: no inventory imported or adopted/);
    expect(out).toContain('    #   "2": at most 2: A cryptographic inventory exists, but no CBOM export is attested ("cbom-exported").');
  });

  it('becomes a scored answers file once a person writes the drafted levels', async () => {
    const { out } = await runCli(['answers', 'template', '--evidence', 'report.json'], { cwd: dir });
    const filled = out.replace(/# level: (\d) {3}# [^\n]*/g, 'level: $1');
    const file = AnswersFile.parse(parseYaml(filled));
    expect(validate(parseYaml(filled))).toBe(true);
    expect(file.requirements['4.3']?.level).toBe(3);
    const assessment = score({ model, answers: normalizeAnswers(file, model, 'filled.yaml') });
    expect(assessment.requirements['4.3']).toMatchObject({ source: 'manual', level: 3 });
    expect(assessment.requirements['7.4']).toMatchObject({ source: 'manual', level: 1 });
  });

  it('writes a template without evidence, and to a file', async () => {
    const { code, err } = await runCli(['answers', 'template', '--out', 'blank.yaml'], { cwd: dir });
    expect(code).toBe(0);
    expect(err).toBe('wrote blank.yaml\n');
    const text = await readFile(join(dir, 'blank.yaml'), 'utf8');
    expect(AnswersFile.parse(parseYaml(text)).model).toBe('1.1.0');
    expect(text).not.toContain('# level:');
    expect(text).toContain('extensions: {}');
  });

  it('reports a missing evidence file as a usage error', async () => {
    const { code, err } = await runCli(['answers', 'template', '--evidence', 'missing.json'], { cwd: dir });
    expect(code).toBe(2);
    expect(err).toBe('pkimm: report missing.json: file not found\n');
  });
});
