import { randomBytes } from "node:crypto";
import { z } from "zod";
import { AppError } from "../core/errors.ts";
import { SCOPES, type Scope } from "../core/governance.ts";
import { appendAudit, lockAuditChain } from "../store/audit.repository.ts";
import type { Db } from "../store/database.ts";
import { findUserByEmail, insertToken, revokeToken, tokensOf } from "../store/users.repository.ts";
import { type Principal, requireActing } from "./access.ts";
import { Email, newId, parse, parseAll, sha256 } from "./credentials.ts";

export const MAX_TOKEN_DAYS = 365;
export const DEFAULT_TOKEN_DAYS = 90;

export interface TokenGrant {
  /** The secret, shown once; only its hash is stored. */
  readonly token: string;
  readonly id: string;
  readonly name: string;
  readonly scopes: Scope[];
  readonly expiresAt: string;
}

export const TokenRequest = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(z.enum(SCOPES)).min(1).default(["read", "write"]),
    expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).default(DEFAULT_TOKEN_DAYS),
  })
  .strict();

/** Creates an API token for a user (by email: the CLI; or the signed-in user: the API). */
export async function createToken(
  store: Db,
  owner: { email: string } | { principal: Principal | undefined },
  request: z.input<typeof TokenRequest>,
  now = new Date(),
): Promise<TokenGrant> {
  let userId: string;
  let actor: string;
  if ("principal" in owner) {
    requireActing(owner.principal, "write");
    // A token cannot mint tokens: that would let a leaked token outlive its expiry.
    if (owner.principal.via !== "session")
      throw new AppError("forbidden", "create API tokens from a signed-in browser session or the CLI");
    userId = owner.principal.userId;
    actor = userId;
  } else {
    const user = await findUserByEmail(store.db, parse(Email, owner.email, "email"));
    if (!user) throw new AppError("not_found", `no user with email ${owner.email}`);
    userId = user.id;
    actor = "cli";
  }
  const r = parseAll(TokenRequest, request);
  const token = `brt_${randomBytes(32).toString("base64url")}`;
  const id = newId("tok");
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + r.expiresInDays * 86400_000).toISOString();
  const scopes = SCOPES.filter((s) => r.scopes.includes(s));
  await store.db.transaction().execute(async (tx) => {
    await lockAuditChain(tx);
    await insertToken(tx, {
      id,
      userId,
      name: r.name,
      hash: sha256(token),
      scopes: scopes.join(","),
      now: at,
      expiresAt,
    });
    await appendAudit(tx, {
      at,
      actor,
      action: "token.create",
      entity: "token",
      entityId: id,
      detail: { user: userId, name: r.name, scopes, expiresAt },
    });
  });
  return { token, id, name: r.name, scopes, expiresAt };
}

/** The signed-in user's tokens (never their secrets). */
export async function listTokens(store: Db, p: Principal | undefined) {
  requireActing(p, "read");
  const rows = await tokensOf(store.db, p.userId);
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    scopes: t.scopes.split(","),
    createdAt: t.created_at,
    expiresAt: t.expires_at,
    revokedAt: t.revoked_at,
  }));
}

/** Revokes one of the signed-in user's tokens (a token may revoke itself). */
export async function revokeOwnToken(store: Db, p: Principal | undefined, id: string): Promise<void> {
  requireActing(p, "write");
  const now = new Date().toISOString();
  await store.db.transaction().execute(async (tx) => {
    await lockAuditChain(tx);
    if (!(await revokeToken(tx, id, p.userId, now))) throw new AppError("not_found", `no live token ${id} of yours`);
    await appendAudit(tx, {
      at: now,
      actor: p.userId,
      action: "token.revoke",
      entity: "token",
      entityId: id,
      detail: {},
    });
  });
}
