import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { etag } from "hono/etag";
import { AppError } from "../core/errors.ts";
import { DEFAULT_DATA_DIR } from "../services/data-files.ts";
import type { Db } from "../store/database.ts";
import { registerDocs } from "./docs.ts";
import { onError } from "./errors.ts";
import { authenticate } from "./middleware/authenticate.ts";
import { rateLimit } from "./middleware/rate-limit.ts";
import { securityHeaders } from "./middleware/security-headers.ts";
import { registerAnalysisRoutes } from "./routes/analysis.routes.ts";
import { registerAuthRoutes } from "./routes/auth.routes.ts";
import { registerConsultationRoutes } from "./routes/consultation.routes.ts";
import { registerImportRoutes } from "./routes/import.routes.ts";
import { registerNetworkRoutes } from "./routes/network.routes.ts";
import { registerRecordRoutes } from "./routes/records.routes.ts";
import { registerWriteRoutes } from "./routes/write.routes.ts";
import { registerStatic } from "./static.ts";

export interface AppOptions {
  /** The dataset folder (published figures live there). */
  readonly dataDir?: string;
  /** The built portal (web/dist); when absent, `/` says how to build it. */
  readonly webDir?: string;
}

/**
 * The HTTP application: `/healthz`, the API under `/api/v1` (OpenAPI at
 * `/api/v1/openapi.json`, browsable at `/api/docs`) and the portal at `/`.
 *
 * @example
 *   const res = await createApp(store).request("/api/v1/projects?country=LAO");
 */
export function createApp(store: Db, options: AppOptions = {}): OpenAPIHono {
  const app = new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) {
        const details = result.error.issues.map((i) => ({
          field: i.path.join(".") || (i.code === "unrecognized_keys" ? (i as { keys?: string[] }).keys?.join(",") : ""),
          message: i.message,
        }));
        throw new AppError(
          "invalid_request",
          details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join("; "),
          details,
        );
      }
    },
  });
  app.onError(onError);
  app.notFound((c) =>
    c.json({ error: { code: "not_found", message: `no route for ${c.req.method} ${c.req.path}`, details: null } }, 404),
  );
  app.use("*", securityHeaders()); // first: every answer, errors and static files included
  app.use("/api/*", rateLimit()); // before the body is read
  const limit = bodyLimit({
    maxSize: 1024 * 1024,
    onError: (c) =>
      c.json({ error: { code: "payload_too_large", message: "request body over 1 MB", details: null } }, 413),
  });
  // Uploads to import have their own, larger limit (BELTROAD_IMPORT_MAX_BYTES, see import.routes.ts).
  app.use("/api/*", (c, next) =>
    c.req.method === "POST" && c.req.path === "/api/v1/imports" ? next() : limit(c, next),
  );
  app.use("/api/*", etag());
  app.use("/api/*", authenticate(store)); // bearer token or session cookie (+ CSRF on writes)
  app.get("/healthz", async (c) => {
    await store.db.selectFrom("records").select("id").limit(1).execute();
    return c.json({ ok: true, engine: store.engine.name });
  });
  registerAuthRoutes(app, store);
  registerWriteRoutes(app, store, options.dataDir ?? DEFAULT_DATA_DIR);
  registerConsultationRoutes(app, store, options.dataDir ?? DEFAULT_DATA_DIR);
  registerRecordRoutes(app, store);
  registerAnalysisRoutes(app, store, options.dataDir ?? DEFAULT_DATA_DIR);
  registerNetworkRoutes(app);
  registerImportRoutes(app, store, options.dataDir ?? DEFAULT_DATA_DIR);
  registerDocs(app);
  registerStatic(app, options.webDir);
  return app;
}
