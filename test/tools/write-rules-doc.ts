/**
 * Writes docs/rules.md from the rule registry. Run with `npx tsx test/tools/write-rules-doc.ts` after adding or
 * changing a check or assessor; test/cli/rules-doc.test.ts fails until the file is regenerated.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { rulesDocument } from './rules-doc.js';

const target = fileURLToPath(new URL('../../docs/rules.md', import.meta.url));
await writeFile(target, await rulesDocument());
process.stdout.write(`Wrote ${target}\n`);
