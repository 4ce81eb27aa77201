import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../model/evidence.js';
import type { Statement } from '../../../model/statement.js';
import assessor from '../../../rules/07-certificate-management/assess-cert-inventory.js';
import type { ScanFacts } from '../../../src/engine/define-assessor.js';
import { NOW, certificateEvidence, scanFacts } from '../../helpers/evidence.js';

const DAY_MS = 86_400_000;
const SOR = { 'inventory-is-system-of-record': true };

/** n distinct valid certificates. */
const observed = (n: number): Evidence<'certificate'>[] =>
  Array.from({ length: n }, (_, i) => certificateEvidence({ subject: `CN=host${i}.example.test`, serialNumberHex: (i + 1).toString(16).toUpperCase() }));

const CERTS = observed(1000);

/** A declared inventory holding the first `known` of `certs` by fingerprint. */
function declared(certs: readonly Evidence<'certificate'>[], known: number, attributeCompleteness: number): NonNullable<ScanFacts['declaredInventory']> {
  return {
    source: 'cmdb.csv',
    records: known,
    sha256: new Set(certs.slice(0, known).map((c) => c.data.sha256)),
    issuerSerial: new Set(),
    attributeCompleteness,
  };
}

function run(evidence: readonly Evidence<'certificate'>[], facts: Partial<ScanFacts>): readonly Statement[] {
  return assessor.assess({ evidence, results: [], problems: [], facts: scanFacts(facts) });
}

const daysAgo = (days: number, extraMs = 0): string => new Date(NOW.getTime() - days * DAY_MS - extraMs).toISOString();

const summary = (statements: readonly Statement[]): string[] => statements.map((s) => `${s.kind}:${s.level ?? '-'}`);

describe(assessor.id, () => {
  it('proposes 1 when no inventory is imported or adopted, even with nothing observed', () => {
    for (const evidence of [[], CERTS.slice(0, 3)]) {
      const statements = run(evidence, {});
      expect(summary(statements)).toEqual(['propose:1']);
      expect(statements[0]?.ref).toBe('7.4');
      expect(statements[0]?.reasons[0]?.text).toContain('no inventory imported or adopted');
    }
  });

  it('is insufficient when no valid certificate was observed', () => {
    const expired = certificateEvidence({ notAfter: '2026-11-21T23:59:59Z' });
    const statements = run([expired], { declaredInventory: declared([expired], 1, 1), attestations: SOR });
    expect(summary(statements)).toEqual(['insufficient:-']);
    expect(statements[0]?.reasons[0]?.text).toBe("No valid certificate was observed (only 1 expired certificate(s)), so the inventory's completeness cannot be measured.");
  });

  describe('with a declared inventory (and the system-of-record attestation)', () => {
    it.each([
      { known: 240, attributes: 1, level: 1, threshold: 0.25 },
      { known: 249, attributes: 1, level: 1, threshold: 0.25 },
      { known: 250, attributes: 1, level: 2, threshold: 0.9 },
      { known: 899, attributes: 1, level: 2, threshold: 0.9 },
      { known: 900, attributes: 0.8, level: 3, threshold: 0.98 },
      { known: 900, attributes: 0.799, level: 2, threshold: 0.98 },
      { known: 979, attributes: 1, level: 3, threshold: 0.98 },
      { known: 980, attributes: 0.95, level: 4, threshold: 0.98 },
      { known: 980, attributes: 0.949, level: 3, threshold: 0.98 },
      { known: 1000, attributes: 1, level: 4, threshold: 0.98 },
    ])('inv_match $known/1000, attributes $attributes → $level', ({ known, attributes, level, threshold }) => {
      const statements = run(CERTS, { declaredInventory: declared(CERTS, known, attributes), attestations: SOR });
      expect(summary(statements)).toEqual([`propose:${level}`]);
      const reasons = statements[0]!.reasons;
      expect(reasons.find((r) => r.metric?.name === 'inv_match')?.metric).toEqual({ name: 'inv_match', value: known / 1000, threshold });
      expect(reasons.find((r) => r.metric?.name === 'attribute_completeness')?.metric?.value).toBe(attributes);
      expect(reasons.some((r) => r.text.includes('ct_match is not observable'))).toBe(true);
    });

    it('never proposes 5, and says what level 5 would need', () => {
      const statements = run(CERTS.slice(0, 10), {
        declaredInventory: declared(CERTS, 10, 1),
        attestations: SOR,
        previousScans: [daysAgo(1), daysAgo(31), daysAgo(61)],
      });
      expect(summary(statements)).toEqual(['propose:4']);
      expect(statements[0]!.reasons.find((r) => r.metric?.name === 'monthly_reconciliations')?.metric).toEqual({ name: 'monthly_reconciliations', value: 3, threshold: 3 });
    });

    it('counts monthly reconciliations from earlier scans', () => {
      const statements = run(CERTS.slice(0, 10), { declaredInventory: declared(CERTS, 10, 1), attestations: SOR, previousScans: [daysAgo(45)] });
      expect(statements[0]!.reasons.find((r) => r.metric?.name === 'monthly_reconciliations')?.metric?.value).toBe(2);
    });

    it('matches by issuer and serial when the inventory has no fingerprint, normalising both', () => {
      const cert = certificateEvidence({ issuer: 'CN=Example Issuing CA,O=Example', serialNumberHex: '0A1B' });
      const inventory = { source: 'clm.json', records: 1, sha256: new Set<string>(), issuerSerial: new Set(['cn=example  issuing ca,o=example|00:0a:1b']), attributeCompleteness: 1 };
      const statements = run([cert], { declaredInventory: inventory, attestations: SOR });
      expect(summary(statements)).toEqual(['propose:4']);
      expect(statements[0]!.evidenceIds).toEqual([]);
    });

    it('matches fingerprints regardless of case and separators', () => {
      const cert = CERTS[0]!;
      const upper = cert.data.sha256.toUpperCase().replace(/(..)(?!$)/g, '$1:');
      const inventory = { ...declared(CERTS, 0, 1), records: 1, sha256: new Set([upper]) };
      expect(summary(run([cert], { declaredInventory: inventory, attestations: SOR }))).toEqual(['propose:4']);
    });

    it('lists at most 50 unknown certificates, sorted, and says how many more there are', () => {
      const certs = CERTS.slice(0, 100);
      const statements = run(certs, { declaredInventory: declared(certs, 40, 1), attestations: SOR });
      const unknownIds = certs.slice(40).map((c) => c.id).sort();
      expect(statements[0]!.evidenceIds).toEqual(unknownIds.slice(0, 50));
      expect(statements[0]!.reasons.map((r) => r.text)).toContain('60 observed certificate(s) are unknown to the inventory; the first 50 are listed and 10 more are not.');
    });

    it('ignores expired certificates and counts duplicates once', () => {
      const certs = CERTS.slice(0, 10);
      const expired = certificateEvidence({ subject: 'CN=old', notAfter: '2026-01-01T00:00:00Z' });
      const statements = run([...certs, certs[0]!, expired], { declaredInventory: declared(certs, 9, 1), attestations: SOR });
      expect(statements[0]!.reasons.find((r) => r.metric?.name === 'inv_match')?.metric?.value).toBe(0.9);
      expect(statements[0]!.evidenceIds).toEqual([certs[9]!.id]);
    });
  });

  describe('without the system-of-record attestation', () => {
    it('caps at 3: proposes the capped level and emits the cap with its reason', () => {
      const statements = run(CERTS, { declaredInventory: declared(CERTS, 1000, 1) });
      expect(summary(statements)).toEqual(['propose:3', 'cap:3']);
      expect(statements[0]!.reasons.map((r) => r.text)).toContain('The evidence alone supports level 4.');
      expect(statements[1]!.reasons[0]!.text).toContain('"inventory-is-system-of-record" is not given');
    });

    it('still emits the cap when the evidence alone gives 3 or less', () => {
      expect(summary(run(CERTS, { declaredInventory: declared(CERTS, 500, 1), attestations: { 'inventory-is-system-of-record': false } }))).toEqual(['propose:2', 'cap:3']);
    });
  });

  describe('with the scanner inventory adopted', () => {
    const certs = CERTS.slice(0, 100);

    it.each([
      { name: 'first scan', previousScans: [], level: 2 },
      { name: 'previous scan 30 days + 1 s ago', previousScans: [daysAgo(30, 1000)], level: 2 },
      { name: 'previous scan exactly 30 days ago', previousScans: [daysAgo(30)], level: 3 },
      { name: 'previous scan 7 days + 1 s ago', previousScans: [daysAgo(7, 1000)], level: 3 },
      { name: 'previous scan exactly 7 days ago', previousScans: [daysAgo(7)], level: 4 },
      { name: 'newest-first order is not assumed', previousScans: [daysAgo(60), daysAgo(2)], level: 4 },
    ])('$name → $level', ({ previousScans, level }) => {
      const statements = run(certs, { inventoryAdopted: true, attestations: SOR, previousScans });
      expect(summary(statements)).toEqual([`propose:${level}`]);
      expect(statements[0]!.reasons.find((r) => r.metric?.name === 'inv_match')?.metric?.value).toBe(1);
    });

    it.each([
      { located: 79, level: 2 },
      { located: 80, level: 3 },
      { located: 94, level: 3 },
      { located: 95, level: 4 },
    ])('locations recorded for $located % → $level', ({ located, level }) => {
      const evidence = certs.map((c, i) => (i < located ? c : { ...c, data: { ...c.data, sightings: [] } }));
      const statements = run(evidence, { inventoryAdopted: true, attestations: SOR, previousScans: [daysAgo(1)] });
      expect(summary(statements)).toEqual([`propose:${level}`]);
    });

    it('caps at 3 without the attestation', () => {
      expect(summary(run(certs, { inventoryAdopted: true, previousScans: [daysAgo(1)] }))).toEqual(['propose:3', 'cap:3']);
    });

    it('prefers a declared inventory over the adopted scanner inventory', () => {
      expect(summary(run(certs, { inventoryAdopted: true, declaredInventory: declared(certs, 10, 1), attestations: SOR, previousScans: [daysAgo(1)] }))).toEqual(['propose:1']);
    });
  });
});
