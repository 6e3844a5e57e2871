import type { Kysely, Transaction } from "kysely";
import type { Role } from "../core/governance.ts";
import type { Database } from "./schema.ts";

type Tx = Kysely<Database> | Transaction<Database>;

export interface UserRow {
  readonly id: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly platformAdmin: boolean;
  readonly mustChangePassword: boolean;
  readonly disabled: boolean;
}

const USER_COLUMNS = ["id", "email", "password_hash", "platform_admin", "must_change_password", "disabled_at"] as const;

function toUser(r: {
  id: string;
  email: string;
  password_hash: string;
  platform_admin: number;
  must_change_password: number;
  disabled_at: string | null;
}): UserRow {
  return {
    id: r.id,
    email: r.email,
    passwordHash: r.password_hash,
    platformAdmin: Number(r.platform_admin) === 1,
    mustChangePassword: Number(r.must_change_password) === 1,
    disabled: r.disabled_at !== null,
  };
}

export async function findUserByEmail(db: Tx, email: string): Promise<UserRow | undefined> {
  const row = await db.selectFrom("users").select(USER_COLUMNS).where("email", "=", email).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function findUserById(db: Tx, id: string): Promise<UserRow | undefined> {
  const row = await db.selectFrom("users").select(USER_COLUMNS).where("id", "=", id).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** `{ id: email }` for the given user ids. */
export async function emailsOf(db: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("users").select(["id", "email"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.email]));
}

export async function insertUser(
  tx: Tx,
  user: { id: string; email: string; passwordHash: string; platformAdmin: boolean; mustChange: boolean; now: string },
): Promise<void> {
  await tx
    .insertInto("users")
    .values({
      id: user.id,
      email: user.email,
      password_hash: user.passwordHash,
      platform_admin: user.platformAdmin ? 1 : 0,
      must_change_password: user.mustChange ? 1 : 0,
      created_at: user.now,
      disabled_at: null,
    })
    .execute();
}

export async function updateUser(
  tx: Tx,
  id: string,
  set: { passwordHash?: string; platformAdmin?: boolean; mustChange?: boolean },
): Promise<void> {
  await tx
    .updateTable("users")
    .set({
      ...(set.passwordHash !== undefined ? { password_hash: set.passwordHash } : {}),
      ...(set.platformAdmin !== undefined ? { platform_admin: set.platformAdmin ? 1 : 0 } : {}),
      ...(set.mustChange !== undefined ? { must_change_password: set.mustChange ? 1 : 0 } : {}),
    })
    .where("id", "=", id)
    .execute();
}

export async function countPlatformAdmins(db: Tx): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("platform_admin", "=", 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Platform admins who can still sign in (not disabled). */
export async function countActivePlatformAdmins(db: Tx): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("platform_admin", "=", 1)
    .where("disabled_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Disables a user from `at` (a timestamp) or enables them again (`null`). */
export async function setUserDisabledAt(tx: Tx, id: string, at: string | null): Promise<void> {
  await tx.updateTable("users").set({ disabled_at: at }).where("id", "=", id).execute();
}

/** A user's organisations and roles. */
export async function membershipsOf(db: Tx, userId: string): Promise<Map<string, Role>> {
  const rows = await db
    .selectFrom("memberships")
    .select(["org_id", "role"])
    .where("user_id", "=", userId)
    .orderBy("org_id")
    .execute();
  return new Map(rows.map((r) => [r.org_id, r.role as Role]));
}

export async function membersOf(db: Tx, orgId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.email", "memberships.role", "memberships.created_at"])
    .where("memberships.org_id", "=", orgId)
    .orderBy("users.email")
    .execute();
}

/** Adds a membership or changes its role; returns the role held before (if any). */
export async function setMembership(
  tx: Tx,
  userId: string,
  orgId: string,
  role: Role,
  now: string,
): Promise<string | undefined> {
  const before = await tx
    .selectFrom("memberships")
    .select("role")
    .where("user_id", "=", userId)
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  if (before) {
    await tx
      .updateTable("memberships")
      .set({ role })
      .where("user_id", "=", userId)
      .where("org_id", "=", orgId)
      .execute();
  } else {
    await tx.insertInto("memberships").values({ user_id: userId, org_id: orgId, role, created_at: now }).execute();
  }
  return before?.role;
}

export async function removeMembership(tx: Tx, userId: string, orgId: string): Promise<boolean> {
  const r = await tx
    .deleteFrom("memberships")
    .where("user_id", "=", userId)
    .where("org_id", "=", orgId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function insertSession(
  tx: Tx,
  s: { idHash: string; userId: string; now: string; expiresAt: string },
): Promise<void> {
  await tx
    .insertInto("sessions")
    .values({ id: s.idHash, user_id: s.userId, created_at: s.now, expires_at: s.expiresAt })
    .execute();
}

/** The live session with this id hash (not expired at `now`), or undefined. */
export async function findSession(db: Tx, idHash: string, now: string) {
  return db
    .selectFrom("sessions")
    .select(["id", "user_id", "expires_at"])
    .where("id", "=", idHash)
    .where("expires_at", ">", now)
    .executeTakeFirst();
}

export async function deleteSession(tx: Tx, idHash: string): Promise<boolean> {
  const r = await tx.deleteFrom("sessions").where("id", "=", idHash).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Ends every session of a user but the one with id hash `keep` (after a password change). */
export async function deleteOtherSessions(tx: Tx, userId: string, keep: string): Promise<void> {
  await tx.deleteFrom("sessions").where("user_id", "=", userId).where("id", "<>", keep).execute();
}

/** Ends every session of a user (when they are disabled); returns how many there were. */
export async function deleteSessionsOf(tx: Tx, userId: string): Promise<number> {
  const r = await tx.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Removes sessions that expired before `now` (housekeeping at login). */
export async function deleteExpiredSessions(tx: Tx, now: string): Promise<void> {
  await tx.deleteFrom("sessions").where("expires_at", "<=", now).execute();
}

export async function insertToken(
  tx: Tx,
  t: { id: string; userId: string; name: string; hash: string; scopes: string; now: string; expiresAt: string },
): Promise<void> {
  await tx
    .insertInto("api_tokens")
    .values({
      id: t.id,
      user_id: t.userId,
      name: t.name,
      token_hash: t.hash,
      scopes: t.scopes,
      created_at: t.now,
      expires_at: t.expiresAt,
      revoked_at: null,
    })
    .execute();
}

/** The token with this hash, whatever its state (the caller checks expiry and revocation). */
export async function findTokenByHash(db: Tx, hash: string) {
  return db
    .selectFrom("api_tokens")
    .select(["id", "user_id", "name", "scopes", "expires_at", "revoked_at"])
    .where("token_hash", "=", hash)
    .executeTakeFirst();
}

export async function tokensOf(db: Tx, userId: string) {
  return db
    .selectFrom("api_tokens")
    .select(["id", "name", "scopes", "created_at", "expires_at", "revoked_at"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
}

export async function revokeToken(tx: Tx, id: string, userId: string, now: string): Promise<boolean> {
  const r = await tx
    .updateTable("api_tokens")
    .set({ revoked_at: now })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
