// Locale-independent formatting and ordering, so the same report always renders the same bytes.

/** Compares two strings by UTF-16 code units (not locale); returns -1, 0 or 1. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares dotted references numerically ("2.10" after "2.9"); returns a negative, zero or positive number. */
export function compareRef(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const diff = x !== '' && y !== '' && Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : compareText(x, y);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Formats a number with a fixed number of decimals, or "—" for null/undefined; returns the text. */
export function fixed(value: number | null | undefined, decimals = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(decimals);
}

/** Formats a 0..1 ratio as a whole percentage ("37 %"); returns the text. */
export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)} %`;
}

/** Formats an integer with thin grouping ("12 345"); returns the text. */
export function count(value: number): string {
  return String(Math.trunc(value)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

/** Returns the date part (YYYY-MM-DD) of an ISO timestamp, or the text unchanged when it is not one. */
export function day(iso: string | undefined): string {
  if (iso === undefined) return '—';
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso;
}

/** Formats an ISO timestamp as "YYYY-MM-DD HH:MM UTC"; returns the text unchanged when it is not one. */
export function minute(iso: string | undefined): string {
  if (iso === undefined) return '—';
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1] ?? ''} ${match[2] ?? ''} UTC` : iso;
}

/** Whole days from `fromMs` to an ISO timestamp (negative when past); undefined when the timestamp does not parse. */
export function daysUntil(iso: string, fromMs: number): number | undefined {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : Math.floor((ms - fromMs) / 86_400_000);
}

/** Formats seconds as a short duration ("3 d", "5 h", "12 min", "-2 d"); returns the text. */
export function duration(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  if (s >= 86_400) return `${sign}${Math.floor(s / 86_400)} d`;
  if (s >= 3_600) return `${sign}${Math.floor(s / 3_600)} h`;
  return `${sign}${Math.floor(s / 60)} min`;
}
