import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../bench/lib/timing.ts";
import { IMPORT_FORMATS, type ImportFormat } from "../src/services/import/formats.ts";
import { migrateToLatest } from "../src/store/migrate.ts";
import { listRecordsOfKind } from "../src/store/record.repository.ts";
import { importInto, storeSnapshot } from "./support/import-helpers.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

const SAMPLE = readFileSync(join(import.meta.dirname, "fixtures/iati-sample.xml"), "utf8");
/** The sample's first activity, then the file breaks off in the middle of the second. */
const TRUNCATED = SAMPLE.slice(0, SAMPLE.indexOf("<iati-activity>", SAMPLE.indexOf("</iati-activity>")) + 60);

describe.skipIf(engineUnavailable())(`hostile input on ${ENGINE}: never a crash, never a half-written import`, () => {
  let t: TestDb;
  let before: unknown;
  beforeAll(async () => {
    t = await createTestDb();
    await migrateToLatest(t.store);
    before = await storeSnapshot(t.store);
  });
  afterAll(async () => {
    await t.drop();
  });

  it("a file that breaks off: all-or-nothing writes nothing; per batch keeps only whole committed batches", async () => {
    const strict = await importInto(
      t.store,
      { name: "cut.xml", content: [TRUNCATED] },
      { format: "iati", allOrNothing: true },
    );
    expect(strict).toMatchObject({ ok: false, rolledBack: true });
    expect(strict.errors.at(-1)?.message).toMatch(/^line \d+, column \d+: /);
    expect(await storeSnapshot(t.store)).toEqual(before);
    const loose = await importInto(
      t.store,
      { name: "cut.xml", content: [TRUNCATED] },
      { format: "iati", batchSize: 1 },
    );
    expect(loose).toMatchObject({ ok: false, imported: 1 });
    const projects = await listRecordsOfKind(t.store.db, "project");
    expect(projects.map((p) => p.identifiers?.iati)).toEqual(["XM-TEST-1001"]);
  });

  it("binary garbage, in every format, is refused with a message and writes nothing", async () => {
    const snapshot = await storeSnapshot(t.store);
    const garbage = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 2654435761) % 251);
    for (const format of IMPORT_FORMATS) {
      const r = await importInto(t.store, { name: `garbage.${format}`, content: [garbage] }, { format });
      expect(r.ok, format).toBe(false);
      expect(r.errors[0]?.message, format).toMatch(/not|binary|encoding|invalid|XML|root/i);
      expect(r.imported + r.updated, format).toBe(0);
    }
    expect(await storeSnapshot(t.store)).toEqual(snapshot);
  });

  it("oversized files are refused before anything is written", async () => {
    const snapshot = await storeSnapshot(t.store);
    const r = await importInto(
      t.store,
      { name: "big.xml", content: [SAMPLE] },
      { format: "iati", limits: { maxBytes: 1000 } },
    );
    expect(r).toMatchObject({ ok: false, imported: 0 });
    expect(r.errors[0]?.message).toMatch(/larger than the limit of 1,000 bytes/);
    expect(await storeSnapshot(t.store)).toEqual(snapshot);
  });

  it("wrong encodings: Latin-1 bytes in a UTF-8 CSV are refused; UTF-16 with a byte-order mark is read", async () => {
    const header = "id,kind,name_en,status,connectivity,project_type,source1_title,source1_publisher";
    const row = "enc-test,project,Caf\u00e9 Line,2,hard,rail,Test source,Beltroad tests";
    const latin1 = Buffer.from(`${header}\n${row}\n`, "latin1");
    const bad = await importInto(t.store, { name: "latin1.csv", content: [latin1] }, { format: "csv" });
    expect(bad.errors[0]?.message).toMatch(/not valid utf-8.*save it as UTF-8/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${header}\n${row}\n`, "utf16le")]);
    const good = await importInto(t.store, { name: "utf16.csv", content: [utf16] }, { format: "csv" });
    expect(good).toMatchObject({ ok: true, imported: 1 });
  });

  it("mutated files in every format leave either a whole import or nothing (all-or-nothing)", async () => {
    const rand = seededRandom(11);
    const template = Buffer.from(
      "id,kind,name_en,status,connectivity,project_type,countries,source1_title,source1_publisher\nfz-a,project,A,2,hard,rail,LAO,S,P\nfz-b,project,B,4,soft,port,KEN,S,P\n",
    );
    const bases: Array<[ImportFormat, Uint8Array]> = [
      ["iati", Buffer.from(SAMPLE)],
      ["csv", template],
    ];
    const count = async () => {
      const db = t.store.db;
      const n = async (table: "records" | "record_versions") =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      return { records: await n("records"), versions: await n("record_versions") };
    };
    for (const [format, base] of bases) {
      for (let i = 0; i < 40; i++) {
        const bytes = Array.from(base);
        for (let k = 1 + Math.floor(rand() * 6); k > 0; k--) {
          const at = Math.floor(rand() * bytes.length);
          if (rand() < 0.5) bytes[at] = Math.floor(rand() * 256);
          else bytes.splice(at, Math.floor(rand() * 40));
        }
        const before = await count();
        const r = await importInto(
          t.store,
          { name: `fuzz-${i}`, content: [Uint8Array.from(bytes)] },
          { format, allOrNothing: true },
        );
        const after = await count();
        if (!r.ok) expect(after, `${format} #${i}`).toEqual(before);
        else expect(after.records - before.records, `${format} #${i}`).toBe(r.imported + r.partnersCreated);
      }
    }
  }, 300_000);

  it("an XML external entity is never resolved", async () => {
    const xxe = SAMPLE.replace(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    ).replace("Test Valley Railway", "&xxe;");
    const r = await importInto(t.store, { name: "xxe.xml", content: [xxe] }, { format: "iati" });
    expect(r.errors[0]?.message).toMatch(/DOCTYPE declaration is not accepted/);
    const all = JSON.stringify(await listRecordsOfKind(t.store.db, "project"));
    expect(all).not.toMatch(/root:/);
  });
});
