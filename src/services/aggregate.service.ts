import { aggregateIndex, matchRows } from "../core/aggregation/aggregate.ts";
import { codeLabel } from "../core/codelists/index.ts";
import { countryName } from "../core/countries.ts";
import { KIND_FOLDERS } from "../core/dataset.ts";
import type { RecordKind } from "../core/domain/index.ts";
import { type AggregateBy, aggregate, type Measure } from "../store/aggregate.repository.ts";
import type { Db } from "../store/database.ts";
import { candidateIds } from "../store/facet.repository.ts";
import type { RecordFilter } from "../store/query.repository.ts";
import { listRecordsOfKind } from "../store/record.repository.ts";
import { regionOf } from "./countries.service.ts";
import { facetIndex } from "./facet-index.service.ts";

const REGION_LABELS: Record<string, { en: string; zh: string }> = {
  "east-asia-pacific": { en: "East Asia & Pacific", zh: "东亚与太平洋" },
  "europe-central-asia": { en: "Europe & Central Asia", zh: "欧洲与中亚" },
  "latin-america-caribbean": { en: "Latin America & Caribbean", zh: "拉丁美洲与加勒比" },
  "middle-east-north-africa": { en: "Middle East & North Africa", zh: "中东与北非" },
  "south-asia": { en: "South Asia", zh: "南亚" },
  "sub-saharan-africa": { en: "Sub-Saharan Africa", zh: "撒哈拉以南非洲" },
  unknown: { en: "Other / unknown", zh: "其他或未知" },
};
const KIND_LABELS: Record<string, { en: string; zh: string }> = {
  hard: { en: "Hard connectivity (infrastructure)", zh: "硬联通（基础设施）" },
  soft: { en: "Soft connectivity (rules and standards)", zh: "软联通（规则标准）" },
  heart: { en: "Heart connectivity (people-to-people)", zh: "心联通（民心相通）" },
};

function label(by: AggregateBy, key: string): { en: string; zh: string } {
  switch (by) {
    case "country":
      return { en: countryName(key, "en") ?? key, zh: countryName(key, "zh") ?? key };
    case "sector": {
      const name = codeLabel("Sector", key);
      return { en: name, zh: name };
    }
    case "year":
      return { en: key, zh: `${key}年` };
    case "kind":
      return KIND_LABELS[key] ?? { en: key, zh: key };
    case "region":
      return REGION_LABELS[key] ?? { en: key, zh: key };
  }
}

/**
 * Groups the records of `of` matching the filter; regions are summed from countries
 * (World Bank regions, as tagged on the country partners).
 *
 * @example
 *   await aggregateRecords(store, "projects", { kind: "project" }, "region", "committedUsdConstant");
 */
export async function aggregateRecords(
  store: Db,
  of: string,
  filter: RecordFilter,
  by: AggregateBy,
  measure: Measure,
  via: "index" | "sql" = "index",
) {
  const kind = (Object.entries(KIND_FOLDERS).find(([, folder]) => folder === of)?.[0] ?? "project") as RecordKind;
  const f = { ...filter, kind };
  const regions = new Map<string, string>();
  if (by === "region") {
    for (const p of await listRecordsOfKind(store.db, "partner")) {
      if (p.partnerType === "country" && p.country) regions.set(p.country, regionOf(p) ?? "unknown");
    }
  }
  const rows =
    via === "index" ? await viaIndex(store, f, by, measure, regions) : await aggregate(store, f, by, measure, regions);
  const order =
    by === "year"
      ? (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key)
      : (a: { value: number; key: string }, b: { value: number; key: string }) =>
          b.value - a.value || a.key.localeCompare(b.key);
  return {
    by,
    measure,
    of,
    data: rows.sort(order).map((r) => ({ key: r.key, label: label(by, r.key), value: r.value })),
  };
}

/** The same aggregate from the in-memory facet index (see core/aggregation); the SQL path is its reference. */
async function viaIndex(
  store: Db,
  filter: RecordFilter,
  by: AggregateBy,
  measure: Measure,
  regions: ReadonlyMap<string, string>,
): Promise<Array<{ key: string; value: number }>> {
  const index = await facetIndex(store);
  let rows: Uint8Array | undefined;
  if (filter.q !== undefined || filter.partner?.length || filter.tag?.length) {
    rows = new Uint8Array(index.size);
    for (const id of await candidateIds(store, filter)) {
      const row = index.rowOf(id);
      if (row >= 0) rows[row] = 1;
    }
  }
  const mask = matchRows(index, { ...filter, rows });
  const sums = aggregateIndex(index, mask, by, measure === "committedUsdConstant", regions);
  return [...sums].map(([key, value]) => ({ key, value }));
}
