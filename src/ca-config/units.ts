// Every duration unit conversion the CA-configuration collectors need, in one place. Products write durations in many
// notations (Go "2160h0m0s", ISO-8601 "P90D", certbot "30 days", EJBCA "1y 2mo 3d", ADCS FILETIME intervals); the
// normalised evidence holds whole seconds. Calendar units are fixed lengths: a year is 365 days and a month 30 days
// (EJBCA's SimpleTime uses the same), so "1y" is 31,536,000 seconds whatever the start date.

/** Seconds in one unit of each fixed-length calendar unit. */
export const SECONDS = {
  minute: 60,
  hour: 3_600,
  day: 86_400,
  week: 604_800,
  month: 2_592_000,
  year: 31_536_000,
} as const;

/**
 * The notation a duration is written in, which also decides what a bare number means:
 * - `auto`: guess from the text (bare number = seconds; "P…" = ISO-8601; compact "1h30m", "90d", "1y 2mo"; words);
 * - `go`: Go's time.ParseDuration ("2160h0m0s", "1.5h", "300ms"; bare "0" only) as cert-manager, step-ca and cfssl write it;
 * - `vault`: Vault/OpenBao parseutil: Go notation plus a "d" suffix, bare numbers are seconds;
 * - `iso8601`: "P90D", "PT1H30M", "P1Y2M3DT4H5M6S", "P2W";
 * - `certbot`: "30 days", "1 week", "4 years", "10 hours"; a bare number is days;
 * - `ejbca`: EJBCA SimpleTime "1y 2mo 3d 4h 5m 6s 7ms", "-10m"; a bare number is days (legacy validity);
 * - `adcs`: ADCS period strings "1 years", "6 weeks", "2 Years";
 * - `seconds` | `minutes` | `hours` | `days`: a bare number in that unit.
 */
export type DurationNotation = 'auto' | 'go' | 'vault' | 'iso8601' | 'certbot' | 'ejbca' | 'adcs' | 'seconds' | 'minutes' | 'hours' | 'days';

/** Longest duration text read; longer text is not a duration. */
const MAX_TEXT = 200;

/** Compact unit suffixes (Go, Vault, EJBCA) → seconds. "m" is minutes, "mo" months. */
const COMPACT_UNITS: Readonly<Record<string, number>> = {
  ns: 1e-9,
  us: 1e-6,
  'µs': 1e-6,
  'μs': 1e-6,
  ms: 1e-3,
  s: 1,
  m: SECONDS.minute,
  h: SECONDS.hour,
  d: SECONDS.day,
  w: SECONDS.week,
  mo: SECONDS.month,
  y: SECONDS.year,
};

const GO_UNITS = new Set(['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h']);
const VAULT_UNITS = new Set([...GO_UNITS, 'd']);
const EJBCA_UNITS = new Set(['ms', 's', 'm', 'h', 'd', 'mo', 'y']);

/** Word units (certbot, ADCS, people) → seconds. */
const WORD_UNITS: Readonly<Record<string, number>> = {
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  m: SECONDS.minute,
  min: SECONDS.minute,
  mins: SECONDS.minute,
  minute: SECONDS.minute,
  minutes: SECONDS.minute,
  h: SECONDS.hour,
  hr: SECONDS.hour,
  hrs: SECONDS.hour,
  hour: SECONDS.hour,
  hours: SECONDS.hour,
  d: SECONDS.day,
  day: SECONDS.day,
  days: SECONDS.day,
  w: SECONDS.week,
  wk: SECONDS.week,
  wks: SECONDS.week,
  week: SECONDS.week,
  weeks: SECONDS.week,
  mo: SECONDS.month,
  mon: SECONDS.month,
  month: SECONDS.month,
  months: SECONDS.month,
  y: SECONDS.year,
  yr: SECONDS.year,
  yrs: SECONDS.year,
  year: SECONDS.year,
  years: SECONDS.year,
};

const BARE_UNIT: Partial<Record<DurationNotation, number>> = {
  auto: 1,
  vault: 1,
  seconds: 1,
  minutes: SECONDS.minute,
  hours: SECONDS.hour,
  days: SECONDS.day,
  certbot: SECONDS.day,
  ejbca: SECONDS.day,
};

/** Thrown by requireDurationSeconds when a text is not a duration in the expected notation. */
export class DurationError extends Error {
  override name = 'DurationError';
}

/**
 * Converts a duration written in `notation` (see DurationNotation) into whole seconds, rounded to the nearest second.
 * Negative durations keep their sign ("-10m" → -600). Returns undefined when the value is not a duration in that
 * notation, is empty, longer than 200 characters, or beyond Number.MAX_SAFE_INTEGER seconds.
 */
export function parseDurationSeconds(value: string | number, notation: DurationNotation = 'auto'): number | undefined {
  if (typeof value === 'number') return bare(value, notation);
  const text = value.trim();
  if (text.length === 0 || text.length > MAX_TEXT) return undefined;
  if (/^[-+]?\d+(\.\d+)?$/.test(text)) {
    if (notation === 'go') return Number(text) === 0 ? 0 : undefined;
    return bare(Number(text), notation);
  }
  switch (notation) {
    case 'go':
      return compact(text, GO_UNITS, false);
    case 'vault':
      return compact(text, VAULT_UNITS, false);
    case 'ejbca':
      return compact(text, EJBCA_UNITS, true);
    case 'iso8601':
      return iso8601(text);
    case 'certbot':
    case 'adcs':
      return words(text);
    case 'seconds':
    case 'minutes':
    case 'hours':
    case 'days':
      return undefined;
    case 'auto':
      return /^[-+]?P/i.test(text) ? iso8601(text) : (compact(text, new Set(Object.keys(COMPACT_UNITS)), true) ?? words(text));
  }
}

/** Like parseDurationSeconds, but throws DurationError naming `what` and the notation when the text is not a duration. */
export function requireDurationSeconds(value: string | number, notation: DurationNotation, what: string): number {
  const seconds = parseDurationSeconds(value, notation);
  if (seconds === undefined) {
    const shown = typeof value === 'number' ? String(value) : JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    throw new DurationError(`${what}: ${shown} is not a ${notation === 'auto' ? '' : `${notation} `}duration`);
  }
  return seconds;
}

/** Converts `count` units named in words or as a compact suffix ("years", "Weeks", "d", "mo") into seconds; undefined for an unknown unit. */
export function periodToSeconds(count: number, unit: string): number | undefined {
  const perUnit = WORD_UNITS[unit.trim().toLowerCase()];
  return perUnit === undefined ? undefined : finite(count * perUnit);
}

/**
 * Converts a Windows FILETIME interval (100-nanosecond ticks; ADCS pKIExpirationPeriod / pKIOverlapPeriod store it
 * negated as 8 little-endian bytes) into whole seconds. Accepts the 8 bytes (array or Uint8Array), a bigint or number of
 * ticks, or a string of decimal ticks, hex bytes ("00 80 72 0e 5d c2 fd ff") or base64 of the 8 bytes. The sign is
 * dropped. Returns undefined for anything else.
 */
export function filetimeIntervalToSeconds(value: readonly number[] | Uint8Array | bigint | number | string): number | undefined {
  let ticks: bigint | undefined;
  if (typeof value === 'bigint') ticks = value;
  else if (typeof value === 'number') ticks = Number.isSafeInteger(value) ? BigInt(value) : undefined;
  else if (typeof value === 'string') ticks = ticksFromString(value.trim());
  else ticks = ticksFromBytes(value);
  if (ticks === undefined) return undefined;
  const magnitude = ticks < 0n ? -ticks : ticks;
  return finite(Number(magnitude / 10_000_000n) + (magnitude % 10_000_000n >= 5_000_000n ? 1 : 0));
}

/** Formats whole seconds compactly for messages and details: 7776000 → "90d", 5400 → "1h30m", 0 → "0s". */
export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const sign = seconds < 0 ? '-' : '';
  let rest = Math.round(Math.abs(seconds));
  if (rest === 0) return '0s';
  const parts: string[] = [];
  for (const [unit, size] of [['d', SECONDS.day], ['h', SECONDS.hour], ['m', SECONDS.minute], ['s', 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return sign + parts.join('');
}

function finite(seconds: number): number | undefined {
  const rounded = Math.round(seconds);
  return Number.isSafeInteger(rounded) ? (Object.is(rounded, -0) ? 0 : rounded) : undefined;
}

function bare(value: number, notation: DurationNotation): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  if (notation === 'go') return value === 0 ? 0 : undefined;
  const unit = BARE_UNIT[notation];
  return unit === undefined ? undefined : finite(value * unit);
}

/** "1h30m", "2160h0m0s", "-1.5h", "1y 2mo 3d": number+unit tokens, optionally separated by spaces when `spaced`. */
function compact(text: string, units: ReadonlySet<string>, spaced: boolean): number | undefined {
  const match = /^([-+]?)(.*)$/.exec(text)!;
  const sign = match[1] === '-' ? -1 : 1;
  const body = match[2]!;
  const token = /(\d+(?:\.\d*)?|\.\d+)\s*(ns|us|µs|μs|ms|mo|[smhdwy])/giy;
  let total = 0;
  let count = 0;
  let pos = 0;
  while (pos < body.length) {
    if (spaced && /[\s,]/.test(body[pos]!)) {
      pos++;
      continue;
    }
    token.lastIndex = pos;
    const t = token.exec(body);
    if (!t) return undefined;
    const unit = t[2]!.toLowerCase();
    if (!units.has(unit)) return undefined;
    // Without spaces allowed, "1 h" is not a Go duration: the number and unit must touch.
    if (!spaced && /\s/.test(t[0])) return undefined;
    total += Number(t[1]) * COMPACT_UNITS[unit]!;
    count++;
    pos = token.lastIndex;
  }
  return count === 0 ? undefined : finite(sign * total);
}

/** "30 days", "1 week, 2 days", "4 years and 2 months", "1 years". */
function words(text: string): number | undefined {
  const token = /\s*(\d+(?:\.\d+)?)\s*([a-zµμ]+)\s*(?:,|\band\b)?/giy;
  let total = 0;
  let count = 0;
  let pos = 0;
  const body = text.trim();
  while (pos < body.length) {
    token.lastIndex = pos;
    const t = token.exec(body);
    if (!t || t[0].length === 0) return undefined;
    const perUnit = WORD_UNITS[t[2]!.toLowerCase()];
    if (perUnit === undefined) return undefined;
    total += Number(t[1]) * perUnit;
    count++;
    pos = token.lastIndex;
  }
  return count === 0 ? undefined : finite(total);
}

/** ISO-8601 durations: PnYnMnWnDTnHnMnS (fractions with "." or ","), optionally signed. */
function iso8601(text: string): number | undefined {
  const n = String.raw`(\d+(?:[.,]\d+)?)`;
  const re = new RegExp(String.raw`^([-+]?)P(?:${n}Y)?(?:${n}M)?(?:${n}W)?(?:${n}D)?(?:T(?:${n}H)?(?:${n}M)?(?:${n}S)?)?$`, 'i');
  const m = re.exec(text);
  if (!m) return undefined;
  const values = m.slice(2).map((v) => (v === undefined ? undefined : Number(v.replace(',', '.'))));
  if (values.every((v) => v === undefined)) return undefined;
  if (/T$/i.test(text)) return undefined;
  const [y, mo, w, d, h, mi, s] = values.map((v) => v ?? 0) as [number, number, number, number, number, number, number];
  const total = y * SECONDS.year + mo * SECONDS.month + w * SECONDS.week + d * SECONDS.day + h * SECONDS.hour + mi * SECONDS.minute + s;
  return finite((m[1] === '-' ? -1 : 1) * total);
}

function ticksFromBytes(bytes: readonly number[] | Uint8Array): bigint | undefined {
  if (bytes.length !== 8 || ![...bytes].every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) return undefined;
  let value = 0n;
  for (let i = 7; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  return BigInt.asIntN(64, value);
}

function ticksFromString(text: string): bigint | undefined {
  if (/^-?\d{1,20}$/.test(text)) return BigInt(text);
  const hex = text.replace(/[\s:-]/g, '');
  if (/^[0-9a-f]{16}$/i.test(hex)) return ticksFromBytes([...Buffer.from(hex, 'hex')]);
  if (/^[A-Za-z0-9+/]{11}=$/.test(text)) return ticksFromBytes([...Buffer.from(text, 'base64')]);
  return undefined;
}
