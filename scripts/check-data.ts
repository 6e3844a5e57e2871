/**
 * Validates the dataset in `data/` (or the folder given) and prints every issue.
 *
 * @example
 *   npx tsx scripts/check-data.ts
 */
import { validateDataset } from "../src/core/dataset.ts";
import { DEFAULT_DATA_DIR, readDataFiles } from "../src/services/data-files.ts";

const dir = process.argv[2] ?? DEFAULT_DATA_DIR;
const read = readDataFiles(dir);
const result = validateDataset(read.files);
const issues = [...read.issues, ...result.issues];
for (const i of issues)
  console.log(`${i.file}${i.record ? ` [${i.record}]` : ""}${i.field ? ` ${i.field}` : ""}: ${i.message}`);
const counts: Record<string, number> = {};
for (const r of result.records) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
console.log(JSON.stringify({ ...counts, statistics: result.statistics.length, issues: issues.length }));
process.exitCode = issues.length ? 1 : 0;
