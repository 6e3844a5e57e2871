import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { type Engine, postgresEngine, sqliteEngine } from "./engine.ts";
import type { Database } from "./schema.ts";

/** An open database: the Kysely instance and the engine's capabilities. */
export interface Db {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /** Where it lives, for messages: a file path, or the URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

/** `{ sqlite: "file.db" }` (":memory:" works) or `{ postgres: "postgres://…" }`. */
export type DbTarget = { readonly sqlite: string } | { readonly postgres: string };

// PostgreSQL returns int8 (count, sum of integers) as strings; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/**
 * Opens the database named by `target`.
 *
 * @example
 *   const store = openDatabase({ sqlite: "beltroad.db" });
 *   await store.close();
 */
export function openDatabase(target: DbTarget): Db {
  if ("sqlite" in target) {
    if (target.sqlite !== ":memory:") mkdirSync(dirname(target.sqlite), { recursive: true });
    const database = new SqliteDatabase(target.sqlite);
    database.pragma("journal_mode = WAL");
    database.pragma("foreign_keys = ON");
    database.pragma("synchronous = NORMAL");
    database.pragma("busy_timeout = 5000");
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
    return { db, engine: sqliteEngine, location: target.sqlite, close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: target.postgres, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: postgresEngine, location: redactUrl(target.postgres), close: () => db.destroy() };
}

/** The URL with any password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable database URL)";
  }
}
