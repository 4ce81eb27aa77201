import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/cert-in-declared-inventory.js';
import { issuerSerialKey } from '../../../model/identifiers.js';
import { evaluate } from '../../../src/engine/evaluate.js';
import { NOW, certificateEvidence } from '../../helpers/evidence.js';

const known = certificateEvidence({ subject: 'CN=known' });
const bySerial = certificateEvidence({ subject: 'CN=serial', serialNumberHex: 'BEEF' });
const unknown = certificateEvidence({ subject: 'CN=unknown' });
const declaredInventory = {
  source: 'cmdb.csv',
  records: 2,
  sha256: new Set([known.data.sha256.toUpperCase()]),
  issuerSerial: new Set([issuerSerialKey(bySerial.data.issuer, 'BEEF')]),
  attributeCompleteness: 1,
};

const statusOf = (results: ReturnType<typeof evaluate>, id: string) => results.find((r) => r.evidenceId === id);

describe(rule.id, () => {
  it('passes inventoried certificates and flags unknown ones', () => {
    const results = evaluate([known, bySerial, unknown], { rules: [rule], now: NOW, inventory: { declaredInventory } });
    expect(statusOf(results, known.id)?.status).toBe('pass');
    expect(statusOf(results, bySerial.id)?.status).toBe('pass');
    expect(statusOf(results, unknown.id)?.message).toBe('Certificate CN=unknown (issuer CN=Example Issuing CA,O=Example, serial 0A1B2C3D) is not in the declared inventory cmdb.csv.');
  });

  it('is not applicable without an inventory or to expired certificates', () => {
    expect(evaluate([unknown], { rules: [rule], now: NOW })[0]?.status).toBe('not-applicable');
    expect(evaluate([certificateEvidence({ notAfter: '2026-01-31T00:00:00Z' })], { rules: [rule], now: NOW, inventory: { declaredInventory } })[0]?.status).toBe('not-applicable');
  });
});
