import { CompiledQuery, type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import { ftsQueryTerms } from "../core/text.ts";
import type { Database } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** The searchable text of one record. */
export interface TextEntry {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly body: string;
}

/**
 * Bound parameters per statement for batched writes: under SQLite's 32,766
 * (and PostgreSQL's 65,535), so one limit serves both engines.
 */
export const MAX_PARAMETERS = 32_000;

/** `rows` cut into slices of at most `MAX_PARAMETERS / columns` rows (one multi-row statement each). */
export function* parameterChunks<T>(rows: readonly T[], columns: number): Generator<T[]> {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/** A column value as the drivers of both engines bind it. */
export type Value = string | number | null;

const statements = new Map<string, string>();

/**
 * Inserts `rows` (values in `columns` order) with multi-row INSERTs whose SQL
 * is written once per shape and cached, not built by the query builder: the
 * hot path of imports and seeding. `tail` follows the VALUES list (ON
 * CONFLICT…, RETURNING…); the rows RETURNING gives are returned.
 *
 * @example
 *   await insertRows(tx, engine, "record_tags", ["record_id", "tag"], [["a", "rail"], ["b", "port"]]);
 */
export async function insertRows(
  db: Db,
  engine: Engine,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<readonly Value[]>,
  tail = "",
): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  for (const chunk of parameterChunks(rows, columns.length)) {
    const key = `${engine.name}|${table}|${columns.join(",")}|${chunk.length}|${tail}`;
    let text = statements.get(key);
    if (text === undefined) {
      let n = 0;
      const tuple = () => `(${columns.map(() => engine.placeholder(++n)).join(", ")})`;
      const values = Array.from({ length: chunk.length }, tuple).join(", ");
      text = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${values} ${tail}`;
      if (statements.size > 500) statements.clear();
      statements.set(key, text);
    }
    // Absent optional values (JSON drops undefined) bind as NULL, as the query builder's DEFAULT would.
    const params = chunk.flat().map((v) => v ?? null);
    const result = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, params));
    for (const row of result.rows) out.push(row);
  }
  return out;
}

/**
 * Everything that differs between SQLite and PostgreSQL, in one place.
 * Repositories and migrations call these; nothing else asks which engine runs.
 */
export interface Engine {
  readonly name: "sqlite" | "postgres";
  /** The `n`th (1-based) bound parameter in hand-written SQL: `?` or `$n`. */
  placeholder(n: number): string;
  /** Creates the full-text index over record titles and bodies as migration 0001 defined it (keyed by record id). */
  createFullTextIndex(db: Kysely<unknown>): Promise<void>;
  /** Migration 0004: re-keys the full-text index so that writes find a record's entry without a scan. */
  rekeyFullTextIndex(db: Kysely<unknown>): Promise<void>;
  /** Replaces the indexed text of records (each id at most once; the records rows must exist). */
  indexTexts(db: Db, entries: readonly TextEntry[]): Promise<void>;
  /** Drops records from the full-text index (ids not in it are ignored). */
  removeTexts(db: Db, ids: readonly string[]): Promise<void>;
  /** Ids matching every term of `q` (prefix match), best first. */
  searchIds(db: Db, q: string, limit: number, kind?: string): Promise<Array<{ id: string; rank: number }>>;
  /**
   * A derived table `(id, rank)` of the records matching `q` (higher rank is better), to join in list queries;
   * undefined when `q` has no searchable term.
   */
  matchTable(q: string): RawBuilder<{ id: string; rank: number }> | undefined;
}

type Match = RawBuilder<{ id: string; rank: number }>;

/** The best `limit` rows of a match table, best first (ties by id, so pages are stable). */
async function topIds(db: Db, table: Match | undefined, limit: number) {
  if (!table) return [];
  const rows = await sql<{ id: string; rank: number }>`
    SELECT id, rank FROM ${table} AS m ORDER BY rank DESC, id LIMIT ${limit}`.execute(db);
  return rows.rows.map((r) => ({ id: r.id, rank: Number(r.rank) }));
}

const SQLITE_FTS_OPTIONS = sql.raw("tokenize = 'unicode61 remove_diacritics 2'");

/**
 * SQLite: an FTS5 table whose rowid is the record's rowid in `records`, so a
 * write replaces its entry by rowid (a b-tree lookup) instead of searching
 * the index for the id. Contentless (the text is kept in `records.doc`
 * already), but the id and kind are stored to answer searches without a join.
 * Needs SQLite 3.48+ (better-sqlite3 12 ships 3.5x). Never rename the table: see rekeyFullTextIndex.
 */
export const sqliteEngine: Engine = {
  name: "sqlite",
  placeholder: () => "?",
  async createFullTextIndex(db) {
    await sql`CREATE VIRTUAL TABLE records_fts USING fts5(id UNINDEXED, kind UNINDEXED, title, body, ${SQLITE_FTS_OPTIONS})`.execute(
      db,
    );
  },
  async rekeyFullTextIndex(db) {
    // Carried through a temporary table: SQLite 3.53 does not rename a contentless_unindexed table's
    // content shadow table, so the new table is made under its final name.
    await sql`CREATE TEMP TABLE records_fts_carry AS
      SELECT r.rowid AS record_rowid, f.id, f.kind, f.title, f.body FROM records_fts f JOIN records r ON r.id = f.id`.execute(
      db,
    );
    await sql`DROP TABLE records_fts`.execute(db);
    await sql`CREATE VIRTUAL TABLE records_fts USING fts5(id UNINDEXED, kind UNINDEXED, title, body,
      content = '', contentless_delete = 1, contentless_unindexed = 1, ${SQLITE_FTS_OPTIONS})`.execute(db);
    await sql`INSERT OR REPLACE INTO records_fts (rowid, id, kind, title, body)
      SELECT record_rowid, id, kind, title, body FROM temp.records_fts_carry`.execute(db);
    await sql`DROP TABLE temp.records_fts_carry`.execute(db);
  },
  async indexTexts(db, entries) {
    // OR REPLACE: an update overwrites the entry at the record's rowid.
    for (const chunk of parameterChunks(entries, 5)) {
      const tuple = "((SELECT rowid FROM records WHERE id = ?), ?, ?, ?, ?)";
      const text = `INSERT OR REPLACE INTO records_fts (rowid, id, kind, title, body) VALUES ${Array(chunk.length).fill(tuple).join(", ")}`;
      await db.executeQuery(
        CompiledQuery.raw(
          text,
          chunk.flatMap((e) => [e.id, e.id, e.kind, e.title, e.body]),
        ),
      );
    }
  },
  async removeTexts(db, ids) {
    for (const chunk of parameterChunks(ids, 1))
      await sql`DELETE FROM records_fts WHERE rowid IN (SELECT rowid FROM records WHERE id IN (${sql.join(chunk)}))`.execute(
        db,
      );
  },
  searchIds: (db, q, limit, kind) => topIds(db, sqliteMatch(q, kind), limit),
  matchTable: (q) => sqliteMatch(q),
};

// bm25 weights: id 0, kind 0, title 10, body 1; negated so that higher is better on both engines.
function sqliteMatch(q: string, kind?: string): Match | undefined {
  const terms = ftsQueryTerms(q);
  if (terms.length === 0) return undefined;
  const match = terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(" AND ");
  const byKind = kind ? sql`AND kind = ${kind}` : sql``;
  return sql`(SELECT id, -bm25(records_fts, 0, 0, 10.0, 1.0) AS rank FROM records_fts WHERE records_fts MATCH ${match} ${byKind})`;
}

function pgMatch(q: string, kind?: string): Match | undefined {
  const terms = ftsQueryTerms(q);
  if (terms.length === 0) return undefined;
  // Terms are letters and digits only (see ftsQueryTerms), so they are safe inside to_tsquery.
  const query = terms.map((t) => `${t}:*`).join(" & ");
  const byKind = kind ? sql`AND kind = ${kind}` : sql``;
  return sql`(SELECT id, ts_rank(tsv, to_tsquery('simple', ${query})) AS rank FROM records_fts
    WHERE tsv @@ to_tsquery('simple', ${query}) ${byKind})`;
}

/** PostgreSQL: `records_fts` is keyed by record id already (a b-tree primary key); title weighted A, body B. */
export const postgresEngine: Engine = {
  name: "postgres",
  placeholder: (n) => `$${n}`,
  async createFullTextIndex(db) {
    await sql`CREATE TABLE records_fts (id text PRIMARY KEY, kind text NOT NULL, tsv tsvector NOT NULL)`.execute(db);
    await sql`CREATE INDEX records_fts_tsv ON records_fts USING gin (tsv)`.execute(db);
  },
  async rekeyFullTextIndex() {},
  async indexTexts(db, entries) {
    // One statement may not touch a row twice (ON CONFLICT): the last entry of an id wins.
    const unique = [...new Map(entries.map((e) => [e.id, e])).values()];
    for (const chunk of parameterChunks(unique, 4)) {
      let n = 0;
      const tuple = () =>
        `($${++n}, $${++n}, setweight(to_tsvector('simple', $${++n}), 'A') || setweight(to_tsvector('simple', $${++n}), 'B'))`;
      const text = `INSERT INTO records_fts (id, kind, tsv) VALUES ${Array.from(chunk, tuple).join(", ")}
        ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, tsv = excluded.tsv`;
      await db.executeQuery(
        CompiledQuery.raw(
          text,
          chunk.flatMap((e) => [e.id, e.kind, e.title, e.body]),
        ),
      );
    }
  },
  async removeTexts(db, ids) {
    for (const chunk of parameterChunks(ids, 1))
      await sql`DELETE FROM records_fts WHERE id IN (${sql.join(chunk)})`.execute(db);
  },
  searchIds: (db, q, limit, kind) => topIds(db, pgMatch(q, kind), limit),
  matchTable: (q) => pgMatch(q),
};
