/** One difference between two JSON values, at a JSON Pointer (RFC 6901) path. */
export interface JsonChange {
  readonly op: "add" | "remove" | "replace";
  readonly path: string;
  /** The value before (remove, replace). */
  readonly from?: unknown;
  /** The value after (add, replace). */
  readonly to?: unknown;
}

/**
 * The differences that turn `before` into `after`: objects are compared
 * member by member, arrays element by element (extra elements are adds or
 * removes at the end), anything else is replaced whole. Paths are in key order.
 *
 * @example
 *   diffJson({ names: { en: "A" } }, { names: { en: "B" } }) // [{ op: "replace", path: "/names/en", from: "A", to: "B" }]
 */
export function diffJson(before: unknown, after: unknown, path = ""): JsonChange[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: JsonChange[] = [];
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) {
      const p = `${path}/${i}`;
      if (i >= after.length) changes.push({ op: "remove", path: p, from: before[i] });
      else if (i >= before.length) changes.push({ op: "add", path: p, to: after[i] });
      else changes.push(...diffJson(before[i], after[i], p));
    }
    return changes;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k): JsonChange[] => {
      const p = `${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      if (!(k in after)) return [{ op: "remove", path: p, from: before[k] }];
      if (!(k in before)) return [{ op: "add", path: p, to: after[k] }];
      return diffJson(before[k], after[k], p);
    });
  }
  if (same(before, after)) return [];
  return [{ op: "replace", path, from: before, to: after }];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
