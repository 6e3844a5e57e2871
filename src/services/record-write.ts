import { randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { KIND_FOLDERS, validateDataset } from "../core/dataset.ts";
import { derive } from "../core/derive.ts";
import type { AnyRecord, RecordKind } from "../core/domain/index.ts";
import { AppError } from "../core/errors.ts";
import { partiesOf, type Workflow } from "../core/governance.ts";
import type { MoneyConverter } from "../core/money/convert.ts";
import { lockAuditChain } from "../store/audit.repository.ts";
import { recordKinds } from "../store/consultation.repository.ts";
import type { Db } from "../store/database.ts";
import { canonicalDoc, findRecordState, upsertRecord } from "../store/record.repository.ts";
import type { Database } from "../store/schema.ts";
import { canSeeUnpublished, type Principal } from "./access.ts";
import { loadMoneyTables } from "./money.service.ts";
import type { ProposalView } from "./proposal.service.ts";
import { referencedIds } from "./registry.service.ts";

// The steps every consultation write shares: one transaction holding the audit chain, validation of
// records sent in, visibility, the If-Match check, and the record write itself.

/** A write transaction. */
export type Tx = Transaction<Database>;
/** Reads run inside a transaction or on the pool. */
export type Q = Kysely<Database> | Transaction<Database>;

/** What the write services need: the store and the dataset folder (its money tables convert new amounts). */
export interface WriteContext {
  readonly store: Db;
  readonly dataDir: string;
}

/** A record as a party sees it: the record (with version), its workflow state and version. */
export interface RecordState {
  readonly data: AnyRecord;
  readonly workflow: string;
  readonly version: number;
}

/** `applied`: the change is in the record (200/201); `proposed`: it waits for consent (202). */
export interface WriteResult {
  readonly outcome: "applied" | "proposed";
  readonly record: RecordState;
  readonly proposal?: ProposalView;
}

export interface WriteOptions {
  /** Versions named by If-Match; undefined when the header is absent. */
  readonly ifMatch?: readonly number[];
  /** Why: kept with the version and the proposal. */
  readonly note?: string;
}

const converters = new Map<string, MoneyConverter>();
export function converterFor(dataDir: string): MoneyConverter {
  let c = converters.get(dataDir);
  if (!c) {
    const { tables, issues } = loadMoneyTables(dataDir);
    if (!tables) throw new AppError("internal", "the money tables cannot be read", { issues });
    c = tables.converter;
    converters.set(dataDir, c);
  }
  return c;
}

export const newId = (prefix: string) => `${prefix}_${randomBytes(10).toString("hex")}`;
export const nowIso = () => new Date().toISOString();

/** Runs `fn` in a write transaction that holds the audit chain from the start (one lock order everywhere). */
export function inWrite<T>(store: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return store.db.transaction().execute(async (tx) => {
    await lockAuditChain(tx);
    return fn(tx);
  });
}

export function strip(record: AnyRecord): Record<string, unknown> {
  return JSON.parse(canonicalDoc(record)) as Record<string, unknown>;
}

export function invalid(issues: Array<{ field?: string; message: string }>): AppError {
  const details = issues.map((i) => ({ field: i.field ?? "", message: i.message }));
  return new AppError(
    "invalid_request",
    details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join("; "),
    details,
  );
}

/**
 * Validates a record sent through the API as the seed validates the dataset
 * (schema, source keys), and its references against the database.
 */
export async function validateRecord(tx: Q, kind: RecordKind, raw: unknown): Promise<AnyRecord> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw invalid([{ message: "the body must be a JSON object" }]);
  const body = raw as Record<string, unknown>;
  if (body.kind !== undefined && body.kind !== kind) throw invalid([{ field: "kind", message: `must be "${kind}"` }]);
  const { version: _v, createdAt: _c, updatedAt: _u, ...rest } = body;
  const checked = validateDataset([{ path: `${KIND_FOLDERS[kind]}/request.json`, data: [{ ...rest, kind }] }]);
  const own = checked.issues.filter((i) => !/^refers to unknown record|expected a /.test(i.message));
  const record = checked.records[0];
  if (own.length > 0 || !record) throw invalid(own);
  const refs = referencedIds(record).filter((id) => id !== record.id);
  const known = Object.fromEntries(await recordKinds(tx, refs));
  const partnerRefs = new Set([
    ...partiesOf(record).filter((id) => id !== record.id),
    ...(record.kind === "partner"
      ? []
      : record.transactions.flatMap((t) => [t.provider, t.receiver].filter((x): x is string => !!x))),
  ]);
  const problems = [
    ...refs.filter((id) => !known[id]).map((id) => ({ message: `refers to unknown record "${id}"` })),
    ...[...partnerRefs]
      .filter((id) => known[id] && known[id].kind !== "partner")
      .map((id) => ({ message: `"${id}" is a ${known[id]?.kind}, expected a partner` })),
  ];
  if (problems.length) throw invalid(problems);
  return record;
}

/** Loads a record the principal may see (drafts only for parties), else `not_found`. */
export async function loadVisible(tx: Q, p: Principal | undefined, kind: RecordKind | undefined, id: string) {
  const found = await findRecordState(tx, id);
  if (!found || (kind && found.record.kind !== kind))
    throw new AppError("not_found", `no ${kind ?? "record"} with id "${id}"`);
  const parties = partiesOf(found.record);
  if (found.workflow !== "published" && !canSeeUnpublished(p, parties))
    throw new AppError("not_found", `no ${kind ?? "record"} with id "${id}"`);
  return { ...found, parties };
}

export function checkVersion(ifMatch: readonly number[] | undefined, current: number, id: string): void {
  if (ifMatch === undefined)
    throw new AppError(
      "precondition_required",
      `send If-Match with the record's ETag (W/"v${current}" now) so that no one's change is overwritten`,
    );
  if (!ifMatch.includes(current))
    throw new AppError(
      "precondition_failed",
      `record "${id}" has changed since you read it: it is now version ${current}`,
      {
        currentVersion: current,
      },
    );
}

export function view(found: { record: AnyRecord; workflow: string; version: number }): RecordState {
  return { data: found.record, workflow: found.workflow, version: found.version };
}

export async function write(
  tx: Tx,
  ctx: WriteContext,
  record: AnyRecord,
  meta: { by: string; workflow: Workflow; expectedVersion: number; note?: string; org?: string; proposal?: string },
): Promise<RecordState> {
  await upsertRecord(tx, ctx.store.engine, record, derive(record, converterFor(ctx.dataDir)), {
    ...meta,
    now: nowIso(),
  });
  const after = await findRecordState(tx, record.id);
  if (!after) throw new AppError("internal", `record ${record.id} vanished during a write`);
  return view(after);
}
