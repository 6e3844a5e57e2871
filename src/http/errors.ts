import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AppError, ERROR_STATUS } from "../core/errors.ts";

/**
 * The one error mapper: every failure becomes `{ error: { code, message, details } }`
 * with a 4xx/5xx status. Unexpected errors are logged with their stack, never sent.
 */
export function onError(err: Error, c: Context) {
  if (err instanceof AppError) {
    const status = (ERROR_STATUS[err.code] ?? 500) as ContentfulStatusCode;
    if (status >= 500) console.error(err);
    return c.json({ error: { code: err.code, message: err.message, details: err.details ?? null } }, status);
  }
  if (err instanceof HTTPException) {
    return c.json({ error: { code: "http_error", message: err.message, details: null } }, err.status);
  }
  console.error(err);
  return c.json({ error: { code: "internal", message: "internal error; see the server log", details: null } }, 500);
}
