import type { RecordKind } from "../core/domain/index.ts";
import { AppError } from "../core/errors.ts";
import { partiesOf } from "../core/governance.ts";
import { diffJson } from "../core/json-diff.ts";
import { versionOf, versionsOf } from "../store/consultation.repository.ts";
import type { Db } from "../store/database.ts";
import { findRecordState } from "../store/record.repository.ts";
import { emailsOf } from "../store/users.repository.ts";
import { canSeeUnpublished, type Principal } from "./access.ts";

/**
 * The record's parties, if the principal may see its history: anyone for a
 * published record, else its parties and platform admins (others: not found).
 * Emails of who made each version are shown to parties and platform admins only.
 */
async function access(store: Db, p: Principal | undefined, kind: RecordKind, id: string) {
  const found = await findRecordState(store.db, id);
  if (!found || found.record.kind !== kind) throw new AppError("not_found", `no ${kind} with id "${id}"`);
  const insider = canSeeUnpublished(p, partiesOf(found.record));
  if (found.workflow !== "published" && !insider) throw new AppError("not_found", `no ${kind} with id "${id}"`);
  return { insider, current: found.version };
}

async function who(store: Db, insider: boolean, ids: string[]) {
  const emails = insider ? await emailsOf(store.db, ids) : new Map<string, string>();
  return (id: string) => ({ id, ...(insider ? { email: emails.get(id) ?? null } : {}) });
}

/** Every version of a record: who (user and organisation), when, why, workflow state; oldest first. */
export async function listVersions(store: Db, p: Principal | undefined, kind: RecordKind, id: string) {
  const { insider, current } = await access(store, p, kind, id);
  const rows = await versionsOf(store.db, id);
  const by = await who(store, insider, [...new Set(rows.map((r) => r.changedBy))]);
  return {
    current,
    data: rows.map((r) => ({
      version: r.version,
      at: r.changedAt,
      by: by(r.changedBy),
      organisation: r.org,
      note: r.note,
      workflow: r.workflow,
      proposal: r.proposalId,
    })),
  };
}

/** One version of a record, as it was stored. */
export async function getVersion(store: Db, p: Principal | undefined, kind: RecordKind, id: string, version: number) {
  const { insider } = await access(store, p, kind, id);
  const row = await versionOf(store.db, id, version);
  if (!row) throw new AppError("not_found", `record "${id}" has no version ${version}`);
  const by = await who(store, insider, [row.changedBy]);
  return {
    version: row.version,
    at: row.changedAt,
    by: by(row.changedBy),
    organisation: row.org,
    note: row.note,
    workflow: row.workflow,
    proposal: row.proposalId,
    data: JSON.parse(row.doc) as unknown,
  };
}

/**
 * The differences between two versions of a record (JSON Pointer paths), with
 * who made each version, when and why.
 *
 * @example
 *   await diffVersions(store, undefined, "project", "china-laos-railway", 1, 3)
 */
export async function diffVersions(
  store: Db,
  p: Principal | undefined,
  kind: RecordKind,
  id: string,
  from: number,
  to: number,
) {
  const { insider } = await access(store, p, kind, id);
  const [a, b] = await Promise.all([versionOf(store.db, id, from), versionOf(store.db, id, to)]);
  if (!a) throw new AppError("not_found", `record "${id}" has no version ${from}`);
  if (!b) throw new AppError("not_found", `record "${id}" has no version ${to}`);
  const by = await who(store, insider, [a.changedBy, b.changedBy]);
  const meta = (v: typeof a) => ({
    version: v.version,
    at: v.changedAt,
    by: by(v.changedBy),
    organisation: v.org,
    note: v.note,
    workflow: v.workflow,
  });
  const changes = diffJson(JSON.parse(a.doc), JSON.parse(b.doc));
  if (a.workflow !== b.workflow)
    changes.unshift({ op: "replace", path: "#workflow", from: a.workflow, to: b.workflow });
  return { record: id, from: meta(a), to: meta(b), changes };
}
