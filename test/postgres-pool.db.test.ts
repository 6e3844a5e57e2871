import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

describe.skipIf(engineUnavailable() || ENGINE !== "postgres")("the PostgreSQL connection pool", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t.drop();
  });

  it("survives the server closing an idle connection: the next query opens a new one", async () => {
    const pid = async () =>
      (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(t.store.db)).rows[0]!.pid;
    const first = await pid();
    // What a server restart or an administrator does to an idle connection (SQLSTATE 57P01), from another session.
    const admin = t.reopen();
    const killed = await sql<{ ok: boolean }>`SELECT pg_terminate_backend(${first}) AS ok`.execute(admin.db);
    await admin.close();
    expect(killed.rows[0]!.ok).toBe(true);
    // Give the pool time to hear of it: an unhandled 'error' event would fail this file.
    await new Promise((r) => setTimeout(r, 300));
    const second = await pid();
    expect(second).not.toBe(first);
  });
});
