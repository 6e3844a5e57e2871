import { type AnyRecord, RECORD_KINDS, type RecordKind } from "../../core/domain/index.ts";
import type { CsvRow } from "../../io/tabular/read-csv.ts";
import { TEMPLATE_COLUMNS } from "../../io/tabular/template-columns.ts";
import { rowToRecord } from "../../io/tabular/template-record.ts";
import type { SourceEvent } from "./report.ts";

const KNOWN = new Set(TEMPLATE_COLUMNS.map((c) => c.name));
const PLURAL: Record<string, RecordKind> = Object.fromEntries(RECORD_KINDS.map((k) => [`${k}s`, k]));

/**
 * Rows of a filled CSV/XLSX template as drafts: the kind from `kind` (or
 * the row's `kind` cell), laid over the existing record of the same id
 * (`lookup`), so cells left empty never erase anything.
 *
 * @example
 *   for await (const e of templateEvents(readCsv(stream), { lookup })) …
 */
export async function* templateEvents(
  rows: AsyncIterable<CsvRow>,
  options: { kind?: RecordKind; lookup: (id: string) => Promise<AnyRecord | undefined> },
): AsyncGenerator<SourceEvent> {
  let header: string[] | undefined;
  for await (const r of rows) {
    if (!header) {
      header = r.cells.map((c) => c.trim().toLowerCase());
      const unknown = header.filter((c) => c && !KNOWN.has(c));
      if (unknown.length)
        yield { type: "warning", note: { row: r.row, message: `unknown columns ignored: ${unknown.join(", ")}` } };
      if (!header.includes("name_en") && !header.includes("id"))
        yield {
          type: "error",
          note: { row: r.row, message: "this is not a Beltroad template: the header has neither id nor name_en" },
        };
      continue;
    }
    const cells = new Map(header.map((h, i) => [h, (r.cells[i] ?? "").trim()]));
    const get = (c: string) => cells.get(c) ?? "";
    const given = get("kind").toLowerCase();
    const kind = options.kind ?? (RECORD_KINDS.includes(given as RecordKind) ? (given as RecordKind) : PLURAL[given]);
    const base = { row: r.row, line: r.line };
    if (!kind) {
      const errors = [
        { path: "kind", message: `"${given}" is not a kind (${RECORD_KINDS.join(", ")}); or pass --kind` },
      ];
      yield { type: "item", item: { ...base, kind: "project", errors, warnings: [] } };
      continue;
    }
    const id = get("id");
    const existing = id ? await options.lookup(id) : undefined;
    if (existing && existing.kind !== kind) {
      const errors = [{ path: "id", message: `"${id}" is a ${existing.kind}, not a ${kind}` }];
      yield { type: "item", item: { ...base, kind, errors, warnings: [] } };
      continue;
    }
    const { record, errors } = rowToRecord(get, kind, existing);
    yield { type: "item", item: { ...base, kind, record, errors, warnings: [] } };
  }
}
