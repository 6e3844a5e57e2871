import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { AnyRecord } from "../../core/domain/index.ts";
import { AppError } from "../../core/errors.ts";
import type { ByteSource } from "../../io/text/decode.ts";
import type { ReportSink, ValidItem } from "./read-batches.ts";
import type { FromReader, ReadWorkerInit, RecordHead, ReportOp, ToReader } from "./read-worker.ts";
import { unpackDerived } from "./wire-derived.ts";

/**
 * Bytes of input the worker may hold unread: enough for it to read a whole batch ahead while this
 * thread is busy writing (better-sqlite3 writes synchronously, so no chunk is passed on meanwhile).
 */
const BYTES_IN_FLIGHT = 16 * 1024 * 1024;

/**
 * `readBatches` in a worker thread: the main thread feeds it the bytes and
 * gets back batches of valid records (as their stored form), so reading the
 * next batch overlaps writing this one. The worker's
 * report calls are replayed into `report` in order, before their batch.
 * Memory stays bounded: 16 MiB of input in flight, at most two batches ahead.
 * Throws what `readBatches` throws (an `AppError` for a fatal problem in the
 * file), and the source's own errors.
 *
 * @example
 *   for await (const items of readInWorker(stream, init, builder, counter)) await write(items);
 */
export async function* readInWorker(
  source: ByteSource,
  init: ReadWorkerInit,
  report: ReportSink,
  counter: { rows: number },
): AsyncGenerator<ValidItem[]> {
  const worker = startWorker(init);
  const send = (m: ToReader, transfer?: ArrayBuffer[]) => worker.postMessage(m, transfer);
  const inbox: FromReader[] = [];
  let failure: { error: unknown } | undefined;
  let inFlight = 0;
  const sizes: number[] = [];
  let stopped = false;
  const waiting = new Set<() => void>();
  const wake = () => {
    for (const w of waiting) w();
    waiting.clear();
  };
  const fail = (error: unknown) => {
    failure ??= { error };
    wake();
  };
  worker.on("message", (m: FromReader) => {
    if (m.type === "consumed") inFlight -= sizes.shift() ?? 0;
    else inbox.push(m);
    wake();
  });
  worker.on("error", fail);
  worker.on("exit", (code) => {
    if (!stopped) fail(new Error(`the import reader stopped (exit code ${code})`));
  });
  const until = async (ready: () => boolean) => {
    while (!ready()) await new Promise<void>((r) => waiting.add(r));
  };
  const input = (async function* () {
    yield* source;
  })();
  const pump = async () => {
    for await (const chunk of input) {
      await until(() => inFlight < BYTES_IN_FLIGHT || stopped);
      if (stopped) return;
      const size = typeof chunk === "string" ? chunk.length * 2 : chunk.byteLength;
      inFlight += size;
      sizes.push(size);
      if (typeof chunk === "string") send({ type: "chunk", data: chunk });
      else {
        const copy = new Uint8Array(chunk);
        send({ type: "chunk", data: copy }, [copy.buffer]);
      }
    }
    send({ type: "end" });
  };
  pump().catch(fail);
  try {
    for (;;) {
      await until(() => inbox.length > 0 || failure !== undefined);
      const m = inbox.shift();
      if (!m) throw failure?.error;
      if (m.type === "crash") throw new Error(`the import reader failed: ${m.message}`, { cause: m.stack });
      if (m.type === "consumed") continue;
      replay(m.ops, report);
      counter.rows = m.rows;
      if (m.type === "done") return;
      if (m.type === "fatal") throw new AppError(m.code, m.message, m.details);
      yield m.items.map(
        (w): ValidItem => ({
          draft: w.draft,
          record: lazyRecord(w.doc, w.head),
          doc: w.doc,
          derived: w.derived && unpackDerived(w.derived),
          docSha256: w.docSha256,
        }),
      );
      send({ type: "ack" });
    }
  } finally {
    stopped = true;
    wake();
    // Close the source too (a stream is destroyed), once its pending read settles.
    input.return(undefined).catch(() => undefined);
    await worker.terminate();
  }
}

/**
 * The record whose stored form is `doc`, parsed only when something reads a member that `head`
 * does not hold: writing a batch reads only the head, and parsing every document on the writing
 * thread (a few dozen µs per record) was a tenth of its work.
 */
export function lazyRecord(doc: string, head: RecordHead): AnyRecord {
  let full: AnyRecord | undefined;
  const parsed = () => {
    full ??= JSON.parse(doc) as AnyRecord;
    return full;
  };
  return new Proxy({} as AnyRecord, {
    get: (_, key) => (Object.hasOwn(head, key) ? head[key as keyof RecordHead] : Reflect.get(parsed(), key)),
    has: (_, key) => Reflect.has(parsed(), key),
    ownKeys: () => Reflect.ownKeys(parsed()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(parsed(), key),
  });
}

function replay(ops: readonly ReportOp[], report: ReportSink): void {
  for (const o of ops) {
    if (o.op === "skip") report.skip(o.draft, o.errors);
    else if (o.op === "error") report.error(o.item);
    else report.warning(o.item);
  }
}

/** Starts the worker; when running from TypeScript sources it registers tsx first (as MatrixPool does). */
function startWorker(init: ReadWorkerInit): Worker {
  const url = new URL(import.meta.url.endsWith(".ts") ? "./read-worker.ts" : "./read-worker.js", import.meta.url);
  // A young generation of 64 MB (V8's default is 16–32): a record's objects die before they are promoted,
  // measured 13 % faster on IATI, no change on AidData; it costs up to that much more memory.
  const resourceLimits = { maxYoungGenerationSizeMb: 64 };
  if (!url.pathname.endsWith(".ts")) return new Worker(url, { workerData: init, resourceLimits });
  const tsx = pathToFileURL(
    join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/esm/api/index.mjs"),
  );
  const code = `import(${JSON.stringify(tsx.href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { eval: true, workerData: init, resourceLimits });
}
