import { createReadStream, existsSync } from "node:fs";
import { join } from "node:path";
import type { AnyRecord } from "../../src/core/domain/index.ts";
import type { ByteSource } from "../../src/io/text/decode.ts";
import { DEFAULT_DATA_DIR } from "../../src/services/data-files.ts";
import type { ImportFormat } from "../../src/services/import/formats.ts";
import { type ImportOptions, importStream } from "../../src/services/import/import.service.ts";
import { PartnerResolver } from "../../src/services/import/partner-resolver.ts";
import { readBatches } from "../../src/services/import/read-batches.ts";
import { ReportBuilder } from "../../src/services/import/report.ts";
import type { Db } from "../../src/store/database.ts";
import { AIDDATA_DIR } from "./reference.ts";

/** The files of real data an import reads in tests: the AidData samples (when `../shared/reference` is there) and the IATI fixture. */
export function sampleFiles(): Array<[file: string, format: ImportFormat]> {
  const files: Array<[string, ImportFormat]> = [
    [join(AIDDATA_DIR, "malaysia_projects.csv"), "aiddata"],
    [join(AIDDATA_DIR, "ports_projects.csv"), "aiddata"],
    [join(import.meta.dirname, "../fixtures/iati-sample.xml"), "iati"],
  ];
  return files.filter(([f]) => existsSync(f));
}

/** Every record the sample files import as (`recordsOf` each of `sampleFiles()`). */
export async function sampleRecords(): Promise<AnyRecord[]> {
  return (await Promise.all(sampleFiles().map(([f, format]) => recordsOf(f, format)))).flat();
}

/** Every valid record `readBatches` gives for a file (with the partners it makes), as an import writes them. */
export async function recordsOf(file: string, format: ImportFormat): Promise<AnyRecord[]> {
  const out: AnyRecord[] = [];
  const ctx = {
    format,
    options: {},
    resolver: new PartnerResolver([], [format]),
    report: new ReportBuilder(file, format, true, "per-batch"),
    lookup: async () => undefined,
    batchSize: 100,
    counter: { rows: 0 },
  };
  for await (const batch of readBatches(createReadStream(file), ctx)) for (const v of batch) out.push(v.record);
  return out;
}

/** Imports a file (path) or in-memory content with the repository's money tables. */
export function importInto(
  store: Db,
  input: string | { name: string; content: ByteSource },
  options: Partial<ImportOptions> & Pick<ImportOptions, "format">,
) {
  const file = typeof input === "string" ? input : input.name;
  const source = typeof input === "string" ? createReadStream(input) : input.content;
  return importStream(store, source, { file, dataDir: DEFAULT_DATA_DIR, by: "test", ...options });
}

/** Everything an import writes to, ordered and rounded, to compare before and after. */
export async function storeSnapshot(store: Db) {
  const db = store.db;
  const out = {
    records: await db.selectFrom("records").selectAll().orderBy("id").execute(),
    versions: await db
      .selectFrom("record_versions")
      .select(["record_id", "version", "doc"])
      .orderBy("record_id")
      .orderBy("version")
      .execute(),
    transactions: await db.selectFrom("transactions").selectAll().orderBy("record_id").orderBy("seq").execute(),
    participants: await db
      .selectFrom("record_participants")
      .selectAll()
      .orderBy("record_id")
      .orderBy("partner_id")
      .orderBy("role")
      .execute(),
    provenance: await db
      .withTables<{ record_provenance: { record_id: string; run_id: string } }>()
      .selectFrom("record_provenance")
      .select(["record_id", "run_id"])
      .orderBy("record_id")
      .orderBy("run_id")
      .execute(),
  };
  return JSON.parse(JSON.stringify(out, (_k, v) => (typeof v === "number" ? Math.round(v * 1e6) / 1e6 : v)));
}
