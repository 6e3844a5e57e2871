import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import { type Engine, postgresEngine, sqliteEngine } from "./engine.ts";
import type { Database } from "./schema.ts";

/** An open database: the Kysely instance and the engine's capabilities. */
export interface Db {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /** Where it lives, for messages: a file path, or the URL without its password. */
  readonly location: string;
  /** The SQLite database's file; absent for PostgreSQL and in-memory databases. */
  readonly sqliteFile?: string;
  close(): Promise<void>;
}

/** `{ sqlite: "file.db" }` (":memory:" works) or `{ postgres: "postgres://…" }`. */
export type DbTarget = { readonly sqlite: string } | { readonly postgres: string };

/**
 * The `pg` driver, loaded when a PostgreSQL database is first opened (about 0.1 s that SQLite users
 * and every command's start-up do without). PostgreSQL returns int8 (count, sum of integers) and
 * numeric as strings; our counts and sums fit in a double.
 */
let driver: Promise<typeof import("pg").default> | undefined;
function loadPg() {
  driver ??= import("pg").then(({ default: pg }) => {
    pg.types.setTypeParser(20, (v) => Number(v));
    pg.types.setTypeParser(1700, (v) => Number(v));
    return pg;
  });
  return driver;
}

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
    const database = configureSqlite(new SqliteDatabase(target.sqlite));
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(database) }) });
    const file = target.sqlite === ":memory:" || target.sqlite === "" ? {} : { sqliteFile: target.sqlite };
    return { db, engine: sqliteEngine, location: target.sqlite, ...file, close: () => db.destroy() };
  }
  const connectionString = target.postgres;
  const pool = async () => {
    const created = new (await loadPg()).Pool({ connectionString, max: 10 });
    // An idle connection that the server closes (a restart, an administrator, a dropped database) is an
    // 'error' event on the pool, which would crash the process unheard; the pool drops that connection and
    // the next query opens a new one, so there is nothing else to do.
    created.on("error", () => undefined);
    return created;
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: postgresEngine, location: redactUrl(target.postgres), close: () => db.destroy() };
}

/**
 * Sets a SQLite connection up as every Beltroad connection is: write-ahead log, foreign keys, NORMAL
 * sync, a 5 s busy timeout and 64 MiB of page cache (default 2 MiB: a large write transaction, an
 * import batch, stays in memory until it commits). Returns the connection.
 */
export function configureSqlite(database: SqliteDatabase.Database): SqliteDatabase.Database {
  database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  database.pragma("synchronous = NORMAL");
  database.pragma("busy_timeout = 5000");
  database.pragma("cache_size = -65536");
  return database;
}

/** Prepared statements kept per SQL text: how many. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * The database as Kysely's SQLite driver sees it, except that `prepare` hands
 * back a statement already compiled for the same SQL text when there is one
 * not in use. Kysely prepares every query afresh; for the multi-row INSERTs of
 * imports (thousands of parameters) compiling cost more than running.
 */
function reusingStatements(database: SqliteDatabase.Database) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare(text: string): SqliteDatabase.Statement {
      const cached = cache.get(text);
      // A statement still being iterated (a streamed query) cannot run twice at once.
      if (cached !== undefined && !cached.busy) {
        // Most recently used last, so the first key is the one to drop.
        cache.delete(text);
        cache.set(text, cached);
        return cached;
      }
      const statement = database.prepare(text);
      if (cached === undefined) {
        cache.set(text, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
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
