import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../src/core/errors.ts";
import { seed } from "../src/services/seed.service.ts";
import { headlineStats } from "../src/services/stats.service.ts";
import { countByKind, findRecord } from "../src/store/record.repository.ts";
import { FIXTURE_STATS, writeFixture } from "./support/fixture.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

async function snapshot(t: TestDb) {
  const db = t.store.db;
  const tables = ["records", "record_countries", "transactions", "freight_statistics", "record_versions"] as const;
  const out: Record<string, unknown> = {};
  for (const table of tables) {
    out[table] = await db.selectFrom(table).selectAll().execute();
  }
  return JSON.parse(JSON.stringify(out, (_k, v) => (typeof v === "number" ? Math.round(v * 1e6) / 1e6 : v)));
}

async function seedError(t: TestDb, dir: string): Promise<AppError> {
  try {
    await seed(t.store, dir);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("seed did not fail");
}

describe.skipIf(engineUnavailable())(`seed on ${ENGINE}`, () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(async () => {
    await t.drop();
  });

  it("loads every record and statistic, and a second run changes nothing", async () => {
    const dir = writeFixture();
    const first = await seed(t.store, dir);
    expect(first.records).toEqual({ inserted: 12, updated: 0, unchanged: 0 });
    expect(first.statistics).toEqual({ inserted: 5, updated: 0, unchanged: 0 });
    expect(first.unconverted).toEqual([
      { record: "test-port", transaction: 1, reason: "no KES exchange rate for 2021" },
    ]);
    const before = await snapshot(t);
    const second = await seed(t.store, dir);
    expect(second.records).toEqual({ inserted: 0, updated: 0, unchanged: 12 });
    expect(second.statistics).toEqual({ inserted: 0, updated: 0, unchanged: 5 });
    expect(await snapshot(t)).toEqual(before);
  });

  it("computes the headline figures from the records", async () => {
    await seed(t.store, writeFixture());
    expect(await headlineStats(t.store)).toEqual(FIXTURE_STATS);
  });

  it("keeps a new version with the old one when a record changes", async () => {
    await seed(t.store, writeFixture());
    const dir = writeFixture((f) => {
      const projects = f["projects/projects.json"] as Array<{ id: string; names: { en: string } }>;
      projects[1]!.names.en = "Test Port (renamed)";
    });
    const report = await seed(t.store, dir);
    expect(report.records.updated).toBe(1);
    const port = await findRecord(t.store.db, "test-port");
    expect(port).toMatchObject({ version: 2, names: { en: "Test Port (renamed)" } });
    const versions = await t.store.db
      .selectFrom("record_versions")
      .select("version")
      .where("record_id", "=", "test-port")
      .execute();
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
  });

  it("stops on a missing source, naming file, record and field, and leaves the database as it was", async () => {
    await seed(t.store, writeFixture());
    const before = await snapshot(t);
    const dir = writeFixture((f) => {
      const projects = f["projects/projects.json"] as Array<Record<string, unknown>>;
      projects[0]!.sources = [];
      projects[1]!.names = { en: "Changed, but must not be written", zh: "改" };
    });
    const err = await seedError(t, dir);
    expect(err.code).toBe("invalid_dataset");
    expect((err.details as { issues: unknown[] }).issues).toContainEqual({
      file: expect.stringContaining("projects/projects.json"),
      record: "test-railway",
      field: "sources",
      message: "every record needs at least one source",
    });
    expect(await snapshot(t)).toEqual(before);
  });

  it("stops on an unknown code and on malformed JSON, naming where", async () => {
    const badCode = writeFixture((f) => {
      const projects = f["projects/projects.json"] as Array<{ sectors: Array<{ code: string }> }>;
      projects[0]!.sectors[0]!.code = "99999";
    });
    const e1 = await seedError(t, badCode);
    expect((e1.details as { issues: unknown[] }).issues).toContainEqual(
      expect.objectContaining({
        record: "test-railway",
        field: "sectors[0].code",
        message: "not a code of the IATI Sector codelist",
      }),
    );
    const badJson = writeFixture();
    writeFileSync(join(badJson, "agreements/agreements.json"), '[{"id": "x",\n  "kind": }]');
    const e2 = await seedError(t, badJson);
    expect((e2.details as { issues: Array<{ file: string; message: string }> }).issues[0]).toMatchObject({
      file: expect.stringContaining("agreements/agreements.json"),
      message: expect.stringMatching(/not valid JSON: .* line 2/),
    });
    // nothing was written, not even the schema's tables' rows
    const counts = await countByKind(t.store.db).catch(() => ({}));
    expect(counts).toEqual({});
  });

  it("rejects a reference to a record that does not exist and a missing money table", async () => {
    const dangling = writeFixture((f) => {
      const projects = f["projects/projects.json"] as Array<{ participants: Array<{ partner: string }> }>;
      projects[0]!.participants[0]!.partner = "no-such-bank";
    });
    const e1 = await seedError(t, dangling);
    expect((e1.details as { issues: unknown[] }).issues).toContainEqual(
      expect.objectContaining({ field: "participants[0].partner", message: 'refers to unknown record "no-such-bank"' }),
    );
    const noMoney = writeFixture();
    rmSync(join(noMoney, "money/deflator.json"));
    const e2 = await seedError(t, noMoney);
    expect((e2.details as { issues: Array<{ file: string }> }).issues[0]?.file).toContain("money/deflator.json");
  });

  it("rolls back every write when the database fails half-way", async () => {
    await seed(t.store, writeFixture());
    const before = await snapshot(t);
    // Make the database itself refuse one row, after other rows of the same run were written.
    if (ENGINE === "sqlite") {
      await sql`CREATE TRIGGER refuse BEFORE UPDATE ON records WHEN NEW.id = 'test-workshops' BEGIN SELECT RAISE(ABORT, 'refused by test'); END`.execute(
        t.store.db,
      );
    } else {
      await sql`CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN IF NEW.id = 'test-workshops' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`.execute(
        t.store.db,
      );
      await sql`CREATE TRIGGER refuse BEFORE UPDATE ON records FOR EACH ROW EXECUTE FUNCTION refuse()`.execute(
        t.store.db,
      );
    }
    const dir = writeFixture((f) => {
      for (const file of ["projects/projects.json", "programmes/programmes.json"]) {
        for (const r of f[file] as Array<{ tags?: string[] }>) r.tags = ["changed"];
      }
    });
    await expect(seed(t.store, dir)).rejects.toThrow(/refused by test/);
    expect(await snapshot(t)).toEqual(before);
  });
});
