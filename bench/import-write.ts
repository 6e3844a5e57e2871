/**
 * Writing benchmark: how long the import's writes take alone. Reads N rows of
 * the AidData-shaped CSV (the one `bench:import` makes, or a new one made the
 * same way) into memory — mapped, validated, derived, as the reader worker
 * hands them over — then times writing them into a fresh SQLite database
 * through `writeBatch` (records, versions, facets, full text, audit chain,
 * provenance) in batches of 500 (`--batch`), each in its own transaction, as
 * `importStream` does. Prints µs/row and the CSV bytes' MB/s, median of the runs, then the
 * schema's floor (`lib/schema-floor.ts`): the same rows inserted again by prepared statements alone.
 * `--statements` adds the time spent in each SQL statement; `--checkpoints writer` leaves the log's
 * checkpoints to the writing connection (SQLite's default) instead of a thread of their own.
 *
 * @example
 *   npm run bench:import-write -- --rows 20000 --runs 3
 */
import { createReadStream, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Sqlite from "better-sqlite3";
import { derive } from "../src/core/derive.ts";
import { DEFAULT_DATA_DIR } from "../src/services/data-files.ts";
import { PartnerResolver } from "../src/services/import/partner-resolver.ts";
import { readBatches, type ValidItem } from "../src/services/import/read-batches.ts";
import { writeBatch } from "../src/services/import/record-writer.ts";
import { ReportBuilder } from "../src/services/import/report.ts";
import { loadMoneyTables } from "../src/services/money.service.ts";
import { sha256 } from "../src/store/audit.repository.ts";
import { withBackgroundCheckpoints } from "../src/store/checkpointer.ts";
import { openDatabase } from "../src/store/database.ts";
import { startRun } from "../src/store/import.repository.ts";
import { migrateToLatest } from "../src/store/migrate.ts";
import { canonicalDoc } from "../src/store/record.repository.ts";
import { makeAidDataCsv } from "./lib/aiddata-csv.ts";
import { schemaFloor } from "./lib/schema-floor.ts";

/** Wraps better-sqlite3's statement methods to add up the time spent per statement text (its first 90 characters). */
function timeStatements(): Map<string, { ms: number; calls: number }> {
  const times = new Map<string, { ms: number; calls: number }>();
  const probe = new Sqlite(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<string, unknown>;
  probe.close();
  for (const method of ["run", "all", "get", "iterate"]) {
    const original = proto[method] as (this: { source: string }, ...a: unknown[]) => unknown;
    proto[method] = function (this: { source: string }, ...a: unknown[]) {
      const t = performance.now();
      try {
        return original.apply(this, a);
      } finally {
        const key = this.source.replace(/\s+/g, " ").slice(0, 90);
        const entry = times.get(key) ?? { ms: 0, calls: 0 };
        entry.ms += performance.now() - t;
        entry.calls += 1;
        times.set(key, entry);
      }
    };
  }
  return times;
}

const { values: args } = parseArgs({
  options: {
    file: { type: "string", default: "/tmp/beltroad-bench/aiddata.csv" },
    rows: { type: "string", default: "20000" },
    runs: { type: "string", default: "3" },
    /** Valid records per batch (and transaction), as `importStream`'s `batchSize`. */
    batch: { type: "string", default: "500" },
    dir: { type: "string", default: "/tmp/beltroad-bench" },
    /** Also print the time spent in each SQL statement (better-sqlite3's calls, by statement text). */
    statements: { type: "boolean", default: false },
    /** Who checkpoints the write-ahead log: `background` (a thread of its own, as imports do) or `writer` (SQLite's default). */
    checkpoints: { type: "string", default: "background" },
  },
});
const statementTimes = args.statements ? timeStatements() : undefined;
const ROWS = Number(args.rows);
if (!existsSync(args.file!)) await makeAidDataCsv(args.file!, ROWS);
const money = loadMoneyTables(DEFAULT_DATA_DIR).tables!.converter;

// The batches as the reader worker sends them: stored form, facets and hash worked out.
const batches: ValidItem[][] = [];
const noReport = { error() {}, warning() {}, skip() {} };
let records = 0;
let bytes = 0;
async function* counted() {
  for await (const chunk of createReadStream(args.file!)) {
    bytes += (chunk as Buffer).length;
    yield chunk as Buffer;
  }
}
for await (const batch of readBatches(counted(), {
  format: "aiddata",
  options: {},
  resolver: new PartnerResolver([], ["aiddata"]),
  report: noReport,
  lookup: async () => undefined,
  batchSize: Number(args.batch),
  counter: { rows: 0 },
})) {
  batches.push(
    batch.map((item) => {
      const doc = canonicalDoc(item.record);
      return { ...item, doc, derived: derive(item.record, money), docSha256: sha256(doc) };
    }),
  );
  records += batch.filter((i) => !i.draft.generated).length;
  if (records >= ROWS) break;
}
// The CSV read for those rows (to the 64 KiB chunk).
const mb = bytes / 1e6;

const results: Array<{ seconds: number; cpu: number }> = [];
for (let run = 0; run < Number(args.runs); run++) {
  const path = join(args.dir!, "write-only.db");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
  const store = openDatabase({ sqlite: path });
  await migrateToLatest(store);
  const writeRun = { id: `bench-${run}`, file: args.file!, by: "bench", at: new Date().toISOString() };
  await startRun(store.db, { ...writeRun, format: "aiddata", mode: "per-batch", startedAt: writeRun.at });
  const ctx = {
    money,
    run: writeRun,
    report: new ReportBuilder(args.file!, "aiddata", false, "per-batch"),
    seen: new Set<string>(),
    pendingPartners: new Map<string, ValidItem>(),
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  // As `importStream` does for large files: the write-ahead log is checkpointed by another thread (`--checkpoints`).
  const go = async () => {
    for (const batch of batches) await store.db.transaction().execute((tx) => writeBatch(store, tx, batch, ctx));
  };
  if (args.checkpoints === "writer") await go();
  else await withBackgroundCheckpoints(store, go);
  await store.close();
  const used = process.cpuUsage(cpu);
  results.push({ seconds: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 });
  if (ctx.report.report.imported !== records) throw new Error(`wrote ${ctx.report.report.imported} of ${records}`);
}
if (statementTimes) {
  const total = [...statementTimes.values()].reduce((a, t) => a + t.ms, 0);
  console.log(`SQL statements, all runs: ${((total / results.length / records) * 1e3).toFixed(0)} µs/row`);
  for (const [text, t] of [...statementTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15))
    console.log(
      `  ${((t.ms / results.length / records) * 1e3).toFixed(1).padStart(6)} µs/row  ${t.calls.toLocaleString("en").padStart(8)} calls  ${text}`,
    );
}
const median = [...results].sort((a, b) => a.seconds - b.seconds)[Math.floor(results.length / 2)]!;
console.log(
  `writing ${records.toLocaleString("en")} AidData records (${mb.toFixed(0)} MB of CSV), median of ${results.length}: ` +
    `${median.seconds.toFixed(1)} s, ${((median.seconds / records) * 1e6).toFixed(0)} µs/row ` +
    `(CPU ${((median.cpu / records) * 1e6).toFixed(0)}), ${(mb / median.seconds).toFixed(1)} MB/s ` +
    `(runs: ${results.map((r) => r.seconds.toFixed(1)).join(", ")} s)`,
);

// The same rows through prepared statements and nothing else: the lower bound of this schema.
const floor = await schemaFloor(
  join(args.dir!, "write-only.db"),
  join(args.dir!, "schema-floor.db"),
  money,
  Number(args.batch),
);
console.log(
  `the same rows, SQL only (the schema's floor): ${floor.seconds.toFixed(1)} s, ${((floor.seconds / floor.records) * 1e6).toFixed(0)} µs/record ` +
    `(CPU ${((floor.cpuSeconds / floor.records) * 1e6).toFixed(0)}), ${(mb / floor.seconds).toFixed(1)} MB/s; ` +
    `our writes take ${(median.seconds / floor.seconds).toFixed(2)}× as long`,
);
