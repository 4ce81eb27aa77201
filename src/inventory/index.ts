// The certificate inventory API: build, query, reconcile, summarise and render.
export {
  buildInventory,
  chainOf,
  InventoryBuilder,
  keyExposure,
  type BuildOptions,
  type CertificateRole,
  type Inventory,
  type InventoryKey,
  type InventoryRecord,
  type IssuerMatch,
  type IssuerStatus,
  type KeyExposure,
  type KeyReuseGroup,
} from './inventory.js';
export { indexInventory, loadDeclaredInventory, parseCsv, type DeclaredInventory, type DeclaredRecord } from './declared.js';
export {
  certificateIdentity,
  INACTIVE_STATES,
  reconcile,
  reconcileEvidence,
  summariseReconciliation,
  type DeclaredRef,
  type Reconciliation,
  type ReconciliationSummary,
  type StaleRecord,
} from './reconcile.js';
export { InventorySummarySchema, ReconciliationSummarySchema, summariseInventory, type InventorySummary } from './summary.js';
export { filterRecords, isKeyType, KEY_TYPES, keyTypeOf, type InventoryFilter, type KeyType } from './query.js';
export { csvCell, displayName, renderCsv, renderJson, renderTable, renderTree, type InventoryView } from './render.js';
