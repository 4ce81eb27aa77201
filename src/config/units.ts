import { z } from 'zod';

const SIZE_UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };
const TIME_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const SIZE_FORM = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|kib|mib|gib)\s*$/i;
const TIME_FORM = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/i;

/** Bounds for a size or duration setting, in bytes or milliseconds. */
export interface UnitBounds {
  /** Smallest allowed value; 1 unless given (0 lets a setting be switched off). */
  readonly min?: number;
  /** Largest allowed value. */
  readonly max?: number;
}

/** Reads "50MiB", "512 KiB", "1.5MB" as bytes; undefined when the text is not such a size. */
export function parseByteSize(text: string): number | undefined {
  const match = SIZE_FORM.exec(text);
  return match ? Math.round(Number(match[1]) * SIZE_UNITS[match[2]!.toLowerCase()]!) : undefined;
}

/** Reads "15s", "500ms", "2m", "1h" as milliseconds; undefined when the text is not such a duration. */
export function parseDurationMs(text: string): number | undefined {
  const match = TIME_FORM.exec(text);
  return match ? Math.round(Number(match[1]) * TIME_UNITS[match[2]!.toLowerCase()]!) : undefined;
}

function bounded(what: 'size' | 'duration', bounds: UnitBounds): z.ZodNumber {
  const unit = what === 'size' ? 'bytes' : 'ms';
  let schema = z.number().int().min(bounds.min ?? 1, `expected a ${what} of at least ${String(bounds.min ?? 1)} ${unit}`);
  if (bounds.max !== undefined) schema = schema.max(bounds.max, `expected a ${what} of at most ${String(bounds.max)} ${unit}`);
  return schema;
}

/** A byte-count setting: an integer or a human form such as "50MiB", "512 KiB", "1.5MB" (units b, kb, mb, gb, kib, mib, gib). */
function withUnits(parse: (text: string) => number | undefined, message: string, bounds: z.ZodNumber) {
  return z
    .union([z.number(), z.string()], { error: message })
    .transform((value, ctx) => {
      if (typeof value === 'number') return value;
      const parsed = parse(value);
      if (parsed === undefined) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return parsed;
    })
    .pipe(bounds);
}

/** A byte-count setting: an integer or a human form such as "50MiB", "512 KiB", "1.5MB" (units b, kb, mb, gb, kib, mib, gib). */
export function byteSize(bounds: UnitBounds = {}) {
  return withUnits(parseByteSize, 'expected a size such as "50MiB" or "512KiB"', bounded('size', bounds));
}

/** A duration setting in milliseconds: an integer or a human form such as "15s", "500ms", "2m", "1h". */
export function durationMs(bounds: UnitBounds = {}) {
  return withUnits(parseDurationMs, 'expected a duration such as "15s" or "500ms"', bounded('duration', bounds));
}
