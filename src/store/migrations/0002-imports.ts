import type { Kysely, Migration } from "kysely";

/**
 * Imports: one `import_runs` row per import (file, format, who, when, mode,
 * counts, outcome) and `record_provenance`: which run wrote or confirmed each
 * record, from which row of which file. Plain SQL types: the same on both engines.
 */
export function importsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("import_runs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("format", "text", (c) => c.notNull())
        .addColumn("file", "text", (c) => c.notNull())
        .addColumn("by", "text", (c) => c.notNull())
        .addColumn("mode", "text", (c) => c.notNull())
        .addColumn("started_at", "text", (c) => c.notNull())
        .addColumn("finished_at", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("imported", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("updated", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("unchanged", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("skipped", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("report", "text")
        .execute();
      await db.schema
        .createTable("record_provenance")
        .addColumn("record_id", "text", (c) => c.notNull())
        .addColumn("run_id", "text", (c) => c.notNull().references("import_runs.id").onDelete("cascade"))
        .addColumn("file", "text", (c) => c.notNull())
        .addColumn("position", "text", (c) => c.notNull())
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("imported_at", "text", (c) => c.notNull())
        .addColumn("by", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("record_provenance_pk", ["record_id", "run_id"])
        .execute();
      await db.schema.createIndex("record_provenance_run").on("record_provenance").column("run_id").execute();
    },
  };
}
