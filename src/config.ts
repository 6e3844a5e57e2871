import { join, resolve } from "node:path";
import { z } from "zod";
import { DEFAULT_DATA_DIR } from "./services/data-files.ts";
import type { DbTarget } from "./store/database.ts";

/**
 * Every environment variable Beltroad reads, parsed once. Documented in the README.
 * - `DATABASE_URL`: PostgreSQL URL; when set (and no `--db`), PostgreSQL is used.
 * - `BELTROAD_DB`: SQLite file (default `.beltroad/beltroad.db` in the working directory).
 * - `PORT` (8080) and `HOST` (127.0.0.1): where `serve` listens.
 * - `BELTROAD_DATA_DIR`: the dataset `seed` loads (default: the repository's `data/`).
 */
const Env = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional(),
  BELTROAD_DB: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default("127.0.0.1"),
  BELTROAD_DATA_DIR: z.string().min(1).optional(),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** The database to use, given an optional `--db <file>` flag. */
  database(dbFlag?: string): DbTarget;
}

/** Parses the environment; throws a message naming the variable when one is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`environment variable ${String(first?.path[0])}: ${first?.message}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.BELTROAD_DATA_DIR ? resolve(e.BELTROAD_DATA_DIR) : DEFAULT_DATA_DIR,
    database(dbFlag) {
      if (dbFlag) return { sqlite: dbFlag === ":memory:" ? dbFlag : resolve(dbFlag) };
      if (e.DATABASE_URL) return { postgres: e.DATABASE_URL };
      return { sqlite: resolve(e.BELTROAD_DB ?? join(".beltroad", "beltroad.db")) };
    },
  };
}
