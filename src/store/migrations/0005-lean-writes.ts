import { type Kysely, type Migration, sql } from "kysely";
import type { Engine } from "../engine.ts";

/** Tables of small rows keyed by their primary key, which SQLite stores clustered on it (see below). */
const CLUSTERED_TABLES = [
  "record_countries",
  "record_sectors",
  "record_tags",
  "record_participants",
  "transactions",
] as const;

/**
 * Cheaper writes, for imports above all.
 *
 * A record's current version no longer repeats its document: `record_versions.doc`
 * may be NULL, meaning "the same as `records.doc`", and only on the row of the
 * record's current version (a write puts the document back on that row before it
 * replaces `records.doc`). An import wrote every document twice before; now once.
 * Existing current versions are thinned the same way.
 *
 * Provenance rows no longer repeat their run's file, time and importer (they
 * are the run's, in `import_runs`).
 *
 * On SQLite, the facet and provenance tables become WITHOUT ROWID tables: their
 * rows are stored in primary-key order, so a row is one b-tree insert instead of
 * two (the rowid table and the key's index). PostgreSQL keeps its heap tables.
 */
export function leanWritesMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (engine.name === "postgres") {
        await sql`ALTER TABLE record_versions ALTER COLUMN doc DROP NOT NULL`.execute(db);
        await sql`ALTER TABLE record_provenance DROP COLUMN file, DROP COLUMN imported_at, DROP COLUMN "by"`.execute(
          db,
        );
      } else {
        // SQLite cannot drop a NOT NULL constraint: the table is rebuilt under its name.
        await sql`CREATE TABLE record_versions_new (
          record_id text NOT NULL, version integer NOT NULL, doc text, changed_at text NOT NULL,
          changed_by text NOT NULL, note text, workflow text, org text, proposal_id text,
          CONSTRAINT record_versions_pk PRIMARY KEY (record_id, version))`.execute(db);
        await sql`INSERT INTO record_versions_new
          (record_id, version, doc, changed_at, changed_by, note, workflow, org, proposal_id)
          SELECT record_id, version, doc, changed_at, changed_by, note, workflow, org, proposal_id
          FROM record_versions`.execute(db);
        await sql`DROP TABLE record_versions`.execute(db);
        await sql`ALTER TABLE record_versions_new RENAME TO record_versions`.execute(db);
        for (const table of CLUSTERED_TABLES) await rebuildWithoutRowid(db, table);
        await sql`CREATE TABLE record_provenance_new (
          record_id text NOT NULL, run_id text NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
          position text NOT NULL, outcome text NOT NULL,
          CONSTRAINT record_provenance_pk PRIMARY KEY (record_id, run_id)) WITHOUT ROWID`.execute(db);
        await sql`INSERT INTO record_provenance_new (record_id, run_id, position, outcome)
          SELECT record_id, run_id, position, outcome FROM record_provenance`.execute(db);
        await sql`DROP TABLE record_provenance`.execute(db);
        await sql`ALTER TABLE record_provenance_new RENAME TO record_provenance`.execute(db);
        await sql`CREATE INDEX record_provenance_run ON record_provenance (run_id)`.execute(db);
      }
      await sql`UPDATE record_versions SET doc = NULL
        WHERE doc = (SELECT r.doc FROM records r WHERE r.id = record_versions.record_id AND r.version = record_versions.version)`.execute(
        db,
      );
    },
  };
}

/** Rebuilds a SQLite table as WITHOUT ROWID under the same name, with its rows and indexes. */
async function rebuildWithoutRowid(db: Kysely<unknown>, table: string): Promise<void> {
  const { rows } = await sql<{ type: string; sql: string | null }>`
    SELECT type, sql FROM sqlite_master WHERE tbl_name = ${table} ORDER BY type DESC`.execute(db);
  const create = rows.find((r) => r.type === "table")?.sql;
  if (!create) throw new Error(`table ${table} not found`);
  const temporary = `${table}_clustered`;
  const body = create.slice(create.indexOf("("));
  await sql.raw(`CREATE TABLE "${temporary}" ${body} WITHOUT ROWID`).execute(db);
  await sql.raw(`INSERT INTO "${temporary}" SELECT * FROM "${table}"`).execute(db);
  await sql.raw(`DROP TABLE "${table}"`).execute(db);
  await sql.raw(`ALTER TABLE "${temporary}" RENAME TO "${table}"`).execute(db);
  // Indexes went with the old table; automatic ones (sql IS NULL) are the key itself now.
  for (const index of rows.filter((r) => r.type === "index" && r.sql)) await sql.raw(index.sql!).execute(db);
}
