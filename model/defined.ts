/** Optional properties may also be given as `undefined`; required ones stay required. */
export type Loose<T> = { [K in keyof T as object extends Pick<T, K> ? K : never]?: T[K] | undefined } & { [K in keyof T as object extends Pick<T, K> ? never : K]: T[K] };

/**
 * The object with its `undefined`-valued properties left out, key order kept: builds records with optional fields
 * under exactOptionalPropertyTypes without a `...(x === undefined ? {} : { x })` spread per field.
 */
export function defined<T extends object>(fields: Loose<T>): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out as T;
}
