import type { Source } from "../../core/domain/index.ts";
import { AppError } from "../../core/errors.ts";
import { AIDDATA_COLUMNS, type AidDataColumn, REQUIRED_COLUMNS } from "../../io/aiddata/columns.ts";
import { mapAidDataRow } from "../../io/aiddata/map-row.ts";
import { datasetSource } from "../../io/aiddata/map-sources.ts";
import { readCsv } from "../../io/tabular/read-csv.ts";
import type { ByteSource, InputLimits } from "../../io/text/decode.ts";
import type { PartnerResolver } from "./partner-resolver.ts";
import type { SourceEvent } from "./report.ts";

/**
 * Rows of an AidData GCDF 3.0 CSV as drafts of project records (`aiddata-<Record ID>`),
 * columns found by name. A header without the essential columns ends the file;
 * missing or unknown other columns are warnings; a row with the wrong number
 * of cells is reported and skipped.
 *
 * @example
 *   for await (const e of aiddataEvents(createReadStream(file), resolver)) …
 */
export async function* aiddataEvents(
  source: ByteSource,
  resolver: PartnerResolver,
  limits: InputLimits = {},
): AsyncGenerator<SourceEvent> {
  let header: string[] | undefined;
  const index = new Map<string, number>();
  for await (const r of readCsv(source, limits)) {
    if (!header) {
      header = r.cells.map((c) => c.trim());
      header.forEach((c, i) => index.set(c, i));
      const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
      if (missing.length)
        throw new AppError(
          "invalid_aiddata",
          `not an AidData GCDF 3.0 CSV: the header has no ${missing.map((c) => `"${c}"`).join(", ")} column`,
        );
      const absent = AIDDATA_COLUMNS.filter((c) => !index.has(c));
      if (absent.length)
        yield {
          type: "warning",
          note: { row: 1, message: `${absent.length} of the 126 GCDF 3.0 columns are absent: ${absent.join(", ")}` },
        };
      const unknown = header.filter((c) => !(AIDDATA_COLUMNS as readonly string[]).includes(c));
      if (unknown.length)
        yield {
          type: "warning",
          note: { row: 1, message: `columns not in GCDF 3.0 are kept as they are: ${unknown.join(", ")}` },
        };
      continue;
    }
    const base = { kind: "project" as const, row: r.row, line: r.line };
    if (r.cells.length !== header.length) {
      const errors = [{ path: "", message: `has ${r.cells.length} cells where the header has ${header.length}` }];
      yield { type: "item", item: { ...base, errors, warnings: [] } };
      continue;
    }
    const cells = r.cells.map((c) => c.trim());
    const get = (c: AidDataColumn) => cells[index.get(c) ?? -1] ?? "";
    const src = datasetSource(get("AidData Record ID")) as Source;
    const mapped = mapAidDataRow(get, header, { resolveOrg: (org) => resolver.resolve(org, src) });
    yield { type: "item", item: { ...base, record: mapped.record, errors: mapped.errors, warnings: mapped.warnings } };
  }
  if (!header) throw new AppError("invalid_aiddata", "the file is empty: no header row");
}
