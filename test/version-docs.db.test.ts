import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { derive } from "../src/core/derive.ts";
import type { AnyRecord } from "../src/core/domain/index.ts";
import { loadDataset, seed } from "../src/services/seed.service.ts";
import { versionOf, versionsOf } from "../src/store/consultation.repository.ts";
import { provenanceOf } from "../src/store/import.repository.ts";
import { migrateTo, migrateToLatest } from "../src/store/migrate.ts";
import { canonicalDoc, findRecord, upsertRecord } from "../src/store/record.repository.ts";
import { writeFixture } from "./support/fixture.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

/** The raw `doc` column of each version row of a record, oldest first (null: "see records.doc"). */
async function storedDocs(t: TestDb, id: string): Promise<Array<string | null>> {
  const rows = await t.store.db
    .selectFrom("record_versions")
    .select(["doc"])
    .where("record_id", "=", id)
    .orderBy("version")
    .execute();
  return rows.map((r) => r.doc);
}

describe.skipIf(engineUnavailable())(`version documents stored once on ${ENGINE}`, () => {
  let t: TestDb;
  let money: ReturnType<typeof loadDataset>["money"];
  beforeAll(async () => {
    t = await createTestDb();
    const dir = writeFixture();
    money = loadDataset(dir).money;
    await seed(t.store, dir);
  });
  afterAll(async () => {
    await t.drop();
  });
  const write = (record: AnyRecord, meta: { workflow?: string } = {}) =>
    t.store.db.transaction().execute((tx) =>
      upsertRecord(tx, t.store.engine, record, derive(record, money.converter), {
        by: "test",
        now: "2026-11-27T00:00:00Z",
        ...meta,
      }),
    );

  it("keeps the current version's document only in records, and every earlier one in its version row", async () => {
    const v1 = (await findRecord(t.store.db, "test-port"))!;
    expect(await storedDocs(t, "test-port")).toEqual([null]);
    const v2 = { ...v1, names: { en: "Second Name Quay", zh: "码头" } } as AnyRecord;
    const v3 = { ...v1, names: { en: "Third Name Quay", zh: "码头" } } as AnyRecord;
    await write(v2);
    await write(v3);
    await write(v3, { workflow: "withdrawn" });
    const stored = await storedDocs(t, "test-port");
    expect(stored).toHaveLength(4);
    expect(stored.slice(0, 3).every((d) => typeof d === "string")).toBe(true);
    expect(stored[3]).toBeNull();
    // What readers see: each version's own document, whichever place holds it.
    const docs = await Promise.all([1, 2, 3, 4].map((n) => versionOf(t.store.db, "test-port", n)));
    expect(docs.map((d) => JSON.parse(d!.doc).names.en)).toEqual([
      v1.names.en,
      "Second Name Quay",
      "Third Name Quay",
      "Third Name Quay",
    ]);
    expect(docs[1]!.doc).toBe(canonicalDoc(v2));
    expect((await versionsOf(t.store.db, "test-port")).map((v) => v.workflow)).toEqual([
      "published",
      "published",
      "published",
      "withdrawn",
    ]);
    expect(await versionOf(t.store.db, "test-port", 5)).toBeUndefined();
  });

  it("leaves the version rows alone when a write changes nothing", async () => {
    const before = await storedDocs(t, "test-railway");
    const record = (await findRecord(t.store.db, "test-railway"))!;
    expect(await write(record)).toBe("unchanged");
    expect(await storedDocs(t, "test-railway")).toEqual(before);
  });

  it("gives the document back to the version row when a stale write rolls back", async () => {
    const record = (await findRecord(t.store.db, "test-railway"))!;
    const changed = { ...record, names: { en: "Stale Railway Name", zh: "铁路" } } as AnyRecord;
    await expect(
      t.store.db.transaction().execute((tx) =>
        upsertRecord(tx, t.store.engine, changed, derive(changed, money.converter), {
          by: "test",
          now: "2026-11-27T00:00:00Z",
          expectedVersion: 99,
        }),
      ),
    ).rejects.toMatchObject({ code: "precondition_failed" });
    expect(await storedDocs(t, "test-railway")).toEqual([null]);
    expect(JSON.parse((await versionOf(t.store.db, "test-railway", 1))!.doc).names.en).toBe(record.names.en);
  });
});

describe.skipIf(engineUnavailable())(`migration 0005 (lean writes) on ${ENGINE}`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t.drop();
  });

  it("thins the current versions written before it and keeps the earlier ones", async () => {
    expect((await migrateTo(t.store, "0004-fts-rowid")).error).toBeUndefined();
    // Rows as the code before 0005 wrote them: every version row holds its document.
    const docs = ['{"v":1}', '{"v":2}'];
    await t.store.db
      .insertInto("records")
      .values({
        id: "old-record",
        kind: "project",
        name_en: "Old",
        name_zh: null,
        name_sort: "old",
        record_type: null,
        status: null,
        connectivity: 0,
        start_year: null,
        end_year: null,
        committed_usd_constant: 0,
        unconverted_transactions: 0,
        source_count: 0,
        doc: docs[1]!,
        version: 2,
        created_at: "2026-01-01",
        updated_at: "2026-01-02",
      })
      .execute();
    for (const [i, doc] of docs.entries())
      await sql`INSERT INTO record_versions (record_id, version, doc, changed_at, changed_by)
        VALUES ('old-record', ${i + 1}, ${doc}, '2026-01-01', 'test')`.execute(t.store.db);
    await sql`INSERT INTO record_tags (record_id, tag) VALUES ('old-record', 'rail'), ('old-record', 'port')`.execute(
      t.store.db,
    );
    await sql`INSERT INTO import_runs (id, format, file, by, mode, started_at, status)
      VALUES ('run-1', 'aiddata', 'old.csv', 'someone', 'per-batch', '2026-01-01T00:00:00Z', 'completed')`.execute(
      t.store.db,
    );
    await sql`INSERT INTO record_provenance (record_id, run_id, file, position, outcome, imported_at, by)
      VALUES ('old-record', 'run-1', 'old.csv', 'row 7', 'inserted', '2026-01-01T00:00:00Z', 'someone')`.execute(
      t.store.db,
    );
    expect((await migrateToLatest(t.store)).error).toBeUndefined();
    expect(await storedDocs(t, "old-record")).toEqual([docs[0], null]);
    // Provenance keeps its rows; the file, time and importer now come from the run.
    expect(await provenanceOf(t.store.db, "old-record")).toEqual([
      {
        runId: "run-1",
        file: "old.csv",
        position: "row 7",
        outcome: "inserted",
        importedAt: "2026-01-01T00:00:00Z",
        by: "someone",
        format: "aiddata",
      },
    ]);
    // Facet rows and their indexes are carried over (on SQLite into WITHOUT ROWID tables).
    const tags = await t.store.db.selectFrom("record_tags").select("tag").where("tag", "=", "rail").execute();
    expect(tags).toEqual([{ tag: "rail" }]);
    if (ENGINE === "sqlite") {
      const { rows } = await sql<{ name: string; sql: string }>`
        SELECT name, sql FROM sqlite_master WHERE tbl_name = 'record_tags' AND sql IS NOT NULL`.execute(t.store.db);
      expect(rows.map((r) => r.name).sort()).toEqual(["record_tags", "record_tags_tag"]);
      expect(rows.find((r) => r.name === "record_tags")!.sql).toMatch(/WITHOUT ROWID$/);
    }
    expect((await versionOf(t.store.db, "old-record", 1))!.doc).toBe(docs[0]);
    expect((await versionOf(t.store.db, "old-record", 2))!.doc).toBe(docs[1]);
  });
});
