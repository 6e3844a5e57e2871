import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../bench/lib/timing.ts";
import { AppError } from "../src/core/errors.ts";
import { eventsFor, type ImportFormat } from "../src/services/import/formats.ts";
import { PartnerResolver } from "../src/services/import/partner-resolver.ts";
import { validateDraft } from "../src/services/import/record-writer.ts";
import { ReportBuilder } from "../src/services/import/report.ts";
import { AIDDATA_DIR, hasReference } from "./support/reference.ts";

/** Inputs per parser (the issue asks for at least 10,000; FUZZ_N changes it for a quick run). */
const N = Number(process.env.FUZZ_N ?? 10_000);

const TOKENS = [
  "<",
  ">",
  "&",
  "&amp;",
  "&#0;",
  "&#x110000;",
  "&unknown;",
  '"',
  "'",
  ",",
  "|",
  ";",
  "\n",
  "\r",
  "\u0000",
  "\uFEFF",
  "<![CDATA[",
  "]]>",
  "<!--",
  "-->",
  '<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
  "<iati-activity>",
  "</iati-activity>",
  ' xmlns:x="u"',
  "<x:y>",
  "𝔘",
  "=HYPERLINK(1)",
  '""',
  "9".repeat(40),
  "-1e309",
  "2013-02-30",
];

/** A seeded mutator: flips, inserts, deletes, duplicates, dictionary tokens and truncation, 1–8 at a time. */
function mutator(seed: number) {
  const rand = seededRandom(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const encoder = new TextEncoder();
  return (base: Uint8Array): Uint8Array => {
    let b = Array.from(base);
    for (let k = 1 + int(8); k > 0; k--) {
      const at = int(b.length + 1);
      switch (int(6)) {
        case 0:
          if (b.length) b[Math.min(at, b.length - 1)] = int(256);
          break;
        case 1:
          b.splice(at, 0, ...Array.from({ length: 1 + int(4) }, () => int(256)));
          break;
        case 2:
          b.splice(at, 1 + int(64));
          break;
        case 3: {
          const from = int(b.length);
          b.splice(at, 0, ...b.slice(from, from + 1 + int(200)));
          break;
        }
        case 4:
          b.splice(at, 0, ...encoder.encode(TOKENS[int(TOKENS.length)]!));
          break;
        default:
          if (rand() < 0.3) b = b.slice(0, at);
      }
    }
    return Uint8Array.from(b);
  };
}

/** The whole reading side of an import, without a database: read, map, validate every draft. */
async function parse(format: ImportFormat, bytes: Uint8Array): Promise<void> {
  const resolver = new PartnerResolver([], [format]);
  const report = new ReportBuilder("fuzz", format, true, "per-batch");
  const chunks = [bytes.subarray(0, bytes.length >> 1), bytes.subarray(bytes.length >> 1)];
  for await (const e of eventsFor(format, chunks, resolver, { limits: { maxBytes: 1 << 20 } }, async () => undefined)) {
    if (e.type === "item") validateDraft(e.item, report);
  }
}

async function fuzz(
  format: ImportFormat,
  base: Uint8Array,
  seed: number,
): Promise<{ failures: string[]; slowestMs: number }> {
  const mutate = mutator(seed);
  const failures: string[] = [];
  let slowestMs = 0;
  for (let i = 0; i < N; i++) {
    const input = mutate(base);
    const started = performance.now();
    try {
      await parse(format, input);
    } catch (err) {
      if (!(err instanceof AppError)) failures.push(`#${i}: ${(err as Error)?.stack ?? String(err)}`);
    }
    slowestMs = Math.max(slowestMs, performance.now() - started);
    if (failures.length >= 5) break;
  }
  return { failures, slowestMs };
}

const SAMPLE = readFileSync(join(import.meta.dirname, "fixtures/iati-sample.xml"));
const TEMPLATE = Buffer.from(
  "id,kind,name_en,name_zh,status,connectivity,countries,sectors,project_type,commitment_amount,commitment_currency,commitment_date,source1_title,source1_publisher,source1_url\n" +
    'a-line,project,A Line,,2,hard,LAO;CHN,21030,rail,62,CNY,2015-11,Test source,Beltroad tests,https://example.org/a\n"b, port",project,"B ""Port""",港,4,hard;soft,KEN,21040,port,5,USD,2021,S,P,\n',
);

describe("fuzzing every import parser: no crash (only clear errors), no hang", () => {
  it(`IATI XML: ${N} mutated files`, async () => {
    const r = await fuzz("iati", SAMPLE, 1);
    expect(r.failures).toEqual([]);
    expect(r.slowestMs).toBeLessThan(5000);
  }, 600_000);

  it.skipIf(!hasReference())(
    `AidData CSV: ${N} mutated files`,
    async () => {
      const rows = readFileSync(join(AIDDATA_DIR, "ports_projects.csv"), "utf8");
      // the header and the first row (4 KB: quotes, commas, `|` lists, Spanish text)
      const firstRows = rows.slice(0, rows.indexOf("\n", rows.indexOf("\n") + 1) + 1);
      const r = await fuzz("aiddata", Buffer.from(firstRows), 2);
      expect(r.failures).toEqual([]);
      expect(r.slowestMs).toBeLessThan(5000);
    },
    600_000,
  );

  it(`CSV template: ${N} mutated files`, async () => {
    const r = await fuzz("csv", TEMPLATE, 3);
    expect(r.failures).toEqual([]);
    expect(r.slowestMs).toBeLessThan(5000);
  }, 600_000);

  it(`XLSX template: ${N} mutated files`, async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("projects");
    for (const line of TEMPLATE.toString().trim().split("\n").slice(0, 2)) sheet.addRow(line.split(","));
    const base = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await fuzz("xlsx", base, 4);
    expect(r.failures).toEqual([]);
    expect(r.slowestMs).toBeLessThan(5000);
  }, 600_000);
});
