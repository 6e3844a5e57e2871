import type { AnyRecord, RecordKind } from "../../core/domain/index.ts";
import { readCsv } from "../../io/tabular/read-csv.ts";
import { readXlsx } from "../../io/tabular/read-xlsx.ts";
import type { ByteSource } from "../../io/text/decode.ts";
import type { XmlLimits } from "../../io/xml/parse-xml.ts";
import { aiddataEvents } from "./aiddata-source.ts";
import { iatiEvents } from "./iati-source.ts";
import type { PartnerResolver } from "./partner-resolver.ts";
import type { SourceEvent } from "./report.ts";
import { templateEvents } from "./tabular-source.ts";

/** The formats `beltroad import` reads. */
export const IMPORT_FORMATS = ["iati", "aiddata", "csv", "xlsx"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** What the format readers need besides the bytes. */
export interface ReaderOptions {
  /** Size and nesting limits (defaults: 1 GiB, depth 256). */
  readonly limits?: XmlLimits;
  /** The kind of records in a CSV/XLSX template file (default: from the file's `kind` column). */
  readonly kind?: RecordKind;
}

/**
 * The reader for a format: bytes in, draft records and file-level notes out.
 *
 * @example
 *   for await (const e of eventsFor("iati", stream, resolver, {})) …
 */
export function eventsFor(
  format: ImportFormat,
  source: ByteSource,
  resolver: PartnerResolver,
  options: ReaderOptions,
  lookup: (id: string) => Promise<AnyRecord | undefined>,
): AsyncIterable<SourceEvent> {
  switch (format) {
    case "iati":
      return iatiEvents(source, resolver, options.limits);
    case "aiddata":
      return aiddataEvents(source, resolver, options.limits);
    case "csv":
      return templateEvents(readCsv(source, options.limits), { kind: options.kind, lookup });
    case "xlsx":
      return templateEvents(readXlsx(source, options.limits), { kind: options.kind, lookup });
  }
}
