import { describe, expect, it } from 'vitest';
import rule from '../../../rules/07-certificate-management/inventory-records-not-stale.js';
import { evaluate } from '../../../src/engine/evaluate.js';
import type { ReconciliationSummary } from '../../../src/inventory/reconcile.js';
import { NOW, certificateEvidence } from '../../helpers/evidence.js';

const summary = (stale: number, expired = stale, superseded = 0): ReconciliationSummary => ({
  source: 'cmdb.csv',
  declaredRecords: 10,
  observed: 8,
  observedValid: 8,
  matchedRecords: 8,
  matchedObserved: 8,
  matchedObservedValid: 8,
  observedNotDeclared: 0,
  observedNotDeclaredValid: 0,
  declaredNotObserved: 2,
  stale,
  staleExpired: expired,
  staleSuperseded: superseded,
  invMatch: 1,
  staleRatio: stale / 10,
  attributeCompleteness: 1,
});
const declaredInventory = { source: 'cmdb.csv', records: 10, sha256: new Set<string>(), issuerSerial: new Set<string>(), attributeCompleteness: 1 };
const run = (reconciliation?: ReconciliationSummary) =>
  evaluate([certificateEvidence()], { rules: [rule], now: NOW, inventory: { declaredInventory, ...(reconciliation === undefined ? {} : { reconciliation }) } })[0];

describe(rule.id, () => {
  it('passes without stale records', () => {
    expect(run(summary(0))?.status).toBe('pass');
  });

  it('counts stale records', () => {
    expect(run(summary(3, 2, 1))?.message).toBe('3 of 10 declared records are stale (2 expired, 1 superseded).');
  });

  it('is not applicable without a reconciliation', () => {
    expect(run()?.status).toBe('not-applicable');
  });
});
