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
