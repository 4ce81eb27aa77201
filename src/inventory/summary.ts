import { z } from 'zod';
import type { Inventory } from './inventory.js';
import { summariseReconciliation, type ReconciliationSummary } from './reconcile.js';

/** The report's inventory section: counts over the observed certificates and keys (and the reconciliation, if any). */
export interface InventorySummary {
  readonly certificates: number;
  readonly roots: number;
  readonly intermediates: number;
  readonly leaves: number;
  /** Certificates (not self-signed) whose issuing certificate was not observed. */
  readonly issuerNotFound: number;
  /** Certificates expired at the scan time. */
  readonly expired: number;
  /** Public keys shared by more than one certificate, and the certificates carrying them. */
  readonly reusedKeys: number;
  readonly certificatesWithReusedKeys: number;
  /** Certificates with an RSA weak-key signal (Fermat, Debian list, exponent). */
  readonly weakRsaKeys: number;
  readonly privateKeys: number;
  /** Private keys matching no observed certificate. */
  readonly orphanKeys: number;
  /** Private keys whose public key could not be derived (encrypted), so they were not paired. */
  readonly keysWithoutPublicKey: number;
  /** Private keys of observed certificates stored unencrypted or readable by group or others, and the certificates concerned. */
  readonly unprotectedKeys: number;
  readonly certificatesWithUnprotectedKeys: number;
  readonly reconciliation?: ReconciliationSummary;
}

const count = z.number().int().min(0);
const ratio = z.number().min(0).max(1);

/** zod schema of the reconciliation counts (reports read back by other commands). */
export const ReconciliationSummarySchema = z.looseObject({
  source: z.string(),
  declaredRecords: count,
  observed: count,
  observedValid: count,
  matchedRecords: count,
  matchedObserved: count,
  matchedObservedValid: count,
  observedNotDeclared: count,
  observedNotDeclaredValid: count,
  declaredNotObserved: count,
  stale: count,
  staleExpired: count,
  staleSuperseded: count,
  invMatch: ratio.nullable(),
  staleRatio: ratio.nullable(),
  attributeCompleteness: ratio,
});

/** zod schema of the report's inventory section. */
export const InventorySummarySchema = z.looseObject({
  certificates: count,
  roots: count,
  intermediates: count,
  leaves: count,
  issuerNotFound: count,
  expired: count,
  reusedKeys: count,
  certificatesWithReusedKeys: count,
  weakRsaKeys: count,
  privateKeys: count,
  orphanKeys: count,
  keysWithoutPublicKey: count,
  unprotectedKeys: count,
  certificatesWithUnprotectedKeys: count,
  reconciliation: ReconciliationSummarySchema.optional(),
});

/** Counts the inventory at `now` (with the counts of a reconciliation, when given); returns the report section. */
export function summariseInventory(inventory: Inventory, now: Date, reconciliation?: ReconciliationSummary): InventorySummary {
  const nowMs = now.getTime();
  let roots = 0;
  let intermediates = 0;
  let issuerNotFound = 0;
  let expired = 0;
  let weakRsaKeys = 0;
  let withUnprotected = 0;
  for (const rec of inventory.records) {
    if (rec.role === 'root') roots++;
    else if (rec.role === 'intermediate') intermediates++;
    if (rec.issuerStatus === 'not-found') issuerNotFound++;
    if (rec.notAfterMs < nowMs) expired++;
    if (rec.rsaWeaknesses !== undefined && rec.rsaWeaknesses.length > 0) weakRsaKeys++;
    if (rec.privateKeys.some((k) => k.exposure.length > 0)) withUnprotected++;
  }
  return {
    certificates: inventory.records.length,
    roots,
    intermediates,
    leaves: inventory.records.length - roots - intermediates,
    issuerNotFound,
    expired,
    reusedKeys: inventory.keyReuse.length,
    certificatesWithReusedKeys: inventory.keyReuse.reduce((n, g) => n + g.certificates.length, 0),
    weakRsaKeys,
    privateKeys: inventory.keys.length,
    orphanKeys: inventory.orphanKeys.length,
    keysWithoutPublicKey: inventory.keysWithoutPublicKey.length,
    unprotectedKeys: inventory.unprotectedKeys.length,
    certificatesWithUnprotectedKeys: withUnprotected,
    ...(reconciliation === undefined ? {} : { reconciliation: summariseReconciliation(reconciliation) }),
  };
}
