import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, setCookie } from "hono/cookie";
import { AppError } from "../../core/errors.ts";
import { Role, SCOPES } from "../../core/governance.ts";
import { listMembers, removeMember, setMember } from "../../services/account.service.ts";
import {
  changePassword,
  csrfTokenFor,
  defaultLoginLimits,
  describePrincipal,
  type LoginLimits,
  login,
  logout,
  SESSION_HOURS,
} from "../../services/auth.service.ts";
import { createToken, listTokens, revokeOwnToken } from "../../services/token.service.ts";
import { setUserDisabled } from "../../services/users.service.ts";
import type { Db } from "../../store/database.ts";
import { checkOrigin, principalOf, SESSION_COOKIE, sessionTokenOf } from "../middleware/authenticate.ts";
import { clientAddress, trustProxyFromEnv } from "../middleware/client-address.ts";
import { ErrorBody } from "../schemas.ts";

export interface AuthRouteOptions {
  /** Login throttles (tests pass small ones). */
  readonly loginLimits?: LoginLimits;
  readonly trustProxy?: boolean;
}

const err = (description: string) => ({ description, content: { "application/json": { schema: ErrorBody } } });
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });

const Login = z
  .object({ email: z.string().min(1).max(320), password: z.string().min(1).max(4096) })
  .strict()
  .openapi("Login");
const User = z.object({
  id: z.string(),
  email: z.string(),
  platformAdmin: z.boolean(),
  mustChangePassword: z.boolean(),
});
const OrgParam = z.object({
  org: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .max(120),
});
const UserParam = z.object({ id: z.string().regex(/^usr_[0-9a-f]+$/, "not a user id") });
const UserStatus = z.object({
  id: z.string(),
  email: z.string(),
  disabled: z.boolean(),
  changed: z.boolean(),
  sessionsEnded: z.number(),
});
const TokenId = z.object({ id: z.string().regex(/^tok_[0-9a-f]+$/) });
const Member = z.object({ email: z.string().max(320), role: Role }).strict();

/**
 * Accounts: sign in and out (cookie session + CSRF token), who am I, password
 * change, personal API tokens, and organisation members (organisation admins).
 */
export function registerAuthRoutes(app: OpenAPIHono, store: Db, options: AuthRouteOptions = {}): void {
  const limits = options.loginLimits ?? defaultLoginLimits();
  const trustProxy = options.trustProxy ?? trustProxyFromEnv();
  const small = bodyLimit({
    maxSize: 16 * 1024,
    onError: (c) =>
      c.json({ error: { code: "payload_too_large", message: "request body over 16 kB", details: null } }, 413),
  });
  app.use("/api/v1/auth/*", small);
  app.use("/api/v1/me/*", small);

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/auth/login",
      tags: ["accounts"],
      summary: "Sign in: sets the session cookie and returns the CSRF token to send as X-CSRF-Token",
      request: { body: { ...json(Login), required: true } },
      responses: {
        200: {
          description: "signed in",
          ...json(z.object({ user: User, csrfToken: z.string(), expiresAt: z.string() })),
        },
        401: err("email or password is wrong (the same answer for an unknown email)"),
        429: err("too many failed sign-ins"),
      },
    }),
    async (c) => {
      checkOrigin(c, trustProxy);
      const { email, password } = c.req.valid("json");
      try {
        const grant = await login(store, { email, password, address: clientAddress(c, trustProxy) }, limits);
        setCookie(c, SESSION_COOKIE, grant.token, {
          prefix: "host",
          httpOnly: true,
          secure: true,
          sameSite: "Strict",
          path: "/",
          maxAge: SESSION_HOURS * 3600,
        });
        c.header("Cache-Control", "no-store");
        return c.json({ user: grant.user, csrfToken: grant.csrfToken, expiresAt: grant.expiresAt }, 200);
      } catch (e) {
        retryAfter(c, e);
        throw e;
      }
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/auth/logout",
      tags: ["accounts"],
      summary: "Sign out: ends the session and clears its cookie",
      responses: { 204: { description: "signed out" }, 403: err("missing CSRF token") },
    }),
    async (c) => {
      const token = sessionTokenOf(c);
      if (token !== undefined) await logout(store, token);
      deleteCookie(c, SESSION_COOKIE, { prefix: "host", path: "/", secure: true });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/me",
      tags: ["accounts"],
      summary: "Who am I: user, organisations and roles, scopes; the CSRF token of a browser session",
      responses: { 200: { description: "the signed-in user", ...json(z.unknown()) }, 401: err("not signed in") },
    }),
    async (c) => {
      const p = principalOf(c);
      if (!p) throw new AppError("unauthenticated", "sign in, or send an API token as Authorization: Bearer …");
      const token = p.via === "session" ? sessionTokenOf(c) : undefined;
      return c.json({ user: describePrincipal(p), ...(token ? { csrfToken: csrfTokenFor(token) } : {}) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/me/password",
      tags: ["accounts"],
      summary: "Change my password (needs the current one); my other sessions end",
      request: {
        body: {
          ...json(z.object({ current: z.string().max(4096), password: z.string().max(4096) }).strict()),
          required: true,
        },
      },
      responses: { 204: { description: "changed" }, 400: err("too weak"), 401: err("current password wrong") },
    }),
    async (c) => {
      const { current, password } = c.req.valid("json");
      await changePassword(store, principalOf(c), current, password, sessionTokenOf(c));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/me/tokens",
      tags: ["accounts"],
      summary: "My API tokens (names, scopes, expiry; never the secrets)",
      responses: { 200: { description: "tokens", ...json(z.object({ data: z.array(z.unknown()) })) } },
    }),
    async (c) => c.json({ data: await listTokens(store, principalOf(c)) }, 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/me/tokens",
      tags: ["accounts"],
      summary: "Create an API token (from a browser session); the secret is shown once",
      request: {
        body: {
          ...json(
            z
              .object({
                name: z.string().max(100),
                scopes: z.array(z.enum(SCOPES)).optional(),
                expiresInDays: z.number().int().optional(),
              })
              .strict(),
          ),
          required: true,
        },
      },
      responses: {
        201: {
          description: "created",
          ...json(
            z.object({
              token: z.string(),
              id: z.string(),
              name: z.string(),
              scopes: z.array(z.string()),
              expiresAt: z.string(),
            }),
          ),
        },
        403: err("not from a browser session"),
      },
    }),
    async (c) => {
      c.header("Cache-Control", "no-store");
      return c.json(await createToken(store, { principal: principalOf(c) }, c.req.valid("json")), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/me/tokens/{id}",
      tags: ["accounts"],
      summary: "Revoke one of my API tokens",
      request: { params: TokenId },
      responses: { 204: { description: "revoked" }, 404: err("no such live token of yours") },
    }),
    async (c) => {
      await revokeOwnToken(store, principalOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/organisations/{org}/members",
      tags: ["accounts"],
      summary: "An organisation's members and roles (its members and platform admins)",
      request: { params: OrgParam },
      responses: {
        200: { description: "members", ...json(z.object({ data: z.array(z.unknown()) })) },
        403: err("not a member"),
      },
    }),
    async (c) => c.json({ data: await listMembers(store, principalOf(c), c.req.valid("param").org) }, 200),
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/api/v1/organisations/{org}/members",
      tags: ["accounts"],
      summary: "Add an existing user to the organisation or change their role (organisation admins, platform admins)",
      request: { params: OrgParam, body: { ...json(Member), required: true } },
      responses: {
        200: { description: "membership set", ...json(z.unknown()) },
        403: err("not the organisation's admin"),
      },
    }),
    async (c) => {
      const { email, role } = c.req.valid("json");
      return c.json(
        await setMember(store, principalOf(c) ?? unauthenticated(), {
          email,
          organisation: c.req.valid("param").org,
          role,
        }),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/api/v1/organisations/{org}/members/{user}",
      tags: ["accounts"],
      summary: "Remove a user from the organisation (organisation admins, platform admins)",
      request: { params: OrgParam.extend({ user: z.string().regex(/^usr_[0-9a-f]+$/) }) },
      responses: { 204: { description: "removed" }, 403: err("not the organisation's admin") },
    }),
    async (c) => {
      const { org, user } = c.req.valid("param");
      await removeMember(store, principalOf(c), org, user);
      return c.body(null, 204);
    },
  );

  for (const action of ["disable", "enable"] as const) {
    app.openapi(
      createRoute({
        method: "post",
        path: `/api/v1/admin/users/{id}/${action}`,
        tags: ["accounts"],
        summary:
          action === "disable"
            ? "Disable a user (platform admins): sign-in refused like a wrong password, sessions ended, tokens refused"
            : "Enable a disabled user again (platform admins)",
        request: { params: UserParam },
        responses: {
          200: { description: "the user's state", ...json(UserStatus) },
          403: err("not a platform admin"),
          404: err("no such user"),
          409: err("disabling yourself or the last platform admin"),
        },
      }),
      async (c) =>
        c.json(
          await setUserDisabled(store, principalOf(c), { id: c.req.valid("param").id }, action === "disable"),
          200,
        ),
    );
  }
}

function unauthenticated(): never {
  throw new AppError("unauthenticated", "sign in, or send an API token as Authorization: Bearer …");
}

/** A throttled sign-in says when to try again. */
export function retryAfter(c: Context, e: unknown): void {
  if (e instanceof AppError && e.code === "rate_limited") {
    const seconds = (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (seconds) c.header("Retry-After", String(seconds));
  }
}
