/**
 * Applies a JSON Merge Patch (RFC 7396): members of `patch` replace those of
 * `target`, `null` removes a member, objects merge recursively, anything else
 * (arrays included) replaces the whole value. Neither input is changed.
 *
 * @example
 *   applyMergePatch({ a: 1, b: { c: 2, d: 3 } }, { b: { d: null }, e: [1] }) // { a: 1, b: { c: 2 }, e: [1] }
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
