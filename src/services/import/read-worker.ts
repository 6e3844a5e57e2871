/**
 * Worker side of `readInWorker`: reads, maps and validates a file's records
 * off the main thread, which derives their facets and writes them. Chunks arrive as messages;
 * batches leave as messages, at most two unacknowledged, so memory stays bounded.
 * Not imported by anything: `readInWorker` starts it.
 */
import { parentPort, workerData } from "node:worker_threads";
import { derive } from "../../core/derive.ts";
import type { AnyRecord, Partner } from "../../core/domain/index.ts";
import { AppError } from "../../core/errors.ts";
import type { FieldNote } from "../../io/iati/map-context.ts";
import { sha256 } from "../../store/audit.repository.ts";
import { canonicalDoc } from "../../store/record.repository.ts";
import { loadMoneyTables } from "../money.service.ts";
import type { ImportFormat, ReaderOptions } from "./formats.ts";
import { PartnerResolver } from "./partner-resolver.ts";
import { readBatches } from "./read-batches.ts";
import type { DraftItem, ReportItem } from "./report.ts";
import { type PackedDerived, packDerived } from "./wire-derived.ts";

/** What the worker is started with. */
export interface ReadWorkerInit {
  readonly format: ImportFormat;
  readonly options: ReaderOptions;
  readonly partners: ReadonlyArray<Pick<Partner, "id" | "names" | "identifiers">>;
  readonly batchSize: number;
  /**
   * Folder with `money/`: when given, the worker also derives records' facets and hashes their stored
   * form while the writing thread is busy, so that the work falls on whichever thread has time.
   */
  readonly dataDir?: string;
}

/** Main thread → worker. */
export type ToReader =
  | { readonly type: "chunk"; readonly data: Uint8Array | string }
  | { readonly type: "end" }
  | { readonly type: "ack" };

/** A report call recorded in the worker, replayed into the main thread's `ReportBuilder` in order. */
export type ReportOp =
  | { readonly op: "error" | "warning"; readonly item: ReportItem }
  | { readonly op: "skip"; readonly draft: DraftItem; readonly errors: readonly FieldNote[] };

/** Worker → main thread. Every message carries the report calls made since the last and the rows read. */
export type FromReader =
  | { readonly type: "consumed" }
  | { readonly type: "batch"; readonly ops: ReportOp[]; readonly rows: number; readonly items: WireItem[] }
  | { readonly type: "done"; readonly ops: ReportOp[]; readonly rows: number }
  | {
      readonly type: "fatal";
      readonly ops: ReportOp[];
      readonly rows: number;
      readonly code: string;
      readonly message: string;
      readonly details: unknown;
    }
  | { readonly type: "crash"; readonly message: string; readonly stack?: string };

/**
 * A valid record as sent to the main thread: its stored form as JSON text, which crosses threads
 * several times faster than the record object does (structured clone of nested objects is slow),
 * with its facets and the hash of its stored form when the worker derived them (`dataDir` given).
 */
export interface WireItem {
  readonly draft: DraftItem;
  /** `canonicalDoc(record)`. */
  readonly doc: string;
  /** What writing reads of the record itself, so that the main thread parses `doc` only if it needs more. */
  readonly head: RecordHead;
  /** `derive(record)`, flattened (`packDerived`). */
  readonly derived?: PackedDerived;
  /** `sha256(doc)`. */
  readonly docSha256?: string;
}

/**
 * The members of a record that writing it reads (the rest is in `WireItem.doc`). Not its sources:
 * the writer needs only their number (`Derived.sourceCount`), and cloning them cost as much as the facets.
 */
export type RecordHead = Pick<AnyRecord, "id" | "kind" | "identifiers">;

/** The draft without what the main thread does not need (the raw record, its notes). */
function slim(d: DraftItem): DraftItem {
  return { kind: d.kind, row: d.row, path: d.path, line: d.line, generated: d.generated, errors: [], warnings: [] };
}

/**
 * Records read at a time before they become wire items: small, so that the records (large object
 * graphs) die young; a batch of 500 of them outlived the young generation and its promotion and
 * old-generation collections cost about a fifth of the reading.
 */
const READ_SLICE = 25;

const port = parentPort;
if (port !== null) {
  const init = workerData as ReadWorkerInit;
  const post = (m: FromReader) => port.postMessage(m);
  const chunks: Array<Uint8Array | string> = [];
  let ended = false;
  let unacked = 0;
  const waiting = new Set<() => void>();
  const wake = () => {
    for (const w of waiting) w();
    waiting.clear();
  };
  port.on("message", (m: ToReader) => {
    if (m.type === "chunk") chunks.push(m.data);
    else if (m.type === "end") ended = true;
    else unacked -= 1;
    wake();
  });
  const waitFor = async (ready: () => boolean) => {
    while (!ready()) await new Promise<void>((r) => waiting.add(r));
  };
  async function* input(): AsyncGenerator<Uint8Array | string> {
    for (;;) {
      await waitFor(() => chunks.length > 0 || ended);
      const chunk = chunks.shift();
      if (chunk === undefined) return;
      post({ type: "consumed" });
      yield chunk;
    }
  }
  let ops: ReportOp[] = [];
  const take = () => {
    const out = ops;
    ops = [];
    return out;
  };
  const counter = { rows: 0 };
  const money = init.dataDir === undefined ? undefined : loadMoneyTables(init.dataDir).tables?.converter;
  const run = async () => {
    const batches = readBatches(input(), {
      format: init.format,
      options: init.options,
      resolver: new PartnerResolver(init.partners, [init.format]),
      report: {
        error: (item) => ops.push({ op: "error", item }),
        warning: (item) => ops.push({ op: "warning", item }),
        skip: (draft, errors) => ops.push({ op: "skip", draft: slim(draft), errors }),
      },
      lookup: async () => undefined,
      batchSize: READ_SLICE,
      counter,
    });
    let items: WireItem[] = [];
    let records = 0;
    const send = async () => {
      post({ type: "batch", ops: take(), rows: counter.rows, items });
      items = [];
      records = 0;
      unacked += 1;
      await waitFor(() => unacked < 2);
    };
    for await (const slice of batches) {
      // Derive here only while the writing thread is busy with a batch we sent: when it has none, reading
      // is the bottleneck (IATI's schema checks) and the writing thread derives them itself (see writeBatch).
      const deriveHere = money !== undefined && unacked > 0;
      for (const { draft, record } of slice) {
        const doc = canonicalDoc(record);
        const { id, kind, identifiers } = record;
        const item = { draft: slim(draft), doc, head: { id, kind, identifiers } };
        items.push(
          deriveHere ? { ...item, derived: packDerived(derive(record, money)), docSha256: sha256(doc) } : item,
        );
        if (!draft.generated) records += 1;
      }
      if (records >= init.batchSize) await send();
    }
    if (items.length > 0) await send();
    post({ type: "done", ops: take(), rows: counter.rows });
  };
  run().catch((err: unknown) => {
    if (err instanceof AppError)
      post({
        type: "fatal",
        ops: take(),
        rows: counter.rows,
        code: err.code,
        message: err.message,
        details: err.details,
      });
    else post({ type: "crash", message: String((err as Error)?.message ?? err), stack: (err as Error)?.stack });
  });
}
