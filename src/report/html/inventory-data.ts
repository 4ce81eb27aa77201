import type { CertificateData, Evidence } from '../../../model/evidence.js';
import { evidenceAnchor } from './escape.js';
import { compareText, daysUntil } from './format.js';

/**
 * One inventory row as the client script reads it (an array keeps 10 000 rows small):
 * subject, SANs, issuer, notAfter (ISO), days left (null when unparsable), key, signature, source, role, anchor ("" = none).
 */
export type InventoryRow = readonly [string, string, string, string, number | null, string, string, string, string, string];

/** Most sources listed per certificate before "+N more". */
const MAX_SOURCES = 4;
/** Most SANs listed per certificate before "+N more". */
const MAX_SANS = 6;

/** Returns the key as people name it: "RSA 2048", "EC P-256", "Ed25519", "ML-DSA-65". */
export function keyText(data: CertificateData): string {
  switch (data.keyAlgorithm) {
    case 'RSA':
    case 'DSA':
      return data.keySizeBits === undefined ? data.keyAlgorithm : `${data.keyAlgorithm} ${data.keySizeBits}`;
    case 'EC':
      return `EC ${data.curve ?? (data.keySizeBits === undefined ? '' : String(data.keySizeBits))}`.trim();
    case 'Ed25519':
    case 'Ed448':
      return data.keyAlgorithm;
    case 'other':
      return data.keyAlgorithmName ?? data.keyAlgorithmOid;
    default:
      return data.keyAlgorithmName ?? data.keyAlgorithm;
  }
}

/** Returns the role of a certificate in its chain: root, intermediate, leaf or self-signed leaf. */
function roleText(data: CertificateData): string {
  if (data.isCa) return data.isSelfSigned ? 'root' : 'intermediate';
  return data.isSelfSigned ? 'self-signed leaf' : 'leaf';
}

/** Returns where the certificate was seen: "collector target" per distinct place, sorted, at most a few. */
function sourceText(item: Evidence<'certificate'>): string {
  const places = [...new Set((item.data.sightings ?? []).map((s) => `${s.collector} ${s.target}`))].sort(compareText);
  if (places.length === 0) places.push(`${item.collector} ${item.target}`);
  const shown = places.slice(0, MAX_SOURCES).join('; ');
  return places.length > MAX_SOURCES ? `${shown}; +${places.length - MAX_SOURCES} more` : shown;
}

function sansText(data: CertificateData): string {
  const sans = data.subjectAltNames ?? [];
  const shown = sans.slice(0, MAX_SANS).join(', ');
  return sans.length > MAX_SANS ? `${shown}, +${sans.length - MAX_SANS} more` : shown;
}

/** Builds the inventory rows, soonest expiry first (then subject, then fingerprint), for the client table. */
export function inventoryRows(certificates: readonly Evidence<'certificate'>[], nowMs: number, anchored: ReadonlySet<string>): InventoryRow[] {
  return [...certificates]
    .sort((a, b) => compareText(a.data.notAfter, b.data.notAfter) || compareText(a.data.subject, b.data.subject) || compareText(a.id, b.id))
    .map((c) => [
      c.data.subject,
      sansText(c.data),
      c.data.issuer,
      c.data.notAfter,
      daysUntil(c.data.notAfter, nowMs) ?? null,
      keyText(c.data),
      c.data.signatureAlgorithm,
      sourceText(c),
      roleText(c.data),
      anchored.has(c.id) ? evidenceAnchor(c.id) : '',
    ]);
}

/** Counts values and returns [value, count] pairs, most frequent first (ties by value), the tail folded into "other". */
export function breakdown(values: readonly string[], top: number, otherLabel: (distinct: number) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
  if (sorted.length <= top) return sorted;
  const rest = sorted.slice(top);
  return [...sorted.slice(0, top), [otherLabel(rest.length), rest.reduce((sum, [, n]) => sum + n, 0)]];
}

/** Months shown individually on the expiry timeline, from the report's month on. */
const TIMELINE_MONTHS = 24;

/** Expiry timeline buckets: "expired", then YYYY-MM for the next months, then "later"; counts of leaf and CA certificates. */
export function expiryTimeline(certificates: readonly Evidence<'certificate'>[], nowMs: number): { labels: string[]; leaves: number[]; cas: number[] } {
  const now = new Date(nowMs);
  const startYear = now.getUTCFullYear();
  const startMonth = now.getUTCMonth();
  const labels = ['expired'];
  for (let i = 0; i < TIMELINE_MONTHS; i++) {
    const d = new Date(Date.UTC(startYear, startMonth + i, 1));
    labels.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  labels.push('later');
  const leaves = labels.map(() => 0);
  const cas = labels.map(() => 0);
  for (const c of certificates) {
    const ms = Date.parse(c.data.notAfter);
    if (Number.isNaN(ms)) continue;
    let bucket: number;
    if (ms < nowMs) bucket = 0;
    else {
      const d = new Date(ms);
      const months = (d.getUTCFullYear() - startYear) * 12 + (d.getUTCMonth() - startMonth);
      bucket = months >= TIMELINE_MONTHS ? labels.length - 1 : 1 + Math.max(0, months);
    }
    const target = c.data.isCa ? cas : leaves;
    target[bucket] = (target[bucket] ?? 0) + 1;
  }
  return { labels, leaves, cas };
}
