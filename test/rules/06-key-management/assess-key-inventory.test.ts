import { describe, expect, it } from 'vitest';
import assessor from '../../../rules/06-key-management/assess-key-inventory.js';
import { certificateEvidence } from '../../helpers/evidence.js';
import { assessWith, kinds } from '../assess-helpers.js';
import { privateKeyEvidence } from '../helpers.js';

const certs = Array.from({ length: 5 }, (_, i) => certificateEvidence({ subject: `CN=k${i}` }));
const inventory = (known: number, attributeCompleteness = 1) => ({
  declaredInventory: { source: 'cmdb.csv', records: known, sha256: new Set(certs.slice(0, known).map((c) => c.data.sha256)), issuerSerial: new Set<string>(), attributeCompleteness },
});

describe(assessor.id, () => {
  it('is insufficient without certificates or keys', () => {
    expect(kinds(assessWith(assessor, []))).toEqual(['insufficient']);
  });

  it('caps at 2 without an inventory', () => {
    expect(kinds(assessWith(assessor, certs))).toEqual(['cap 2']);
  });

  it('caps at 3 for unprotected orphan keys', () => {
    const orphan = privateKeyEvidence({ spkiSha256: 'ee'.repeat(32), fileMode: '0644' });
    expect(kinds(assessWith(assessor, [...certs, orphan], { facts: inventory(5) }))).toEqual(['cap 3', 'support 4']);
  });

  it.each([
    { known: 5, completeness: 1, expected: ['support 4'] },
    { known: 5, completeness: 0.5, expected: ['support 3'] },
    { known: 4, completeness: 1, expected: ['support 3'] },
    { known: 3, completeness: 1, expected: ['insufficient'] },
  ])('$known of 5 keys inventoried (attributes $completeness) → $expected', ({ known, completeness, expected }) => {
    expect(kinds(assessWith(assessor, certs, { facts: inventory(known, completeness) }))).toEqual(expected);
  });

  it('supports 3 for an adopted scanner inventory', () => {
    expect(kinds(assessWith(assessor, certs, { facts: { inventoryAdopted: true } }))).toEqual(['support 3']);
  });
});
