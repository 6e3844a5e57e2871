import { Hono } from "hono";
import { headlineStats } from "../services/stats.service.ts";
import type { Db } from "../store/database.ts";
import { onError } from "./errors.ts";

/**
 * The HTTP application: `/healthz` and the API under `/api/v1`.
 *
 * @example
 *   const res = await createApp(store).request("/healthz");
 */
export function createApp(store: Db): Hono {
  const app = new Hono();
  app.onError(onError);
  app.notFound((c) =>
    c.json({ error: { code: "not_found", message: `no route for ${c.req.method} ${c.req.path}`, details: null } }, 404),
  );
  app.get("/healthz", async (c) => {
    await store.db.selectFrom("records").select("id").limit(1).execute();
    return c.json({ ok: true, engine: store.engine.name });
  });
  app.get("/api/v1/stats", async (c) => c.json(await headlineStats(store)));
  return app;
}
