/**
 * Reading benchmark: how much CPU the import spends per AidData row before
 * anything is written. Reads an AidData-shaped CSV (the one `bench:import`
 * generates, or a new one made the same way) three times per run, each time
 * going one phase further: CSV parsing only, CSV + mapping to drafts, and
 * CSV + mapping + validation (`readBatches`, nothing written). Prints the
 * median over the runs of µs/row and MB/s for each.
 *
 * @example
 *   npm run bench:import-read -- --rows 20000 --runs 5
 *   npm run bench:import-read -- --file /tmp/other.csv --batch 100
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { readCsv } from "../src/io/tabular/read-csv.ts";
import { eventsFor } from "../src/services/import/formats.ts";
import { PartnerResolver } from "../src/services/import/partner-resolver.ts";
import { readBatches } from "../src/services/import/read-batches.ts";
import { makeAidDataCsv } from "./lib/aiddata-csv.ts";

const { values: args } = parseArgs({
  options: {
    /** The CSV to read; made with `--rows` rows when it does not exist. */
    file: { type: "string", default: "/tmp/beltroad-bench/aiddata.csv" },
    rows: { type: "string", default: "20000" },
    runs: { type: "string", default: "3" },
    /** Valid records per batch, as `importStream` uses by default. */
    batch: { type: "string", default: "500" },
    json: { type: "boolean", default: false },
  },
});
const FILE = args.file!;

const noReport = { error() {}, warning() {}, skip() {} };

/** Phase 1: the CSV parser alone (bytes → decoded text → rows of cells). */
async function csvOnly(): Promise<number> {
  let rows = 0;
  for await (const _row of readCsv(createReadStream(FILE))) rows += 1;
  return rows - 1;
}

/** Phase 2: parsing and mapping each row to a draft record (partners resolved). */
async function csvAndMap(): Promise<number> {
  let rows = 0;
  const resolver = new PartnerResolver([], ["aiddata"]);
  for await (const event of eventsFor("aiddata", createReadStream(FILE), resolver, {}, async () => undefined))
    if (event.type === "item") rows += 1;
  return rows;
}

/** Phase 3: parsing, mapping and validating, as the import's reader does before it writes. */
async function csvMapAndValidate(): Promise<number> {
  const counter = { rows: 0 };
  const batches = readBatches(createReadStream(FILE), {
    format: "aiddata",
    options: {},
    resolver: new PartnerResolver([], ["aiddata"]),
    report: noReport,
    lookup: async () => undefined,
    batchSize: Number(args.batch),
    counter,
  });
  for await (const _batch of batches);
  return counter.rows;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

if (!existsSync(FILE)) await makeAidDataCsv(FILE, Number(args.rows));
const mb = statSync(FILE).size / 1e6;
const phases = { csv: csvOnly, "csv+map": csvAndMap, "csv+map+validate": csvMapAndValidate };
// Wall time and CPU time (this process, all threads: GC helpers included) of each run, in ms.
const wall: Record<string, number[]> = {};
const cpu: Record<string, number[]> = {};
let rows = 0;
for (let run = 0; run < Number(args.runs); run++)
  for (const [name, phase] of Object.entries(phases)) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    rows = await phase();
    const used = process.cpuUsage(startCpu);
    wall[name] = [...(wall[name] ?? []), performance.now() - start];
    cpu[name] = [...(cpu[name] ?? []), (used.user + used.system) / 1000];
  }
console.log(`${FILE}: ${rows.toLocaleString("en")} rows, ${mb.toFixed(1)} MB; median of ${args.runs} runs`);
const results: Record<string, { usPerRow: number; cpuUsPerRow: number; mbps: number; runs: number[] }> = {};
for (const [name, ms] of Object.entries(wall)) {
  const m = median(ms);
  const c = median(cpu[name]!);
  const r = {
    usPerRow: (m * 1000) / rows,
    cpuUsPerRow: (c * 1000) / rows,
    mbps: mb / (m / 1000),
    runs: ms.map(Math.round),
  };
  results[name] = r;
  console.log(
    `${name.padEnd(18)} ${r.usPerRow.toFixed(1).padStart(7)} µs/row (CPU ${r.cpuUsPerRow.toFixed(1).padStart(6)}) ${r.mbps.toFixed(1).padStart(7)} MB/s  (runs: ${r.runs.join(", ")} ms)`,
  );
}
if (args.json) console.log(JSON.stringify(results));
