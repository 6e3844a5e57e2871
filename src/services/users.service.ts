import { AppError } from "../core/errors.ts";
import { appendAudit, lockAuditChain } from "../store/audit.repository.ts";
import type { Db } from "../store/database.ts";
import {
  countActivePlatformAdmins,
  deleteSessionsOf,
  findUserByEmail,
  findUserById,
  setUserDisabledAt,
  type UserRow,
} from "../store/users.repository.ts";
import { type Principal, requireActing } from "./access.ts";
import { Email, parse } from "./credentials.ts";

/** Who a user is and whether they may sign in: what disabling and enabling answer. */
export interface UserStatus {
  readonly id: string;
  readonly email: string;
  readonly disabled: boolean;
  /** False when the user already was in the state asked for (nothing was changed or logged). */
  readonly changed: boolean;
  /** Sessions ended by disabling. */
  readonly sessionsEnded: number;
}

/** Names a user by id (the API) or email (the CLI). */
export type UserRef = { readonly id: string } | { readonly email: string };

/**
 * Disables a user (`disabled: true`) or enables them again. A disabled user's
 * sign-in is refused exactly like a wrong password, their sessions are ended
 * at once and their API tokens are refused (`invalid_token`) for as long as
 * they stay disabled; enabling lets the tokens work again but not the ended
 * sessions. Platform admins only (the CLI acts as one); an admin cannot
 * disable themselves, and the last platform admin who can sign in stays.
 *
 * @example
 *   await setUserDisabled(store, "cli", { email: "someone@example.org" }, true)
 */
export async function setUserDisabled(
  store: Db,
  actor: Principal | undefined | "cli",
  ref: UserRef,
  disabled: boolean,
): Promise<UserStatus> {
  if (actor !== "cli") {
    requireActing(actor, "admin");
    if (!actor.platformAdmin) throw new AppError("forbidden", "only platform admins disable or enable users");
  }
  const now = new Date().toISOString();
  return store.db.transaction().execute(async (tx) => {
    await lockAuditChain(tx);
    const user = await findUser(tx, ref);
    if (disabled && actor !== "cli" && actor.userId === user.id)
      throw new AppError("conflict", "you cannot disable yourself; ask another platform admin");
    if (user.disabled === disabled)
      return { id: user.id, email: user.email, disabled, changed: false, sessionsEnded: 0 };
    if (disabled && user.platformAdmin && (await countActivePlatformAdmins(tx)) <= 1)
      throw new AppError("conflict", "this is the last platform admin who can sign in: make another one first");
    await setUserDisabledAt(tx, user.id, disabled ? now : null);
    const sessionsEnded = disabled ? await deleteSessionsOf(tx, user.id) : 0;
    await appendAudit(tx, {
      at: now,
      actor: actor === "cli" ? "cli" : actor.userId,
      action: disabled ? "user.disable" : "user.enable",
      entity: "user",
      entityId: user.id,
      detail: disabled ? { sessionsEnded } : {},
    });
    return { id: user.id, email: user.email, disabled, changed: true, sessionsEnded };
  });
}

async function findUser(tx: Parameters<typeof findUserById>[0], ref: UserRef): Promise<UserRow> {
  const user =
    "id" in ref ? await findUserById(tx, ref.id) : await findUserByEmail(tx, parse(Email, ref.email, "email"));
  if (!user)
    throw new AppError("not_found", "id" in ref ? `no user with id ${ref.id}` : `no user with email ${ref.email}`);
  return user;
}
