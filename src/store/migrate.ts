import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from "kysely";
import type { Db } from "./database.ts";
import type { Engine } from "./engine.ts";
import { registryMigration } from "./migrations/0001-registry.ts";
import { importsMigration } from "./migrations/0002-imports.ts";
import { governanceMigration } from "./migrations/0003-governance.ts";
import { ftsRowidMigration } from "./migrations/0004-fts-rowid.ts";
import { leanWritesMigration } from "./migrations/0005-lean-writes.ts";

/** The ordered migrations; each is built for the engine it runs on. */
function migrations(engine: Engine): Record<string, Migration> {
  return {
    "0001-registry": registryMigration(engine),
    "0002-imports": importsMigration(),
    "0003-governance": governanceMigration(),
    "0004-fts-rowid": ftsRowidMigration(engine),
    "0005-lean-writes": leanWritesMigration(engine),
  };
}

class InCodeProvider implements MigrationProvider {
  constructor(private readonly engine: Engine) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.engine);
  }
}

/**
 * Brings the schema up to date. Never throws: returns Kysely's result set
 * (`{ error, results }`), each migration in its own transaction.
 */
export async function migrateToLatest(store: Db): Promise<MigrationResultSet> {
  return migrator(store).migrateToLatest();
}

/**
 * Brings the schema up (or down) to the named migration, e.g. to test a
 * later migration against data written under an earlier schema. Never throws.
 *
 * @example
 *   await migrateTo(store, "0003-governance");
 */
export async function migrateTo(store: Db, name: string): Promise<MigrationResultSet> {
  return migrator(store).migrateTo(name);
}

function migrator({ db, engine }: Db): Migrator {
  return new Migrator({ db, provider: new InCodeProvider(engine), migrationTableName: "beltroad_migrations" });
}
