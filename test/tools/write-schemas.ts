// Regenerates schemas/*.json from the zod schemas: npx tsx test/tools/write-schemas.ts
import { writeFileSync } from 'node:fs';
import { answersJsonSchema } from '../../model/answers-json-schema.js';

writeFileSync(new URL('../../schemas/answers.schema.json', import.meta.url), `${JSON.stringify(answersJsonSchema(), null, 2)}\n`);
