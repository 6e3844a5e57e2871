import { z } from "zod";

/**
 * Roles a user holds in an organisation (a partner), weakest first: each role
 * can do what the ones before it can.
 * - viewer: sees the organisation's drafts, proposals, comments and history;
 * - editor: creates and edits drafts, proposes changes, reports figures, comments;
 * - approver: consents to or objects to proposals, publishes approved drafts;
 * - admin: manages the organisation's members.
 */
export const ROLES = ["viewer", "editor", "approver", "admin"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** True when `held` is at least `needed`. */
export function roleAtLeast(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

/**
 * Where a record is in the consultation workflow: draft → in_consultation →
 * approved → published, or withdrawn. Only published records are public.
 */
export const WORKFLOWS = ["draft", "in_consultation", "approved", "published", "withdrawn"] as const;
export const Workflow = z.enum(WORKFLOWS);
export type Workflow = z.infer<typeof Workflow>;

/**
 * What an API token may do: `read` drafts and proposals, `write` (drafts,
 * proposals, reports, comments), `approve` (consent, object, publish),
 * `admin` (organisation members). A browser session has every scope.
 */
export const SCOPES = ["read", "write", "approve", "admin"] as const;
export const Scope = z.enum(SCOPES);
export type Scope = z.infer<typeof Scope>;

/** What a proposal does once every party has consented. */
export const OPERATIONS = ["publish", "update", "withdraw", "statistic"] as const;
export type Operation = (typeof OPERATIONS)[number];

export { partiesOf } from "./parties.ts";

/** The ETag of a record version: `W/"v3"`. */
export function versionTag(version: number): string {
  return `W/"v${version}"`;
}

/**
 * The versions an `If-Match` header names (`W/"v3"`, `"v3"`, `W/"v3-1a2b"`,
 * or a list of them); `*` or anything else names none. Undefined when there is no header.
 *
 * @example
 *   versionsIn('W/"v3", "v4"') // [3, 4]
 */
export function versionsIn(header: string | undefined): number[] | undefined {
  if (header === undefined) return undefined;
  return [...header.matchAll(/(?:W\/)?"v(\d{1,9})(?:-[0-9a-f]{1,64})?"/g)].map((m) => Number(m[1]));
}
