import type { AnyRecord } from "../core/domain/index.ts";
import { FreightStatistic } from "../core/domain/index.ts";
import { AppError } from "../core/errors.ts";
import { type Operation, partiesOf } from "../core/governance.ts";
import { diffJson, type JsonChange } from "../core/json-diff.ts";
import { appendAudit, sha256 } from "../store/audit.repository.ts";
import {
  type ConsentRow,
  closeProposal,
  consentsOf,
  findProposal,
  insertProposal,
  type ProposalRow,
  proposalsFor,
  setDecision,
  versionOf,
} from "../store/consultation.repository.ts";
import type { Db } from "../store/database.ts";
import { upsertStatistic } from "../store/freight-statistic.repository.ts";
import { findRecordState } from "../store/record.repository.ts";
import { emailsOf } from "../store/users.repository.ts";
import { canSeeUnpublished, orgsWithRole, type Principal, requireActing, scopeOrgs } from "./access.ts";
import { addCommentRow } from "./comment.service.ts";
import {
  invalid,
  inWrite,
  newId,
  nowIso,
  type Q,
  type Tx,
  view,
  type WriteContext,
  type WriteResult,
  write,
} from "./record-write.ts";

export interface ProposalView {
  readonly id: string;
  readonly location: string;
  readonly record: { id: string; kind: string; names?: Record<string, string> };
  readonly operation: string;
  readonly status: string;
  readonly baseVersion: number;
  readonly note: string | null;
  readonly createdBy: { id: string; email: string | null };
  readonly organisation: string | null;
  readonly createdAt: string;
  readonly closedAt: string | null;
  readonly resultVersion: number | null;
  readonly consents: Array<{
    organisation: string;
    decision: ConsentRow["decision"];
    by: string | null;
    at: string | null;
    comment: string | null;
  }>;
  readonly changes?: JsonChange[];
  readonly statistic?: unknown;
}

export async function propose(
  tx: Tx,
  ctx: WriteContext,
  p: Principal,
  found: { record: AnyRecord; workflow: string; version: number },
  operation: Operation,
  parties: readonly string[],
  org: string | undefined,
  note: string | undefined,
  doc: string | null,
): Promise<WriteResult> {
  const now = nowIso();
  const proposal: ProposalRow = {
    id: newId("prp"),
    recordId: found.record.id,
    kind: found.record.kind,
    operation,
    baseVersion: found.version,
    doc,
    note: note ?? null,
    status: "open",
    createdBy: p.userId,
    createdOrg: org ?? null,
    createdAt: now,
    closedAt: null,
    resultVersion: null,
  };
  await insertProposal(tx, proposal, parties);
  await appendAudit(tx, {
    at: now,
    actor: p.userId,
    action: "proposal.create",
    entity: "proposal",
    entityId: proposal.id,
    detail: {
      record: proposal.recordId,
      operation,
      baseVersion: proposal.baseVersion,
      parties,
      org: org ?? null,
      docSha256: doc === null ? null : sha256(doc),
      note: note ?? null,
    },
  });
  // The proposer's own consent counts for the parties they approve for.
  const own = p.scopes.has("approve") ? orgsWithRole(p, parties, "approver") : [];
  for (const o of own) await recordDecision(tx, p, proposal.id, o, "consent", null, now);
  const closed = await applyIfConsented(tx, ctx, proposal);
  const after = await findRecordState(tx, found.record.id);
  const record = after ? view(after) : view(found);
  const pv = await proposalView(tx, closed);
  return { outcome: closed.status === "open" ? "proposed" : "applied", record, proposal: pv };
}

async function recordDecision(
  tx: Tx,
  p: Principal,
  proposalId: string,
  org: string,
  decision: "consent" | "object",
  commentId: string | null,
  now: string,
): Promise<void> {
  await setDecision(tx, proposalId, org, { decision, userId: p.userId, commentId, now });
  await appendAudit(tx, {
    at: now,
    actor: p.userId,
    action: `proposal.${decision}`,
    entity: "proposal",
    entityId: proposalId,
    detail: { org, comment: commentId },
  });
}

/** Applies a proposal once every party has consented; returns it as it stands afterwards. */
async function applyIfConsented(tx: Tx, ctx: WriteContext, proposal: ProposalRow): Promise<ProposalRow> {
  const consents = await consentsOf(tx, proposal.id);
  if (proposal.status !== "open" || consents.some((c) => c.decision !== "consent")) return proposal;
  const now = nowIso();
  const found = await findRecordState(tx, proposal.recordId);
  if (!found) throw new AppError("internal", `record ${proposal.recordId} of proposal ${proposal.id} is missing`);
  const meta = {
    by: proposal.createdBy,
    expectedVersion: proposal.baseVersion,
    note: proposal.note ?? `proposal ${proposal.id}`,
    org: proposal.createdOrg ?? undefined,
    proposal: proposal.id,
  };
  let status: "applied" | "conflict" = "applied";
  let resultVersion: number | null = null;
  const stale = found.version !== proposal.baseVersion;
  switch (proposal.operation) {
    case "update": {
      if (stale || found.workflow !== "published") status = "conflict";
      else {
        const record = JSON.parse(proposal.doc ?? "null") as AnyRecord;
        resultVersion = (await write(tx, ctx, record, { ...meta, workflow: "published" })).version;
      }
      break;
    }
    case "withdraw":
      if (stale || found.workflow !== "published") status = "conflict";
      else resultVersion = (await write(tx, ctx, found.record, { ...meta, workflow: "withdrawn" })).version;
      break;
    case "publish":
      if (stale || found.workflow !== "in_consultation") status = "conflict";
      else resultVersion = (await write(tx, ctx, found.record, { ...meta, workflow: "approved" })).version;
      break;
    case "statistic": {
      const stat = FreightStatistic.parse(JSON.parse(proposal.doc ?? "null"));
      await upsertStatistic(tx, stat, now, proposal.createdBy);
      break;
    }
    default:
      throw new AppError("internal", `unknown operation ${proposal.operation}`);
  }
  await closeProposal(tx, proposal.id, status, now, resultVersion);
  await appendAudit(tx, {
    at: now,
    actor: proposal.createdBy,
    action: status === "applied" ? "proposal.apply" : "proposal.conflict",
    entity: "proposal",
    entityId: proposal.id,
    detail: { record: proposal.recordId, resultVersion },
  });
  return { ...proposal, status, closedAt: now, resultVersion };
}

/** Parties asked to consent, and the proposer's organisation: who may see a proposal. */
async function proposalParties(tx: Q, proposal: ProposalRow, consents: readonly ConsentRow[]): Promise<string[]> {
  const found = await findRecordState(tx, proposal.recordId);
  return [
    ...new Set([
      ...consents.map((c) => c.org),
      ...(proposal.createdOrg ? [proposal.createdOrg] : []),
      ...(found ? partiesOf(found.record) : []),
    ]),
  ];
}

async function loadProposal(tx: Q, p: Principal | undefined, id: string) {
  const proposal = await findProposal(tx, id);
  const consents = proposal ? await consentsOf(tx, proposal.id) : [];
  const visible =
    proposal &&
    (p?.userId === proposal.createdBy || canSeeUnpublished(p, await proposalParties(tx, proposal, consents)));
  if (!proposal || !visible) throw new AppError("not_found", `no proposal "${id}"`);
  return { proposal, consents };
}

async function proposalView(tx: Q, proposal: ProposalRow, withChanges = true): Promise<ProposalView> {
  const consents = await consentsOf(tx, proposal.id);
  const emails = await emailsOf(tx, [proposal.createdBy]);
  const names = (await findRecordState(tx, proposal.recordId))?.record.names;
  let changes: JsonChange[] | undefined;
  let statistic: unknown;
  if (withChanges && proposal.operation === "update" && proposal.doc) {
    const base = await versionOf(tx, proposal.recordId, proposal.baseVersion);
    changes = diffJson(base ? JSON.parse(base.doc) : {}, JSON.parse(proposal.doc));
  }
  if (proposal.operation === "statistic" && proposal.doc) statistic = JSON.parse(proposal.doc);
  return {
    id: proposal.id,
    location: `/api/v1/proposals/${proposal.id}`,
    record: { id: proposal.recordId, kind: proposal.kind, names },
    operation: proposal.operation,
    status: proposal.status,
    baseVersion: proposal.baseVersion,
    note: proposal.note,
    createdBy: { id: proposal.createdBy, email: emails.get(proposal.createdBy) ?? null },
    organisation: proposal.createdOrg,
    createdAt: proposal.createdAt,
    closedAt: proposal.closedAt,
    resultVersion: proposal.resultVersion,
    consents: consents.map((c) => ({
      organisation: c.org,
      decision: c.decision,
      by: c.userId,
      at: c.decidedAt,
      comment: c.commentId,
    })),
    ...(changes ? { changes } : {}),
    ...(statistic !== undefined ? { statistic } : {}),
  };
}

/**
 * Consents to or objects to a proposal on behalf of the organisations asked
 * (or the one named) in which the principal is an approver. An objection needs
 * a comment and keeps the proposal open; the last consent applies it.
 */
export async function decide(
  ctx: WriteContext,
  p: Principal | undefined,
  proposalId: string,
  input: { decision: "consent" | "object"; comment?: string; organisation?: string },
): Promise<ProposalView> {
  requireActing(p, "approve");
  const body = input.comment?.trim();
  if (input.decision === "object" && !body)
    throw invalid([{ field: "comment", message: "an objection needs a comment saying why" }]);
  return inWrite(ctx.store, async (tx) => {
    const { proposal, consents } = await loadProposal(tx, p, proposalId);
    if (proposal.status !== "open") throw new AppError("conflict", `proposal ${proposalId} is ${proposal.status}`);
    const asked = consents.map((c) => c.org);
    let orgs = orgsWithRole(p, asked, "approver");
    if (input.organisation !== undefined) orgs = orgs.filter((o) => o === input.organisation);
    if (orgs.length === 0)
      throw new AppError(
        "forbidden",
        `${input.decision === "consent" ? "consenting" : "objecting"} needs the approver role in an organisation asked (${asked.join(", ")})`,
      );
    const now = nowIso();
    let commentId: string | null = null;
    if (body) commentId = await addCommentRow(tx, p, proposal.recordId, { body, proposalId, org: orgs[0] }, now);
    for (const o of orgs) await recordDecision(tx, p, proposal.id, o, input.decision, commentId, now);
    const after = input.decision === "consent" ? await applyIfConsented(tx, ctx, proposal) : proposal;
    return proposalView(tx, after);
  });
}

/** Withdraws an open proposal (its author or a platform admin); a draft in consultation goes back to draft. */
export async function withdrawProposal(ctx: WriteContext, p: Principal | undefined, proposalId: string) {
  requireActing(p, "write");
  return inWrite(ctx.store, async (tx) => {
    const { proposal } = await loadProposal(tx, p, proposalId);
    if (proposal.createdBy !== p.userId && !p.platformAdmin)
      throw new AppError("forbidden", "only the author of a proposal (or a platform admin) withdraws it");
    if (proposal.status !== "open") throw new AppError("conflict", `proposal ${proposalId} is ${proposal.status}`);
    const now = nowIso();
    await closeProposal(tx, proposal.id, "withdrawn", now, null);
    await appendAudit(tx, {
      at: now,
      actor: p.userId,
      action: "proposal.withdraw",
      entity: "proposal",
      entityId: proposal.id,
      detail: { record: proposal.recordId },
    });
    if (proposal.operation === "publish") {
      const found = await findRecordState(tx, proposal.recordId);
      if (found?.workflow === "in_consultation")
        await write(tx, ctx, found.record, {
          by: p.userId,
          workflow: "draft",
          expectedVersion: found.version,
          note: "consultation withdrawn",
          org: proposal.createdOrg ?? undefined,
        });
    }
    return proposalView(tx, { ...proposal, status: "withdrawn", closedAt: now });
  });
}

/** One proposal with its consents and (for changes) the diff against the version it was made on. */
export async function getProposal(store: Db, p: Principal | undefined, id: string): Promise<ProposalView> {
  requireActing(p, "read");
  const { proposal } = await loadProposal(store.db, p, id);
  return proposalView(store.db, proposal);
}

/** Proposals the principal's organisations made or are asked about (all for platform admins), newest first. */
export async function myProposals(store: Db, p: Principal | undefined, status: string | undefined, limit = 100) {
  requireActing(p, "read");
  const rows = await proposalsFor(store.db, scopeOrgs(p), status, limit);
  return { data: await Promise.all(rows.map((r) => proposalView(store.db, r, false))) };
}
