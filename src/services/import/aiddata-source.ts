import type { Source } from "../../core/domain/index.ts";
import { AppError } from "../../core/errors.ts";
import { AIDDATA_COLUMNS, REQUIRED_COLUMNS } from "../../io/aiddata/columns.ts";
import { AidDataLayout, mapAidDataRow } from "../../io/aiddata/map-row.ts";
import { datasetSource } from "../../io/aiddata/map-sources.ts";
import { readCsv } from "../../io/tabular/read-csv.ts";
import type { ByteSource, InputLimits } from "../../io/text/decode.ts";
import type { PartnerResolver } from "./partner-resolver.ts";
import type { SourceEvent } from "./report.ts";

const KNOWN_COLUMNS = new Set<string>(AIDDATA_COLUMNS);

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
  let layout: AidDataLayout | undefined;
  for await (const r of readCsv(source, limits)) {
    if (!layout) {
      layout = new AidDataLayout(r.cells.map((c) => c.trim()));
      const missing = REQUIRED_COLUMNS.filter((c) => !layout!.has(c));
      if (missing.length)
        throw new AppError(
          "invalid_aiddata",
          `not an AidData GCDF 3.0 CSV: the header has no ${missing.map((c) => `"${c}"`).join(", ")} column`,
        );
      const absent = AIDDATA_COLUMNS.filter((c) => !layout!.has(c));
      if (absent.length)
        yield {
          type: "warning",
          note: { row: 1, message: `${absent.length} of the 126 GCDF 3.0 columns are absent: ${absent.join(", ")}` },
        };
      const unknown = layout.header.filter((c) => !KNOWN_COLUMNS.has(c));
      if (unknown.length)
        yield {
          type: "warning",
          note: { row: 1, message: `columns not in GCDF 3.0 are kept as they are: ${unknown.join(", ")}` },
        };
      continue;
    }
    const width = layout.header.length;
    if (r.cells.length !== width) {
      const errors = [{ path: "", message: `has ${r.cells.length} cells where the header has ${width}` }];
      yield { type: "item", item: { kind: "project", row: r.row, line: r.line, errors, warnings: [] } };
      continue;
    }
    const cells = r.cells.map((c) => c.trim());
    const src = datasetSource(layout.cell(cells, "AidData Record ID")) as Source;
    const mapped = mapAidDataRow(cells, layout, { resolveOrg: (org) => resolver.resolve(org, src) });
    yield {
      type: "item",
      item: {
        kind: "project",
        row: r.row,
        line: r.line,
        record: mapped.record,
        errors: mapped.errors,
        warnings: mapped.warnings,
      },
    };
  }
  if (!layout) throw new AppError("invalid_aiddata", "the file is empty: no header row");
}
