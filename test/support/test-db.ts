import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { type Db, openDatabase } from "../../src/store/database.ts";

/** Which engine this run of the storage suite uses. */
export const ENGINE = (process.env.BELTROAD_TEST_ENGINE ?? "sqlite") as "sqlite" | "postgres";

/** True when this run has no database to test against (PostgreSQL absent); suites use `describe.skipIf`. */
export function engineUnavailable(): boolean {
  return ENGINE === "postgres" && !inject("postgresUrl");
}

export interface TestDb {
  readonly store: Db;
  /** Opens another connection to the same database (to check what a fresh process sees). */
  reopen(): Db;
  /** `--db` flag or environment for a CLI run against this database. */
  readonly cliTarget: { args: string[]; env: Record<string, string> };
  drop(): Promise<void>;
}

/**
 * A fresh, empty database on the engine under test: a temporary SQLite file,
 * or a new PostgreSQL database created for this test file and dropped after.
 */
export async function createTestDb(): Promise<TestDb> {
  const name = `beltroad_test_${randomBytes(6).toString("hex")}`;
  if (ENGINE === "sqlite") {
    const file = `/tmp/${name}.db`;
    const store = openDatabase({ sqlite: file });
    return {
      store,
      reopen: () => openDatabase({ sqlite: file }),
      cliTarget: { args: ["--db", file], env: {} },
      async drop() {
        await store.close();
        const { rmSync } = await import("node:fs");
        for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  const admin = inject("postgresUrl");
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const store = openDatabase({ postgres: url.toString() });
  return {
    store,
    reopen: () => openDatabase({ postgres: url.toString() }),
    cliTarget: { args: [], env: { DATABASE_URL: url.toString() } },
    async drop() {
      await store.close();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
