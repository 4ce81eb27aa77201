import { ConfigError } from '../errors.js';
import { reporters, type ReportFormat } from '../report/render.js';
import type { ScoringMode } from '../../model/assessment.js';

/** Validates --format values. */
export function parseFormats(values: readonly string[] | undefined, fallback: readonly ReportFormat[]): ReportFormat[] {
  if (!values || values.length === 0) return [...fallback];
  const known = Object.keys(reporters);
  const out: ReportFormat[] = [];
  for (const v of values.flatMap((x) => x.split(','))) {
    if (!known.includes(v)) throw new ConfigError(`--format ${v}: unknown format (known: ${known.join(', ')})`, '--format');
    out.push(v as ReportFormat);
  }
  return out;
}

/** Validates --mode. */
export function parseMode(value: string | undefined): ScoringMode | undefined {
  if (value === undefined) return undefined;
  if (value !== 'methodology' && value !== 'excel') throw new ConfigError(`--mode ${value}: expected methodology or excel`, '--mode');
  return value;
}

/** Parses a number option; throws ConfigError naming the option. */
export function parseNumber(value: string, option: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new ConfigError(`${option} ${value}: expected a number`, option);
  return n;
}

const AGE_UNITS: Readonly<Record<string, number>> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000, y: 365 * 86_400_000 };

/** Parses an age such as "90d", "12w", "36h" or "1y" into milliseconds; throws ConfigError naming the option. */
export function parseAge(value: string, option: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(h|d|w|y)$/i.exec(value.trim());
  if (!match) throw new ConfigError(`${option} ${value}: expected an age such as 90d, 12w, 36h or 1y`, option);
  return Number(match[1]) * (AGE_UNITS[(match[2] ?? 'd').toLowerCase()] ?? 0);
}
