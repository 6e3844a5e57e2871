import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportOptions } from "../src/services/import/import.service.ts";
import type { FileReport } from "../src/services/import/report.ts";
import { verifyAuditChain } from "../src/store/audit.repository.ts";
import { importInto, storeSnapshot } from "./support/import-helpers.ts";
import { AIDDATA_DIR, hasReference } from "./support/reference.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

const MALAYSIA = join(AIDDATA_DIR, "malaysia_projects.csv");
const IATI = join(import.meta.dirname, "fixtures/iati-sample.xml");

/** The report without what differs between two runs of the same file. */
const comparable = (r: FileReport) => ({ ...r, runId: undefined });
/** The stored rows without the run's own timestamps and ids. */
async function rows(t: TestDb) {
  const s = await storeSnapshot(t.store);
  const strip = (r: Record<string, unknown>) => ({ ...r, created_at: 0, updated_at: 0 });
  return { ...s, records: s.records.map(strip), provenance: s.provenance.length };
}

function chunked(text: string, size = 4096): Uint8Array[] {
  const bytes = Buffer.from(text);
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

describe.skipIf(engineUnavailable() || !hasReference())(`imports read in a worker thread on ${ENGINE}`, () => {
  let here: TestDb;
  let there: TestDb;
  beforeAll(async () => {
    here = await createTestDb();
    there = await createTestDb();
  });
  afterAll(async () => {
    await here.drop();
    await there.drop();
  });
  const both = async (name: string, text: string, options: Partial<ImportOptions> & Pick<ImportOptions, "format">) => {
    const a = await importInto(here.store, { name, content: chunked(text) }, { ...options, parseInWorker: false });
    const b = await importInto(there.store, { name, content: chunked(text) }, { ...options, parseInWorker: true });
    return { a, b };
  };

  it("reports and writes what reading on the main thread does, row errors included", async () => {
    const csv = readFileSync(MALAYSIA, "utf8");
    const lines = csv.split("\n");
    // A row with too few cells, in the middle of the file.
    const text = [...lines.slice(0, 40), "1,2,3", ...lines.slice(40)].join("\n");
    const { a, b } = await both("malaysia.csv", text, { format: "aiddata", batchSize: 7 });
    expect(a.skipped).toBeGreaterThan(0);
    expect(a.imported).toBeGreaterThan(100);
    expect(comparable(b)).toEqual(comparable(a));
    expect(await rows(there)).toEqual(await rows(here));
    expect(await verifyAuditChain(there.store.db)).toMatchObject({ ok: true });
  });

  it("does the same for IATI, dry runs and all-or-nothing runs", async () => {
    const xml = readFileSync(IATI, "utf8");
    const dry = await both("iati.xml", xml, { format: "iati", dryRun: true });
    expect(comparable(dry.b)).toEqual(comparable(dry.a));
    const all = await both("iati.xml", xml, { format: "iati", allOrNothing: true, batchSize: 1 });
    expect(comparable(all.b)).toEqual(comparable(all.a));
    expect(await rows(there)).toEqual(await rows(here));
  });

  it("ends the file on a fatal problem, keeping what was committed, and reports it the same way", async () => {
    const csv = readFileSync(MALAYSIA, "utf8");
    const { a, b } = await both("broken.csv", `${csv}\n"unterminated`, { format: "aiddata", batchSize: 50 });
    expect(comparable(b)).toEqual(comparable(a));
    const notXml = await both("bad.xml", "this is not XML at all", { format: "iati" });
    expect(notXml.a.ok).toBe(false);
    expect(comparable(notXml.b)).toEqual(comparable(notXml.a));
  });

  it("passes on the source's own failure", async () => {
    async function* failing() {
      yield Buffer.from(readFileSync(MALAYSIA, "utf8").slice(0, 20_000));
      throw new Error("the upload was cut off");
    }
    await expect(
      importInto(there.store, { name: "cut.csv", content: failing() }, { format: "aiddata", parseInWorker: true }),
    ).rejects.toThrow("the upload was cut off");
  });

  it("stops when cancelled", async () => {
    const controller = new AbortController();
    const csv = readFileSync(MALAYSIA, "utf8");
    const r = await importInto(
      there.store,
      { name: "cancel.csv", content: chunked(csv) },
      {
        format: "aiddata",
        parseInWorker: true,
        batchSize: 10,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      },
    );
    expect(r.ok).toBe(false);
    expect(r.errors.at(-1)?.message).toBe("the import was cancelled");
    expect(r.imported + r.updated + r.unchanged).toBeLessThan(146);
  });
});
