import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { derive } from "../src/core/derive.ts";
import type { AnyRecord } from "../src/core/domain/index.ts";
import { AppError } from "../src/core/errors.ts";
import { loadDataset } from "../src/services/seed.service.ts";
import { verifyAuditChain } from "../src/store/audit.repository.ts";
import type { Db } from "../src/store/database.ts";
import { migrateToLatest } from "../src/store/migrate.ts";
import { upsertRecord, upsertRecords, type WriteMeta } from "../src/store/record.repository.ts";
import { writeFixture } from "./support/fixture.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

/** Every row a record write touches, in a stable order. */
async function snapshot(store: Db) {
  const db = store.db;
  return {
    records: await db.selectFrom("records").selectAll().orderBy("id").execute(),
    versions: await db.selectFrom("record_versions").selectAll().orderBy("record_id").orderBy("version").execute(),
    countries: await db.selectFrom("record_countries").selectAll().orderBy("record_id").orderBy("country").execute(),
    sectors: await db.selectFrom("record_sectors").selectAll().orderBy("record_id").orderBy("sector").execute(),
    tags: await db.selectFrom("record_tags").selectAll().orderBy("record_id").orderBy("tag").execute(),
    participants: await db
      .selectFrom("record_participants")
      .selectAll()
      .orderBy("record_id")
      .orderBy("partner_id")
      .orderBy("role")
      .execute(),
    transactions: await db.selectFrom("transactions").selectAll().orderBy("record_id").orderBy("seq").execute(),
    audit: await db.selectFrom("audit_log").selectAll().orderBy("seq").execute(),
    search: await Promise.all(
      ["test", "railway", "铁路", "china", "port"].map((q) => store.engine.searchIds(db, q, 50)),
    ),
  };
}

describe.skipIf(engineUnavailable())(`upsertRecords on ${ENGINE}`, () => {
  let one: TestDb;
  let many: TestDb;
  const { records, money } = loadDataset(writeFixture());
  const writes = (list: readonly AnyRecord[]) =>
    list.map((record) => ({ record, derived: derive(record, money.converter) }));
  const meta = (now: string): WriteMeta => ({ by: "test", now, note: "batch test" });
  const singly = (store: Db, list: readonly AnyRecord[], m: WriteMeta) =>
    store.db.transaction().execute(async (tx) => {
      const out = [];
      for (const w of writes(list)) out.push(await upsertRecord(tx, store.engine, w.record, w.derived, m));
      return out;
    });
  const batched = (store: Db, list: readonly AnyRecord[], m: WriteMeta) =>
    store.db.transaction().execute((tx) => upsertRecords(tx, store.engine, writes(list), m));

  beforeAll(async () => {
    one = await createTestDb();
    many = await createTestDb();
    await migrateToLatest(one.store);
    await migrateToLatest(many.store);
  });
  afterAll(async () => {
    await one.drop();
    await many.drop();
  });

  it("writes what the same records written one at a time write: rows, versions, facets, full text, audit", async () => {
    const a = await singly(one.store, records, meta("2026-11-27T01:00:00.000Z"));
    const b = await batched(many.store, records, meta("2026-11-27T01:00:00.000Z"));
    expect(b).toEqual(a);
    expect(new Set(b)).toEqual(new Set(["inserted"]));
    expect(await snapshot(many.store)).toEqual(await snapshot(one.store));
    expect(await verifyAuditChain(many.store.db)).toMatchObject({ ok: true, entries: records.length });
  });

  it("agrees on unchanged, updated and repeated records in one batch", async () => {
    const [first, second] = records.filter((r) => r.kind === "project");
    const renamed = (r: AnyRecord, en: string) => ({ ...r, names: { ...r.names, en } }) as AnyRecord;
    const list = [first!, renamed(second!, "Renamed once"), renamed(second!, "Renamed twice"), second!];
    const a = await singly(one.store, list, meta("2026-11-27T02:00:00.000Z"));
    const b = await batched(many.store, list, meta("2026-11-27T02:00:00.000Z"));
    expect(a).toEqual(["unchanged", "updated", "updated", "updated"]);
    expect(b).toEqual(a);
    expect(await snapshot(many.store)).toEqual(await snapshot(one.store));
    const versions = await many.store.db
      .selectFrom("record_versions")
      .select("version")
      .where("record_id", "=", second!.id)
      .orderBy("version")
      .execute();
    expect(versions.map((v) => Number(v.version))).toEqual([1, 2, 3, 4]);
    expect(await verifyAuditChain(many.store.db)).toMatchObject({ ok: true });
  });

  it("applies If-Match to every record and writes nothing of a stale batch", async () => {
    const before = await snapshot(many.store);
    const err = await batched(many.store, records.slice(0, 3), {
      ...meta("2026-11-27T03:00:00.000Z"),
      expectedVersion: 7,
    })
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("precondition_failed");
    expect(await snapshot(many.store)).toEqual(before);
  });

  it("splits batches larger than one statement's bound parameters", async () => {
    const template = records.find((r) => r.kind === "partner" && r.id === "test-bank")!;
    const clones = Array.from(
      { length: 2500 },
      (_, i) => ({ ...template, id: `bulk-partner-${i}`, names: { en: `Bulk Partner ${i}`, zh: "测试" } }) as AnyRecord,
    );
    const outcomes = await batched(many.store, clones, meta("2026-11-27T04:00:00.000Z"));
    expect(outcomes.filter((o) => o === "inserted")).toHaveLength(2500);
    const count = await many.store.db
      .selectFrom("record_versions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("record_id", "like", "bulk-partner-%")
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2500);
    expect((await many.store.engine.searchIds(many.store.db, "bulk partner 2499", 5)).map((h) => h.id)).toEqual([
      "bulk-partner-2499",
    ]);
    expect(await verifyAuditChain(many.store.db)).toMatchObject({ ok: true });
  });
});
