import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { builtInAssessors, builtInRules } from '../../rules/index.js';
import { rulesDocument } from '../tools/rules-doc.js';

describe('docs/rules.md', () => {
  it('is generated from the registry (run `npx tsx test/tools/write-rules-doc.ts` when this fails)', async () => {
    const onDisk = await readFile(new URL('../../docs/rules.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(await rulesDocument());
  });

  it('lists every check and assessor with the requirements it informs', async () => {
    const doc = await rulesDocument();
    for (const unit of [...builtInRules, ...builtInAssessors]) expect(doc, unit.id).toContain(`### ${unit.id}\n`);
    expect(doc).toContain('| 7.4 | Cert inventory | automated | `assess-cert-inventory` |');
    expect(doc).toContain('| 1.1 | Sponsor & support | manual | — | — |');
    expect(doc).toMatch(/\| 5\.2 \| Approved algorithms\/params \| partial \| `assess-approved-algorithms` \| .*`cert-rsa-key-min-2048`/);
  });
});
