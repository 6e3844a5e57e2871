import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import { ftsQueryTerms } from "../core/text.ts";
import type { Database } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Everything that differs between SQLite and PostgreSQL, in one place.
 * Repositories and migrations call these; nothing else asks which engine runs.
 */
export interface Engine {
  readonly name: "sqlite" | "postgres";
  /** Creates the full-text index over record titles and bodies. */
  createFullTextIndex(db: Kysely<unknown>): Promise<void>;
  /** Replaces the indexed text of one record. */
  indexText(db: Db, id: string, kind: string, title: string, body: string): Promise<void>;
  removeText(db: Db, id: string): Promise<void>;
  /** Ids matching every term of `q` (prefix match), best first. */
  searchIds(db: Db, q: string, limit: number, kind?: string): Promise<Array<{ id: string; rank: number }>>;
  /**
   * A derived table `(id, rank)` of the records matching `q` (higher rank is better), to join in list queries;
   * undefined when `q` has no searchable term.
   */
  matchTable(q: string): RawBuilder<{ id: string; rank: number }> | undefined;
}

export const sqliteEngine: Engine = {
  name: "sqlite",
  async createFullTextIndex(db) {
    await sql`CREATE VIRTUAL TABLE records_fts USING fts5(id UNINDEXED, kind UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(
      db,
    );
  },
  async indexText(db, id, kind, title, body) {
    await sql`DELETE FROM records_fts WHERE id = ${id}`.execute(db);
    await sql`INSERT INTO records_fts (id, kind, title, body) VALUES (${id}, ${kind}, ${title}, ${body})`.execute(db);
  },
  async removeText(db, id) {
    await sql`DELETE FROM records_fts WHERE id = ${id}`.execute(db);
  },
  async searchIds(db, q, limit, kind) {
    const terms = ftsQueryTerms(q);
    if (terms.length === 0) return [];
    const match = terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(" AND ");
    const byKind = kind ? sql`AND kind = ${kind}` : sql``;
    const rows = await sql<{ id: string; rank: number }>`
      SELECT id, bm25(records_fts, 0, 0, 10.0, 1.0) AS rank FROM records_fts
      WHERE records_fts MATCH ${match} ${byKind} ORDER BY rank LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => ({ id: r.id, rank: -r.rank }));
  },
  matchTable(q) {
    const match = sqliteMatch(q);
    if (!match) return undefined;
    return sql<{
      id: string;
      rank: number;
    }>`(SELECT id, -bm25(records_fts, 0, 0, 10.0, 1.0) AS rank FROM records_fts WHERE records_fts MATCH ${match})`;
  },
};

function sqliteMatch(q: string): string | undefined {
  const terms = ftsQueryTerms(q);
  return terms.length ? terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(" AND ") : undefined;
}

function pgQuery(q: string): string | undefined {
  const terms = ftsQueryTerms(q);
  // Terms are letters and digits only (see ftsQueryTerms), so they are safe inside to_tsquery.
  return terms.length ? terms.map((t) => `${t}:*`).join(" & ") : undefined;
}

export const postgresEngine: Engine = {
  name: "postgres",
  async createFullTextIndex(db) {
    await sql`CREATE TABLE records_fts (id text PRIMARY KEY, kind text NOT NULL, tsv tsvector NOT NULL)`.execute(db);
    await sql`CREATE INDEX records_fts_tsv ON records_fts USING gin (tsv)`.execute(db);
  },
  async indexText(db, id, kind, title, body) {
    await sql`INSERT INTO records_fts (id, kind, tsv)
      VALUES (${id}, ${kind}, setweight(to_tsvector('simple', ${title}), 'A') || setweight(to_tsvector('simple', ${body}), 'B'))
      ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, tsv = excluded.tsv`.execute(db);
  },
  async removeText(db, id) {
    await sql`DELETE FROM records_fts WHERE id = ${id}`.execute(db);
  },
  async searchIds(db, q, limit, kind) {
    const terms = ftsQueryTerms(q);
    if (terms.length === 0) return [];
    // Terms are letters and digits only (see ftsQueryTerms), so they are safe inside to_tsquery.
    const query = terms.map((t) => `${t}:*`).join(" & ");
    const byKind = kind ? sql`AND kind = ${kind}` : sql``;
    const rows = await sql<{ id: string; rank: number }>`
      SELECT id, ts_rank(tsv, to_tsquery('simple', ${query})) AS rank FROM records_fts
      WHERE tsv @@ to_tsquery('simple', ${query}) ${byKind} ORDER BY rank DESC, id LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => ({ id: r.id, rank: Number(r.rank) }));
  },
  matchTable(q) {
    const query = pgQuery(q);
    if (!query) return undefined;
    return sql<{
      id: string;
      rank: number;
    }>`(SELECT id, ts_rank(tsv, to_tsquery('simple', ${query})) AS rank FROM records_fts WHERE tsv @@ to_tsquery('simple', ${query}))`;
  },
};
