import { type Kysely, sql, type Transaction } from "kysely";
import type { AnyRecord } from "../core/domain/index.ts";
import type { Database } from "./schema.ts";

type Tx = Kysely<Database> | Transaction<Database>;

export interface ProposalRow {
  readonly id: string;
  readonly recordId: string;
  readonly kind: string;
  readonly operation: string;
  readonly baseVersion: number;
  readonly doc: string | null;
  readonly note: string | null;
  readonly status: string;
  readonly createdBy: string;
  readonly createdOrg: string | null;
  readonly createdAt: string;
  readonly closedAt: string | null;
  readonly resultVersion: number | null;
}

export interface ConsentRow {
  readonly org: string;
  readonly decision: "pending" | "consent" | "object";
  readonly userId: string | null;
  readonly commentId: string | null;
  readonly decidedAt: string | null;
}

function toProposal(r: Database["proposals"]): ProposalRow {
  return {
    id: r.id,
    recordId: r.record_id,
    kind: r.kind,
    operation: r.operation,
    baseVersion: Number(r.base_version),
    doc: r.doc,
    note: r.note,
    status: r.status,
    createdBy: r.created_by,
    createdOrg: r.created_org,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    resultVersion: r.result_version === null ? null : Number(r.result_version),
  };
}

export async function insertProposal(tx: Tx, p: ProposalRow, orgs: readonly string[]): Promise<void> {
  await tx
    .insertInto("proposals")
    .values({
      id: p.id,
      record_id: p.recordId,
      kind: p.kind,
      operation: p.operation,
      base_version: p.baseVersion,
      doc: p.doc,
      note: p.note,
      status: p.status,
      created_by: p.createdBy,
      created_org: p.createdOrg,
      created_at: p.createdAt,
      closed_at: null,
      result_version: null,
    })
    .execute();
  if (orgs.length)
    await tx
      .insertInto("proposal_consents")
      .values(
        orgs.map((org) => ({
          proposal_id: p.id,
          org_id: org,
          decision: "pending",
          user_id: null,
          comment_id: null,
          decided_at: null,
        })),
      )
      .execute();
}

export async function findProposal(db: Tx, id: string): Promise<ProposalRow | undefined> {
  const row = await db.selectFrom("proposals").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toProposal(row) : undefined;
}

export async function consentsOf(db: Tx, proposalId: string): Promise<ConsentRow[]> {
  const rows = await db
    .selectFrom("proposal_consents")
    .selectAll()
    .where("proposal_id", "=", proposalId)
    .orderBy("org_id")
    .execute();
  return rows.map((r) => ({
    org: r.org_id,
    decision: r.decision as ConsentRow["decision"],
    userId: r.user_id,
    commentId: r.comment_id,
    decidedAt: r.decided_at,
  }));
}

export async function setDecision(
  tx: Tx,
  proposalId: string,
  org: string,
  d: { decision: "consent" | "object"; userId: string; commentId: string | null; now: string },
): Promise<void> {
  await tx
    .updateTable("proposal_consents")
    .set({ decision: d.decision, user_id: d.userId, comment_id: d.commentId, decided_at: d.now })
    .where("proposal_id", "=", proposalId)
    .where("org_id", "=", org)
    .execute();
}

export async function closeProposal(
  tx: Tx,
  id: string,
  status: "applied" | "withdrawn" | "conflict",
  now: string,
  resultVersion: number | null,
): Promise<void> {
  await tx
    .updateTable("proposals")
    .set({ status, closed_at: now, result_version: resultVersion })
    .where("id", "=", id)
    .where("status", "=", "open")
    .execute();
}

/** Open proposals of one record (a publish proposal keeps a record in consultation). */
export async function openProposalsOf(db: Tx, recordId: string): Promise<ProposalRow[]> {
  const rows = await db
    .selectFrom("proposals")
    .selectAll()
    .where("record_id", "=", recordId)
    .where("status", "=", "open")
    .orderBy("created_at")
    .execute();
  return rows.map(toProposal);
}

/**
 * Proposals on records the organisations `orgs` are asked to consent to or
 * made (every proposal when `orgs` is undefined: platform admins), newest first.
 */
export async function proposalsFor(
  db: Tx,
  orgs: readonly string[] | undefined,
  status: string | undefined,
  limit: number,
): Promise<ProposalRow[]> {
  let q = db.selectFrom("proposals").selectAll();
  if (status) q = q.where("status", "=", status);
  if (orgs !== undefined) {
    if (orgs.length === 0) return [];
    q = q.where((eb) =>
      eb.or([
        eb("created_org", "in", orgs),
        eb.exists(
          eb
            .selectFrom("proposal_consents as pc")
            .select(sql`1`.as("one"))
            .whereRef("pc.proposal_id", "=", "proposals.id")
            .where("pc.org_id", "in", orgs),
        ),
      ]),
    );
  }
  const rows = await q.orderBy("created_at", "desc").orderBy("id").limit(limit).execute();
  return rows.map(toProposal);
}

/**
 * Records not (or no longer) public that `orgs` are party to (all when
 * `orgs` is undefined: platform admins), most recently changed first.
 */
export async function unpublishedFor(db: Tx, orgs: readonly string[] | undefined, limit: number) {
  let q = db
    .selectFrom("records")
    .select(["id", "kind", "workflow", "version", "doc", "updated_at"])
    .where("workflow", "<>", "published");
  if (orgs !== undefined) {
    if (orgs.length === 0) return [];
    q = q.where((eb) =>
      eb.or([
        eb.and([eb("kind", "=", "partner"), eb("id", "in", orgs)]),
        eb.exists(
          eb
            .selectFrom("record_participants as rp")
            .select(sql`1`.as("one"))
            .whereRef("rp.record_id", "=", "records.id")
            .where("rp.partner_id", "in", orgs),
        ),
      ]),
    );
  }
  const rows = await q.orderBy("updated_at", "desc").orderBy("id").limit(limit).execute();
  return rows.map((r) => ({
    record: { ...(JSON.parse(r.doc) as AnyRecord), version: r.version, updatedAt: r.updated_at },
    workflow: r.workflow,
  }));
}

/** Kind and workflow state of the given records that exist, whatever their state. */
export async function recordKinds(
  db: Tx,
  ids: readonly string[],
): Promise<Map<string, { kind: string; workflow: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("records").select(["id", "kind", "workflow"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, { kind: r.kind, workflow: r.workflow }]));
}

/** Ids of the given partners that exist (organisations are partners). */
export async function existingPartners(db: Tx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom("records")
    .select("id")
    .where("kind", "=", "partner")
    .where("id", "in", ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export interface CommentRow {
  readonly id: string;
  readonly recordId: string;
  readonly parentId: string | null;
  readonly proposalId: string | null;
  readonly authorId: string;
  readonly org: string | null;
  readonly body: string;
  readonly createdAt: string;
}

export async function insertComment(tx: Tx, c: CommentRow): Promise<void> {
  await tx
    .insertInto("comments")
    .values({
      id: c.id,
      record_id: c.recordId,
      parent_id: c.parentId,
      proposal_id: c.proposalId,
      author_id: c.authorId,
      org_id: c.org,
      body: c.body,
      created_at: c.createdAt,
    })
    .execute();
}

export async function findComment(db: Tx, id: string) {
  return db.selectFrom("comments").select(["id", "record_id"]).where("id", "=", id).executeTakeFirst();
}

/** A record's comments, oldest first. */
export async function commentsOf(db: Tx, recordId: string): Promise<CommentRow[]> {
  const rows = await db
    .selectFrom("comments")
    .selectAll()
    .where("record_id", "=", recordId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    recordId: r.record_id,
    parentId: r.parent_id,
    proposalId: r.proposal_id,
    authorId: r.author_id,
    org: r.org_id,
    body: r.body,
    createdAt: r.created_at,
  }));
}

export interface VersionRow {
  readonly version: number;
  readonly doc: string;
  readonly changedAt: string;
  readonly changedBy: string;
  readonly note: string | null;
  readonly workflow: string | null;
  readonly org: string | null;
  readonly proposalId: string | null;
}

/** Every version of a record (without their documents unless `withDocs`), oldest first. */
export async function versionsOf(db: Tx, recordId: string): Promise<Array<Omit<VersionRow, "doc">>> {
  const rows = await db
    .selectFrom("record_versions")
    .select(["version", "changed_at", "changed_by", "note", "workflow", "org", "proposal_id"])
    .where("record_id", "=", recordId)
    .orderBy("version")
    .execute();
  return rows.map((r) => ({
    version: Number(r.version),
    changedAt: r.changed_at,
    changedBy: r.changed_by,
    note: r.note,
    workflow: r.workflow ?? null,
    org: r.org ?? null,
    proposalId: r.proposal_id ?? null,
  }));
}

export async function versionOf(db: Tx, recordId: string, version: number): Promise<VersionRow | undefined> {
  // The current version's document lives in `records` only (0005-lean-writes).
  const r = await db
    .selectFrom("record_versions as v")
    .leftJoin("records as r", (j) => j.onRef("r.id", "=", "v.record_id").onRef("r.version", "=", "v.version"))
    .select(["v.version", "v.changed_at", "v.changed_by", "v.note", "v.workflow", "v.org", "v.proposal_id"])
    .select(sql<string>`coalesce(v.doc, r.doc)`.as("doc"))
    .where("v.record_id", "=", recordId)
    .where("v.version", "=", version)
    .executeTakeFirst();
  return r
    ? {
        version: Number(r.version),
        doc: r.doc,
        changedAt: r.changed_at,
        changedBy: r.changed_by,
        note: r.note,
        workflow: r.workflow ?? null,
        org: r.org ?? null,
        proposalId: r.proposal_id ?? null,
      }
    : undefined;
}
