import type { Kysely, Migration } from "kysely";

/** The hash the first audit entry chains to. */
export const AUDIT_GENESIS = "0".repeat(64);

/**
 * Accounts (users, memberships, sessions, API tokens), consultation
 * (proposals, consents, comments), the hash-chained audit log, and who/why
 * columns on record versions. Plain SQL types only: the same on both engines.
 */
export function governanceMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("platform_admin", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("must_change_password", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("disabled_at", "text")
        .execute();
      await db.schema
        .createTable("memberships")
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("org_id", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("memberships_pk", ["user_id", "org_id"])
        .execute();
      await db.schema.createIndex("memberships_org").on("memberships").columns(["org_id", "user_id"]).execute();
      await db.schema
        .createTable("sessions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();
      await db.schema
        .createTable("api_tokens")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("scopes", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("revoked_at", "text")
        .execute();
      await db.schema.createIndex("api_tokens_user").on("api_tokens").column("user_id").execute();

      await db.schema
        .createTable("proposals")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("record_id", "text", (c) => c.notNull().references("records.id"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("operation", "text", (c) => c.notNull())
        .addColumn("base_version", "integer", (c) => c.notNull())
        .addColumn("doc", "text")
        .addColumn("note", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_org", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("closed_at", "text")
        .addColumn("result_version", "integer")
        .execute();
      await db.schema.createIndex("proposals_record").on("proposals").columns(["record_id", "status"]).execute();
      await db.schema
        .createTable("proposal_consents")
        .addColumn("proposal_id", "text", (c) => c.notNull().references("proposals.id"))
        .addColumn("org_id", "text", (c) => c.notNull())
        .addColumn("decision", "text", (c) => c.notNull())
        .addColumn("user_id", "text")
        .addColumn("comment_id", "text")
        .addColumn("decided_at", "text")
        .addPrimaryKeyConstraint("proposal_consents_pk", ["proposal_id", "org_id"])
        .execute();
      await db.schema
        .createIndex("proposal_consents_org")
        .on("proposal_consents")
        .columns(["org_id", "proposal_id"])
        .execute();
      await db.schema
        .createTable("comments")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("record_id", "text", (c) => c.notNull().references("records.id"))
        .addColumn("parent_id", "text", (c) => c.references("comments.id"))
        .addColumn("proposal_id", "text", (c) => c.references("proposals.id"))
        .addColumn("author_id", "text", (c) => c.notNull())
        .addColumn("org_id", "text")
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("comments_record").on("comments").columns(["record_id", "created_at"]).execute();

      await db.schema
        .createTable("audit_log")
        .addColumn("seq", "integer", (c) => c.primaryKey())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("entity", "text", (c) => c.notNull())
        .addColumn("entity_id", "text", (c) => c.notNull())
        .addColumn("detail", "text", (c) => c.notNull())
        .addColumn("digest", "text", (c) => c.notNull())
        .addColumn("prev_hash", "text", (c) => c.notNull())
        .addColumn("hash", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("audit_log_entity").on("audit_log").columns(["entity", "entity_id", "seq"]).execute();
      await db.schema
        .createTable("audit_head")
        .addColumn("id", "integer", (c) => c.primaryKey())
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("hash", "text", (c) => c.notNull())
        .execute();
      await (db as Kysely<{ audit_head: { id: number; seq: number; hash: string } }>)
        .insertInto("audit_head")
        .values({ id: 1, seq: 0, hash: AUDIT_GENESIS })
        .execute();

      for (const column of ["workflow", "org", "proposal_id"]) {
        await db.schema.alterTable("record_versions").addColumn(column, "text").execute();
      }
    },
  };
}
