import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";

/** The built portal, next to the sources. */
export const DEFAULT_WEB_DIR = join(import.meta.dirname, "../../web/dist");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".geojson": "application/geo+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves the portal: files under `webDir`, and `index.html` for every other
 * non-API path (client-side routes). Hashed assets are cached for a year.
 */
export function registerStatic(app: OpenAPIHono, webDir = DEFAULT_WEB_DIR): void {
  app.get("*", (c) => {
    const path = c.req.path;
    if (path.startsWith("/api/") || path === "/healthz") return c.notFound();
    const index = join(webDir, "index.html");
    if (!existsSync(index)) {
      return c.text("The portal is not built yet: run `npm run build`. The API is at /api/v1 (docs: /api/docs).", 503);
    }
    const file = normalize(join(webDir, decodeURIComponent(path)));
    const inside = file.startsWith(webDir + sep);
    if (inside && existsSync(file) && statSync(file).isFile()) {
      const hashed = path.startsWith("/assets/");
      return c.body(readFileSync(file), 200, {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Cache-Control": hashed ? "public, max-age=31536000, immutable" : "public, max-age=300",
      });
    }
    if (extname(path)) return c.notFound();
    return c.body(readFileSync(index), 200, { "Content-Type": TYPES[".html"]!, "Cache-Control": "no-cache" });
  });
}
