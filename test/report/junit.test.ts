import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/render.js';
import { renderJunit, xmlAttr, xmlText } from '../../src/report/reporters/junit.js';
import { fixtureReport } from './render-fixture.js';

/** A python3 that can import Debian's junitparser, if any. */
const python = ['/usr/bin/python3', 'python3'].find((bin) => spawnSync(bin, ['-c', 'import junitparser'], { stdio: 'ignore' }).status === 0);

interface Case {
  '@_classname': string;
  '@_name': string;
  failure?: { '@_message': string; '@_type': string; '#text': string };
  error?: { '@_message': string };
  skipped?: { '@_message': string };
}
interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  testcase: Case[];
}

function parse(xml: string): Suite[] {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- its successor, fast-xml-validator, is not a dependency
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, htmlEntities: true, isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(xml);
  return doc.testsuites.testsuite as Suite[];
}

const gate = [
  { id: 'min-overall', name: 'overall maturity at least 2', passed: true, messages: [] },
  { id: 'max-findings', name: 'at most 0 failed checks of severity high or higher', passed: false, messages: ['1 failed check of severity high or higher, more than the 0 allowed <&>'] },
];

describe('junit reporter', () => {
  const report = fixtureReport();
  const xml = render(report, 'junit');

  it('has a suite per PKIMM category of the checks, with counts that match its cases', () => {
    const suites = parse(xml);
    expect(suites.map((s) => s['@_name'])).toEqual(['5 Cryptography', '6 Key management', '7 Certificate management']);
    for (const s of suites) {
      const cases = s.testcase;
      expect(Number(s['@_tests'])).toBe(cases.length);
      expect(Number(s['@_failures'])).toBe(cases.filter((c) => c.failure).length);
      expect(Number(s['@_errors'])).toBe(cases.filter((c) => c.error).length);
      expect(Number(s['@_skipped'])).toBe(cases.filter((c) => c.skipped).length);
    }
    expect(suites.reduce((n, s) => n + s.testcase.length, 0)).toBe(report.results.length);
  });

  it('names cases by check and evidence target, telling apart items that share a target', () => {
    const crypto = parse(xml).find((s) => s['@_name'] === '5 Cryptography')!;
    const names = crypto.testcase.map((c) => `${c['@_classname']} | ${c['@_name']}`);
    const pqc = names.filter((n) => n.startsWith('fixture-pqc-parser | '));
    // In the report's order: by rule, then evidence id (certificate fingerprints here).
    expect(pqc.map((n) => n.replace(/[0-9a-f]{12}\]$/, '…]')).sort()).toEqual([
      'fixture-pqc-parser | arn:aws:acm:eu-west-1:123456789012:certificate/0f1e',
      'fixture-pqc-parser | pki [Fixture Issuing CA …]',
      'fixture-pqc-parser | pki [Fixture Root CA …]',
      'fixture-pqc-parser | www.example.test:443',
    ]);
    const ids = report.results.filter((r) => r.ruleId === 'fixture-pqc-parser').map((r) => r.evidenceId);
    expect(ids).toEqual([...ids].sort());
  });

  it('turns failures, errors, not-applicable and waived results into failure, error and skipped elements', () => {
    const cases = parse(xml).flatMap((s) => s.testcase);
    const expired = cases.find((c) => c['@_classname'] === 'fixture-cert-not-expired' && c.failure)!;
    expect(expired.failure!['@_type']).toBe('high');
    // Control characters are dropped, the line break survives as a character reference, markup is escaped.
    expect(expired.failure!['@_message']).toBe('Certificate CN==HYPERLINK("http://evil.test"),O=Evil "Quotes" & <Tags>\nNext expired on 2026-10-01T00:00:00Z.');
    expect(expired.failure!['#text']).toContain('remediation: Renew the certificate.');
    expect(cases.find((c) => c['@_classname'] === 'fixture-pqc-parser' && c.error)!.error!['@_message']).toContain('unsupported key ML-DSA-65');
    const waived = cases.find((c) => c['@_classname'] === 'fixture-rsa-min-2048' && c['@_name'].startsWith('www.example.test:443'))!;
    expect(waived.skipped!['@_message']).toBe('waived by legacy-appliance (owner PKI team, until 2027-03-31): appliance replacement ordered; RSA key is 1024 bits.');
    expect(cases.find((c) => c['@_classname'] === 'fixture-rsa-min-2048' && c['@_name'].startsWith('arn:'))!.skipped!['@_message']).toBe('not applicable');
    expect(xml).not.toContain('\u0007');
  });

  it('adds a gate suite with one case per condition when given a gate result', () => {
    const suites = parse(renderJunit(report, { gate }));
    const last = suites.at(-1)!;
    expect(last['@_name']).toBe('gate');
    expect(last.testcase.map((c) => [c['@_classname'], c['@_name'], c.failure?.['@_message'] ?? 'passed'])).toEqual([
      ['gate.min-overall', 'overall maturity at least 2', 'passed'],
      ['gate.max-findings', 'at most 0 failed checks of severity high or higher', '1 failed check of severity high or higher, more than the 0 allowed <&>'],
    ]);
  });

  it.each([
    ['a & b < c > d', 'a &amp; b &lt; c &gt; d', 'a &amp; b &lt; c &gt; d'],
    ['say "hi"\tnow\r\n', 'say "hi"\tnow\r\n', 'say &quot;hi&quot;&#9;now&#13;&#10;'],
    ['bell\u0007 nul\u0000 esc\u001b ok', 'bell nul esc ok', 'bell nul esc ok'],
    ['lone \uD800 surrogate, pair \u{1F512} kept, \uFFFE gone', 'lone  surrogate, pair \u{1F512} kept,  gone', 'lone  surrogate, pair \u{1F512} kept,  gone'],
  ])('escapes %j', (input, text, attr) => {
    expect(xmlText(input)).toBe(text);
    expect(xmlAttr(input)).toBe(attr);
  });

  it('is byte-identical for the same report', () => {
    expect(render(fixtureReport(), 'junit')).toBe(xml);
  });

  describe.runIf(python !== undefined)('read by junitparser (python3-junitparser)', () => {
    it('sees the same suites, cases, failures, errors and skips', () => {
      const dir = mkdtempSync(join(tmpdir(), 'pkimm-junit-'));
      const file = join(dir, 'report.junit.xml');
      writeFileSync(file, renderJunit(report, { gate }));
      const script = [
        'import json, sys, junitparser',
        'xml = junitparser.JUnitXml.fromfile(sys.argv[1])',
        'out = []',
        'for suite in xml:',
        '    kinds = {"failure": 0, "error": 0, "skipped": 0}',
        '    for case in suite:',
        '        for r in case.result:',
        '            kinds[type(r).__name__.lower()] += 1',
        '    out.append([suite.name, suite.tests, suite.failures, suite.errors, suite.skipped, kinds["failure"], kinds["error"], kinds["skipped"]])',
        'print(json.dumps(out))',
      ].join('\n');
      const run = spawnSync(python!, ['-c', script, file], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const rows = JSON.parse(run.stdout) as [string, number, number, number, number, number, number, number][];
      expect(rows.map((r) => r[0])).toEqual(['5 Cryptography', '6 Key management', '7 Certificate management', 'gate']);
      for (const [, tests, failures, errors, skipped, f, e, s] of rows) {
        expect([failures, errors, skipped]).toEqual([f, e, s]);
        expect(tests).toBeGreaterThanOrEqual(f + e + s);
      }
      expect(rows.at(-1)!.slice(1, 3)).toEqual([2, 1]);
    });
  });
});
