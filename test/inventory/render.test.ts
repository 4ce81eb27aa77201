import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/inventory/declared.js';
import { buildInventory } from '../../src/inventory/inventory.js';
import { filterRecords, keyTypeOf, type InventoryFilter } from '../../src/inventory/query.js';
import { csvCell, displayName, renderCsv, renderJson, renderTable, renderTree, type InventoryView } from '../../src/inventory/render.js';
import { buildCertificate, rawSpki, rsaSpki } from './helpers/cert-builder.js';
import { certEvidence, issue, type TestCert } from './helpers/evidence.js';

const NOW = new Date('2026-11-22T00:00:00Z');
const root = issue('root', { subject: 'CN=Render Root, O=Example', ca: true, notBefore: '2020-01-01T00:00:00Z', notAfter: '2040-01-01T00:00:00Z' });
const issuing = issue('issuing', { subject: 'CN=Render Issuing CA, O=Example', issuer: root, ca: true, notBefore: '2021-01-01T00:00:00Z', notAfter: '2031-01-01T00:00:00Z' });
const soon = issue('soon', { subject: 'CN=soon.example.test', issuer: issuing, dnsNames: ['soon.example.test'], notAfter: '2026-12-10T00:00:00Z' });
const later = issue('later', { subject: 'CN=later.example.test', issuer: issuing, dnsNames: ['later.example.test'], notAfter: '2027-06-01T00:00:00Z' });
const expired = issue('expired', { subject: 'CN=expired.example.test', issuer: issuing, notBefore: '2025-01-01T00:00:00Z', notAfter: '2026-01-01T00:00:00Z' });
const hostile = issue('hostile', { subject: 'CN==HYPERLINK("http://x")', issuerName: 'CN=Elsewhere CA', aki: '01', notAfter: '2027-01-10T00:00:00Z' });
const rsaDer = buildCertificate({ subject: 'CN=rsa.example.test', issuer: 'CN=Render Issuing CA, O=Example', spki: rsaSpki(`c${'5'.repeat(511)}`), notAfter: new Date('2027-02-01T00:00:00Z') });
const pqDer = buildCertificate({ subject: 'CN=pq.example.test', issuer: 'CN=PQ CA', spki: rawSpki('2.16.840.1.101.3.4.3.18', new Uint8Array(32).fill(1)), signatureOid: '2.16.840.1.101.3.4.3.18' });
const asCert = (name: string, der: Uint8Array): TestCert => ({ name, der, key: root.key, subject: name, sha256: '' });

const inventory = buildInventory([
  ...[root, issuing, soon, later, expired, hostile].map((c) => certEvidence(c)),
  certEvidence(asCert('rsa', rsaDer), { collector: 'tls-endpoint', target: 'rsa.example.test:443', location: 'chain[0]' }),
  certEvidence(asCert('pq', pqDer)),
]);
const view = (filter: InventoryFilter = {}): InventoryView => ({ inventory, records: filterRecords(inventory, filter, NOW), now: NOW });
const subjects = (filter: InventoryFilter): string[] => filterRecords(inventory, filter, NOW).map((r) => displayName(r.subject)).sort();

describe('filterRecords', () => {
  it.each([
    { filter: { issuer: 'render issuing' }, expected: ['expired.example.test', 'later.example.test', 'rsa.example.test', 'soon.example.test'] },
    { filter: { expiringWithinDays: 30 }, expected: ['soon.example.test'] },
    { filter: { keyTypes: ['rsa'] }, expected: ['rsa.example.test'] },
    { filter: { keyTypes: ['mldsa', 'rsa'] }, expected: ['pq.example.test', 'rsa.example.test'] },
    { filter: { source: 'tls-endpoint' }, expected: ['rsa.example.test'] },
    { filter: { caOnly: true }, expected: ['Render Issuing CA', 'Render Root'] },
    { filter: { caOnly: true, issuer: 'root' }, expected: ['Render Issuing CA', 'Render Root'] },
  ] satisfies { filter: InventoryFilter; expected: string[] }[])('$filter', ({ filter, expected }) => {
    expect(subjects(filter)).toEqual(expected);
  });

  it('names key types as the --key-type option spells them', () => {
    expect(inventory.records.map(keyTypeOf).sort()).toEqual(['ec', 'ec', 'ec', 'ec', 'ec', 'ec', 'mldsa', 'rsa']);
  });
});

describe('renderTable', () => {
  const text = renderTable(view());

  it('prints one row per certificate, soonest expiry first, with a summary', () => {
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^SHA-256\s+ROLE\s+SUBJECT\s+ISSUER\s+KEY\s+NOT AFTER\s+SOURCES\s+SEEN$/);
    const rows = lines.slice(1, 9);
    expect(rows.map((l) => l.split(/\s{2,}/)[2])).toEqual([
      'expired.example.test',
      'soon.example.test',
      'pq.example.test',
      '=HYPERLINK("http://x")',
      'rsa.example.test',
      'later.example.test',
      'Render Issuing CA',
      'Render Root',
    ]);
    expect(rows[0]).toContain('2026-01-01 (expired)');
    expect(rows[4]).toMatch(/RSA 2048\s+2027-02-01\s+tls-endpoint\s+1$/);
    expect(text).toContain('8 of 8 certificate(s) shown: 1 root(s), 1 intermediate(s), 6 leaf certificate(s) in total; 1 expired; 2 with the issuer not found.');
  });

  it('never prints control characters from certificate names', () => {
    const evil = issue('evil', { subject: 'CN=evil\u001b[31mred', issuerName: 'CN=x' });
    const out = renderTable({ inventory: buildInventory([certEvidence(evil)]), records: buildInventory([certEvidence(evil)]).records, now: NOW });
    expect(out).not.toContain('\u001b');
    expect(out).toContain('evil\\x1b[31mred');
  });
});

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['CN=a, O=b', '"CN=a, O=b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['two\nlines', '"two\nlines"'],
  ])('cell %j → %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it('writes a header and one CRLF line per certificate that reads back to the same cells', () => {
    const csv = renderCsv(view({ caOnly: true }));
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]!.slice(0, 4)).toEqual(['sha256', 'role', 'subject', 'issuer']);
    expect(rows).toHaveLength(3);
    const byRole = Object.fromEntries(rows.slice(1).map((r) => [r[1], r]));
    expect(byRole.root![2]).toBe('CN=Render Root, O=Example');
    expect(byRole.intermediate![14]).toBe(root.sha256); // issuer_sha256
  });

  it('defuses formulas in hostile cells', () => {
    const seen = buildInventory([certEvidence(hostile, { target: '=HYPERLINK("http://x")', location: 'a.pem' })]);
    const csv = renderCsv({ inventory: seen, records: seen.records, now: NOW });
    const row = parseCsv(csv)[1]!;
    expect(row[2]).toBe('CN==HYPERLINK("http://x")'); // a DN starts with an attribute name: not a formula
    expect(row[21]).toBe(`'=HYPERLINK("http://x")#a.pem`); // locations
  });
});

describe('renderJson', () => {
  it('carries the summary, the selected records and the key findings', () => {
    const data = JSON.parse(renderJson(view({ keyTypes: ['rsa'] }))) as { now: string; summary: { certificates: number }; certificates: { subject: string; issuerSha256: string }[]; keyReuse: unknown[] };
    expect(data.now).toBe(NOW.toISOString());
    expect(data.summary.certificates).toBe(8);
    expect(data.certificates.map((c) => c.subject)).toEqual(['CN=rsa.example.test']);
    expect(data.certificates[0]!.issuerSha256).toBe(issuing.sha256);
    expect(data.keyReuse).toEqual([]);
  });
});

describe('renderTree', () => {
  it('draws roots with what they issued, then certificates whose issuer was not found', () => {
    const lines = renderTree(view()).trimEnd().split('\n');
    expect(lines.slice(0, 4).map((l) => l.replace(/, [0-9a-f]{12}\]$/, ']'))).toEqual([
      '=HYPERLINK("http://x")  [leaf, EC P-256, until 2027-01-10, issuer not found: Elsewhere CA]',
      'pq.example.test  [leaf, ML-DSA, until 2027-01-01, issuer not found: PQ CA]',
      'Render Root  [root, EC P-256, until 2040-01-01]',
      '└─ Render Issuing CA  [intermediate, EC P-256, until 2031-01-01]',
    ]);
    const leaves = lines.slice(4).map((l) => l.replace(/, [0-9a-f]{12}\]$/, ']'));
    expect(leaves).toHaveLength(4);
    expect(leaves.slice(0, 3).every((l) => l.startsWith('   ├─ '))).toBe(true);
    expect(leaves[3]!.startsWith('   └─ ')).toBe(true);
    expect(leaves.map((l) => l.slice(6)).sort()).toEqual([
      'expired.example.test  [leaf, EC P-256, until 2026-01-01, expired]',
      'later.example.test  [leaf, EC P-256, until 2027-06-01]',
      'rsa.example.test  [leaf, RSA 2048, until 2027-02-01]',
      'soon.example.test  [leaf, EC P-256, until 2026-12-10]',
    ]);
  });

  it('keeps only the selected certificates and their issuers', () => {
    const text = renderTree(view({ expiringWithinDays: 30 }));
    expect(text.split('\n').filter(Boolean).map((l) => l.replace(/\s+\[.*$/, ''))).toEqual(['Render Root', '└─ Render Issuing CA', '   └─ soon.example.test']);
  });
});
