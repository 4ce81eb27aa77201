import { describe, expect, it } from 'vitest';
import { builtinModel } from '../../model/pkimm/load-model.js';
import { scoreAnswers } from '../../src/engine/score-answers.js';
import { render } from '../../src/report/render.js';
import { loadAnswersFile } from '../../src/score/load-answers.js';

const root = new URL('../../', import.meta.url).pathname;
const NOW = () => new Date('2026-11-22T00:00:00Z');

describe('markdown reporter', async () => {
  const file = await loadAnswersFile('fixtures/answers/excel-sample-1.0.0.yaml', root);

  it('opens with the overall level and its name, then modules and categories', () => {
    const report = scoreAnswers({ model: builtinModel('1.0.0'), answers: { file, source: 'sample.yaml' }, mode: 'excel', now: NOW });
    const md = render(report, 'markdown');
    expect(md.split('\n')[0]).toBe('# PKI maturity: Level 2: Basic (2.86)');
    expect(md).toContain('- Scoring: excel (as the official workbook: unanswered requirements count 0 with their weight); full assessment (requirement levels)');
    expect(md).toContain('- Completeness: 72 of 72 in-scope requirements have a level (100 %); 0 not applicable');
    expect(md).toContain('- Progress towards level 3: 86 %');
    expect(md).toContain('| G Governance | 2 Basic | 2.01 | 18/18 |');
    expect(md).toContain('| 4 | Processes and procedures | G | 3 | 3 Advanced | 3.71 | 5/5 |');
    expect(md).toContain('None: no answer disagrees with the evidence.');
  });

  it('names the organisation and is stable for the same report', () => {
    const report = scoreAnswers({ model: builtinModel('1.0.0'), answers: { file: { ...file, organisation: 'A | B' }, source: 'sample.yaml' }, now: NOW });
    const md = render(report, 'markdown');
    expect(md).toContain('A | B');
    expect(render(report, 'markdown')).toBe(md);
    expect(render(report, 'json')).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });
});
