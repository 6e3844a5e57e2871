import type { Writable } from "node:stream";
import type { RecordKind } from "../core/domain/index.ts";
import { columnsFor } from "../io/tabular/template-columns.ts";
import { recordToRow } from "../io/tabular/template-row.ts";
import { csvWriter, type TableWriter, xlsxWriter } from "../io/tabular/write-table.ts";
import type { Db } from "../store/database.ts";
import type { RecordFilter } from "../store/query.repository.ts";
import { filteredRecords } from "./export-pager.ts";

/** The template columns of a kind, with what each means, for the XLSX "columns" sheet. */
function helpRows(kind: RecordKind): string[][] {
  return [["column", "meaning", "example"], ...columnsFor(kind).map((c) => [c.name, c.help, c.example ?? ""])];
}

function writerFor(format: "csv" | "xlsx", out: Writable, kind: RecordKind): TableWriter {
  return format === "csv" ? csvWriter(out) : xlsxWriter(out, `${kind}s`, helpRows(kind));
}

/**
 * An empty template for a kind (the header, and in XLSX a sheet explaining
 * each column) to fill in and import with `beltroad import csv|xlsx`.
 *
 * @example
 *   await writeTemplate("project", "xlsx", createWriteStream("projects.xlsx"));
 */
export async function writeTemplate(kind: RecordKind, format: "csv" | "xlsx", out: Writable): Promise<void> {
  const w = writerFor(format, out, kind);
  await w.row(columnsFor(kind).map((c) => c.name));
  await w.end();
}

/**
 * The (filtered) records of a kind in the template layout, streaming: a
 * spreadsheet that can be edited and imported again. Cells that a spreadsheet
 * would run as formulas are escaped in CSV and stored as text in XLSX.
 *
 * @example
 *   const n = await exportTable(store, { kind: "project", country: ["LAO"] }, "xlsx", out);
 */
export async function exportTable(
  store: Db,
  filter: RecordFilter,
  format: "csv" | "xlsx",
  out: Writable,
): Promise<number> {
  const columns = columnsFor(filter.kind).map((c) => c.name);
  const w = writerFor(format, out, filter.kind);
  await w.row(columns);
  let count = 0;
  for await (const record of filteredRecords(store, filter)) {
    const row = recordToRow(record);
    await w.row(columns.map((c) => row[c] ?? ""));
    count += 1;
  }
  await w.end();
  return count;
}
