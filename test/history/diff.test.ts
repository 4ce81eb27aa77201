import { describe, expect, it } from 'vitest';
import { diffReports, renderDiff } from '../../src/history/diff.js';
import type { ScanReport } from '../../src/report/report.js';
import { certificateEvidence } from '../helpers/evidence.js';
import { reportOf } from '../helpers/report.js';

const key = (name: string) => name.padEnd(64, '0').slice(0, 64);

const www = certificateEvidence({ subject: 'CN=www.example.test', serialNumberHex: '01', spkiSha256: key('a1') });
const api = certificateEvidence({ subject: 'CN=api.example.test', subjectAltNames: ['DNS:api.example.test'], serialNumberHex: '02', spkiSha256: key('b2'), notAfter: '2026-12-01T00:00:00Z' });
const apiRenewed = certificateEvidence({ subject: 'CN=api.example.test', subjectAltNames: ['DNS:api.example.test'], serialNumberHex: '12', spkiSha256: key('b2'), notAfter: '2027-03-01T00:00:00Z' });
const mail = certificateEvidence({ subject: 'CN=mail.example.test', subjectAltNames: ['DNS:mail.example.test'], serialNumberHex: '04', spkiSha256: key('c4') });
const mailRekeyed = certificateEvidence({ subject: 'CN=mail.example.test', subjectAltNames: ['DNS:mail.example.test'], serialNumberHex: '14', spkiSha256: key('c5') });
const legacy = certificateEvidence({ subject: 'CN=legacy.example.test', subjectAltNames: ['DNS:legacy.example.test'], serialNumberHex: '03', notAfter: '2026-10-01T00:00:00Z' });
const shop = certificateEvidence({
  subject: 'CN=shop.example.test',
  subjectAltNames: ['DNS:shop.example.test'],
  issuer: 'CN=Other CA',
  serialNumberHex: '20',
  signatureAlgorithm: 'sha1WithRSAEncryption',
  signatureAlgorithmOid: '1.2.840.113549.1.1.5',
  signatureHash: 'SHA-1',
});

describe('diffReports', () => {
  const before = reportOf([www, api, mail, legacy], '2026-11-21T02:00:00.000Z');
  const after = reportOf([www, apiRenewed, mailRekeyed, shop], '2026-11-22T02:00:00.000Z');
  const diff = diffReports(before, after, { from: 'previous', to: 'latest' });

  it('names certificates new, gone, renewed with the same key and re-keyed', () => {
    expect(diff.certificates.added.map((c) => c.subject)).toEqual(['CN=shop.example.test']);
    expect(diff.certificates.removed.map((c) => c.subject)).toEqual(['CN=legacy.example.test']);
    expect(diff.certificates.renewed.map((r) => [r.after.subject, r.before.serial, r.after.serial, r.rekeyed])).toEqual([
      ['CN=api.example.test', '02', '12', false],
      ['CN=mail.example.test', '04', '14', true],
    ]);
  });

  it('names issuers added and findings opened and closed', () => {
    expect(diff.issuers).toEqual({ added: ['CN=Other CA'], removed: [] });
    expect(diff.findings.opened.map((f) => f.ruleId)).toContain('cert-signature-no-sha1');
    expect(diff.findings.closed.map((f) => f.ruleId)).toContain('cert-not-expired');
    expect(diff.findings.opened.some((f) => f.ruleId === 'cert-not-expired')).toBe(false);
  });

  it('lists levels that moved with the evidence that moved them', () => {
    const moved = structuredClone(after) as ScanReport & { assessment: { requirements: Record<string, { level?: number; draftLevel?: number }> }; statements: { ref: string; assessor: string; reasons: { text: string }[] }[] };
    const r74 = moved.assessment.requirements['7.4']!;
    const was = r74.level ?? r74.draftLevel;
    r74.draftLevel = was === 1 ? 2 : 1;
    delete r74.level;
    moved.statements.push({ ref: '7.4', assessor: 'assess-cert-inventory', kind: 'cap', level: 1, reasons: [{ text: 'half of the served certificates are missing from the inventory' }], evidenceIds: [] } as never);
    const d = diffReports(after, moved);
    const line = d.levels.find((l) => l.scope === 'requirement' && l.ref === '7.4');
    expect(line).toMatchObject({ before: was ?? null, after: r74.draftLevel });
    expect(line?.reasonsAfter).toContain('assess-cert-inventory: half of the served certificates are missing from the inventory');
    expect(renderDiff(d)).toContain('because assess-cert-inventory: half of the served certificates are missing from the inventory');
  });

  it('is empty between a report and itself, and renders readable text', () => {
    const same = diffReports(after, after);
    expect(same.certificates).toEqual({ added: [], removed: [], renewed: [] });
    expect(same.levels).toEqual([]);
    expect(same.findings).toEqual({ opened: [], closed: [] });
    const text = renderDiff(diff);
    expect(text).toContain('Changes from previous to latest');
    expect(text).toContain('Certificates: 1 new, 1 gone, 2 renewed (1 re-keyed)');
    expect(text).toContain('  ~ CN=mail.example.test: serial 04 → 14, expires 2026-12-31T23:59:59Z, new key');
    expect(text).toContain('  + CN=Other CA');
  });
});
