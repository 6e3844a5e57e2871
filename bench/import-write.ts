/**
 * Writing benchmark: how long the import's writes take alone. Reads N rows of
 * the AidData-shaped CSV (the one `bench:import` makes, or a new one made the
 * same way) into memory — mapped, validated, derived, as the reader worker
 * hands them over — then times writing them into a fresh SQLite database
 * through `writeBatch` (records, versions, facets, full text, audit chain,
 * provenance) in batches of 500 (`--batch`), each in its own transaction, as
 * `importStream` does. Prints µs/row and the CSV bytes' MB/s, median of the runs.
 *
 * @example
 *   npm run bench:import-write -- --rows 20000 --runs 3
 */
import { createReadStream, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { derive } from "../src/core/derive.ts";
import { DEFAULT_DATA_DIR } from "../src/services/data-files.ts";
import { PartnerResolver } from "../src/services/import/partner-resolver.ts";
import { readBatches, type ValidItem } from "../src/services/import/read-batches.ts";
import { writeBatch } from "../src/services/import/record-writer.ts";
import { ReportBuilder } from "../src/services/import/report.ts";
import { loadMoneyTables } from "../src/services/money.service.ts";
import { sha256 } from "../src/store/audit.repository.ts";
import { openDatabase } from "../src/store/database.ts";
import { startRun } from "../src/store/import.repository.ts";
import { migrateToLatest } from "../src/store/migrate.ts";
import { canonicalDoc } from "../src/store/record.repository.ts";
import { makeAidDataCsv } from "./lib/aiddata-csv.ts";

const { values: args } = parseArgs({
  options: {
    file: { type: "string", default: "/tmp/beltroad-bench/aiddata.csv" },
    rows: { type: "string", default: "20000" },
    runs: { type: "string", default: "3" },
    /** Valid records per batch (and transaction), as `importStream`'s `batchSize`. */
    batch: { type: "string", default: "500" },
    dir: { type: "string", default: "/tmp/beltroad-bench" },
  },
});
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
  for (const batch of batches) await store.db.transaction().execute((tx) => writeBatch(store, tx, batch, ctx));
  await store.close();
  const used = process.cpuUsage(cpu);
  results.push({ seconds: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 });
  if (ctx.report.report.imported !== records) throw new Error(`wrote ${ctx.report.report.imported} of ${records}`);
}
const median = [...results].sort((a, b) => a.seconds - b.seconds)[Math.floor(results.length / 2)]!;
console.log(
  `writing ${records.toLocaleString("en")} AidData records (${mb.toFixed(0)} MB of CSV), median of ${results.length}: ` +
    `${median.seconds.toFixed(1)} s, ${((median.seconds / records) * 1e6).toFixed(0)} µs/row ` +
    `(CPU ${((median.cpu / records) * 1e6).toFixed(0)}), ${(mb / median.seconds).toFixed(1)} MB/s ` +
    `(runs: ${results.map((r) => r.seconds.toFixed(1)).join(", ")} s)`,
);
