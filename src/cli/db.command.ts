import { Command } from "commander";
import { AppError } from "../core/errors.ts";
import { migrateToLatest } from "../store/migrate.ts";
import { globals, printJson, withDatabase } from "./context.ts";

/** `beltroad db migrate`: brings the schema up to date. */
export function dbCommand(): Command {
  const db = new Command("db").description("database maintenance");
  db.command("migrate")
    .description("create or update the database schema")
    .action(async (_opts, cmd: Command) => {
      await withDatabase(cmd, async (store) => {
        const { error, results = [] } = await migrateToLatest(store);
        if (error)
          throw new AppError("migration_failed", `migration failed: ${String((error as Error).message ?? error)}`);
        const applied = results.filter((r) => r.status === "Success").map((r) => r.migrationName);
        if (globals(cmd).json) printJson({ database: store.location, applied });
        else
          console.log(
            applied.length ? `applied ${applied.join(", ")} to ${store.location}` : `${store.location} is up to date`,
          );
      });
    });
  return db;
}
