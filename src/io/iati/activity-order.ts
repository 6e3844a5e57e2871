import { IATI_ACTIVITY_SCHEMA } from "./schema-data.ts";

const activityType = IATI_ACTIVITY_SCHEMA.types[IATI_ACTIVITY_SCHEMA.globals["iati-activity"]!]!;

/**
 * Position of each child element of `iati-activity` in the schema's
 * sequence (`iati-identifier` 0 … `fss`), extensions from other namespaces
 * last: writers sort by it so the output keeps the order the schema demands.
 *
 * @example
 *   ACTIVITY_ORDER.get("transaction") // 25
 */
export const ACTIVITY_ORDER: ReadonlyMap<string, number> = new Map(
  activityType.particles.map((p, i) => [p.name ?? "##other", i] as const),
);

/** The sequence position of a child element (`##other` for namespaced ones). */
export function activityPosition(local: string, namespaced: boolean): number {
  return ACTIVITY_ORDER.get(namespaced ? "##other" : local) ?? ACTIVITY_ORDER.size;
}
