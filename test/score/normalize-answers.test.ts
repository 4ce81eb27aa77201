import { describe, expect, it } from 'vitest';
import { AnswersFile } from '../../model/answers.js';
import { ConfigError } from '../../src/errors.js';
import { normalizeAnswers } from '../../src/score/index.js';
import { testModel } from './helpers/model.js';

const m100 = testModel('1.0.0');
const m110 = testModel('1.1.0');
const m200 = testModel('2.0.0');

const file = (input: unknown): AnswersFile => AnswersFile.parse(input);

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('normalizeAnswers: translation between model versions', () => {
  const answers100 = file({
    model: '1.0.0',
    requirements: { '6.4': { level: 3, notes: 'inventory in CMDB', evidence: ['cmdb.csv'] }, '1.1': { level: 2 } },
    scope: { '7': { notApplicable: 'outsourced' }, '2.4': { notApplicable: 'no PDS' } },
  });

  it('keeps 1.0.0 ids against a 1.0.0 model', () => {
    const n = normalizeAnswers(answers100, m100);
    expect(n.kind).toBe('full');
    expect([...n.requirements.keys()]).toEqual(['1.1', '6.4']);
    expect(n.requirements.get('6.4')).toEqual({ level: 3, notes: 'inventory in CMDB', evidence: ['cmdb.csv'] });
    expect([...n.scopeCategories]).toEqual([['7', 'outsourced']]);
    expect([...n.scopeRequirements]).toEqual([['2.4', 'no PDS']]);
    expect(n.warnings).toEqual([]);
  });

  it('translates 1.0.0 ids into 1.1.0 (6.4 → 7.4, category 7 → 8)', () => {
    const n = normalizeAnswers(answers100, m110);
    expect([...n.requirements.keys()]).toEqual(['1.1', '7.4']);
    expect([...n.scopeCategories.keys()]).toEqual(['8']);
    expect([...n.scopeRequirements.keys()]).toEqual(['2.4']);
  });

  it('translates 1.0.0 ids into 2.0.0 slugs', () => {
    const n = normalizeAnswers(answers100, m200);
    expect([...n.requirements.keys()]).toEqual(['strategy-and-vision/sponsor-support', 'certificate-management/cert-inventory']);
    expect([...n.scopeCategories.keys()]).toEqual(['infrastructure-management']);
    expect([...n.scopeRequirements.keys()]).toEqual(['policies-and-documentation/disclosure-statement']);
  });

  it('translates 1.1.0 and 2.0.0 answers back', () => {
    expect([...normalizeAnswers(file({ model: '1.1.0', requirements: { '7.4': { level: 3 } } }), m100).requirements.keys()]).toEqual(['6.4']);
    const n = normalizeAnswers(file({ model: '2.0.0', requirements: { 'certificate-management/cert-inventory': { level: 3 } }, categories: {} }), m110);
    expect([...n.requirements.keys()]).toEqual(['7.4']);
    expect([...normalizeAnswers(file({ model: '2.0.0', scope: { cryptography: { notApplicable: 'x' } } }), m110).scopeCategories.keys()]).toEqual(['5']);
  });

  it('returns maps in model order whatever the file order', () => {
    const n = normalizeAnswers(file({ model: '1.1.0', requirements: { '16.4': { level: 1 }, '2.1': { level: 2 }, '10.1': { level: 3 } } }), m110);
    expect([...n.requirements.keys()]).toEqual(['2.1', '10.1', '16.4']);
  });

  it('treats requirements."x".notApplicable as a scope entry', () => {
    const n = normalizeAnswers(file({ model: '1.1.0', requirements: { '7.5': { notApplicable: 'no discovery needed', notes: 'tiny estate' } } }), m110);
    expect(n.scopeRequirements.get('7.5')).toBe('no discovery needed');
    expect(n.requirements.get('7.5')).toEqual({ notes: 'tiny estate' });
  });

  it('copies metadata and relevance answers', () => {
    const n = normalizeAnswers(
      file({ model: '1.1.0', organisation: 'Example Org', assessor: { name: 'A. Person' }, date: '2025-01-31', useCase: 'internal PKI', extensions: { pqc: { relevance: { '1': 2 } } } }),
      m110,
    );
    expect(n.meta).toEqual({ organisation: 'Example Org', assessor: { name: 'A. Person' }, date: '2025-01-31', useCase: 'internal PKI' });
    expect(n.relevance.get('pqc')?.get('1')).toBe(2);
  });
});

describe('normalizeAnswers: warnings for answers with no destination', () => {
  it('warns about 1.1.0 7.2 into a 2.0.0 model', () => {
    const n = normalizeAnswers(file({ model: '1.1.0', requirements: { '7.2': { level: 3 }, '7.4': { level: 2 } } }), m200);
    expect([...n.requirements.keys()]).toEqual(['certificate-management/cert-inventory']);
    expect(n.warnings).toHaveLength(1);
    expect(n.warnings[0]).toMatch(/^requirements\."7\.2": model 2\.0\.0 has no counterpart of 1\.1\.0 requirement 7\.2/);
  });

  it('warns about Cryptography into a 1.0.0 model (requirements, scope and category levels)', () => {
    const n = normalizeAnswers(file({ model: '1.1.0', requirements: { '5.2': { level: 4 } }, scope: { '5': { notApplicable: 'x' } } }), m100);
    expect(n.requirements.size).toBe(0);
    expect(n.scopeCategories.size).toBe(0);
    expect(n.warnings).toHaveLength(2);
    const self = normalizeAnswers(file({ model: '1.1.0', categories: { '5': 3, '7': 2 } }), m100);
    expect([...self.categoryLevels]).toEqual([['6', 2]]);
    expect(self.warnings).toHaveLength(1);
  });
});

describe('normalizeAnswers: errors', () => {
  it('names the file, key, id and model version for an unknown requirement', () => {
    const e = errorOf(() => normalizeAnswers(file({ model: '1.1.0', requirements: { '7.9': { level: 1 } } }), m110, 'answers.yaml'));
    expect(e.message).toBe('answers.yaml: requirements."7.9": no requirement 7.9 in model 1.1.0');
    expect(e.message).not.toContain('\n');
  });

  it('reads ids in the answers version, not the loaded model version', () => {
    // 1.0.0 has no category 16; the error names 1.0.0 even when scoring against 1.1.0.
    const e = errorOf(() => normalizeAnswers(file({ model: '1.0.0', requirements: { '16.1': { level: 1 } } }), m110, 'answers.yaml'));
    expect(e.message).toBe('answers.yaml: requirements."16.1": no requirement 16.1 in model 1.0.0');
    expect(errorOf(() => normalizeAnswers(file({ model: '1.1.0', scope: { '17': { notApplicable: 'x' } } }), m110)).message).toBe(
      'answers: scope."17": no category or requirement 17 in model 1.1.0',
    );
    expect(errorOf(() => normalizeAnswers(file({ model: '2.0.0', categories: { '7': 2 } }), m110)).message).toBe('answers: categories."7": no category 7 in model 2.0.0');
  });

  it('rejects a file with both requirement levels and category levels', () => {
    const e = errorOf(() => normalizeAnswers(file({ model: '1.1.0', requirements: { '7.4': { level: 3 } }, categories: { '7': 3 } }), m110, 'answers.yaml'));
    expect(e.message).toMatch(/^answers\.yaml: both requirement levels .* and category levels .* are given/);
    // Notes on requirements are fine in a self-assessment.
    expect(normalizeAnswers(file({ model: '1.1.0', requirements: { '7.4': { notes: 'n' } }, categories: { '7': 3 } }), m110).kind).toBe('self-assessment');
  });

  it('rejects an unsupported model version', () => {
    expect(errorOf(() => normalizeAnswers(file({ model: '3.0.0' }), m110)).message).toMatch(/^answers: model: unsupported model version 3\.0\.0/);
  });
});
