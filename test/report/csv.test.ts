import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/render.js';
import { commonName, csvCell, csvTable } from '../../src/report/reporters/csv.js';
import { fixtureReport } from './render-fixture.js';

/** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      expect(ch, `bare ${JSON.stringify(ch)} outside quotes at ${i}`).not.toMatch(/[\r\n"]/);
      field += ch;
    }
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

describe('csv reporters', () => {
  const report = fixtureReport();

  it('writes one inventory row per certificate, soonest expiry first, with days left from the report time', () => {
    const [header, ...rows] = parseCsv(render(report, 'csv'));
    expect(header).toEqual(['sha256', 'subject', 'issuer', 'serial', 'not_before', 'not_after', 'days_left', 'key', 'signature', 'sans', 'ca', 'self_signed', 'open_findings', 'sources']);
    expect(rows).toHaveLength(4);
    const cell = (row: string[], name: string): string => row[header!.indexOf(name)]!;
    expect(rows.map((r) => cell(r, 'days_left'))).toEqual(['-52', '191', '1501', '4788']);
    const weak = rows[0]!;
    // Quotes, commas, the control character and the line break survive inside the quoted field.
    expect(cell(weak, 'subject')).toBe(`CN==HYPERLINK("http://evil.test"),O=Evil "Quotes" & <Tags>\u0007\nNext`);
    expect(cell(weak, 'key')).toBe('RSA 1024');
    expect(cell(weak, 'sans')).toBe('DNS:www.example.test DNS:-dash.example.test');
    expect(cell(weak, 'open_findings')).toBe('1');
    expect(cell(weak, 'sources')).toBe('tls-endpoint www.example.test:443 chain[0]; kubernetes secret web/tls tls.crt');
    expect(cell(rows[1]!, 'key')).toBe('ML-DSA-65');
    expect(cell(rows[3]!, 'key')).toBe('EC P-384');
    expect(cell(rows[3]!, 'sources')).toBe('cert-file pki/root.pem#0');
  });

  it('writes open findings by severity, then waived ones with their waiver', () => {
    const [header, ...rows] = parseCsv(render(report, 'findings-csv'));
    expect(header).toEqual(['severity', 'rule', 'title', 'status', 'target', 'evidence', 'message', 'pkimm', 'remediation', 'waiver', 'waiver_owner', 'waiver_expires', 'waiver_reason']);
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['high', 'fixture-cert-not-expired', 'open'],
      ['medium', 'fixture-endpoint-chain-trusted', 'open'],
      ['low', 'fixture-key-encrypted', 'open'],
      ['info', 'fixture-inventory-declared', 'open'],
      ['critical', 'fixture-rsa-min-2048', 'waived'],
    ]);
    expect(rows.at(-1)!.slice(9)).toEqual(['legacy-appliance', 'PKI team', '2027-03-31', 'appliance replacement ordered']);
    expect(rows[0]![7]).toBe('7.3 4.3');
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=1+2', "'=1+2"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-cmd', "'-cmd"],
    ['@A1', "'@A1"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['-52', '-52'],
    ['+3.5', "'+3.5"],
    [-52, '-52'],
    [true, 'true'],
    [undefined, ''],
  ] as const)('writes cell %j as %j', (input, out) => {
    expect(csvCell(input)).toBe(out);
  });

  it('ends every record with CRLF', () => {
    expect(csvTable(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
  });

  it.each([
    ['CN=www.example.test, O=Example', 'www.example.test'],
    ['O=Example, CN=Issuing CA', 'Issuing CA'],
    ['CN=Smith\\, John, O=x', 'Smith, John'],
    ['O=No CN', undefined],
  ])('finds the common name of %j', (dn, cn) => {
    expect(commonName(dn)).toBe(cn);
  });
});
