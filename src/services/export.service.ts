import { stringify } from "csv-stringify/sync";
import type { AnyRecord, Geometry, RecordKind } from "../core/domain/index.ts";
import type { Db } from "../store/database.ts";
import { listRecordsOfKind } from "../store/record.repository.ts";

export const EXPORT_FORMATS = ["json", "csv", "geojson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection). */
export function escapeCsvCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const CSV_COLUMNS = [
  "id",
  "kind",
  "name_en",
  "name_zh",
  "type",
  "status",
  "connectivity",
  "countries",
  "sectors",
  "start",
  "end",
  "committed",
  "tags",
  "source_count",
  "sources",
] as const;

function csvRow(r: AnyRecord): Record<(typeof CSV_COLUMNS)[number], string | number> {
  const activity = r.kind === "partner" ? undefined : r;
  const type =
    r.kind === "partner"
      ? r.partnerType
      : r.kind === "project"
        ? r.projectType
        : r.kind === "agreement"
          ? r.agreementType
          : r.kind === "programme"
            ? r.programmeType
            : r.kind === "service"
              ? r.mode
              : `step ${r.step}`;
  return {
    id: r.id,
    kind: r.kind,
    name_en: r.names.en,
    name_zh: r.names.zh ?? "",
    type,
    status: activity?.status ?? "",
    connectivity: activity?.connectivity.join(";") ?? "",
    countries: r.kind === "partner" ? (r.country ?? "") : (activity?.countries.map((c) => c.code).join(";") ?? ""),
    sectors: activity?.sectors.map((s) => s.code).join(";") ?? "",
    start:
      activity?.dates.find((d) => d.type === "2" || d.type === "1")?.date ??
      (r.kind === "agreement" ? (r.signed ?? "") : ""),
    end: activity?.dates.find((d) => d.type === "4" || d.type === "3")?.date ?? "",
    committed:
      activity?.transactions
        .filter((t) => (t.type === "2" || t.type === "11") && t.recommendedForAggregates)
        .map((t) => `${t.amount} ${t.currency}`)
        .join(";") ?? "",
    tags: r.tags.join(";"),
    source_count: r.sources.length,
    sources: r.sources.map((s) => s.url ?? `${s.title} (${s.publisher})`).join(" | "),
  };
}

/** Rows of a kind as CSV (RFC 4180, UTF-8, header row), formula-like text cells escaped. */
export function toCsv(records: readonly AnyRecord[]): string {
  const rows = records.map((r) => {
    const row = csvRow(r);
    return CSV_COLUMNS.map((c) => (typeof row[c] === "string" ? escapeCsvCell(row[c] as string) : row[c]));
  });
  return stringify([[...CSV_COLUMNS], ...rows]);
}

/** The geometries of a record: its locations, programme sites and service stops. */
export function geometriesOf(r: AnyRecord): Geometry[] {
  if (r.kind === "partner") return [];
  const out: Geometry[] = r.locations.map((l) => l.geometry);
  if (r.kind === "programme") for (const s of r.sites) if (s.geometry) out.push(s.geometry);
  if (r.kind === "service") {
    const line = r.stops.flatMap((s) => (s.coordinates ? [s.coordinates] : []));
    if (line.length >= 2) out.push({ type: "LineString", coordinates: line });
  }
  return out;
}

/** A GeoJSON FeatureCollection with one feature per record that has a place. */
export function toGeoJson(records: readonly AnyRecord[]) {
  const features = records.flatMap((r) => {
    const geometries = geometriesOf(r);
    if (geometries.length === 0) return [];
    const geometry = geometries.length === 1 ? geometries[0] : { type: "GeometryCollection", geometries };
    const row = csvRow(r);
    return [{ type: "Feature", id: r.id, geometry, properties: { ...row } }];
  });
  return { type: "FeatureCollection", features };
}

/**
 * Every record of a kind in the chosen format, as text.
 *
 * @example
 *   const csv = await exportKind(store, "projects", "csv");
 */
export async function exportKind(
  store: Db,
  kind: RecordKind,
  format: ExportFormat,
): Promise<{ text: string; count: number }> {
  const records = await listRecordsOfKind(store.db, kind);
  switch (format) {
    case "json":
      return { text: `${JSON.stringify(records, null, 2)}\n`, count: records.length };
    case "csv":
      return { text: toCsv(records), count: records.length };
    case "geojson": {
      const fc = toGeoJson(records);
      return { text: `${JSON.stringify(fc)}\n`, count: fc.features.length };
    }
  }
}
