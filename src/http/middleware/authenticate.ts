import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { AppError } from "../../core/errors.ts";
import type { Principal } from "../../services/access.ts";
import { csrfTokenFor, resolvePrincipal, sameSecret } from "../../services/auth.service.ts";
import type { Db } from "../../store/database.ts";
import { trustProxyFromEnv } from "./client-address.ts";

declare module "hono" {
  interface ContextVariableMap {
    /** Who sent the request (undefined: anonymous); set by `authenticate`. */
    principal?: Principal;
  }
}

/** The session cookie's name; it is sent as `__Host-beltroad_session` (Secure, Path=/, no Domain). */
export const SESSION_COOKIE = "beltroad_session";
/** The header a browser page sends its CSRF token in on every write. */
export const CSRF_HEADER = "x-csrf-token";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The principal `authenticate` found for this request, if any. */
export function principalOf(c: Context): Principal | undefined {
  return c.get("principal");
}

/** The session secret from the request's cookie, if any. */
export function sessionTokenOf(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE, "host");
}

/**
 * Refuses a cross-site browser write: when an `Origin` header is present its
 * host must be the host the request was sent to.
 */
export function checkOrigin(c: Context, trustProxy: boolean): void {
  const origin = c.req.header("origin");
  if (origin === undefined) return;
  const host = (trustProxy && c.req.header("x-forwarded-host")) || c.req.header("host") || new URL(c.req.url).host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = "";
  }
  if (originHost !== host) throw new AppError("csrf_failed", "cross-site request refused (Origin does not match)");
}

/**
 * Resolves who sent an API request: `Authorization: Bearer <token>` (scripts),
 * else the session cookie (browsers). A browser write must also carry the
 * session's CSRF token in `X-CSRF-Token` and a same-site `Origin`, else it is
 * refused (403 `csrf_failed`). Answers to credentialed requests are never cached.
 *
 * @example
 *   app.use("/api/*", authenticate(store));
 */
export function authenticate(store: Db, options: { trustProxy?: boolean } = {}): MiddlewareHandler {
  const trustProxy = options.trustProxy ?? trustProxyFromEnv();
  return async (c, next) => {
    const authorization = c.req.header("authorization");
    let bearer: string | undefined;
    if (authorization !== undefined) {
      bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      if (!bearer) throw new AppError("invalid_token", "Authorization must be `Bearer <API token>`");
    }
    const session = bearer === undefined ? sessionTokenOf(c) : undefined;
    const principal = await resolvePrincipal(store, { bearer, session });
    // Signing in again while a session is live needs no token (the login route checks the Origin itself).
    const csrfChecked = UNSAFE.has(c.req.method) && c.req.path !== "/api/v1/auth/login";
    if (principal?.via === "session" && session !== undefined && csrfChecked) {
      checkOrigin(c, trustProxy);
      const sent = c.req.header(CSRF_HEADER) ?? "";
      if (!sameSecret(sent, csrfTokenFor(session)))
        throw new AppError("csrf_failed", "this write needs the X-CSRF-Token header of your session");
    }
    if (principal) c.set("principal", principal);
    await next();
    if (bearer !== undefined || session !== undefined) {
      c.res.headers.set("Cache-Control", "private, no-store");
      c.res.headers.append("Vary", "Authorization, Cookie");
    }
  };
}
