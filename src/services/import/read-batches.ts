import { fieldPath } from "../../core/dataset.ts";
import type { Derived } from "../../core/derive.ts";
import { type AnyRecord, RECORD_SCHEMAS } from "../../core/domain/index.ts";
import { AppError } from "../../core/errors.ts";
import type { FieldNote } from "../../io/iati/map-context.ts";
import type { ByteSource } from "../../io/text/decode.ts";
import { eventsFor, type ImportFormat, type ReaderOptions } from "./formats.ts";
import type { PartnerResolver } from "./partner-resolver.ts";
import type { DraftItem, ReportItem } from "./report.ts";

/**
 * A draft that passed its schema; its `canonicalDoc`, facets (`derive`) and the doc's hash when the
 * reader worked them out already.
 */
export interface ValidItem {
  readonly draft: DraftItem;
  readonly record: AnyRecord;
  readonly doc?: string | undefined;
  readonly derived?: Derived | undefined;
  readonly docSha256?: string | undefined;
}

/** Where a reader reports what it finds: a `ReportBuilder`, or a recorder replayed into one later. */
export interface ReportSink {
  error(item: ReportItem): void;
  warning(item: ReportItem): void;
  skip(item: DraftItem, errors: readonly FieldNote[]): void;
}

/** Validates a draft against its kind's schema; reports and drops it when it fails. */
export function validateDraft(draft: DraftItem, report: ReportSink): ValidItem | undefined {
  for (const w of draft.warnings)
    report.warning({ row: draft.row, path: draft.path, field: w.path || undefined, message: w.message });
  if (draft.errors.length > 0 || !draft.record) {
    report.skip(draft, draft.errors);
    return undefined;
  }
  const parsed = RECORD_SCHEMAS[draft.kind].safeParse(draft.record);
  if (!parsed.success) {
    report.skip(
      draft,
      parsed.error.issues.map((i) => ({ path: fieldPath(i.path), message: i.message })),
    );
    return undefined;
  }
  return { draft, record: parsed.data as AnyRecord };
}

/** What `readBatches` needs besides the bytes. */
export interface ReadContext {
  readonly format: ImportFormat;
  readonly options: ReaderOptions;
  readonly resolver: PartnerResolver;
  readonly report: ReportSink;
  /** Existing records by id (CSV/XLSX templates lay a row over the stored record). */
  readonly lookup: (id: string) => Promise<AnyRecord | undefined>;
  readonly batchSize: number;
  readonly signal?: AbortSignal;
  /** Rows read so far, updated as the file is read. */
  readonly counter: { rows: number };
}

/**
 * A file as batches of valid records, each preceded by the partners reading it
 * made (tagged with its row): reads, maps and validates, and
 * reports what it drops. A batch is yielded once it holds `batchSize` valid
 * records; the generator waits while the caller writes it. Throws `AppError`
 * for what ends the file (not XML, too large, cancelled…).
 *
 * @example
 *   for await (const items of readBatches(stream, ctx)) await writeBatch(store, tx, items, writeCtx);
 */
export async function* readBatches(source: ByteSource, ctx: ReadContext): AsyncGenerator<ValidItem[]> {
  let batch: ValidItem[] = [];
  let records = 0;
  // The partners made while reading a row carry its row number: they are written with it (see writeBatch).
  const partnersOf = (row: number) =>
    ctx.resolver.takeCreated().flatMap((record) => {
      const v = validateDraft({ kind: "partner", row, record, errors: [], warnings: [], generated: true }, ctx.report);
      return v ? [v] : [];
    });
  for await (const event of eventsFor(ctx.format, source, ctx.resolver, ctx.options, ctx.lookup)) {
    if (ctx.signal?.aborted) throw new AppError("aborted", "the import was cancelled");
    if (event.type === "error") ctx.report.error(event.note);
    else if (event.type === "warning") ctx.report.warning(event.note);
    else {
      ctx.counter.rows += 1;
      batch.push(...partnersOf(event.item.row));
      const valid = validateDraft(event.item, ctx.report);
      if (valid) {
        batch.push(valid);
        records += 1;
      }
      if (records >= ctx.batchSize) {
        yield batch;
        batch = [];
        records = 0;
      }
    }
  }
  batch.push(...partnersOf(ctx.counter.rows));
  if (batch.length > 0) yield batch;
}
