import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/render.js';
import { escapeLabelValue } from '../../src/report/reporters/openmetrics.js';
import { fixtureReport } from './render-fixture.js';

const PROMTOOL = '/usr/bin/promtool';

/** Samples of one metric family: "labels value" lines without the name. */
function samples(text: string, name: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .map((l) => l.slice(name.length));
}

describe('openmetrics reporter', () => {
  const report = fixtureReport();
  const text = render(report, 'openmetrics');

  it('opens every family with HELP and TYPE, units on seconds, and ends with # EOF', () => {
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('# EOF');
    expect(lines.slice(0, 4)).toEqual([
      '# HELP pkimm_scan_timestamp_seconds Time the report was generated, in seconds since the Unix epoch.',
      '# TYPE pkimm_scan_timestamp_seconds gauge',
      '# UNIT pkimm_scan_timestamp_seconds seconds',
      'pkimm_scan_timestamp_seconds 1795305600',
    ]);
    const families = lines.filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]);
    expect(new Set(families).size).toBe(families.length);
    for (const f of families) expect(text).toContain(`# HELP ${f!} `);
    expect(lines.filter((l) => l.startsWith('# TYPE ')).every((l) => l.endsWith(' gauge'))).toBe(true);
  });

  it('exports maturity levels, findings by severity and certificate expiry', () => {
    expect(samples(text, 'pkimm_overall_level')).toEqual(['{model="1.1.0",mode="methodology"} 2']);
    expect(samples(text, 'pkimm_category_level')).toContain('{category="7",name="Certificate management"} 2');
    expect(samples(text, 'pkimm_findings')).toEqual(['{severity="info"} 1', '{severity="low"} 1', '{severity="medium"} 1', '{severity="high"} 1', '{severity="critical"} 0']);
    expect(samples(text, 'pkimm_findings_waived')).toEqual([' 1']);
    const expiry = samples(text, 'pkimm_certificate_expiry_seconds');
    expect(expiry).toHaveLength(4);
    // The expired leaf: notAfter 2026-10-01, scanned 2026-11-22: 52 days ago.
    expect(expiry.find((s) => s.includes('issuer_cn="Fixture Issuing CA"') && s.includes('subject_cn="=HYPERLINK'))).toMatch(/ -4492800$/);
    expect(samples(text, 'pkimm_certificate_key_size')).toContain(`{sha256="aa508ccbb453909f",subject_cn="=HYPERLINK(\\"http://evil.test\\")",issuer_cn="Fixture Issuing CA",source="kubernetes,tls-endpoint",algorithm="RSA"} 1024`);
  });

  it('exports CRL headroom and OCSP latency from CRL and OCSP evidence', () => {
    expect(samples(text, 'pkimm_crl_next_update_headroom_seconds')).toEqual(['{crl="http://crl.example.test/issuing.crl",issuer_cn="Fixture Issuing CA"} 259200']);
    expect(samples(text, 'pkimm_ocsp_latency_seconds')).toEqual(['{responder="http://ocsp.example.test",sha256="aa508ccbb453909f"} 0.25']);
  });

  it.each([
    ['plain', 'plain'],
    ['back\\slash', 'back\\\\slash'],
    ['"quoted"', '\\"quoted\\"'],
    ['two\nlines', 'two\\nlines'],
  ])('escapes label value %j', (input, escaped) => {
    expect(escapeLabelValue(input)).toBe(escaped);
  });

  it('leaves out families without samples and is stable for the same report', () => {
    const bare = render({ ...report, evidence: [], problems: [] }, 'openmetrics');
    expect(bare).not.toContain('pkimm_certificate_');
    expect(bare).not.toContain('pkimm_collection_problems');
    expect(render(fixtureReport(), 'openmetrics')).toBe(text);
  });

  describe.runIf(existsSync(PROMTOOL))('promtool', () => {
    it('accepts the output with no lint problem', () => {
      const run = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect(run.stdout + run.stderr).toBe('');
      expect(run.status).toBe(0);
    });
  });
});
