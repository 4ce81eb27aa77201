/**
 * Declared inventory records that are still marked active must not describe expired or superseded certificates.
 *
 * Requirement: PKIMM 7.4 (analysis §4.4 M.7.4 "stale records": listed as active but expired, revoked, or replaced);
 * a stale inventory misleads every process that reads it.
 */
import { defineRule, fail, pass } from '../../src/engine/define-rule.js';

export default defineRule({
  id: 'inventory-records-not-stale',
  title: 'Declared inventory records are not stale',
  description: 'Flags the scan when active records of the declared inventory describe expired certificates or certificates superseded by a newer observed one. Not applicable without a reconciled inventory.',
  severity: 'low',
  pkimm: ['7.4'],
  references: ['NIST SP 1800-16B §2.2'],
  remediation: 'Mark replaced and expired certificates inactive in the inventory, ideally by feeding discovery results back automatically.',
  docs: 'Counts come from the inventory reconciliation (src/inventory/reconcile.ts).',
  messages: { stale: '{{stale}} of {{records}} declared records are stale ({{expired}} expired, {{superseded}} superseded).' },
  scope: 'set',
  appliesTo: ['certificate'],
  applies: (_items, ctx) => ctx.inventory?.reconciliation !== undefined && ctx.inventory.reconciliation.declaredRecords > 0,
  evaluate(_items, ctx) {
    const r = ctx.inventory!.reconciliation!;
    return r.stale === 0 ? pass() : fail('stale', { stale: r.stale, records: r.declaredRecords, expired: r.staleExpired, superseded: r.staleSuperseded });
  },
});
