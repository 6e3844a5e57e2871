import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { startCheckpointer, withBackgroundCheckpoints } from "../src/store/checkpointer.ts";
import { type Db, openDatabase } from "../src/store/database.ts";

const dirs: string[] = [];
const stores: Db[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function fileStore(): Promise<Db> {
  const dir = mkdtempSync(join(tmpdir(), "beltroad-checkpoint-"));
  dirs.push(dir);
  const store = openDatabase({ sqlite: join(dir, "test.db") });
  stores.push(store);
  await sql`CREATE TABLE pages (n integer PRIMARY KEY, body text NOT NULL)`.execute(store.db);
  return store;
}

const autocheckpoint = async (store: Db) =>
  Number(
    (await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(store.db)).rows[0]
      ?.wal_autocheckpoint,
  );

/** Frames in the log and frames of it copied into the database, from the writer's connection. */
async function logState(store: Db) {
  const row = (
    await sql<{ busy: number; log: number; checkpointed: number }>`PRAGMA wal_checkpoint(PASSIVE)`.execute(store.db)
  ).rows[0]!;
  return { log: Number(row.log), checkpointed: Number(row.checkpointed) };
}

/** `count` transactions of about 1 MB each, pausing now and then as an import waiting for its reader would. */
async function writeMegabytes(store: Db, count: number, from = 0) {
  const body = "x".repeat(100_000);
  for (let t = 0; t < count; t++) {
    await store.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 10; i++)
        await sql`INSERT INTO pages (n, body) VALUES (${from + t * 10 + i}, ${body})`.execute(tx);
    });
    if (t % 5 === 4) await new Promise((r) => setTimeout(r, 40));
  }
}

describe("background checkpoints", () => {
  it("turn the writer's own checkpoints off while the write runs, checkpoint on another thread, and put it all back", async () => {
    const store = await fileStore();
    expect(await autocheckpoint(store)).toBe(1000);
    const { result, stats } = await withBackgroundCheckpoints(store, async () => {
      expect(await autocheckpoint(store)).toBe(0);
      await writeMegabytes(store, 40);
      return "written";
    });
    expect(result).toBe("written");
    // Checkpoints ran while writing (the pauses give the 20 ms timer its turns), plus the last one.
    expect(stats?.error).toBeUndefined();
    expect(stats?.checkpoints).toBeGreaterThan(2);
    expect(await autocheckpoint(store)).toBe(1000);
    // The last checkpoint copied every committed page into the database file.
    const state = await logState(store);
    expect(state.checkpointed).toBe(state.log);
    expect(statSync(store.sqliteFile!).size).toBeGreaterThan(40_000_000);
    // The log was restarted as checkpoints caught up: it never held the 40 MB written.
    expect(statSync(`${store.sqliteFile}-wal`).size).toBeLessThan(36_000_000);
    const count = await sql<{ n: number }>`SELECT count(*) AS n FROM pages`.execute(store.db);
    expect(Number(count.rows[0]!.n)).toBe(400);
  });

  it("put the writer's setting back when the write fails, and pass the failure on", async () => {
    const store = await fileStore();
    await sql`PRAGMA wal_autocheckpoint = 500`.execute(store.db);
    await expect(
      withBackgroundCheckpoints(store, async () => {
        await writeMegabytes(store, 2);
        throw new Error("the import failed");
      }),
    ).rejects.toThrow("the import failed");
    expect(await autocheckpoint(store)).toBe(500);
    const state = await logState(store);
    expect(state.checkpointed).toBe(state.log);
  });

  it("share one thread between overlapping writes on one database; the last to finish stops it", async () => {
    const store = await fileStore();
    let releaseFirst = () => {};
    const firstMayEnd = new Promise<void>((r) => {
      releaseFirst = r;
    });
    const first = withBackgroundCheckpoints(store, async () => {
      await writeMegabytes(store, 3);
      await firstMayEnd;
      return 1;
    });
    const second = await withBackgroundCheckpoints(store, async () => {
      await writeMegabytes(store, 3, 1000);
      expect(await autocheckpoint(store)).toBe(0);
      return 2;
    });
    // The first is still writing: the thread goes on, the setting stays off.
    expect(second).toEqual({ result: 2, stats: undefined });
    expect(await autocheckpoint(store)).toBe(0);
    releaseFirst();
    const done = await first;
    expect(done.result).toBe(1);
    expect(done.stats?.checkpoints).toBeGreaterThan(0);
    expect(await autocheckpoint(store)).toBe(1000);
  });

  it("leave in-memory databases alone", async () => {
    const store = openDatabase({ sqlite: ":memory:" });
    stores.push(store);
    expect(store.sqliteFile).toBeUndefined();
    const before = await autocheckpoint(store);
    const out = await withBackgroundCheckpoints(store, async () => autocheckpoint(store));
    expect(out).toEqual({ result: before, stats: undefined });
  });

  it("hand checkpoints back to the writer during the write when the thread fails", async () => {
    const store = await fileStore();
    // The thread is pointed at a file it cannot open; the writer's own connection is fine.
    const broken: Db = { ...store, sqliteFile: join(tmpdir(), "beltroad-no-such-dir", "missing.db") };
    const { result, stats } = await withBackgroundCheckpoints(broken, async () => {
      await expect.poll(() => autocheckpoint(store), { timeout: 10_000 }).toBe(1000);
      await writeMegabytes(store, 3);
      return "written";
    });
    expect(result).toBe("written");
    expect(stats?.error).toMatch(/unable to open|does not exist|directory/i);
    expect(await autocheckpoint(store)).toBe(1000);
  });

  it("report a database the thread cannot open instead of failing the write", async () => {
    const stats = await startCheckpointer(join(tmpdir(), "beltroad-no-such-dir", "missing.db")).stop();
    expect(stats.error).toMatch(/unable to open|does not exist|directory/i);
    expect(stats.checkpoints).toBe(0);
  });
});
