/**
 * Micro-benchmark of `derive` and `normalizeText`, the per-record work an
 * import does before it writes: the real AidData GCDF 3.0 sample rows (from
 * ../shared/reference/aiddata), mapped and validated as an import does, repeated
 * to about 20,000 records, timed with the implementations before and after
 * they were made fast (`test/support/derive-reference.ts`). Prints µs per record,
 * the median of several rounds, and checks that both give the same output.
 *
 * @example
 *   npm run bench:derive -- --records 20000 --rounds 7
 */
import { createReadStream, existsSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { derive } from "../src/core/derive.ts";
import type { AnyRecord } from "../src/core/domain/index.ts";
import { normalizeText } from "../src/core/text.ts";
import { DEFAULT_DATA_DIR } from "../src/services/data-files.ts";
import { PartnerResolver } from "../src/services/import/partner-resolver.ts";
import { readBatches } from "../src/services/import/read-batches.ts";
import { ReportBuilder } from "../src/services/import/report.ts";
import { loadMoneyTables } from "../src/services/money.service.ts";
import { referenceDerive, referenceNormalizeText } from "../test/support/derive-reference.ts";
import { summarise } from "./lib/timing.ts";

const { values: args } = parseArgs({
  options: {
    records: { type: "string", default: "20000" },
    rounds: { type: "string", default: "7" },
  },
});
const RECORDS = Number(args.records);
const ROUNDS = Number(args.rounds);
const REFERENCE = join(import.meta.dirname, "../../shared/reference/aiddata");

/** The valid project records of one AidData CSV, as `readBatches` gives them to the writer. */
async function recordsOf(file: string): Promise<AnyRecord[]> {
  const out: AnyRecord[] = [];
  const report = new ReportBuilder(file, "aiddata", true, "per-batch");
  const ctx = {
    format: "aiddata" as const,
    options: {},
    resolver: new PartnerResolver([], ["aiddata"]),
    report,
    lookup: async () => undefined,
    batchSize: 1000,
    counter: { rows: 0 },
  };
  for await (const batch of readBatches(createReadStream(file), ctx))
    for (const v of batch) if (v.record.kind === "project") out.push(v.record);
  return out;
}

const files = ["malaysia_projects.csv", "ports_projects.csv"].map((f) => join(REFERENCE, f)).filter(existsSync);
if (files.length === 0) throw new Error(`no AidData samples in ${REFERENCE}: the benchmark needs them`);
const samples = (await Promise.all(files.map(recordsOf))).flat();
const records = Array.from({ length: RECORDS }, (_, i) => samples[i % samples.length]!);
const money = loadMoneyTables(DEFAULT_DATA_DIR).tables?.converter;
if (!money) throw new Error("the money tables in data/money cannot be read");

/** The texts `derive` normalises for a record: its English name, its title and its body. */
function textsOf(r: AnyRecord): string[] {
  const body = [
    ...Object.values(r.descriptions ?? {}),
    ...r.tags,
    ...(r.kind === "agreement" ? Object.values(r.summary) : []),
  ].join(" ");
  return [r.names.en, `${Object.values(r.names).join(" ")} ${r.id.replace(/-/g, " ")}`, body];
}
const texts = records.map(textsOf);
const jsonKb = records.reduce((s, r) => s + JSON.stringify(r).length, 0) / records.length / 1024;
const textKb = texts.reduce((s, t) => s + t.reduce((n, x) => n + x.length, 0), 0) / texts.length / 1024;

/** µs per record: the median over `ROUNDS` rounds (after one untimed round) of `run` over every record. */
function time(run: (i: number) => unknown): { median: number; p95: number } {
  const rounds: number[] = [];
  let sink = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    const t = performance.now();
    for (let i = 0; i < records.length; i++) if (run(i)) sink++;
    if (round > 0) rounds.push(performance.now() - t);
  }
  if (sink < 0) console.log(sink);
  const s = summarise(rounds);
  return { median: (s.medianMs * 1000) / records.length, p95: (s.p95Ms * 1000) / records.length };
}

const different = samples.filter(
  (r) =>
    !isDeepStrictEqual(derive(r, money), referenceDerive(r, money)) ||
    textsOf(r).some((t) => normalizeText(t) !== referenceNormalizeText(t)),
);
console.log(
  `${samples.length} AidData sample records repeated to ${records.length.toLocaleString("en")}: ` +
    `${jsonKb.toFixed(1)} KB JSON, ${textKb.toFixed(1)} KB of text to normalise per record; ` +
    `${different.length} records where old and new differ`,
);
const rows: Array<[string, (i: number) => unknown]> = [
  ["normalizeText, before", (i) => texts[i]!.map(referenceNormalizeText)],
  ["normalizeText, after", (i) => texts[i]!.map(normalizeText)],
  ["derive, before", (i) => referenceDerive(records[i]!, money)],
  ["derive, after", (i) => derive(records[i]!, money)],
];
for (const [name, run] of rows) {
  const t = time(run);
  console.log(`${name.padEnd(24)} ${t.median.toFixed(1).padStart(7)} µs/record (p95 of rounds ${t.p95.toFixed(1)})`);
}
if (different.length > 0) process.exitCode = 1;
