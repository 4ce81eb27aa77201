// Small pure helpers shared by checks and assessors. Nothing here reads a clock or does I/O.
import type { CertificateData } from '../../model/evidence.js';

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

/** Formats epoch milliseconds as ISO-8601 UTC without milliseconds ("2026-11-22T00:00:00Z"). */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Formats a ratio as a percentage with one decimal ("97.5 %"). */
export const percent = (ratio: number): string => `${(ratio * 100).toFixed(1)} %`;

const SERVER_AUTH = new Set(['serverAuth', '1.3.6.1.5.5.7.3.1']);

/** Returns whether the certificate's extended key usage includes TLS server authentication. */
export function hasServerAuthEku(cert: CertificateData): boolean {
  return cert.extendedKeyUsage.some((eku) => SERVER_AUTH.has(eku));
}

/** Scan times (this one included), newest first, as epoch ms; ignores unparsable and future entries. */
export function scanTimes(now: Date, previous: readonly string[]): number[] {
  const nowMs = now.getTime();
  const earlier = previous.map((t) => Date.parse(t)).filter((t) => !Number.isNaN(t) && t < nowMs);
  return [nowMs, ...[...new Set(earlier)].sort((a, b) => b - a)];
}
