import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, githubAnnotations } from '../../src/gate/annotations.js';
import { evaluateGate } from '../../src/gate/gate.js';
import { fixtureReport } from '../report/render-fixture.js';

describe('GitHub annotations', () => {
  const report = fixtureReport();

  it.each([
    ['plain text', 'plain text', 'plain text'],
    ['100% done', '100%25 done', '100%25 done'],
    ['line one\r\nline two', 'line one%0D%0Aline two', 'line one%0D%0Aline two'],
    ['a:b,c', 'a:b,c', 'a%3Ab%2Cc'],
    ['%0A is not a newline', '%250A is not a newline', '%250A is not a newline'],
  ])('escapes %j', (input, data, property) => {
    expect(escapeData(input)).toBe(data);
    expect(escapeProperty(input)).toBe(property);
  });

  it('prints nothing when the gate passed', () => {
    expect(githubAnnotations(evaluateGate(report, { minOverall: 1 }), report)).toEqual([]);
  });

  it('prints an error per failed condition, then one per finding behind it with its file', () => {
    const result = evaluateGate(report, { minOverall: 3, maxFindings: { low: 0 } });
    const lines = githubAnnotations(result, report);
    expect(lines).toEqual([
      '::error title=pkimm gate%3A min-overall::overall maturity 2.9451 (Basic) is below the minimum 3',
      '::error title=pkimm gate%3A max-findings::3 failed checks of severity low or higher, more than the 0 allowed',
      // The expired leaf was read from a Kubernetes manifest; its message carries a line break and markup.
      '::error file=k8s/web tls.yaml,title=pkimm high%3A Certificates have not expired::Certificate CN==HYPERLINK("http://evil.test"),O=Evil "Quotes" & <Tags>\u0007%0ANext expired on 2026-10-01T00:00:00Z. (www.example.test:443) [fixture-cert-not-expired]',
      '::error title=pkimm medium%3A Endpoints serve a trusted chain::Chain does not validate: CERT_HAS_EXPIRED. (www.example.test:443) [fixture-endpoint-chain-trusted]',
      '::error file=keys/server.key,title=pkimm low%3A Private keys at rest are encrypted::Key keys/server.key is not encrypted. [fixture-key-encrypted]',
    ]);
    for (const line of lines) expect(line).not.toMatch(/[\r\n]/);
  });

  it('annotates at most 50 findings and says how many more there are', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ruleId: 'fixture-cert-not-expired', severity: 'high' as const, evidenceId: `certificate:sha256:${i}`, message: `finding ${i}` }));
    const big = { ...report, findings: many };
    const lines = githubAnnotations(evaluateGate(big, { maxFindings: { high: 0 } }), big);
    expect(lines).toHaveLength(1 + 50 + 1);
    expect(lines.at(-1)).toBe('::warning title=pkimm gate::10 more failed checks are not annotated; see the report');
  });
});
