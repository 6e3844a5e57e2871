import { canonicalJson } from "../core/canonical-json.ts";
import { FreightStatistic, type RecordKind } from "../core/domain/index.ts";
import { AppError } from "../core/errors.ts";
import { partiesOf } from "../core/governance.ts";
import { applyMergePatch } from "../core/merge-patch.ts";
import { unpublishedFor } from "../store/consultation.repository.ts";
import type { Db } from "../store/database.ts";
import { canonicalDoc, findRecordState } from "../store/record.repository.ts";
import { type Principal, requireActing, requireRole, scopeOrgs } from "./access.ts";
import { propose } from "./proposal.service.ts";
import {
  checkVersion,
  invalid,
  inWrite,
  loadVisible,
  strip,
  validateRecord,
  view,
  type WriteContext,
  type WriteOptions,
  type WriteResult,
  write,
} from "./record-write.ts";

export type { WriteContext, WriteOptions, WriteResult } from "./record-write.ts";

/**
 * Creates a draft (`POST /api/v1/{kind}`). The creator must be an editor of
 * an organisation the record names as a party (platform admins: any).
 * `ifNoneMatch` must be `*`: the record must not exist yet.
 */
export async function createDraft(
  ctx: WriteContext,
  p: Principal | undefined,
  kind: RecordKind,
  body: unknown,
  opts: { ifNoneMatch?: string; note?: string },
): Promise<WriteResult> {
  requireActing(p, "write");
  if (opts.ifNoneMatch?.trim() !== "*")
    throw new AppError("precondition_required", "send If-None-Match: * to create a record (it must not exist yet)");
  return inWrite(ctx.store, async (tx) => {
    const record = await validateRecord(tx, kind, body);
    const parties = partiesOf(record);
    const orgs = requireRole(p, parties, "editor", "creating a record");
    const existing = await findRecordState(tx, record.id);
    if (existing)
      throw new AppError("precondition_failed", `a record with id "${record.id}" exists already`, {
        currentVersion: existing.version,
      });
    const state = await write(tx, ctx, record, {
      by: p.userId,
      workflow: "draft",
      expectedVersion: 0,
      note: opts.note ?? "created",
      org: orgs[0],
    });
    return { outcome: "applied" as const, record: state };
  });
}

/**
 * Changes a record with a JSON merge patch (`PATCH /api/v1/{kind}/{id}`).
 * A draft changes at once; a published record gets a proposal that is applied
 * when an approver of every party (before and after the change) has consented.
 */
export async function updateRecord(
  ctx: WriteContext,
  p: Principal | undefined,
  kind: RecordKind,
  id: string,
  patch: unknown,
  opts: WriteOptions,
): Promise<WriteResult> {
  requireActing(p, "write");
  if (typeof patch !== "object" || patch === null || Array.isArray(patch))
    throw invalid([{ message: "the body must be a JSON merge patch (an object)" }]);
  const members = patch as Record<string, unknown>;
  for (const field of ["id", "kind"] as const)
    if (field in members && members[field] !== (field === "id" ? id : kind))
      throw invalid([{ field, message: "cannot be changed" }]);
  return inWrite(ctx.store, async (tx) => {
    const found = await loadVisible(tx, p, kind, id);
    const orgs = requireRole(p, found.parties, "editor", "changing a record");
    checkVersion(opts.ifMatch, found.version, id);
    if (found.workflow !== "draft" && found.workflow !== "published")
      throw new AppError("conflict", `record "${id}" is ${found.workflow}: only drafts and published records change`);
    const next = await validateRecord(tx, kind, applyMergePatch(strip(found.record), patch));
    if (found.workflow === "draft")
      return {
        outcome: "applied" as const,
        record: await write(tx, ctx, next, {
          by: p.userId,
          workflow: "draft",
          expectedVersion: found.version,
          note: opts.note,
          org: orgs[0],
        }),
      };
    if (canonicalDoc(next) === canonicalDoc(found.record)) return { outcome: "applied" as const, record: view(found) };
    const parties = [...new Set([...found.parties, ...partiesOf(next)])].sort();
    return propose(tx, ctx, p, found, "update", parties, orgs[0], opts.note, canonicalDoc(next));
  });
}

/**
 * `DELETE /api/v1/{kind}/{id}`: records are never erased. A draft (or an
 * approved record not yet published) is withdrawn at once; withdrawing a
 * published record is a proposal every party must consent to.
 */
export async function withdrawRecord(
  ctx: WriteContext,
  p: Principal | undefined,
  kind: RecordKind,
  id: string,
  opts: WriteOptions,
): Promise<WriteResult> {
  requireActing(p, "write");
  return inWrite(ctx.store, async (tx) => {
    const found = await loadVisible(tx, p, kind, id);
    const orgs = requireRole(p, found.parties, "editor", "withdrawing a record");
    checkVersion(opts.ifMatch, found.version, id);
    if (found.workflow === "draft" || found.workflow === "approved")
      return {
        outcome: "applied" as const,
        record: await write(tx, ctx, found.record, {
          by: p.userId,
          workflow: "withdrawn",
          expectedVersion: found.version,
          note: opts.note ?? "withdrawn",
          org: orgs[0],
        }),
      };
    if (found.workflow !== "published")
      throw new AppError("conflict", `record "${id}" is ${found.workflow}: withdraw its open proposal instead`);
    return propose(tx, ctx, p, found, "withdraw", found.parties, orgs[0], opts.note, null);
  });
}

/**
 * `POST /api/v1/{kind}/{id}/submit`: a draft goes into consultation; it is
 * approved when an approver of every party has consented.
 */
export async function submitDraft(
  ctx: WriteContext,
  p: Principal | undefined,
  kind: RecordKind,
  id: string,
  opts: WriteOptions,
): Promise<WriteResult> {
  requireActing(p, "write");
  return inWrite(ctx.store, async (tx) => {
    const found = await loadVisible(tx, p, kind, id);
    const orgs = requireRole(p, found.parties, "editor", "submitting a draft");
    checkVersion(opts.ifMatch, found.version, id);
    if (found.workflow !== "draft") throw new AppError("conflict", `record "${id}" is ${found.workflow}, not a draft`);
    const consulted = await write(tx, ctx, found.record, {
      by: p.userId,
      workflow: "in_consultation",
      expectedVersion: found.version,
      note: opts.note ?? "submitted for consultation",
      org: orgs[0],
    });
    const now = { ...found, workflow: consulted.workflow, version: consulted.version };
    return propose(tx, ctx, p, now, "publish", found.parties, orgs[0], opts.note, null);
  });
}

/** `POST /api/v1/{kind}/{id}/publish`: an approver of a party (or a platform admin) publishes an approved record. */
export async function publishRecord(
  ctx: WriteContext,
  p: Principal | undefined,
  kind: RecordKind,
  id: string,
  opts: WriteOptions,
): Promise<WriteResult> {
  requireActing(p, "approve");
  return inWrite(ctx.store, async (tx) => {
    const found = await loadVisible(tx, p, kind, id);
    const orgs = requireRole(p, found.parties, "approver", "publishing a record");
    checkVersion(opts.ifMatch, found.version, id);
    if (found.workflow !== "approved")
      throw new AppError("conflict", `record "${id}" is ${found.workflow}: only approved records are published`);
    return {
      outcome: "applied" as const,
      record: await write(tx, ctx, found.record, {
        by: p.userId,
        workflow: "published",
        expectedVersion: found.version,
        note: opts.note ?? "published",
        org: orgs[0],
      }),
    };
  });
}

/**
 * `POST /api/v1/services/{id}/statistics`: a freight operator (an editor of
 * a party to the service) reports trips, TEU or value for a period. The report
 * is a proposal like any change and is recorded once every party consents.
 */
export async function reportStatistic(
  ctx: WriteContext,
  p: Principal | undefined,
  serviceId: string,
  body: unknown,
  opts: { note?: string },
): Promise<WriteResult> {
  requireActing(p, "write");
  const parsed = FreightStatistic.safeParse({ ...(typeof body === "object" && body ? body : {}), service: serviceId });
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })));
  return inWrite(ctx.store, async (tx) => {
    const found = await loadVisible(tx, p, "service", serviceId);
    const orgs = requireRole(p, found.parties, "editor", "reporting freight figures");
    if (found.workflow !== "published")
      throw new AppError(
        "conflict",
        `service "${serviceId}" is ${found.workflow}: report figures on published services`,
      );
    return propose(tx, ctx, p, found, "statistic", found.parties, orgs[0], opts.note, canonicalJson(parsed.data));
  });
}

/** Records not public that the principal's organisations are party to (all for platform admins). */
export async function myDrafts(store: Db, p: Principal | undefined, limit = 200) {
  requireActing(p, "read");
  const rows = await unpublishedFor(store.db, scopeOrgs(p), limit);
  return { data: rows.map((r) => ({ data: r.record, workflow: r.workflow, version: r.record.version })) };
}
