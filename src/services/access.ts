import { AppError } from "../core/errors.ts";
import { type Role, roleAtLeast, type Scope } from "../core/governance.ts";

/**
 * Who is asking: a signed-in user (browser session) or a script (API token),
 * with their organisations and roles. Anonymous requests have no principal.
 */
export interface Principal {
  readonly userId: string;
  readonly email: string;
  readonly platformAdmin: boolean;
  /** Organisation (partner id) → role. */
  readonly memberships: ReadonlyMap<string, Role>;
  /** A session has every scope; a token the ones it was created with. */
  readonly scopes: ReadonlySet<Scope>;
  readonly via: "session" | "token";
  /** The one-time password of a bootstrapped admin must be changed before anything else. */
  readonly mustChangePassword: boolean;
}

/** Throws `unauthenticated` (401) unless someone is signed in. */
export function requireSignedIn(p: Principal | undefined): asserts p is Principal {
  if (!p) throw new AppError("unauthenticated", "sign in, or send an API token as Authorization: Bearer …");
}

/**
 * The checks every write starts with: signed in (401), password not pending
 * change, the credential carries `scope` (403).
 */
export function requireActing(p: Principal | undefined, scope: Scope): asserts p is Principal {
  requireSignedIn(p);
  if (p.mustChangePassword)
    throw new AppError("password_change_required", "change your one-time password first (POST /api/v1/me/password)");
  if (!p.scopes.has(scope))
    throw new AppError("insufficient_scope", `this API token lacks the "${scope}" scope`, { scope });
}

/** The parties among `orgs` in which `p` holds at least `role`, sorted. */
export function orgsWithRole(p: Principal | undefined, orgs: Iterable<string>, role: Role): string[] {
  if (!p) return [];
  return [...new Set(orgs)].filter((o) => {
    const held = p.memberships.get(o);
    return held !== undefined && roleAtLeast(held, role);
  });
}

/** True when `p` may see what is not public about a record with these parties (drafts, proposals, comments). */
export function canSeeUnpublished(p: Principal | undefined, parties: readonly string[]): boolean {
  if (!p?.scopes.has("read")) return false;
  return p.platformAdmin || parties.some((o) => p.memberships.has(o));
}

/**
 * The organisations `p` acts for on a record with these parties, holding at
 * least `role`; platform admins act for none but may proceed. Throws
 * `forbidden` (403) otherwise.
 */
export function requireRole(p: Principal, parties: readonly string[], role: Role, what: string): string[] {
  const orgs = orgsWithRole(p, parties, role);
  if (orgs.length === 0 && !p.platformAdmin)
    throw new AppError(
      "forbidden",
      `${what} needs the ${role} role in an organisation party to the record (${parties.join(", ") || "none"})`,
    );
  return orgs;
}

/** Organisations the principal belongs to, or undefined for a platform admin (who sees every organisation's). */
export function scopeOrgs(p: Principal): string[] | undefined {
  return p.platformAdmin ? undefined : [...p.memberships.keys()];
}
