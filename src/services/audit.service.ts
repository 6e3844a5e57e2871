import { AppError } from "../core/errors.ts";
import { auditHead, auditPage, type Verification, verifyAuditChain } from "../store/audit.repository.ts";
import type { Db } from "../store/database.ts";
import type { Principal } from "./access.ts";

/**
 * Walks the whole hash chain of `audit_log`.
 *
 * @example
 *   const v = await verifyAudit(store); // { ok: true, entries: 812, head: "…" }
 */
export function verifyAudit(store: Db): Promise<Verification> {
  return verifyAuditChain(store.db);
}

/**
 * A page of the audit log. Anyone gets the chain (seq, time, digest, hashes)
 * and can check every link; platform admins also get who did what to which
 * entity (others would learn the ids of drafts they may not see).
 */
export async function auditEntries(store: Db, p: Principal | undefined, after: number, limit: number) {
  if (!Number.isInteger(after) || after < 0 || !Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new AppError("invalid_request", "after is 0 or more; limit is 1 to 1000");
  const full = !!p?.platformAdmin && p.scopes.has("read");
  const page = await auditPage(store.db, after, limit);
  const head = await auditHead(store.db);
  return {
    head,
    data: page.map((e) => (full ? e : { seq: e.seq, at: e.at, digest: e.digest, prevHash: e.prevHash, hash: e.hash })),
    meta: { next: page.length === limit ? (page.at(-1)?.seq ?? null) : null },
  };
}
