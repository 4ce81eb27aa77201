// Profile inheritance: a child's fields override its parent's. Plain objects merge field by field; lists and scalars
// replace the parent's value as a whole (a child that lists approved keys lists all of them).

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Merges `child` over `parent` (neither is modified); `undefined` in the child keeps the parent's value. */
export function mergeProfileData(parent: unknown, child: unknown): unknown {
  if (child === undefined) return parent;
  if (!isPlainObject(parent) || !isPlainObject(child)) return child;
  const out: Record<string, unknown> = { ...parent };
  for (const [key, value] of Object.entries(child)) out[key] = mergeProfileData(parent[key], value);
  return out;
}
