import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/render.js';
import { findingFingerprint, referenceUri, sarifLevel } from '../../src/report/reporters/sarif.js';
import { fixtureReport } from './render-fixture.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let compiled: ReturnType<Ajv['compile']> | undefined;

/** The official SARIF 2.1.0 schema (draft-04 only by its `$schema`; it uses no draft-04-only keyword), compiled as draft-07. */
function sarifValidator(): ReturnType<Ajv['compile']> {
  if (compiled !== undefined) return compiled;
  const schema = JSON.parse(readFileSync(new URL('../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const { $schema: _draft, id: _id, ...body } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false }); // the schema's language pattern is not valid with the u flag
  addFormats(ajv);
  compiled = ajv.compile(body);
  return compiled;
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string } }; logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[] }[];
  relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; status: string; justification: string }[];
  properties: { evidenceId?: string; moreLocations?: number };
}

describe('sarif reporter', () => {
  const report = fixtureReport();
  const text = render(report, 'sarif');
  const log = JSON.parse(text);
  const run = log.runs[0];
  const results = run.results as SarifResult[];

  it('validates against the official SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
  });

  it('lists every check as a rule with descriptions, help, level, tags and GitHub security-severity', () => {
    expect(run.tool.driver.name).toBe('pkimm-scan');
    const ids = (run.tool.driver.rules as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual(report.rules.map((r) => r.id));
    const expired = run.tool.driver.rules.find((r: { id: string }) => r.id === 'fixture-cert-not-expired');
    expect(expired).toMatchObject({
      name: 'FixtureCertNotExpired',
      shortDescription: { text: 'Certificates have not expired' },
      fullDescription: { text: 'Flags certificates whose notAfter lies before the scan.' },
      helpUri: 'https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.5',
      defaultConfiguration: { level: 'error' },
      properties: { 'security-severity': '8.0', tags: ['security', 'pki', 'PKIMM 7.3', 'PKIMM 4.3', 'Certificate management', 'Processes and procedures'] },
    });
    expect(expired.help.text).toContain('Renew the certificate.');
    expect(expired.help.markdown).toContain('[RFC 5280 §4.1.2.5](https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.5)');
    const info = run.tool.driver.rules.find((r: { id: string }) => r.id === 'fixture-inventory-declared');
    expect(info.defaultConfiguration.level).toBe('note');
    expect(info.properties['security-severity']).toBeUndefined();
  });

  it.each([
    ['critical', 'error'],
    ['high', 'error'],
    ['medium', 'warning'],
    ['low', 'note'],
    ['info', 'note'],
  ] as const)('maps severity %s to level %s', (severity, level) => {
    expect(sarifLevel(severity)).toBe(level);
  });

  it.each([
    ['RFC 5280 §4.2.1.3', 'https://www.rfc-editor.org/rfc/rfc5280#section-4.2.1.3'],
    ['RFC 6962', 'https://www.rfc-editor.org/rfc/rfc6962'],
    ['CVE-2008-0166', 'https://www.cve.org/CVERecord?id=CVE-2008-0166'],
    ['see https://example.test/x', 'https://example.test/x'],
    ['CABF TLS BR §6.1.5', undefined],
  ])('links reference %j', (reference, uri) => {
    expect(referenceUri(reference)).toBe(uri);
  });

  it('reports each failed check once, sorted by rule and evidence, with ruleIndex pointing at its rule', () => {
    const keys = results.map((r) => `${r.ruleId}|${r.properties.evidenceId ?? ''}`);
    expect(keys).toEqual([...keys].sort());
    expect(results.map((r) => r.ruleId)).toEqual(['fixture-cert-not-expired', 'fixture-endpoint-chain-trusted', 'fixture-inventory-declared', 'fixture-key-encrypted', 'fixture-rsa-min-2048']);
    for (const r of results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('puts certificate files and key files in physical locations, endpoints and Secrets in logical locations', () => {
    const key = results.find((r) => r.ruleId === 'fixture-key-encrypted')!;
    expect(key.locations[0]!.physicalLocation.artifactLocation.uri).toBe('keys/server.key');
    const expired = results.find((r) => r.ruleId === 'fixture-cert-not-expired')!;
    // The expired leaf was seen on an endpoint and in a Secret read from a manifest file.
    expect(expired.locations[0]!.physicalLocation.artifactLocation.uri).toBe('k8s/web%20tls.yaml');
    expect(expired.locations[0]!.logicalLocations!.map((l) => l.name)).toEqual(['www.example.test:443', expect.stringContaining('CN==HYPERLINK')]);
    const endpoint = results.find((r) => r.ruleId === 'fixture-endpoint-chain-trusted')!;
    expect(endpoint.locations[0]!.physicalLocation.artifactLocation.uri).toBe('pkimm/tls-endpoint/www.example.test%3A443');
    expect(endpoint.locations[0]!.logicalLocations).toEqual([{ name: 'www.example.test:443', fullyQualifiedName: 'tls-endpoint/www.example.test:443', kind: 'resource' }]);
    const set = results.find((r) => r.ruleId === 'fixture-inventory-declared')!;
    expect(set.locations[0]!.physicalLocation.artifactLocation.uri).toBe('pkimm/scan');
  });

  it('names at most 20 places of a widely served certificate and counts the rest', () => {
    const leaf = report.evidence.find((e) => e.kind === 'certificate' && e.data.subject.startsWith('CN==HYPERLINK'))!;
    if (leaf.kind !== 'certificate') throw new Error('fixture changed');
    const sightings = Array.from({ length: 30 }, (_, i) => ({ collector: 'tls-endpoint', target: `10.0.0.${i}:443`, location: 'chain[0]' }));
    const wide = { ...report, evidence: report.evidence.map((e) => (e === leaf ? { ...leaf, data: { ...leaf.data, sightings } } : e)) };
    const result = (JSON.parse(render(wide, 'sarif')).runs[0].results as SarifResult[]).find((r) => r.ruleId === 'fixture-cert-not-expired')!;
    const names = result.locations[0]!.logicalLocations!.map((l) => l.name);
    expect(names).toHaveLength(20);
    expect(names.slice(0, 2)).toEqual(['10.0.0.0:443', '10.0.0.1:443']);
    expect(names.at(-1)).toContain('CN==HYPERLINK');
    expect(result.properties).toMatchObject({ moreLocations: 11 });
  });

  it('gives each result a fingerprint from rule and evidence that does not change between runs', () => {
    const expired = results.find((r) => r.ruleId === 'fixture-cert-not-expired')!;
    expect(expired.partialFingerprints['pkimmFinding/v1']).toBe(findingFingerprint({ ruleId: 'fixture-cert-not-expired', evidenceId: expired.properties.evidenceId! }));
    expect(new Set(results.map((r) => r.partialFingerprints['pkimmFinding/v1'])).size).toBe(results.length);
    expect(render(fixtureReport(), 'sarif')).toBe(text);
  });

  it('marks waived findings as accepted external suppressions and leaves the rest unsuppressed', () => {
    const waived = results.filter((r) => r.suppressions !== undefined);
    expect(waived.map((r) => r.ruleId)).toEqual(['fixture-rsa-min-2048']);
    expect(waived[0]!.suppressions).toEqual([
      expect.objectContaining({ kind: 'external', status: 'accepted', justification: 'appliance replacement ordered (waiver legacy-appliance, owner PKI team, expires 2027-03-31)' }),
    ]);
  });

  it('reports collection problems as tool notifications', () => {
    expect(run.invocations[0].toolExecutionNotifications).toEqual([expect.objectContaining({ level: 'warning', message: { text: 'tls-endpoint down.example.test:443: timeout: no answer within 5000 ms' } })]);
  });

  it('is valid for a report without findings, evidence or scan', () => {
    const empty = { ...report, findings: [], waived: [], evidence: [], problems: [], results: [] };
    const validate = sarifValidator();
    const parsed = JSON.parse(render(empty, 'sarif'));
    expect(validate(parsed)).toBe(true);
    expect(parsed.runs[0].results).toEqual([]);
  });
});
