import type { Inventory, InventoryRecord } from './inventory.js';

/** Key types the --key-type filter accepts: the key families, lowercase without dashes. */
export const KEY_TYPES = ['rsa', 'ec', 'ed25519', 'ed448', 'dsa', 'mldsa', 'slhdsa', 'mlkem', 'composite', 'other'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

/** Which records to keep; every condition given must hold. */
export interface InventoryFilter {
  /** Case-insensitive substring of the issuer DN. */
  readonly issuer?: string;
  /** Not yet expired, and expiring at most this many days after `now`. */
  readonly expiringWithinDays?: number;
  readonly keyTypes?: readonly KeyType[];
  /** A collector that saw the certificate ("cert-file", "tls-endpoint"...). */
  readonly source?: string;
  /** Roots and intermediates only. */
  readonly caOnly?: boolean;
}

const DAY_MS = 86_400_000;

/** Returns the --key-type name of a record's key ("ML-DSA" → "mldsa"). */
export function keyTypeOf(record: Pick<InventoryRecord, 'keyAlgorithm'>): KeyType {
  return record.keyAlgorithm.toLowerCase().replace(/-/g, '') as KeyType;
}

/** Returns whether a text names a key type. */
export function isKeyType(value: string): value is KeyType {
  return (KEY_TYPES as readonly string[]).includes(value);
}

/** Returns the records that pass the filter at `now`, in inventory order. */
export function filterRecords(inventory: Inventory, filter: InventoryFilter, now: Date): InventoryRecord[] {
  const issuer = filter.issuer?.toLowerCase();
  const nowMs = now.getTime();
  const until = filter.expiringWithinDays === undefined ? undefined : nowMs + filter.expiringWithinDays * DAY_MS;
  const keyTypes = filter.keyTypes === undefined ? undefined : new Set<string>(filter.keyTypes);
  return inventory.records.filter((rec) => {
    if (issuer !== undefined && !rec.issuer.toLowerCase().includes(issuer)) return false;
    if (until !== undefined) {
      if (rec.notAfterMs < nowMs || rec.notAfterMs > until) return false;
    }
    if (keyTypes !== undefined && !keyTypes.has(keyTypeOf(rec))) return false;
    if (filter.source !== undefined && !rec.sources.includes(filter.source)) return false;
    if (filter.caOnly === true && rec.role === 'leaf') return false;
    return true;
  });
}
