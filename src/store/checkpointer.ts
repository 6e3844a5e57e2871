import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { sql } from "kysely";
import type { Db } from "./database.ts";

/** How often the background thread checkpoints, in milliseconds. */
const INTERVAL_MS = 20;

/** What a background checkpointer did, for benchmarks and tests. */
export interface CheckpointStats {
  /** Checkpoints run (the last one when stopping included). */
  readonly checkpoints: number;
  /** Time spent in them, in milliseconds (on the checkpointing thread). */
  readonly ms: number;
  /**
   * The error that ended the thread early, if one did; `withBackgroundCheckpoints` then hands checkpoints
   * back to the writing connection for the rest of the write.
   */
  readonly error?: string;
}

/**
 * The checkpointing thread, as CommonJS evaluated in a worker (no TypeScript
 * loader needed, so it starts in a few milliseconds): its own connection to
 * the file, a passive checkpoint every `intervalMs` until told to stop, then a
 * last one. A passive checkpoint copies committed pages from the log into the
 * database without waiting for, or blocking, the writer or any reader.
 */
const WORKER_CODE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
let checkpoints = 0;
let ms = 0;
let stopping = false;
let timer;
let db;
const checkpoint = () => {
  const started = performance.now();
  db.pragma("wal_checkpoint(PASSIVE)");
  ms += performance.now() - started;
  checkpoints += 1;
};
const finish = (error) => {
  clearTimeout(timer);
  try { db?.close(); } catch {}
  parentPort.postMessage({ checkpoints, ms, error });
  parentPort.close();
};
const tick = () => {
  try {
    checkpoint();
    if (!stopping) timer = setTimeout(tick, workerData.intervalMs);
  } catch (error) {
    finish(String(error && error.message || error));
  }
};
parentPort.on("message", () => {
  stopping = true;
  clearTimeout(timer);
  try { checkpoint(); finish(); } catch (error) { finish(String(error && error.message || error)); }
});
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  timer = setTimeout(tick, workerData.intervalMs);
} catch (error) {
  finish(String(error && error.message || error));
}
`;

/** A running checkpointing thread. */
export interface Checkpointer {
  /** Settles when the thread has ended: stopped, or early on an error (then `error` says which). */
  readonly ended: Promise<CheckpointStats>;
  /** Runs a last checkpoint and ends the thread. */
  stop(): Promise<CheckpointStats>;
}

/**
 * Starts a thread that checkpoints the write-ahead log of the SQLite database
 * `file` passively every 20 ms until stopped. The writing connection's own
 * automatic checkpoints should be off meanwhile (`wal_autocheckpoint = 0`):
 * `withBackgroundCheckpoints` does both.
 *
 * @example
 *   const checkpointer = startCheckpointer("beltroad.db");
 *   const { checkpoints } = await checkpointer.stop();
 */
export function startCheckpointer(file: string): Checkpointer {
  const worker = new Worker(WORKER_CODE, {
    eval: true,
    workerData: { file, driver: createRequire(import.meta.url).resolve("better-sqlite3"), intervalMs: INTERVAL_MS },
  });
  worker.unref();
  const stopped = new Promise<CheckpointStats>((resolve) => {
    worker.once("message", (stats: CheckpointStats) => resolve(stats));
    worker.once("error", (error) => resolve({ checkpoints: 0, ms: 0, error: String(error.message) }));
    worker.once("exit", () => resolve({ checkpoints: 0, ms: 0, error: "the checkpointing thread exited" }));
  });
  return {
    ended: stopped,
    async stop() {
      worker.postMessage("stop");
      const stats = await stopped;
      await worker.terminate();
      return stats;
    },
  };
}

interface Running {
  users: number;
  /** The writer's `wal_autocheckpoint` before (to put back) and the thread, once set up. */
  readonly ready: Promise<{ readonly previous: number; readonly checkpointer: Checkpointer }>;
}

const running = new Map<string, Running>();

/**
 * Runs `write` — a long series of write transactions, such as an import — with
 * the SQLite write-ahead log checkpointed by a thread of its own instead of by
 * the writing connection. SQLite checkpoints on the commit that takes the log
 * past 1,000 pages, in the committing thread, and a checkpoint waits for two
 * fsyncs: with imports committing 5–10 MB a batch, that was every commit, and
 * about a quarter of the write path's time went waiting for the disk. Here the
 * writer's automatic checkpoints are off (`wal_autocheckpoint = 0`) while
 * `write` runs and another thread checkpoints passively every 20 ms, so the
 * writer only appends to the log; the log is restarted from its beginning
 * whenever a checkpoint has caught up, so it stays small. Afterwards the last
 * checkpoint has run and the writer's setting is back. Overlapping calls on one
 * database share one thread; the last to finish stops it. Durability is
 * unchanged (the same fsyncs happen, on the other thread). PostgreSQL and
 * in-memory databases: just runs `write`. Returns what `write` returned and,
 * from the call that stopped the thread, what it did.
 *
 * @example
 *   const { result } = await withBackgroundCheckpoints(store, () => importAll());
 */
export async function withBackgroundCheckpoints<T>(
  store: Db,
  write: () => Promise<T>,
): Promise<{ result: T; stats?: CheckpointStats }> {
  const file = store.sqliteFile;
  if (file === undefined) return { result: await write() };
  // Registered before the first await, so that an overlapping call joins this thread instead of starting one.
  let entry = running.get(file);
  if (entry) entry.users += 1;
  else {
    const created: Running = { users: 1, ready: setUp(store, file) };
    entry = created;
    running.set(file, created);
    // A thread that fails hands checkpoints back to the writer at once (after the transaction under way),
    // so that the log does not grow for the rest of the write.
    void created.ready.then(
      ({ previous, checkpointer }) =>
        checkpointer.ended.then(async ({ error }) => {
          if (error !== undefined && running.get(file) === created)
            await restore(store, previous).catch(() => undefined);
        }),
      () => undefined,
    );
  }
  const own = entry;
  const outcome = await own.ready.then(write).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  own.users -= 1;
  let stats: CheckpointStats | undefined;
  if (own.users === 0) {
    running.delete(file);
    const set = await own.ready.catch(() => undefined);
    if (set) {
      stats = await set.checkpointer.stop();
      await restore(store, set.previous);
    }
  }
  if ("error" in outcome) throw outcome.error;
  return { result: outcome.value, stats };
}

async function setUp(store: Db, file: string) {
  const rows = (await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(store.db)).rows;
  const previous = Math.trunc(Number(rows[0]?.wal_autocheckpoint ?? 1000));
  await sql`PRAGMA wal_autocheckpoint = 0`.execute(store.db);
  return { previous, checkpointer: startCheckpointer(file) };
}

function restore(store: Db, previous: number) {
  return sql.raw(`PRAGMA wal_autocheckpoint = ${previous}`).execute(store.db);
}
