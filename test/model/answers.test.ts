import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AnswersFile } from '../../model/answers.js';
import { answersJsonSchema } from '../../model/answers-json-schema.js';

describe('answers file', () => {
  it('accepts the documented shape', () => {
    const parsed = AnswersFile.parse({
      model: '1.1.0',
      organisation: 'Example Corp',
      assessor: { name: 'A. Person', type: 'internal' },
      date: '2026-11-22',
      scope: { '8': { notApplicable: 'no own infrastructure' }, '7.2': { notApplicable: 'deprecated in 2.0' } },
      requirements: { '7.4': { level: 3, notes: 'CMDB export reviewed', evidence: ['cmdb-2026-11.csv'] } },
      extensions: { pqc: { relevance: { '1': 2, '2': 3 } } },
    });
    expect(parsed.requirements['7.4']?.level).toBe(3);
    expect(parsed.scope['8']?.notApplicable).toBe('no own infrastructure');
  });

  it.each([
    [{ requirements: { '7.4': { level: 6 } } }, 'requirements'],
    [{ scope: { '8': { notApplicable: '' } } }, 'a reason is required'],
    [{ requirements: { '7.4': { levl: 3 } } }, 'levl'],
    [{ date: '22/11/2026' }, 'date'],
  ])('rejects %j', (input, fragment) => {
    const result = AnswersFile.safeParse(input);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(fragment);
  });

  it('publishes a JSON Schema that matches the zod schema', () => {
    const committed = JSON.parse(readFileSync(new URL('../../schemas/answers.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(answersJsonSchema());
    expect(committed.properties.requirements).toBeDefined();
  });
});
