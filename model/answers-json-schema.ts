import { z } from 'zod';
import { AnswersFile } from './answers.js';

/** Returns the JSON Schema (draft 2020-12) of the answers file, for editors and other tools. */
export function answersJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(AnswersFile, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    ...schema,
    title: 'pkimm-scan answers file',
    description: 'What a person enters in a PKIMM assessment: scope, requirement levels (or category levels for a self-assessment), notes and evidence.',
  };
}
