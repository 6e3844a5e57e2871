/**
 * Import benchmark: generates a large AidData-shaped CSV (real GCDF 3.0 rows
 * from ../shared/reference/aiddata as templates, new Record IDs) and an IATI
 * file, imports each into a fresh SQLite database, and prints rows/s and
 * MB/s next to two floors: Debian's `sqlite3 .import` of the same CSV into a
 * bare table, and the schema's floor (`lib/schema-floor.ts`): the rows our
 * import stored, inserted again into a fresh database by prepared statements
 * alone — what SQLite takes to store them, which no importer of our schema beats.
 *
 * @example
 *   npm run bench:import -- --rows 200000 --activities 50000
 */
import { execFileSync } from "node:child_process";
import { createReadStream, createWriteStream, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import { DEFAULT_DATA_DIR } from "../src/services/data-files.ts";
import type { ImportFormat } from "../src/services/import/formats.ts";
import { importStream } from "../src/services/import/import.service.ts";
import { loadMoneyTables } from "../src/services/money.service.ts";
import { openDatabase } from "../src/store/database.ts";
import { migrateToLatest } from "../src/store/migrate.ts";
import { makeAidDataCsv } from "./lib/aiddata-csv.ts";
import { schemaFloor } from "./lib/schema-floor.ts";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "200000" },
    activities: { type: "string", default: "50000" },
    dir: { type: "string", default: "/tmp/beltroad-bench" },
    skip: { type: "string", default: "" },
    /** Where to read: `worker` (a reader thread), `main` (the writing thread), or `both` (each, one after the other). */
    reader: { type: "string", default: "both" },
    /** Who checkpoints the write-ahead log: `background` (a thread of its own, as large imports do) or `writer`. */
    checkpoints: { type: "string", default: "background" },
  },
});
const ROWS = Number(args.rows);
const money = loadMoneyTables(DEFAULT_DATA_DIR).tables!.converter;
const ACTIVITIES = Number(args.activities);
const DIR = args.dir!;
const READERS = args.reader === "both" ? ["worker", "main"] : [args.reader!];
mkdirSync(DIR, { recursive: true });

async function writeLines(file: string, lines: () => Generator<string>): Promise<number> {
  const out = createWriteStream(file);
  for (const line of lines()) if (!out.write(line)) await new Promise<void>((r) => out.once("drain", () => r()));
  out.end();
  await finished(out);
  return statSync(file).size;
}

/** The test fixture's full activity, repeated with fresh identifiers. */
async function makeIati(file: string): Promise<number> {
  const sample = readFileSync(join(import.meta.dirname, "../test/fixtures/iati-sample.xml"), "utf8");
  const activity = sample.slice(sample.indexOf("<iati-activity "), sample.indexOf("</iati-activity>") + 16);
  return writeLines(file, function* () {
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" xmlns:bx="http://example.org/beltroad-test">\n';
    for (let i = 0; i < ACTIVITIES; i++) yield `${activity.replace("XM-TEST-1001", `XM-BENCH-${i}`)}\n`;
    yield "</iati-activities>\n";
  });
}

function floor(csv: string): number {
  const db = join(DIR, "floor.db");
  rmSync(db, { force: true });
  const t = performance.now();
  execFileSync("sqlite3", [db, ".mode csv", `.import ${csv} aiddata`]);
  return (performance.now() - t) / 1000;
}

async function ours(file: string, format: ImportFormat, reader: string) {
  const path = join(DIR, `${format}-${reader}.db`);
  for (const s of ["", "-wal", "-shm"]) rmSync(`${path}${s}`, { force: true });
  const store = openDatabase({ sqlite: path });
  await migrateToLatest(store);
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 250);
  const t = performance.now();
  const cpu = process.cpuUsage();
  const report = await importStream(store, createReadStream(file), {
    format,
    file,
    dataDir: DEFAULT_DATA_DIR,
    by: "bench",
    parseInWorker: reader === "worker",
    checkpointInBackground: args.checkpoints !== "writer",
  });
  const seconds = (performance.now() - t) / 1000;
  // Both threads' CPU time (the reader worker is in this process): what the import costs whatever else runs.
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  clearInterval(sampler);
  await store.close();
  return {
    seconds,
    cpuSeconds,
    imported: report.imported + report.updated + report.unchanged,
    skipped: report.skipped,
    rss: Math.max(peak, process.memoryUsage().rss),
  };
}

const results: Record<string, unknown> = {};
const line = (name: string, mb: number, rows: number, s: number) =>
  console.log(
    `${name.padEnd(40)} ${rows.toLocaleString("en").padStart(9)} rows ${s.toFixed(1).padStart(7)} s ${(rows / s).toFixed(0).padStart(7)} rows/s ${(mb / s).toFixed(1).padStart(6)} MB/s`,
  );
const cpuLine = (cpuSeconds: number, rows: number, seconds: number) =>
  console.log(
    `  CPU ${cpuSeconds.toFixed(1)} s on both threads (${((cpuSeconds / rows) * 1e6).toFixed(0)} µs/row, ${(cpuSeconds / seconds).toFixed(2)} cores busy)`,
  );
if (!args.skip!.includes("csv")) {
  const csv = join(DIR, "aiddata.csv");
  const mb = (await makeAidDataCsv(csv, ROWS)) / 1e6;
  console.log(
    `AidData-shaped CSV: ${ROWS.toLocaleString("en")} rows, ${mb.toFixed(0)} MB (${((mb * 1e3) / ROWS).toFixed(1)} KB/row)`,
  );
  const f = floor(csv);
  line("sqlite3 .import (floor)", mb, ROWS, f);
  results.floor = { rows: ROWS, mb, seconds: f, mbps: mb / f };
  for (const [i, reader] of READERS.entries()) {
    const o = await ours(csv, "aiddata", reader);
    if (i === 0) {
      // What SQLite alone takes to store what this import stored: no importer of our schema can beat it.
      const s = await schemaFloor(
        join(DIR, `aiddata-${reader}.db`),
        join(DIR, "schema-floor.db"),
        money,
        500,
        args.checkpoints !== "writer",
      );
      line("the same rows, SQL only (schema floor)", mb, s.records, s.seconds);
      console.log(
        `  ${((f / s.seconds) * 100).toFixed(1)}% of the sqlite3 .import floor: the most any importer of this schema could reach`,
      );
      results.schemaFloor = { ...s, mbps: mb / s.seconds, ratio: f / s.seconds };
    }
    line(`beltroad import aiddata (${reader})`, mb, o.imported, o.seconds);
    cpuLine(o.cpuSeconds, o.imported, o.seconds);
    results[`aiddata-${reader}`] = { ...o, mbps: mb / o.seconds, ratio: f / o.seconds };
    const schema = results.schemaFloor as { seconds: number };
    console.log(
      `ratio to the floor: ${((f / o.seconds) * 100).toFixed(1)}% (goal: 50%); to the schema floor: ${((schema.seconds / o.seconds) * 100).toFixed(1)}%; peak RSS ${(o.rss / 1e6).toFixed(0)} MB`,
    );
  }
}
if (!args.skip!.includes("iati")) {
  const xml = join(DIR, "iati.xml");
  const mb = (await makeIati(xml)) / 1e6;
  console.log(`IATI file: ${ACTIVITIES.toLocaleString("en")} activities, ${mb.toFixed(0)} MB`);
  results.iatiFile = { activities: ACTIVITIES, mb };
  for (const reader of READERS) {
    const o = await ours(xml, "iati", reader);
    line(`beltroad import iati (${reader})`, mb, o.imported, o.seconds);
    cpuLine(o.cpuSeconds, o.imported, o.seconds);
    results[`iati-${reader}`] = { ...o, mbps: mb / o.seconds };
    console.log(`peak RSS ${(o.rss / 1e6).toFixed(0)} MB`);
  }
}
console.log(JSON.stringify(results));
