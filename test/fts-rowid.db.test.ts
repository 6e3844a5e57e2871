import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { derive } from "../src/core/derive.ts";
import type { AnyRecord } from "../src/core/domain/index.ts";
import { loadDataset, seed } from "../src/services/seed.service.ts";
import { migrateTo, migrateToLatest } from "../src/store/migrate.ts";
import { findRecord, upsertRecord } from "../src/store/record.repository.ts";
import { writeFixture } from "./support/fixture.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

describe.skipIf(engineUnavailable())(`full text kept in step with writes on ${ENGINE}`, () => {
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
  const search = (q: string, kind?: string) =>
    t.store.engine.searchIds(t.store.db, q, 10, kind).then((r) => r.map((x) => x.id));
  const write = async (record: AnyRecord, meta: { workflow?: string } = {}) =>
    t.store.db.transaction().execute((tx) =>
      upsertRecord(tx, t.store.engine, record, derive(record, money.converter), {
        by: "test",
        now: "2026-11-27T00:00:00Z",
        ...meta,
      }),
    );

  it("finds a record by its new text after an update, and no longer by the old", async () => {
    const port = (await findRecord(t.store.db, "test-port"))!;
    await write({ ...port, names: { en: "Quayside Plughmoor", zh: "码头" } } as AnyRecord);
    expect(await search("plughmoor")).toEqual(["test-port"]);
    await write({ ...port, names: { en: "Quayside Zyxwharf", zh: "码头" } } as AnyRecord);
    expect(await search("zyxwharf")).toEqual(["test-port"]);
    expect(await search("plughmoor")).toEqual([]);
    // Other records' entries are untouched.
    expect(await search("xian")).toContain("test-railway");
  });

  it("keeps one entry per record however often it is written", async () => {
    const port = (await findRecord(t.store.db, "test-port"))!;
    for (const n of [1, 2, 3])
      await write({ ...port, names: { en: `Quayside Zyxwharf ${n}`, zh: "码头" } } as AnyRecord);
    const hits = await t.store.engine.searchIds(t.store.db, "zyxwharf", 10);
    expect(hits.map((h) => h.id)).toEqual(["test-port"]);
  });

  it("drops a record that leaves the published state, and finds it again when it returns", async () => {
    const port = (await findRecord(t.store.db, "test-port"))!;
    await write(port, { workflow: "draft" });
    expect(await search("zyxwharf")).toEqual([]);
    await write(port, { workflow: "published" });
    expect(await search("zyxwharf")).toEqual(["test-port"]);
    await t.store.engine.removeTexts(t.store.db, ["test-port"]);
    expect(await search("zyxwharf")).toEqual([]);
  });

  it("ranks title matches above body matches and filters by kind", async () => {
    const hits = await t.store.engine.searchIds(t.store.db, "railway", 10);
    expect(hits[0]?.id).toBe("test-railway");
    expect(hits.every((h, i) => i === 0 || h.rank <= hits[i - 1]!.rank)).toBe(true);
    expect(await search("railway", "agreement")).not.toContain("test-railway");
    const match = t.store.engine.matchTable("railway")!;
    const rows = await sql<{ id: string; rank: number }>`SELECT id, rank FROM ${match} AS m ORDER BY rank DESC`.execute(
      t.store.db,
    );
    expect(rows.rows.map((r) => r.id)).toEqual(hits.map((h) => h.id));
  });
});

describe.skipIf(engineUnavailable())(`migration 0004 on ${ENGINE}`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t.drop();
  });

  it("carries the entries of the old index over, so that search and later writes work on them", async () => {
    expect((await migrateTo(t.store, "0003-governance")).error).toBeUndefined();
    const dir = writeFixture();
    const { records, money } = loadDataset(dir);
    // Rows as the code before 0004 wrote them (the old index: keyed by id).
    const old = records.filter((r) => r.id === "test-port" || r.id === "test-railway");
    for (const record of old) {
      const d = derive(record, money.converter);
      await t.store.db
        .insertInto("records")
        .values({
          id: record.id,
          kind: record.kind,
          name_en: d.nameEn,
          name_zh: d.nameZh,
          name_sort: d.nameSort,
          record_type: d.recordType,
          status: d.status,
          connectivity: d.connectivity,
          start_year: d.startYear,
          end_year: d.endYear,
          committed_usd_constant: d.committedUsdConstant,
          unconverted_transactions: d.unconvertedTransactions,
          source_count: record.sources.length,
          doc: JSON.stringify(record),
          version: 1,
          created_at: "2026-01-01",
          updated_at: "2026-01-01",
        })
        .execute();
      if (ENGINE === "sqlite")
        await sql`INSERT INTO records_fts (id, kind, title, body) VALUES (${record.id}, ${record.kind}, ${d.searchTitle}, ${d.searchBody})`.execute(
          t.store.db,
        );
      else
        await sql`INSERT INTO records_fts (id, kind, tsv) VALUES (${record.id}, ${record.kind}, setweight(to_tsvector('simple', ${d.searchTitle}), 'A') || setweight(to_tsvector('simple', ${d.searchBody}), 'B'))`.execute(
          t.store.db,
        );
    }
    expect((await migrateToLatest(t.store)).error).toBeUndefined();
    const search = (q: string) => t.store.engine.searchIds(t.store.db, q, 10).then((r) => r.map((x) => x.id));
    expect(await search("test port")).toEqual(["test-port"]);
    expect(await search("铁路")).toEqual(["test-railway"]);
    expect(await search("测试港")).toEqual(["test-port"]);
    // The whole dataset written over them: the carried entries are replaced, not duplicated.
    await seed(t.store, dir);
    expect(await search("test port")).toEqual(["test-port"]);
    const port = (await findRecord(t.store.db, "test-port"))!;
    const renamed = { ...port, names: { en: "Renamed Qwertyquay", zh: "码头" } } as AnyRecord;
    await t.store.db.transaction().execute((tx) =>
      upsertRecord(tx, t.store.engine, renamed, derive(renamed, money.converter), {
        by: "test",
        now: "2026-11-27T00:00:00Z",
      }),
    );
    expect(await search("qwertyquay")).toEqual(["test-port"]);
    expect(await search("测试港")).toEqual([]);
  });
});
