import { describe, expect, it } from 'vitest';
import { builtinModel } from '../../model/pkimm/load-model.js';
import { scoreAnswers } from '../../src/engine/score-answers.js';
import { render } from '../../src/report/render.js';
import { loadAnswersFile } from '../../src/score/load-answers.js';
import { fixtureReport } from './render-fixture.js';

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

describe('markdown reporter: policy, waivers, coverage, inventory and changes', () => {
  const topFindings = (md: string): string => md.slice(md.indexOf('## Top findings'), md.indexOf('## ', md.indexOf('## Top findings') + 3));

  it('lists a waived finding under waivers with its owner and expiry, not under the failures', () => {
    const report = { ...fixtureReport(), policy: { name: 'ours', sources: ['ours.yaml', 'cabf-tls', 'default'] } };
    const md = render(report, 'markdown');
    expect(md).toContain('Policy profile **ours** (ours.yaml → cabf-tls → default).');
    expect(md).toContain('1 failed check(s) waived (not counted by the gate), 0 waiver(s) expired, 0 waiver(s) matched nothing.');
    expect(md).toMatch(/\| critical \| fixture-rsa-min-2048 \| www\.example\.test:443 \| legacy-appliance \| PKI team \| 2027-03-31 \| appliance replacement ordered \|/);
    expect(topFindings(md)).not.toContain('fixture-rsa-min-2048');
    expect(topFindings(md)).toContain('1 more waived (see Policy and waivers)');
  });

  it('shows expired waivers as silencing nothing', () => {
    const base = fixtureReport({ waive: false });
    const waiver = { label: 'W-9', rule: 'fixture-rsa-min-2048', owner: 'A. Person', reason: 'old', expires: '2026-01-31' };
    const md = render({ ...base, waived: [], waivers: { expired: [{ waiver, matching: 1, message: 'expired' }], unused: [] } }, 'markdown');
    expect(md).toContain('| W-9 | fixture-rsa-min-2048 | A. Person | 2026-01-31 | 1 |');
    expect(topFindings(md)).toContain('fixture-rsa-min-2048');
  });

  it('counts coverage per requirement and prints the inventory and reconciliation numbers', () => {
    const base = fixtureReport();
    const inventory = {
      certificates: 120, roots: 2, intermediates: 3, leaves: 115, issuerNotFound: 4, expired: 6, reusedKeys: 1, certificatesWithReusedKeys: 3, weakRsaKeys: 1, privateKeys: 10, orphanKeys: 2, keysWithoutPublicKey: 0, unprotectedKeys: 1, certificatesWithUnprotectedKeys: 1,
      reconciliation: { source: 'cmdb.csv', declaredRecords: 110, observed: 120, observedValid: 114, matchedRecords: 100, matchedObserved: 100, matchedObservedValid: 96, observedNotDeclared: 20, observedNotDeclaredValid: 18, declaredNotObserved: 10, stale: 5, staleExpired: 4, staleSuperseded: 1, invMatch: 100 / 120, staleRatio: 0.05, attributeCompleteness: 0.9 },
    };
    const md = render({ ...base, inventory }, 'markdown');
    const coverage = base.coverage ?? [];
    const n = (c: string): number => coverage.filter((x) => x.coverage === c).length;
    expect(md).toContain(`Of ${coverage.length} requirements, ${n('automated')} are automated (an assessor proposes a level), ${n('partial')} partial (evidence caps or supports an answer) and ${n('manual')} manual (answers only).`);
    expect(md).toContain('| 120 | 2 | 3 | 115 | 6 | 4 | 1 (3 certificates) | 1 | 10 | 2 | 1 (1 certificates) |');
    expect(md).toContain('Reconciled with the declared inventory cmdb.csv (110 records): 100 of 120 observed certificates declared (83 %), 20 observed but not declared, 10 declared but not observed, 5 stale (4 expired, 1 superseded).');
  });

  it('says what changed since the previous recorded scan', () => {
    const base = fixtureReport();
    const p = (scanId: string, value: number | null) => ({ scanId, scannedAt: scanId === 'a' ? '2026-11-15T00:00:00.000Z' : '2026-11-22T00:00:00.000Z', value });
    const trends = { overall: [p('a', 2.1), p('b', 2.35)], categories: { '7': [p('a', 2), p('b', 3)], '1': [p('a', 1), p('b', 1)] }, metrics: { 'certificates.expiring-30d': [p('a', 12), p('b', 3)] } };
    const md = render({ ...base, trends }, 'markdown');
    expect(md).toContain('Compared with the scan of 2026-11-15T00:00:00.000Z (2 recorded scans): overall weighted average 2.10 → 2.35 (+0.25).');
    expect(md).toMatch(/\| category 7 Certificate[^|]* \| 2\.00 \| 3\.00 \| \+1\.00 \|/);
    expect(md).toContain('| certificates.expiring-30d | 12.000 | 3.000 | -9.000 |');
    expect(md).not.toContain('| category 1 ');
    expect(render(base, 'markdown')).not.toContain('## Changes since the previous scan');
  });

  it('names the use case, assessor type and organisation and the assessment period', () => {
    const report = fixtureReport();
    const answers = { source: 'answers.yaml', kind: 'full' as const, organisation: 'Example Corp', useCase: 'Public TLS', assessor: 'B. Auditor', assessorType: 'external' as const, assessorOrganisation: 'Audit & Co', date: '2026-11-02', finishDate: '2026-11-22', warnings: [] };
    expect(render({ ...report, answers }, 'markdown')).toContain('- Answers: answers.yaml (Example Corp, use case Public TLS, assessed by B. Auditor (external, Audit & Co), 2026-11-02 to 2026-11-22)');
  });
});
