import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/**
 * The client's address: the first `X-Forwarded-For` hop when the server runs
 * behind a proxy it trusts (`trustProxy`), else the socket's peer. In-process
 * test requests have neither and get `local`.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "local";
  } catch {
    return "local";
  }
}

/** True when the request reached us over TLS (directly, or via a trusted proxy that says so). */
export function overTls(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === "https:") return true;
  return trustProxy && c.req.header("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/** `BELTROAD_TRUST_PROXY=1`: the server sits behind a reverse proxy that sets X-Forwarded-For/-Proto/-Host. */
export function trustProxyFromEnv(): boolean {
  return process.env.BELTROAD_TRUST_PROXY === "1";
}
