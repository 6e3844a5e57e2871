import type { Csr, FacetIndex } from "./facet-index.ts";

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

function anyOf(csr: Csr, row: number, wanted: Uint8Array): boolean {
  for (let j = csr.offsets[row]!; j < csr.offsets[row + 1]!; j++) if (wanted[csr.codes[j]!]) return true;
  return false;
}

function wantedCodes(csr: Csr, values: readonly string[]): Uint8Array {
  const out = new Uint8Array(csr.dictionary.length);
  for (const v of values) {
    const code = csr.codeOf.get(v);
    if (code !== undefined) out[code] = 1;
  }
  return out;
}

/** The rows matching a filter, as a 0/1 mask. */
export function matchRows(index: FacetIndex, f: IndexFilter): Uint8Array {
  const kind = index.kinds.indexOf(f.kind);
  const mask = new Uint8Array(index.size);
  if (kind < 0) return mask;
  const countries = f.country?.length ? wantedCodes(index.countries, f.country) : undefined;
  const sectors = f.sector?.length ? wantedCodes(index.sectors, f.sector) : undefined;
  let statuses = 0;
  for (const s of f.status ?? []) statuses |= 1 << Number(s);
  const types = f.type?.length ? new Set(f.type.map((t) => index.types.indexOf(t)).filter((t) => t >= 0)) : undefined;
  const from = f.from ?? 0;
  const to = f.to ?? 0xffff;
  const dated = f.from !== undefined || f.to !== undefined;
  for (let i = 0; i < index.size; i++) {
    if (index.kind[i] !== kind) continue;
    if (f.rows && !f.rows[i]) continue;
    if (statuses && !(statuses & (1 << index.status[i]!))) continue;
    if (f.connectivity && !(index.connectivity[i]! & f.connectivity)) continue;
    if (dated) {
      const year = index.year[i]!;
      if (year === 0 || year < from || year > to) continue;
    }
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
 * Accumulates into typed arrays indexed by dictionary code.
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
  if (by === "kind") {
    const sums = [0, 0, 0];
    for (let i = 0; i < index.size; i++) {
      if (!mask[i]) continue;
      const bits = index.connectivity[i]!;
      const v = money ? index.usd[i]! : 1;
      if (bits & 1) sums[0]! += v;
      if (bits & 2) sums[1]! += v;
      if (bits & 4) sums[2]! += v;
    }
    return new Map([
      ["hard", sums[0]!],
      ["soft", sums[1]!],
      ["heart", sums[2]!],
    ]);
  }
  if (by === "year" && !money) {
    const sums = new Float64Array(0x10000);
    const seen = new Uint8Array(0x10000);
    for (let i = 0; i < index.size; i++) {
      const y = index.year[i]!;
      if (mask[i] && y) {
        sums[y]! += 1;
        seen[y] = 1;
      }
    }
    const out = new Map<string, number>();
    for (let y = 0; y < sums.length; y++) if (seen[y]) out.set(String(y), sums[y]!);
    return out;
  }
  const csr = by === "sector" ? index.sectors : by === "year" ? index.money : index.countries;
  // Groups are the CSR's codes, or regions made of them.
  const groupNames =
    by === "region" ? [...new Set(csr.dictionary.map((c) => regionOf.get(c) ?? "unknown"))] : csr.dictionary;
  const groupOf =
    by === "region"
      ? Uint16Array.from(csr.dictionary, (c) => groupNames.indexOf(regionOf.get(c) ?? "unknown"))
      : Uint16Array.from(csr.dictionary, (_, i) => i);
  const sums = new Float64Array(groupNames.length);
  const present = new Uint8Array(groupNames.length);
  const lastRow = new Int32Array(groupNames.length).fill(-1);
  for (let i = 0; i < index.size; i++) {
    if (!mask[i]) continue;
    for (let j = csr.offsets[i]!; j < csr.offsets[i + 1]!; j++) {
      const g = groupOf[csr.codes[j]!]!;
      present[g] = 1;
      if (by === "year") sums[g]! += csr.values[j]!;
      else if (money) sums[g]! += index.usd[i]! * csr.values[j]!;
      else if (by !== "region" || lastRow[g] !== i) {
        // a record counts once per group (several countries of one region count once)
        sums[g]! += 1;
        lastRow[g] = i;
      }
    }
  }
  const out = new Map<string, number>();
  groupNames.forEach((name, g) => {
    if (present[g]) out.set(name, sums[g]!);
  });
  return out;
}
