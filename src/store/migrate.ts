import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from "kysely";
import type { Db } from "./database.ts";
import type { Engine } from "./engine.ts";
import { registryMigration } from "./migrations/0001-registry.ts";
import { importsMigration } from "./migrations/0002-imports.ts";
import { governanceMigration } from "./migrations/0003-governance.ts";

/** The ordered migrations; each is built for the engine it runs on. */
function migrations(engine: Engine): Record<string, Migration> {
  return {
    "0001-registry": registryMigration(engine),
    "0002-imports": importsMigration(),
    "0003-governance": governanceMigration(),
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
export async function migrateToLatest({ db, engine }: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: new InCodeProvider(engine),
    migrationTableName: "beltroad_migrations",
  });
  return migrator.migrateToLatest();
}
