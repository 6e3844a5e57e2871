import type { RecordKind } from "../core/domain/index.ts";
import { AppError } from "../core/errors.ts";
import { appendAudit, sha256 } from "../store/audit.repository.ts";
import { commentsOf, findComment, findProposal, insertComment } from "../store/consultation.repository.ts";
import type { Db } from "../store/database.ts";
import { emailsOf } from "../store/users.repository.ts";
import { canSeeUnpublished, type Principal, requireActing, requireRole, requireSignedIn } from "./access.ts";
import { invalid, inWrite, loadVisible, newId, nowIso, type Q, type Tx, type WriteContext } from "./record-write.ts";

export interface CommentView {
  readonly id: string;
  readonly body: string;
  readonly by: { id: string; email: string | null };
  readonly organisation: string | null;
  readonly proposal: string | null;
  readonly createdAt: string;
  readonly replies: CommentView[];
}

async function commentAccess(tx: Q, p: Principal | undefined, kind: RecordKind, id: string) {
  requireSignedIn(p);
  const found = await loadVisible(tx, p, kind, id);
  if (!canSeeUnpublished(p, found.parties))
    throw new AppError("forbidden", "comments are among the parties to a record and platform admins");
  return found;
}

/** A record's comments as threads (replies under their parent), oldest first: parties and platform admins. */
export async function listComments(store: Db, p: Principal | undefined, kind: RecordKind, id: string) {
  requireActing(p, "read");
  await commentAccess(store.db, p, kind, id);
  const rows = await commentsOf(store.db, id);
  const emails = await emailsOf(store.db, [...new Set(rows.map((r) => r.authorId))]);
  const byId = new Map<string, CommentView>();
  const roots: CommentView[] = [];
  for (const r of rows) {
    const v: CommentView = {
      id: r.id,
      body: r.body,
      by: { id: r.authorId, email: emails.get(r.authorId) ?? null },
      organisation: r.org,
      proposal: r.proposalId,
      createdAt: r.createdAt,
      replies: [],
    };
    byId.set(r.id, v);
    const parent = r.parentId ? byId.get(r.parentId) : undefined;
    if (parent) parent.replies.push(v);
    else roots.push(v);
  }
  return { data: roots };
}

export async function addCommentRow(
  tx: Tx,
  p: Principal,
  recordId: string,
  input: { body: string; parentId?: string; proposalId?: string; org?: string },
  now: string,
): Promise<string> {
  const id = newId("cmt");
  await insertComment(tx, {
    id,
    recordId,
    parentId: input.parentId ?? null,
    proposalId: input.proposalId ?? null,
    authorId: p.userId,
    org: input.org ?? null,
    body: input.body,
    createdAt: now,
  });
  await appendAudit(tx, {
    at: now,
    actor: p.userId,
    action: "comment.create",
    entity: "comment",
    entityId: id,
    detail: {
      record: recordId,
      parent: input.parentId ?? null,
      proposal: input.proposalId ?? null,
      bodySha256: sha256(input.body),
    },
  });
  return id;
}

/** Adds a comment (or a reply, with `parentId`) to a record: editors of a party and platform admins. */
export async function addComment(
  ctx: WriteContext,
  p: Principal | undefined,
  kind: RecordKind,
  id: string,
  input: { body: string; parentId?: string; proposalId?: string },
): Promise<{ id: string }> {
  requireActing(p, "write");
  const body = input.body.trim();
  if (!body || body.length > 10_000)
    throw invalid([{ field: "body", message: "a comment has 1 to 10,000 characters" }]);
  return inWrite(ctx.store, async (tx) => {
    const found = await commentAccess(tx, p, kind, id);
    const orgs = requireRole(p, found.parties, "editor", "commenting");
    if (input.parentId) {
      const parent = await findComment(tx, input.parentId);
      if (!parent || parent.record_id !== id)
        throw invalid([{ field: "parentId", message: "no such comment on this record" }]);
    }
    if (input.proposalId) {
      const proposal = await findProposal(tx, input.proposalId);
      if (!proposal || proposal.recordId !== id)
        throw invalid([{ field: "proposalId", message: "no such proposal on this record" }]);
    }
    return { id: await addCommentRow(tx, p, id, { ...input, body, org: orgs[0] }, nowIso()) };
  });
}
