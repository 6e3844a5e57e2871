import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { RateLimiter } from "../../core/rate-limiter.ts";
import { SESSION_COOKIE } from "./authenticate.ts";
import { clientAddress, trustProxyFromEnv } from "./client-address.ts";

export interface RateLimitOptions {
  /** Requests per window for one API token or session (default 600). */
  readonly max?: number;
  /** Requests per window for one address without credentials (default 300). */
  readonly anonymousMax?: number;
  /** Window length in ms (default 60 000). */
  readonly windowMs?: number;
  readonly trustProxy?: boolean;
  /** The clock (tests). */
  readonly now?: () => number;
}

/**
 * Limits API requests per API token (or browser session), and per client
 * address for anonymous requests: fixed windows in memory, `RateLimit-*`
 * headers on every answer, `429` with `Retry-After` beyond the limit. Keys are
 * hashes, never the token itself.
 *
 * @example
 *   app.use("/api/*", rateLimit({ max: 600, anonymousMax: 300 }));
 */
export function rateLimit(options: RateLimitOptions = {}): MiddlewareHandler {
  const windowMs = options.windowMs ?? 60_000;
  const withCredentials = new RateLimiter({ max: options.max ?? 600, windowMs });
  const anonymous = new RateLimiter({ max: options.anonymousMax ?? 300, windowMs });
  const trustProxy = options.trustProxy ?? trustProxyFromEnv();
  const now = options.now ?? Date.now;
  return async (c, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    const session = getCookie(c, SESSION_COOKIE, "host");
    const credential = bearer ?? session;
    const limiter = credential ? withCredentials : anonymous;
    const key = credential
      ? `c:${createHash("sha256").update(credential).digest("hex")}`
      : `a:${clientAddress(c, trustProxy)}`;
    const r = limiter.hit(key, now());
    const reset = String(Math.max(1, Math.ceil(r.resetMs / 1000)));
    const headers = {
      "RateLimit-Limit": String(limiter.max),
      "RateLimit-Remaining": String(r.remaining),
      "RateLimit-Reset": reset,
    };
    if (!r.allowed)
      return c.json(
        {
          error: {
            code: "rate_limited",
            message: "too many requests; slow down",
            details: { retryAfterSeconds: Number(reset) },
          },
        },
        429,
        { ...headers, "Retry-After": reset },
      );
    await next();
    for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
  };
}
