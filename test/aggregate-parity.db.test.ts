import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aggregateRecords } from "../src/services/aggregate.service.ts";
import { DEFAULT_DATA_DIR } from "../src/services/data-files.ts";
import { seed } from "../src/services/seed.service.ts";
import { AGGREGATE_BY, MEASURES } from "../src/store/aggregate.repository.ts";
import type { RecordFilter } from "../src/store/query.repository.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

const FILTERS: Array<Omit<RecordFilter, "kind">> = [
  {},
  { country: ["LAO"] },
  { country: ["KEN", "ETH", "DJI"] },
  { sector: ["21030"] },
  { status: ["3"] },
  { connectivity: 4 },
  { type: ["rail", "port"] },
  { from: 2013, to: 2018 },
  { q: "railway" },
  { partner: ["china-exim-bank"] },
  { tag: ["flagship"] },
  { country: ["PAK"], status: ["3"], q: "power" },
];

/** The in-memory facet index must give exactly what the SQL path gives, on every engine. */
describe.skipIf(engineUnavailable())(`aggregates: facet index = SQL on ${ENGINE}`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seed(t.store, DEFAULT_DATA_DIR);
  }, 120_000);
  afterAll(async () => {
    await t.drop();
  });

  for (const of of ["projects", "agreements", "programmes"]) {
    it(`agrees for ${of}, every grouping, measure and filter`, async () => {
      for (const by of AGGREGATE_BY) {
        for (const measure of MEASURES) {
          for (const f of FILTERS) {
            const filter = { kind: "project" as const, ...f };
            const a = await aggregateRecords(t.store, of, filter, by, measure, "index");
            const b = await aggregateRecords(t.store, of, filter, by, measure, "sql");
            const label = `${of} by ${by} ${measure} ${JSON.stringify(f)}`;
            expect(
              a.data.map((d) => d.key),
              label,
            ).toEqual(b.data.map((d) => d.key));
            a.data.forEach((d, i) => expect(d.value, `${label} ${d.key}`).toBeCloseTo(b.data[i]!.value, 3));
          }
        }
      }
    }, 120_000);
  }

  it("sees a change to the data", async () => {
    const before = await aggregateRecords(t.store, "projects", { kind: "project" }, "kind", "count");
    await t.store.db
      .updateTable("records")
      .set({ connectivity: 4, updated_at: "2999-01-01T00:00:00.000Z" })
      .where("id", "=", "china-laos-railway")
      .execute();
    const after = await aggregateRecords(t.store, "projects", { kind: "project" }, "kind", "count");
    const heart = (r: typeof before) => r.data.find((d) => d.key === "heart")!.value;
    expect(heart(after)).toBe(heart(before) + 1);
  });
});
