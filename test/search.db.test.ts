import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../src/services/seed.service.ts";
import { writeFixture } from "./support/fixture.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

describe.skipIf(engineUnavailable())(`full-text search on ${ENGINE}`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seed(t.store, writeFixture());
  });
  afterAll(async () => {
    await t.drop();
  });
  const search = (q: string, kind?: string) =>
    t.store.engine.searchIds(t.store.db, q, 10, kind).then((r) => r.map((x) => x.id));

  it("matches names ignoring case, accents and apostrophes", async () => {
    expect(await search("xian")).toContain("test-railway");
    expect(await search("XI'AN")).toContain("test-railway");
    expect(await search("Xi’an railway")).toEqual(["test-railway"]);
  });
  it("matches prefixes and descriptions", async () => {
    expect(await search("fictio")).toEqual(["test-railway"]);
    expect(await search("test port")).toEqual(["test-port"]);
  });
  it("matches Chinese names by their characters", async () => {
    expect(await search("铁路")).toEqual(["test-railway"]);
    expect(await search("测试港")).toEqual(["test-port"]);
  });
  it("filters by kind and finds nothing for nonsense or pure punctuation", async () => {
    expect(await search("test", "agreement")).toEqual(expect.arrayContaining(["mou-lao", "mou-ita"]));
    expect(await search("zzzqqq")).toEqual([]);
    expect(await search('"*:&|')).toEqual([]);
  });
});
