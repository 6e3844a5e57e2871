import { randomUUID } from "node:crypto";
import { AppError } from "../../core/errors.ts";
import type { ByteSource } from "../../io/text/decode.ts";
import { withBackgroundCheckpoints } from "../../store/checkpointer.ts";
import type { Db } from "../../store/database.ts";
import { finishRun, type RunStatus, startRun } from "../../store/import.repository.ts";
import { migrateToLatest } from "../../store/migrate.ts";
import { findRecord, listRecordsOfKind } from "../../store/record.repository.ts";
import { loadMoneyTables } from "../money.service.ts";
import type { ImportFormat, ReaderOptions } from "./formats.ts";
import { PartnerResolver } from "./partner-resolver.ts";
import { readBatches, type ValidItem } from "./read-batches.ts";
import { readInWorker } from "./reader-thread.ts";
import { type Authorize, type WriteRun, writeBatch } from "./record-writer.ts";
import { type FileReport, ReportBuilder } from "./report.ts";

/** How far an import has got (for progress bars and the API's job status). */
export interface ImportProgress {
  readonly bytes: number;
  readonly totalBytes?: number;
  readonly rows: number;
  readonly imported: number;
  readonly updated: number;
  readonly skipped: number;
}

export interface ImportOptions extends ReaderOptions {
  readonly format: ImportFormat;
  /** Shown in reports and kept as provenance (a file name, not necessarily a path). */
  readonly file: string;
  /** Folder with `money/` (exchange rates, deflator) for the USD facets. */
  readonly dataDir: string;
  /** Read and check everything, write nothing. */
  readonly dryRun?: boolean;
  /** One transaction for the whole file: any error and nothing is written. Default: per batch. */
  readonly allOrNothing?: boolean;
  /** Who imports (kept as provenance and in record versions). */
  readonly by?: string;
  readonly batchSize?: number;
  readonly totalBytes?: number;
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly signal?: AbortSignal;
  /**
   * Read, map and validate an AidData or IATI file in a worker thread, overlapping with the writes
   * (templates look records up in the open transaction, so they are always read here). Default: when
   * `totalBytes` is at least 32 MB; below that, starting the worker (about 1 s) costs more than it saves.
   */
  readonly parseInWorker?: boolean;
  /**
   * On SQLite, checkpoint the write-ahead log from a thread of its own while the file is written
   * (`withBackgroundCheckpoints`), so that the writing thread does not wait for the disk. Default: when the
   * file is read in a worker (`parseInWorker`) or `totalBytes` is at least 32 MB.
   */
  readonly checkpointInBackground?: boolean;
  /**
   * The write rule of whoever imports (see `importAuthorizer`): the reason a record may not be written, or undefined.
   * Refused records are skipped and reported (field `participants`); absent: every record may be written (an operator).
   */
  readonly authorize?: Authorize;
  /** Write the file's records (not the partners it creates) as drafts of their parties rather than published. */
  readonly asDrafts?: boolean;
}

const WORKER_MIN_BYTES = 32_000_000;

class RolledBack extends Error {}

/**
 * Imports one file from a stream. Records are validated as they stream in
 * and written in batches, each in its own transaction (default) or all in one
 * (`allOrNothing`); rows that fail are skipped and reported with row, field
 * and reason. Memory stays bounded by the batch size whatever the file size.
 * Takes a readable stream, options and a progress callback, so the HTTP API
 * can run it as a background job. Never throws for bad input: the report says
 * what happened (`ok: false`); throws only when the database fails.
 *
 * @example
 *   const report = await importStream(store, createReadStream("gcdf.csv"), { format: "aiddata", file: "gcdf.csv", dataDir });
 */
export async function importStream(store: Db, source: ByteSource, options: ImportOptions): Promise<FileReport> {
  const mode = options.allOrNothing ? "all-or-nothing" : "per-batch";
  const builder = new ReportBuilder(options.file, options.format, !!options.dryRun, mode);
  const migrated = await migrateToLatest(store);
  if (migrated.error)
    throw new AppError("migration_failed", "database migration failed", undefined, { cause: migrated.error });
  const money = loadMoneyTables(options.dataDir);
  if (!money.tables)
    throw new AppError("invalid_dataset", "the money tables could not be read", { issues: money.issues });
  const partners = await listRecordsOfKind(store.db, "partner");
  const run: WriteRun = {
    id: randomUUID(),
    file: options.file,
    by: options.by ?? "import",
    at: new Date().toISOString(),
  };
  if (!options.dryRun) {
    builder.report.runId = run.id;
    await startRun(store.db, { ...run, format: options.format, mode, startedAt: run.at });
  }
  let bytes = 0;
  const counter = { rows: 0 };
  const counted = countBytes(source, (n) => {
    bytes += n;
  });
  const progress = () =>
    options.onProgress?.({ bytes, totalBytes: options.totalBytes, rows: counter.rows, ...pickCounts(builder.report) });
  // Reads go through the open transaction in all-or-nothing mode (SQLite has one connection).
  let reader: Parameters<typeof findRecord>[0] = store.db;
  const lookup = (id: string) => findRecord(reader, id);
  const ctx = {
    money: money.tables.converter,
    run,
    report: builder,
    seen: new Set<string>(),
    pendingPartners: new Map<string, ValidItem>(),
    authorize: options.authorize,
    asDrafts: options.asDrafts === true,
  };
  if (options.asDrafts) builder.report.writtenAs = "draft";

  let fatal = false;
  const batchSize = options.batchSize ?? 500;
  const importAll = async (tx: Parameters<typeof writeBatch>[1]) => {
    reader = tx ?? store.db;
    const write = async (items: ValidItem[]) => {
      if (options.dryRun || tx) await writeBatch(store, options.dryRun ? undefined : tx, items, ctx);
      else await store.db.transaction().execute((t) => writeBatch(store, t, items, ctx));
      progress();
    };
    try {
      const threaded =
        (options.parseInWorker ?? (options.totalBytes ?? 0) >= WORKER_MIN_BYTES) &&
        (options.format === "aiddata" || options.format === "iati");
      const batches = threaded
        ? readInWorker(
            counted,
            {
              format: options.format,
              options: { limits: options.limits, kind: options.kind },
              partners: partners.map((p) => ({ id: p.id, names: p.names, identifiers: p.identifiers })),
              batchSize,
              dataDir: options.dataDir,
            },
            builder,
            counter,
          )
        : readBatches(counted, {
            format: options.format,
            options,
            resolver: new PartnerResolver(partners, [options.format]),
            report: builder,
            lookup,
            batchSize,
            signal: options.signal,
            counter,
          });
      for await (const items of batches) {
        if (options.signal?.aborted) throw new AppError("aborted", "the import was cancelled");
        await write(items);
      }
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // Fatal for the rest of the file (not XML, bad encoding, too large…): what was committed stays.
      fatal = true;
      const where = err.details as { line?: number; field?: string } | undefined;
      builder.error({ line: where?.line, field: where?.field, message: err.message });
    }
    if (tx && builder.errors > 0) throw new RolledBack();
  };

  let status: RunStatus = "completed";
  const checkpointed =
    !options.dryRun &&
    (options.checkpointInBackground ?? (options.parseInWorker || (options.totalBytes ?? 0) >= WORKER_MIN_BYTES));
  const all = () =>
    options.allOrNothing && !options.dryRun
      ? store.db.transaction().execute((tx) => importAll(tx))
      : importAll(undefined);
  try {
    if (checkpointed) await withBackgroundCheckpoints(store, all);
    else await all();
  } catch (err) {
    if (!(err instanceof RolledBack)) {
      if (!options.dryRun) await finishRun(store.db, run.id, end("failed", builder.report));
      throw err;
    }
    status = "rolled-back";
    Object.assign(builder.report, { rolledBack: true, imported: 0, updated: 0, unchanged: 0 });
  }
  if (status === "rolled-back") builder.report.partnersCreated = 0;
  else if (fatal) status = "failed";
  else if (!builder.report.ok) status = "completed-with-errors";
  if (!options.dryRun) await finishRun(store.db, run.id, end(status, builder.report));
  progress();
  return builder.report;
}

function pickCounts(r: FileReport) {
  return { imported: r.imported, updated: r.updated, skipped: r.skipped };
}

function end(status: RunStatus, r: FileReport) {
  const stored = { ...r, errors: r.errors.slice(0, 1000), warnings: r.warnings.slice(0, 200) };
  return {
    status,
    finishedAt: new Date().toISOString(),
    imported: r.imported,
    updated: r.updated,
    unchanged: r.unchanged,
    skipped: r.skipped,
    report: JSON.stringify(stored),
  };
}

async function* countBytes(source: ByteSource, onBytes: (n: number) => void): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of source) {
    onBytes(typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length);
    yield chunk;
  }
}
