import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/http/app.ts";
import { seed } from "../src/services/seed.service.ts";
import { FIXTURE_STATS, writeFixture } from "./support/fixture.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

describe.skipIf(engineUnavailable())(`HTTP on ${ENGINE}`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seed(t.store, writeFixture());
  });
  afterAll(async () => {
    await t.drop();
  });

  it("answers /healthz", async () => {
    const res = await createApp(t.store).request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, engine: ENGINE });
  });

  it("serves the headline figures", async () => {
    const res = await createApp(t.store).request("/api/v1/stats");
    expect(((await res.json()) as { stats: unknown }).stats).toEqual(FIXTURE_STATS);
  });

  it("answers unknown paths with a JSON error, never a stack trace", async () => {
    const res = await createApp(t.store).request("/api/v1/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "not_found", message: "no route for GET /api/v1/nope", details: null },
    });
  });
});
