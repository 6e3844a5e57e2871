import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Role } from "../../../src/core/governance.ts";
import { startServer } from "../../../src/http/server.ts";
import { createUser, setMember } from "../../../src/services/account.service.ts";
import { DEFAULT_DATA_DIR } from "../../../src/services/data-files.ts";
import { seed } from "../../../src/services/seed.service.ts";
import { type Db, openDatabase } from "../../../src/store/database.ts";
import { PASSWORD } from "../../support/governance.ts";

/** The built portal the server serves at `/`. */
export const WEB_DIST = join(import.meta.dirname, "../../../web/dist");

export interface Portal {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly origin: string;
  /** The server's database, for tests that check what a page wrote. */
  readonly store: Db;
  close(): Promise<void>;
}

/** A user to create before the server starts, with their role in one organisation (password: `PASSWORD`). */
export interface PortalMember {
  readonly email: string;
  readonly org: string;
  readonly role: Role;
}

/**
 * The real server, in-process, on a free port of 127.0.0.1, with the demo dataset seeded into a temporary SQLite
 * database (plus `members`, each with the password `PASSWORD`); it serves the API and the built portal from one origin.
 *
 * @example
 *   const portal = await startPortal();
 *   await page.goto(`${portal.origin}/map`);
 *   await portal.close();
 */
export async function startPortal(members: readonly PortalMember[] = []): Promise<Portal> {
  const dir = mkdtempSync(join(tmpdir(), "beltroad-browser-"));
  const store = openDatabase({ sqlite: join(dir, "portal.db") });
  await seed(store, DEFAULT_DATA_DIR);
  for (const m of members) {
    await createUser(store, { email: m.email, password: PASSWORD });
    await setMember(store, "cli", { email: m.email, organisation: m.org, role: m.role });
  }
  const { server, url } = await startServer(store, 0, "127.0.0.1");
  const origin = url.replace(/\/$/, "");
  const index = await fetch(`${origin}/`);
  if (!(await index.text()).includes('id="root"'))
    throw new Error(`the server at ${origin} does not serve the portal at / (status ${index.status})`);
  return {
    origin,
    store,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Why the browser tests cannot run here, or undefined when they can. */
export function portalMissing(): string | undefined {
  if (!existsSync(join(WEB_DIST, "index.html"))) return "web/dist is not built (run `npm run build`)";
  return undefined;
}
