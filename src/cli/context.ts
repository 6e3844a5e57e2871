import type { Command } from "commander";
import { type Config, loadConfig } from "../config.ts";
import { type Db, openDatabase } from "../store/database.ts";

/** Options every command shares (declared on the root program). */
export interface GlobalOptions {
  db?: string;
  json?: boolean;
}

export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

/** Opens the database the flags and environment name, runs `fn`, always closes it. */
export async function withDatabase<T>(cmd: Command, fn: (store: Db, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = openDatabase(config.database(globals(cmd).db));
  try {
    return await fn(store, config);
  } finally {
    await store.close();
  }
}

/** Prints `value` as JSON on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
