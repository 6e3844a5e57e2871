import pg from "pg";
import type { TestProject } from "vitest/node";

/** The server the PostgreSQL suite uses: TEST_DATABASE_URL, else DATABASE_URL, else the local server. */
export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

/**
 * Checks once whether PostgreSQL answers. When it does not, the suite is
 * skipped with a plain message — unless BELTROAD_REQUIRE_POSTGRES=1 (CI),
 * where a missing server is a failure.
 */
export default async function setup(project: TestProject): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    project.provide("postgresUrl", adminUrl());
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    if (process.env.BELTROAD_REQUIRE_POSTGRES === "1")
      throw new Error(`PostgreSQL is required but not reachable at ${adminUrl()}: ${why}`);
    console.warn(
      `\n*** PostgreSQL tests SKIPPED: no server at ${adminUrl()} (${why}). Set DATABASE_URL or TEST_DATABASE_URL to run them. ***\n`,
    );
    project.provide("postgresUrl", "");
  } finally {
    await client.end().catch(() => {});
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
