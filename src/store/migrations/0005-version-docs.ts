import { type Kysely, type Migration, sql } from "kysely";
import type { Engine } from "../engine.ts";

/**
 * A record's current version no longer repeats its document: `record_versions.doc`
 * may be NULL, meaning "the same as `records.doc`", and only on the row of the
 * record's current version (a write puts the document back on that row before it
 * replaces `records.doc`). An import wrote every document twice before; now once.
 * Existing current versions are thinned the same way.
 */
export function versionDocsMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (engine.name === "postgres") {
        await sql`ALTER TABLE record_versions ALTER COLUMN doc DROP NOT NULL`.execute(db);
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
      }
      await sql`UPDATE record_versions SET doc = NULL
        WHERE doc = (SELECT r.doc FROM records r WHERE r.id = record_versions.record_id AND r.version = record_versions.version)`.execute(
        db,
      );
    },
  };
}
