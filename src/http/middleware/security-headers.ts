import type { MiddlewareHandler } from "hono";
import { overTls, trustProxyFromEnv } from "./client-address.ts";

/**
 * The portal and the API docs load scripts only from this origin (no inline
 * script, no eval); styles may be inline (the map and Swagger UI set style
 * attributes); the map's workers come from blob: URLs; nothing may frame us.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Security headers on every response: Content-Security-Policy (above),
 * X-Content-Type-Options, X-Frame-Options, Referrer-Policy,
 * Cross-Origin-Opener-Policy, Permissions-Policy, and
 * Strict-Transport-Security when the request came over TLS.
 *
 * @example
 *   app.use("*", securityHeaders());
 */
export function securityHeaders(options: { trustProxy?: boolean } = {}): MiddlewareHandler {
  const trustProxy = options.trustProxy ?? trustProxyFromEnv();
  return async (c, next) => {
    const headers: Array<[string, string]> = [
      ["Content-Security-Policy", CONTENT_SECURITY_POLICY],
      ["X-Content-Type-Options", "nosniff"],
      ["X-Frame-Options", "DENY"],
      ["Referrer-Policy", "strict-origin-when-cross-origin"],
      ["Cross-Origin-Opener-Policy", "same-origin"],
      ["Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"],
    ];
    if (overTls(c, trustProxy)) headers.push(["Strict-Transport-Security", "max-age=31536000; includeSubDomains"]);
    // Before: responses the handlers build carry them (HEAD answers are rebuilt from those);
    // after: so do errors, 404s and responses built without the context.
    for (const [k, v] of headers) c.header(k, v);
    await next();
    for (const [k, v] of headers) c.res.headers.set(k, v);
  };
}
