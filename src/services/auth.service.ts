import { randomBytes, timingSafeEqual } from "node:crypto";
import { verify } from "@node-rs/argon2";
import { AppError } from "../core/errors.ts";
import { SCOPES, type Scope } from "../core/governance.ts";
import { RateLimiter } from "../core/rate-limiter.ts";
import { appendAudit, lockAuditChain } from "../store/audit.repository.ts";
import type { Db } from "../store/database.ts";
import {
  deleteExpiredSessions,
  deleteOtherSessions,
  deleteSession,
  findSession,
  findTokenByHash,
  findUserByEmail,
  findUserById,
  insertSession,
  membershipsOf,
  updateUser,
} from "../store/users.repository.ts";
import { type Principal, requireSignedIn } from "./access.ts";
import { dummyVerify, hashPassword, Password, parse, sha256 } from "./credentials.ts";

export const SESSION_HOURS = 12;

/** Login throttles: failures per email and per client address; a blocked key refuses even a right password. */
export interface LoginLimits {
  readonly perEmail: RateLimiter;
  readonly perAddress: RateLimiter;
}

/** 5 failures per email and 50 per address in 15 minutes. */
export function defaultLoginLimits(): LoginLimits {
  return {
    perEmail: new RateLimiter({ max: 5, windowMs: 15 * 60_000 }),
    perAddress: new RateLimiter({ max: 50, windowMs: 15 * 60_000 }),
  };
}

export interface SessionGrant {
  /** The session secret: goes in an HttpOnly cookie, stored only as its hash. */
  readonly token: string;
  /** What the page sends back as X-CSRF-Token on every write. */
  readonly csrfToken: string;
  readonly expiresAt: string;
  readonly user: { id: string; email: string; platformAdmin: boolean; mustChangePassword: boolean };
}

/** The CSRF token bound to a session: derived from its secret, so only the holder of the cookie can know it. */
export function csrfTokenFor(sessionToken: string): string {
  return sha256(`csrf\n${sessionToken}`);
}

/** Constant-time comparison of two strings. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Signs in with email and password. Unknown email, wrong password and a
 * disabled account get the same answer in about the same time (no user
 * enumeration); repeated failures are throttled per email and per address.
 */
export async function login(
  store: Db,
  input: { email: string; password: string; address: string },
  limits: LoginLimits,
  now = new Date(),
): Promise<SessionGrant> {
  const email = input.email.trim().toLowerCase();
  const t = now.getTime();
  const keys = [limits.perEmail.blocked(`e:${email}`, t), limits.perAddress.blocked(`a:${input.address}`, t)];
  const block = keys.find((k) => k.blocked);
  if (block)
    throw new AppError("rate_limited", "too many failed sign-ins; try again later", {
      retryAfterSeconds: Math.max(1, Math.ceil(block.resetMs / 1000)),
    });
  const user = input.password.length <= 1024 ? await findUserByEmail(store.db, email) : undefined;
  const ok =
    user && !user.disabled && input.password.length <= 1024
      ? await verify(user.passwordHash, input.password)
      : await dummyVerify(input.password.slice(0, 1024));
  if (!ok || !user) {
    limits.perEmail.hit(`e:${email}`, t);
    limits.perAddress.hit(`a:${input.address}`, t);
    throw new AppError("invalid_credentials", "email or password is wrong");
  }
  limits.perEmail.reset(`e:${email}`);
  const token = randomBytes(32).toString("base64url");
  const at = now.toISOString();
  const expiresAt = new Date(t + SESSION_HOURS * 3600_000).toISOString();
  await store.db.transaction().execute(async (tx) => {
    await lockAuditChain(tx);
    await deleteExpiredSessions(tx, at);
    await insertSession(tx, { idHash: sha256(token), userId: user.id, now: at, expiresAt });
    await appendAudit(tx, {
      at,
      actor: user.id,
      action: "auth.login",
      entity: "user",
      entityId: user.id,
      detail: { session: sha256(token).slice(0, 16) },
    });
  });
  return {
    token,
    csrfToken: csrfTokenFor(token),
    expiresAt,
    user: {
      id: user.id,
      email: user.email,
      platformAdmin: user.platformAdmin,
      mustChangePassword: user.mustChangePassword,
    },
  };
}

/** Ends a session (signing out); unknown sessions are ignored. */
export async function logout(store: Db, sessionToken: string): Promise<void> {
  await store.db.transaction().execute(async (tx) => {
    await lockAuditChain(tx);
    const session = await findSession(tx, sha256(sessionToken), "");
    if (!session) return;
    await deleteSession(tx, session.id);
    await appendAudit(tx, {
      at: new Date().toISOString(),
      actor: session.user_id,
      action: "auth.logout",
      entity: "user",
      entityId: session.user_id,
      detail: { session: session.id.slice(0, 16) },
    });
  });
}

async function principalFor(
  store: Db,
  userId: string,
  via: Principal["via"],
  scopes: ReadonlySet<Scope>,
): Promise<Principal | undefined> {
  const user = await findUserById(store.db, userId);
  if (!user || user.disabled) return undefined;
  return {
    userId: user.id,
    email: user.email,
    platformAdmin: user.platformAdmin,
    memberships: await membershipsOf(store.db, user.id),
    scopes,
    via,
    mustChangePassword: user.mustChangePassword,
  };
}

/**
 * Who a request comes from. A bearer token that is unknown, revoked or
 * expired is an error (`invalid_token`, 401) so that scripts notice; a stale
 * session cookie is just anonymous.
 */
export async function resolvePrincipal(
  store: Db,
  credentials: { bearer?: string; session?: string },
  now = new Date(),
): Promise<Principal | undefined> {
  if (credentials.bearer !== undefined) {
    const row = await findTokenByHash(store.db, sha256(credentials.bearer));
    const live = row && row.revoked_at === null && row.expires_at > now.toISOString();
    const p = live
      ? await principalFor(store, row.user_id, "token", new Set(row.scopes.split(",") as Scope[]))
      : undefined;
    if (!p) throw new AppError("invalid_token", "the API token is unknown, revoked or expired");
    return p;
  }
  if (credentials.session !== undefined) {
    const session = await findSession(store.db, sha256(credentials.session), now.toISOString());
    return session ? principalFor(store, session.user_id, "session", new Set(SCOPES)) : undefined;
  }
  return undefined;
}

/** What `GET /api/v1/me` shows. */
export function describePrincipal(p: Principal) {
  return {
    id: p.userId,
    email: p.email,
    platformAdmin: p.platformAdmin,
    mustChangePassword: p.mustChangePassword,
    via: p.via,
    scopes: [...p.scopes],
    memberships: [...p.memberships].map(([organisation, role]) => ({ organisation, role })),
  };
}

/** Changes the signed-in user's password (the current one is checked) and ends their other sessions. */
export async function changePassword(
  store: Db,
  p: Principal | undefined,
  current: string,
  next: string,
  sessionToken?: string,
) {
  requireSignedIn(p);
  if (p.via !== "session") throw new AppError("forbidden", "change a password from a signed-in browser session");
  const user = await findUserById(store.db, p.userId);
  if (!user || !(await verify(user.passwordHash, current)))
    throw new AppError("invalid_credentials", "the current password is wrong");
  const password = parse(Password, next, "password");
  if (password === current) throw new AppError("invalid_request", "the new password must differ from the old one");
  const passwordHash = await hashPassword(password);
  await store.db.transaction().execute(async (tx) => {
    await lockAuditChain(tx);
    await updateUser(tx, p.userId, { passwordHash, mustChange: false });
    await deleteOtherSessions(tx, p.userId, sessionToken === undefined ? "" : sha256(sessionToken));
    await appendAudit(tx, {
      at: new Date().toISOString(),
      actor: p.userId,
      action: "user.password",
      entity: "user",
      entityId: p.userId,
      detail: {},
    });
  });
}
