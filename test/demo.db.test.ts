import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR } from "../src/services/data-files.ts";
import { seed } from "../src/services/seed.service.ts";
import { type HeadlineStats, headlineStats } from "../src/services/stats.service.ts";
import { openDatabase } from "../src/store/database.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

/** The real demo dataset, seeded into the engine under test. */
describe.skipIf(engineUnavailable())(`demo dataset on ${ENGINE}`, () => {
  let t: TestDb;
  let stats: HeadlineStats;
  beforeAll(async () => {
    t = await createTestDb();
    const report = await seed(t.store, DEFAULT_DATA_DIR);
    expect(report.unconverted).toEqual([]);
    stats = await headlineStats(t.store);
  }, 120_000);
  afterAll(async () => {
    await t.drop();
  });

  it("gives headline figures that match the records", () => {
    expect(stats.projects).toBeGreaterThanOrEqual(60);
    expect(stats.cooperationCountries).toBeGreaterThanOrEqual(140);
    expect(stats.partnerCountries).toBeGreaterThanOrEqual(stats.cooperationCountries);
    expect(stats.committedUsdConstant).toBeGreaterThan(0);
    expect(stats.freightTripsByYear["2024"]).toBe(19392);
    expect(stats.freightTripsByYear["2013"]).toBe(80);
  });

  it.runIf(ENGINE === "postgres")(
    "gives the same figures on PostgreSQL as on SQLite",
    async () => {
      const sqlite = openDatabase({ sqlite: ":memory:" });
      try {
        await seed(sqlite, DEFAULT_DATA_DIR);
        expect(stats).toEqual(await headlineStats(sqlite));
      } finally {
        await sqlite.close();
      }
    },
    120_000,
  );
});
