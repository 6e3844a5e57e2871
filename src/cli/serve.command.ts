import { Command } from "commander";
import { loadConfig } from "../config.ts";
import { AppError } from "../core/errors.ts";
import { startServer } from "../http/server.ts";
import { bootstrapAdmin } from "../services/account.service.ts";
import { facetIndex } from "../services/facet-index.service.ts";
import { seed } from "../services/seed.service.ts";
import { openDatabase } from "../store/database.ts";
import { migrateToLatest } from "../store/migrate.ts";
import { globals } from "./context.ts";

async function run(cmd: Command, opts: { port?: string; host?: string }, withSeed: boolean): Promise<void> {
  const config = loadConfig();
  const store = openDatabase(config.database(globals(cmd).db));
  if (withSeed) {
    const report = await seed(store, config.dataDir);
    const r = report.records;
    console.log(
      `demo data: ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged (${store.location})`,
    );
  } else {
    const { error } = await migrateToLatest(store);
    if (error) throw new AppError("migration_failed", `migration failed: ${String((error as Error).message ?? error)}`);
  }
  const admin = await bootstrapAdmin(store);
  if (admin)
    console.log(
      `No platform admin yet: created ${admin.email} with the one-time password ${admin.password}\n` +
        "Sign in and change it now (POST /api/v1/me/password); it is not stored in clear and will not be shown again.",
    );
  const port = opts.port === undefined ? config.port : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new AppError("invalid_request", `--port must be 0–65535, got ${opts.port}`);
  const { server, url } = await startServer(store, port, opts.host ?? config.host);
  console.log(`Beltroad is running at ${url} (database: ${store.engine.name}) — Ctrl+C to stop`);
  // Build the facet index now rather than on the first aggregate request (seconds for a million records).
  facetIndex(store).catch((error: unknown) => console.error(`facet index not built: ${(error as Error).message}`));
  const stop = () => {
    server.close();
    void store.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

/** `beltroad serve [--port N] [--host H]`: the API (and later the portal) on one port. */
export function serveCommand(): Command {
  return new Command("serve")
    .description("serve the API on HOST:PORT (defaults 127.0.0.1:8080)")
    .option("--port <n>", "port (default PORT or 8080)")
    .option("--host <host>", "address to bind (default HOST or 127.0.0.1)")
    .action((opts: { port?: string; host?: string }, cmd: Command) => run(cmd, opts, false));
}

/** `beltroad start`: seed the demo data (idempotent), then serve — what `npm start` runs. */
export function startCommand(): Command {
  return new Command("start")
    .description("load the demo data if needed, then serve (what `npm start` runs)")
    .option("--port <n>", "port (default PORT or 8080)")
    .option("--host <host>", "address to bind (default HOST or 127.0.0.1)")
    .action((opts: { port?: string; host?: string }, cmd: Command) => run(cmd, opts, true));
}
