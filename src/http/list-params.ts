import type { RecordKind } from "../core/domain/index.ts";
import type { RecordFilter, Sort, SortKey } from "../store/query.repository.ts";
import type { ListQuery } from "./schemas.ts";

const BITS: Record<string, number> = { hard: 1, soft: 2, heart: 4 };

/** The repository filter for a validated list query. */
export function toFilter(
  kind: RecordKind,
  q: Omit<Partial<ListQuery>, "sort" | "limit" | "cursor" | "fields" | "format">,
): RecordFilter {
  return {
    kind,
    country: q.country,
    sector: q.sector,
    connectivity: q.kind?.reduce((bits, k) => bits | (BITS[k] ?? 0), 0) || undefined,
    status: q.status,
    partner: q.partner,
    tag: q.tag,
    type: q.type,
    from: q.from,
    to: q.to,
    q: q.q?.trim() || undefined,
  };
}

/** `-start` → start descending; default name (relevance when searching). */
export function toSort(sort: string | undefined, searching: boolean): Sort {
  if (!sort) return { key: searching ? "relevance" : "name", desc: false };
  const desc = sort.startsWith("-");
  return { key: (desc ? sort.slice(1) : sort) as SortKey, desc };
}

/** The media type of an XLSX workbook. */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The format asked for by `?format=` or, failing that, the Accept header. */
export function negotiateFormat(
  format: string | undefined,
  accept: string | undefined,
): "json" | "csv" | "geojson" | "xlsx" | "iati" {
  if (format === "csv" || format === "geojson" || format === "json" || format === "xlsx" || format === "iati")
    return format;
  if (accept?.includes("text/csv")) return "csv";
  if (accept?.includes(XLSX_TYPE)) return "xlsx";
  if (accept?.includes("application/geo+json")) return "geojson";
  return "json";
}
