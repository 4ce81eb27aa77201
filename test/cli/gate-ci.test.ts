import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { render } from '../../src/report/render.js';
import { runCli } from '../helpers/cli.js';
import { fixtureReport } from '../report/render-fixture.js';

describe('pkimm gate for CI', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pkimm-gate-ci-'));
    const report = fixtureReport();
    writeFileSync(join(dir, 'report.json'), render(report, 'json'));
    // The earlier scan: category 7 was at level 3, and the expired certificate had not been seen yet.
    const c7 = report.assessment.categories['7']!;
    const old = {
      ...report,
      assessment: { ...report.assessment, categories: { ...report.assessment.categories, '7': { ...c7, level: 3, raw: 3.1 } } },
      findings: report.findings.filter((f) => f.ruleId !== 'fixture-cert-not-expired'),
    };
    writeFileSync(join(dir, 'old.json'), render(old, 'json'));
    writeFileSync(join(dir, 'waivers.yaml'), 'waivers:\n  - rule: fixture-cert-not-expired\n    owner: Ops\n    reason: renewal scheduled\n    expires: 2099-12-31\n');
  });

  it('checks requirement levels', async () => {
    const { code, out } = await runCli(['gate', 'report.json', '--min-requirement', '7.3=3', '7.4=3'], { cwd: dir });
    expect(out).toBe('gate failed: requirement 7.4 Cert inventory level 2 is below the minimum 3\n');
    expect(code).toBe(1);
  });

  it('compares with a baseline: regressions and new findings, listed under the failure', async () => {
    const { code, out } = await runCli(['gate', 'report.json', '--baseline', 'old.json', '--no-regression', '--no-new-findings', 'high'], { cwd: dir });
    expect(out).toBe(
      [
        'gate failed: category 7 Certificate management dropped from level 3 to 2 since the baseline old.json',
        'gate failed: 1 new failed check of severity high or higher since the baseline old.json',
        '  new high fixture-cert-not-expired www.example.test:443: Certificate CN==HYPERLINK("http://evil.test"),O=Evil "Quotes" & <Tags>\u0007\nNext expired on 2026-10-01T00:00:00Z.',
        '',
      ].join('\n'),
    );
    expect(code).toBe(1);
    const same = await runCli(['gate', 'report.json', '--baseline', 'report.json', '--no-regression', '--no-new-findings', 'low'], { cwd: dir });
    expect(same.out).toBe('gate passed: 2 conditions met\n');
    expect(same.code).toBe(0);
  });

  it('honours a waivers file', async () => {
    const without = await runCli(['gate', 'report.json', '--max-findings', 'high=0'], { cwd: dir });
    expect(without.code).toBe(1);
    const { code, out } = await runCli(['gate', 'report.json', '--max-findings', 'high=0', '--waivers', 'waivers.yaml'], { cwd: dir });
    expect(out).toBe('gate: 1 failed check is waived by waivers.yaml\ngate passed: 1 condition met\n');
    expect(code).toBe(0);
  });

  it('prints GitHub workflow commands after the failure lines', async () => {
    const { code, out } = await runCli(['gate', 'report.json', '--baseline', 'old.json', '--no-new-findings', 'high', '--annotations', 'github'], { cwd: dir });
    expect(code).toBe(1);
    const lines = out.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::'))).toEqual([
      '::error title=pkimm gate%3A no-new-findings::1 new failed check of severity high or higher since the baseline old.json',
      expect.stringMatching(/^::error file=k8s\/web tls\.yaml,title=pkimm high%3A Certificates have not expired::Certificate .*%0ANext expired on 2026-10-01T00:00:00Z\. \(www\.example\.test:443\) \[fixture-cert-not-expired\]$/),
    ]);
  });

  it('writes JUnit with the report\'s checks and a gate suite, pass or fail', async () => {
    const { code } = await runCli(['gate', 'report.json', '--min-overall', '2', '--max-findings', 'critical=0', 'medium=0', '--junit', 'out/gate.xml'], { cwd: dir });
    expect(code).toBe(1);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(readFileSync(join(dir, 'out/gate.xml'), 'utf8'));
    const suites = doc.testsuites.testsuite as { '@_name': string; testcase: { '@_name': string; failure?: { '@_message': string } }[] }[];
    const gate = suites.at(-1)!;
    expect(suites.length).toBeGreaterThan(1);
    expect(gate['@_name']).toBe('gate');
    expect(gate.testcase.map((c) => [c['@_name'], c.failure?.['@_message'] ?? 'passed'])).toEqual([
      ['overall maturity at least 2', 'passed'],
      ['at most 0 failed checks of severity critical', 'passed'],
      ['at most 0 failed checks of severity medium or higher', '2 failed checks of severity medium or higher, more than the 0 allowed'],
    ]);
  });

  it.each([
    [['--no-regression'], /--no-regression compares with an earlier report: add --baseline OLD_REPORT\.json/],
    [['--no-new-findings', 'high'], /--no-new-findings compares with an earlier report/],
    [['--baseline', 'old.json', '--min-overall', '1'], /--baseline: add --no-regression or --no-new-findings/],
    [['--baseline', 'old.json', '--no-new-findings', 'severe'], /--no-new-findings severe: unknown severity/],
    [['--baseline', 'missing.json', '--no-regression'], /report missing\.json: file not found/],
    [['--min-requirement', '7.4=0'], /--min-requirement 0: expected a maturity value between 1 and 5/],
    [['--min-requirement', '99.9=2'], /no requirement 99\.9 in model 1\.1\.0/],
    [['--min-overall', '1', '--annotations', 'gitlab'], /--annotations gitlab: expected github/],
    [['--min-overall', '1', '--waivers', 'nope.yaml'], /nope\.yaml/],
  ])('exits 2 on %j', async (args, pattern) => {
    const { code, err } = await runCli(['gate', 'report.json', ...args], { cwd: dir });
    expect(err).toMatch(pattern);
    expect(code).toBe(2);
  });
});
