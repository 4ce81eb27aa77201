import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { AnswersFile } from '../../model/answers.js';
import type { Statement } from '../../model/statement.js';
import { answersFromReport } from '../../src/prefill/answers-out.js';
import { reportFor } from './reports.js';

const statements: Statement[] = [
  { ref: '7.4', assessor: 'a-inventory', kind: 'propose', level: 3, reasons: [{ text: 'inventory covers 95 %' }], evidenceIds: ['ev-1'] },
  { ref: '7.5', assessor: 'a-discovery', kind: 'support', level: 2, reasons: [{ text: 'weekly discovery' }], evidenceIds: ['ev-2'] },
  { ref: '7.3', assessor: 'a-lifecycle', kind: 'cap', level: 2, reasons: [{ text: '3 expired certificates served' }], evidenceIds: ['ev-3'] },
];

describe('answers file from a report', () => {
  it('keeps answered levels, marks automated ones and keeps drafts out of the levels', () => {
    const { prefill } = reportFor({
      answers: {
        model: '1.1.0',
        organisation: 'Example Corp',
        assessor: { name: 'A. Person' },
        date: '2026-11-22',
        scope: { '8': { notApplicable: 'outsourced' }, '2.4': { notApplicable: 'no DS' } },
        requirements: { '1.1': { level: 3, notes: 'Board minutes', evidence: ['minutes.pdf'] }, '7.3': { level: 4 } },
      },
      statements,
      mode: 'methodology',
    });
    const { yaml, lines } = answersFromReport(prefill);
    const file = AnswersFile.parse(parseYaml(yaml));
    expect(file).toMatchObject({ model: '1.1.0', organisation: 'Example Corp', assessor: { name: 'A. Person' }, date: '2026-11-22', scope: { '8': { notApplicable: 'outsourced' } } });
    expect(file.requirements['1.1']).toEqual({ level: 3, notes: 'Board minutes', evidence: ['minutes.pdf'] });
    expect(file.requirements['2.4']).toEqual({ notApplicable: 'no DS' });
    expect(file.requirements['7.4']).toMatchObject({ level: 3, notes: expect.stringContaining('pkimm-scan: automated level 3 (Advanced) from a-inventory; a person must confirm it.') });
    expect(file.requirements['7.5']?.level).toBeUndefined();
    expect(file.requirements['7.5']?.notes).toContain('DRAFT level 2 (Basic) suggested by a-discovery');
    expect(file.requirements['7.3']).toMatchObject({ level: 2, notes: expect.stringMatching(/answered 4, counted 2[\s\S]*cap-exceeded/) });
    expect(Object.keys(file.requirements).filter((k) => k.startsWith('8.'))).toEqual([]);
    expect(yaml).toMatch(/# automated level 3 from assessors: a person must confirm it\n {2}"7\.4":/);
    expect(yaml).toMatch(/# DRAFT level 2 suggested by evidence: not an answer; enter a level to answer\n {2}"7\.5":/);
    expect(yaml.split('\n')[0]).toMatch(/^# Answers pre-filled by pkimm-scan .* from the report of 2026-11-22T10:00:00\.000Z \(model 1\.1\.0\)\.$/);
    expect(lines[0]).toBe('answers: 2 answered level(s) kept, 1 automated level(s) marked for confirmation, 1 draft level(s) in notes only, 1 category(ies) and 1 requirement(s) not applicable (model 1.1.0)');
  });

  it('carries the use case, finish date and the assessor type and organisation through the report', () => {
    const metadata = { useCase: 'Internal device PKI', date: '2026-11-02', finishDate: '2026-11-22', assessor: { name: 'B. Auditor', type: 'external' as const, organisation: 'Audit & Co' } };
    const { prefill } = reportFor({ answers: { model: '1.1.0', organisation: 'Example Corp', ...metadata, requirements: { '1.1': { level: 3 } } }, mode: 'methodology' });
    const file = AnswersFile.parse(parseYaml(answersFromReport(prefill).yaml));
    expect(file).toMatchObject({ organisation: 'Example Corp', ...metadata });
  });

  it('writes category levels for a self-assessment report', () => {
    const { prefill } = reportFor({ answers: { model: '1.1.0', scope: { '5': { notApplicable: 'no crypto policy yet' } }, categories: { '1': 2, '7': 4 } }, mode: 'methodology' });
    const file = AnswersFile.parse(parseYaml(answersFromReport(prefill).yaml));
    expect(file.categories).toEqual({ '1': 2, '7': 4 });
    expect(file.scope).toEqual({ '5': { notApplicable: 'no crypto policy yet' } });
    expect(file.requirements).toEqual({});
  });
});
