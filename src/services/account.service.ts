import { randomBytes } from "node:crypto";
import { AppError } from "../core/errors.ts";
import type { Role } from "../core/governance.ts";
import { appendAudit, lockAuditChain } from "../store/audit.repository.ts";
import { existingPartners } from "../store/consultation.repository.ts";
import type { Db } from "../store/database.ts";
import {
  countPlatformAdmins,
  findUserByEmail,
  insertUser,
  membersOf,
  removeMembership,
  setMembership,
  updateUser,
} from "../store/users.repository.ts";
import { type Principal, requireActing } from "./access.ts";
import { Email, hashPassword, newId, Password, parse } from "./credentials.ts";

/** Creates a user; `conflict` when the email is taken. Returns the new id. */
export async function createUser(
  store: Db,
  input: { email: string; password: string; platformAdmin?: boolean; mustChangePassword?: boolean; by?: string },
): Promise<string> {
  const email = parse(Email, input.email, "email");
  const password = parse(Password, input.password, "password");
  const passwordHash = await hashPassword(password);
  const id = newId("usr");
  const now = new Date().toISOString();
  await store.db.transaction().execute(async (tx) => {
    await lockAuditChain(tx);
    if (await findUserByEmail(tx, email)) throw new AppError("conflict", `a user with email ${email} exists already`);
    await insertUser(tx, {
      id,
      email,
      passwordHash,
      platformAdmin: input.platformAdmin ?? false,
      mustChange: input.mustChangePassword ?? false,
      now,
    });
    await appendAudit(tx, {
      at: now,
      actor: input.by ?? "system",
      action: "user.create",
      entity: "user",
      entityId: id,
      detail: { platformAdmin: input.platformAdmin ?? false },
    });
  });
  return id;
}

/**
 * On a database without any platform admin, creates one with a random
 * one-time password (to be changed at first sign-in) and returns it, to be
 * shown once; otherwise undefined.
 */
export async function bootstrapAdmin(store: Db): Promise<{ email: string; password: string } | undefined> {
  if ((await countPlatformAdmins(store.db)) > 0) return undefined;
  const email = "admin@beltroad.local";
  const password = randomBytes(18).toString("base64url");
  const existing = await findUserByEmail(store.db, email);
  try {
    if (existing) {
      const passwordHash = await hashPassword(password);
      await store.db.transaction().execute(async (tx) => {
        await lockAuditChain(tx);
        await updateUser(tx, existing.id, { passwordHash, platformAdmin: true, mustChange: true });
        await appendAudit(tx, {
          at: new Date().toISOString(),
          actor: "system",
          action: "user.bootstrap-admin",
          entity: "user",
          entityId: existing.id,
          detail: {},
        });
      });
    } else await createUser(store, { email, password, platformAdmin: true, mustChangePassword: true });
  } catch (e) {
    // Another process bootstrapped at the same moment: its admin stands.
    if (e instanceof AppError && e.code === "conflict") return undefined;
    throw e;
  }
  return { email, password };
}

/**
 * Adds a user to an organisation with a role, or changes their role. Platform
 * admins and the organisation's admins may (the CLI acts as a platform admin).
 */
export async function setMember(
  store: Db,
  actor: Principal | "cli",
  input: { email: string; organisation: string; role: Role },
): Promise<{ userId: string; organisation: string; role: Role; previous: string | null }> {
  if (actor !== "cli") requireOrgAdmin(actor, input.organisation);
  const email = parse(Email, input.email, "email");
  const user = await findUserByEmail(store.db, email);
  if (!user) throw new AppError("not_found", `no user with email ${email}`);
  if ((await existingPartners(store.db, [input.organisation])).size === 0)
    throw new AppError("not_found", `no organisation (partner) with id "${input.organisation}"`);
  const now = new Date().toISOString();
  const previous = await store.db.transaction().execute(async (tx) => {
    await lockAuditChain(tx);
    const before = await setMembership(tx, user.id, input.organisation, input.role, now);
    await appendAudit(tx, {
      at: now,
      actor: actor === "cli" ? "cli" : actor.userId,
      action: "membership.set",
      entity: "organisation",
      entityId: input.organisation,
      detail: { user: user.id, role: input.role, previous: before ?? null },
    });
    return before;
  });
  return { userId: user.id, organisation: input.organisation, role: input.role, previous: previous ?? null };
}

/** Removes a user from an organisation (platform admins and the organisation's admins). */
export async function removeMember(store: Db, actor: Principal | undefined, organisation: string, userId: string) {
  requireActing(actor, "admin");
  requireOrgAdmin(actor, organisation);
  const now = new Date().toISOString();
  await store.db.transaction().execute(async (tx) => {
    await lockAuditChain(tx);
    if (!(await removeMembership(tx, userId, organisation)))
      throw new AppError("not_found", `user ${userId} is not a member of ${organisation}`);
    await appendAudit(tx, {
      at: now,
      actor: actor.userId,
      action: "membership.remove",
      entity: "organisation",
      entityId: organisation,
      detail: { user: userId },
    });
  });
}

/** An organisation's members: visible to its members and platform admins. */
export async function listMembers(store: Db, p: Principal | undefined, organisation: string) {
  requireActing(p, "read");
  if (!p.platformAdmin && !p.memberships.has(organisation))
    throw new AppError("forbidden", `only members of ${organisation} see its members`);
  const rows = await membersOf(store.db, organisation);
  return rows.map((r) => ({ id: r.id, email: r.email, role: r.role, since: r.created_at }));
}

function requireOrgAdmin(p: Principal | undefined, organisation: string): asserts p is Principal {
  requireActing(p, "admin");
  if (!p.platformAdmin && p.memberships.get(organisation) !== "admin")
    throw new AppError("forbidden", `managing members of ${organisation} needs its admin role`);
}
