import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { finished } from "node:stream/promises";
import { CsvParser } from "../../src/io/tabular/csv-parser.ts";

const REFERENCE = join(import.meta.dirname, "../../../shared/reference/aiddata");

/**
 * Writes an AidData-shaped CSV of `count` rows: the real GCDF 3.0 rows of
 * `../shared/reference/aiddata` (header included) as templates, re-emitted
 * with fresh Record IDs (10,000,000 up). Returns the file's size in bytes.
 * The import benchmarks share it, so they read the same file.
 *
 * @example
 *   const bytes = await makeAidDataCsv("/tmp/beltroad-bench/aiddata.csv", 200_000);
 */
export async function makeAidDataCsv(file: string, count: number): Promise<number> {
  const texts = ["malaysia_projects.csv", "ports_projects.csv"].map((f) => join(REFERENCE, f)).filter(existsSync);
  if (texts.length === 0)
    throw new Error(`no AidData samples in ${REFERENCE}: the benchmark needs them as row templates`);
  const parser = new CsvParser();
  const rows = texts.flatMap((f) => [...parser.push(readFileSync(f, "utf8")), ...parser.end()].map((r) => r.cells));
  const header = rows[0]!;
  const body = rows.filter((r) => r !== header && r[0] !== header[0]);
  const quote = (c: string) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  mkdirSync(dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(line)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  };
  await write(`${header.map(quote).join(",")}\n`);
  for (let i = 0; i < count; i++) {
    const row = [...body[i % body.length]!];
    row[0] = String(10_000_000 + i);
    await write(`${row.map(quote).join(",")}\n`);
  }
  out.end();
  await finished(out);
  return statSync(file).size;
}
