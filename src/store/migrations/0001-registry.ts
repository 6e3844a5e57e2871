import { type Kysely, type Migration, sql } from "kysely";
import type { Engine } from "../engine.ts";

/** Records with their facet tables, money, freight statistics, versions and the full-text index. */
export function registryMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("records")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("name_en", "text", (c) => c.notNull())
        .addColumn("name_zh", "text")
        // Binary order on both engines, so that lists sort the same way everywhere.
        .addColumn("name_sort", "text", (c) =>
          (engine.name === "postgres" ? c.modifyEnd(sql`COLLATE "C"`) : c).notNull(),
        )
        .addColumn("record_type", "text")
        .addColumn("status", "text")
        .addColumn("connectivity", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("start_year", "integer")
        .addColumn("end_year", "integer")
        .addColumn("committed_usd_constant", "double precision", (c) => c.notNull().defaultTo(0))
        .addColumn("unconverted_transactions", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("source_count", "integer", (c) => c.notNull())
        .addColumn("workflow", "text", (c) => c.notNull().defaultTo("published"))
        .addColumn("doc", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("records_kind_year").on("records").columns(["kind", "start_year"]).execute();
      await db.schema.createIndex("records_kind_status").on("records").columns(["kind", "status"]).execute();
      await db.schema.createIndex("records_kind_name").on("records").columns(["kind", "name_sort", "id"]).execute();
      await db.schema.createIndex("records_kind_type").on("records").columns(["kind", "record_type"]).execute();
      await db.schema.createIndex("records_updated").on("records").column("updated_at").execute();

      for (const [table, column] of [
        ["record_countries", "country"],
        ["record_sectors", "sector"],
      ] as const) {
        await db.schema
          .createTable(table)
          .addColumn("record_id", "text", (c) => c.notNull().references("records.id").onDelete("cascade"))
          .addColumn(column, "text", (c) => c.notNull())
          .addColumn("percentage", "double precision")
          // The record's share for aggregates: percentage / 100 where given, else split equally.
          .addColumn("share", "double precision", (c) => c.notNull())
          .addPrimaryKeyConstraint(`${table}_pk`, ["record_id", column])
          .execute();
        await db.schema.createIndex(`${table}_${column}`).on(table).columns([column, "record_id"]).execute();
      }
      await db.schema
        .createTable("record_tags")
        .addColumn("record_id", "text", (c) => c.notNull().references("records.id").onDelete("cascade"))
        .addColumn("tag", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("record_tags_pk", ["record_id", "tag"])
        .execute();
      await db.schema.createIndex("record_tags_tag").on("record_tags").columns(["tag", "record_id"]).execute();
      await db.schema
        .createTable("record_participants")
        .addColumn("record_id", "text", (c) => c.notNull().references("records.id").onDelete("cascade"))
        .addColumn("partner_id", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("record_participants_pk", ["record_id", "partner_id", "role"])
        .execute();
      await db.schema
        .createIndex("record_participants_partner")
        .on("record_participants")
        .columns(["partner_id", "record_id"])
        .execute();

      await db.schema
        .createTable("transactions")
        .addColumn("record_id", "text", (c) => c.notNull().references("records.id").onDelete("cascade"))
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("date", "text", (c) => c.notNull())
        .addColumn("year", "integer", (c) => c.notNull())
        .addColumn("amount", "double precision", (c) => c.notNull())
        .addColumn("currency", "text", (c) => c.notNull())
        .addColumn("value_date", "text")
        .addColumn("usd_nominal", "double precision")
        .addColumn("usd_constant", "double precision")
        .addColumn("aggregate", "integer", (c) => c.notNull())
        .addColumn("provider", "text")
        .addColumn("receiver", "text")
        .addPrimaryKeyConstraint("transactions_pk", ["record_id", "seq"])
        .execute();
      await db.schema.createIndex("transactions_type_year").on("transactions").columns(["type", "year"]).execute();

      await db.schema
        .createTable("freight_statistics")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("service_id", "text", (c) => c.notNull().references("records.id").onDelete("cascade"))
        .addColumn("city", "text")
        .addColumn("country", "text")
        .addColumn("corridor", "text")
        .addColumn("direction", "text")
        .addColumn("period_start", "text", (c) => c.notNull())
        .addColumn("period_end", "text", (c) => c.notNull())
        .addColumn("year", "integer")
        .addColumn("trips", "double precision")
        .addColumn("teu", "double precision")
        .addColumn("tonnes", "double precision")
        .addColumn("value_usd", "double precision")
        .addColumn("qualifier", "text", (c) => c.notNull())
        .addColumn("published", "text")
        .addColumn("doc", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("freight_statistics_service_year")
        .on("freight_statistics")
        .columns(["service_id", "year"])
        .execute();

      await db.schema
        .createTable("record_versions")
        .addColumn("record_id", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("doc", "text", (c) => c.notNull())
        .addColumn("changed_at", "text", (c) => c.notNull())
        .addColumn("changed_by", "text", (c) => c.notNull())
        .addColumn("note", "text")
        .addPrimaryKeyConstraint("record_versions_pk", ["record_id", "version"])
        .execute();

      await engine.createFullTextIndex(db);
    },
  };
}
