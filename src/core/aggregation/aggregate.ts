import type { FacetIndex } from "./facet-index.ts";

/** The facet filters an index can answer; `rows` restricts to a candidate set (from full text, partner or tag). */
export interface IndexFilter {
  readonly kind: string;
  readonly country?: readonly string[];
  readonly sector?: readonly string[];
  readonly connectivity?: number;
  readonly status?: readonly string[];
  readonly type?: readonly string[];
  readonly from?: number;
  readonly to?: number;
  readonly rows?: Uint8Array;
}

export type IndexGroupBy = "country" | "sector" | "year" | "kind" | "region";

function anyOf(csr: FacetIndex["countries"], row: number, wanted: Uint8Array): boolean {
  for (let j = csr.offsets[row]!; j < csr.offsets[row + 1]!; j++) if (wanted[csr.codes[j]!]) return true;
  return false;
}

function wantedCodes(dictionary: ReadonlyMap<string, number>, size: number, values: readonly string[]): Uint8Array {
  const out = new Uint8Array(size);
  for (const v of values) {
    const code = dictionary.get(v);
    if (code !== undefined) out[code] = 1;
  }
  return out;
}

/** The rows matching a filter, as a 0/1 mask. */
export function matchRows(index: FacetIndex, f: IndexFilter): Uint8Array {
  const kind = index.kinds.indexOf(f.kind);
  const mask = new Uint8Array(index.size);
  if (kind < 0) return mask;
  const countries = f.country?.length
    ? wantedCodes(index.countries.codeOf, index.countries.dictionary.length, f.country)
    : undefined;
  const sectors = f.sector?.length
    ? wantedCodes(index.sectors.codeOf, index.sectors.dictionary.length, f.sector)
    : undefined;
  let statuses = 0;
  for (const s of f.status ?? []) statuses |= 1 << Number(s);
  const types = f.type?.length ? new Set(f.type.map((t) => index.types.indexOf(t)).filter((t) => t >= 0)) : undefined;
  for (let i = 0; i < index.size; i++) {
    if (index.kind[i] !== kind) continue;
    if (f.rows && !f.rows[i]) continue;
    if (statuses && !(statuses & (1 << index.status[i]!))) continue;
    if (f.connectivity && !(index.connectivity[i]! & f.connectivity)) continue;
    const year = index.year[i]!;
    if (f.from !== undefined && (year === 0 || year < f.from)) continue;
    if (f.to !== undefined && (year === 0 || year > f.to)) continue;
    if (types && !types.has(index.type[i]!)) continue;
    if (countries && !anyOf(index.countries, i, countries)) continue;
    if (sectors && !anyOf(index.sectors, i, sectors)) continue;
    mask[i] = 1;
  }
  return mask;
}

/**
 * Sums per group over the matching rows, with the same rules as the SQL path:
 * money split by country or sector share; money by year from commitment years;
 * a record counts once per region and once per connectivity kind it has.
 *
 * @example
 *   aggregateIndex(index, matchRows(index, { kind: "project" }), "country", true, regions)
 */
export function aggregateIndex(
  index: FacetIndex,
  mask: Uint8Array,
  by: IndexGroupBy,
  money: boolean,
  regionOf: ReadonlyMap<string, string> = new Map(),
): Map<string, number> {
  const out = new Map<string, number>();
  const add = (key: string, value: number) => out.set(key, (out.get(key) ?? 0) + value);
  const csr = by === "sector" ? index.sectors : index.countries;
  const regionCodes = by === "region" ? csr.dictionary.map((c) => regionOf.get(c) ?? "unknown") : [];
  for (let i = 0; i < index.size; i++) {
    if (!mask[i]) continue;
    switch (by) {
      case "country":
      case "sector":
        for (let j = csr.offsets[i]!; j < csr.offsets[i + 1]!; j++) {
          add(csr.dictionary[csr.codes[j]!]!, money ? index.usd[i]! * csr.shares[j]! : 1);
        }
        break;
      case "region": {
        if (money) {
          for (let j = csr.offsets[i]!; j < csr.offsets[i + 1]!; j++)
            add(regionCodes[csr.codes[j]!]!, index.usd[i]! * csr.shares[j]!);
        } else {
          const seen = new Set<string>();
          for (let j = csr.offsets[i]!; j < csr.offsets[i + 1]!; j++) seen.add(regionCodes[csr.codes[j]!]!);
          for (const r of seen) add(r, 1);
        }
        break;
      }
      case "year":
        if (money) {
          for (let j = index.money.offsets[i]!; j < index.money.offsets[i + 1]!; j++) {
            add(String(index.money.year[j]), index.money.usd[j]!);
          }
        } else if (index.year[i]) add(String(index.year[i]), 1);
        break;
      case "kind": {
        const bits = index.connectivity[i]!;
        const v = money ? index.usd[i]! : 1;
        if (bits & 1) add("hard", v);
        if (bits & 2) add("soft", v);
        if (bits & 4) add("heart", v);
        break;
      }
    }
  }
  if (by === "kind") for (const k of ["hard", "soft", "heart"]) if (!out.has(k)) out.set(k, 0);
  return out;
}
