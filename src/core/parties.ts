import type { AnyRecord } from "./domain/index.ts";

/**
 * The organisations party to a record: its participants (any role), an
 * agreement's parties, a service's operators, and a partner itself. Free of runtime dependencies, so the portal
 * uses it too (to offer editing only to editors of a party).
 *
 * @example
 *   partiesOf(agreement) // ["country-chn", "country-lao"]
 */
export function partiesOf(record: AnyRecord): string[] {
  if (record.kind === "partner") return [record.id];
  const ids = record.participants.map((p) => p.partner);
  if (record.kind === "agreement") ids.push(...record.parties);
  if (record.kind === "service") ids.push(...record.operators);
  return [...new Set(ids)].sort();
}
