import type { Kysely, Transaction } from "kysely";
import type { Derived } from "../core/derive.ts";
import type { AnyRecord, RecordKind } from "../core/domain/index.ts";
import { AppError } from "../core/errors.ts";
import { appendAudit, lockAuditChain, sha256 } from "./audit.repository.ts";
import type { Engine } from "./engine.ts";
import type { Database } from "./schema.ts";

type Tx = Kysely<Database> | Transaction<Database>;

export type WriteOutcome = "inserted" | "updated" | "unchanged";

/** The stored form of a record: everything but the store's own bookkeeping fields. */
export function canonicalDoc(record: AnyRecord): string {
  const { createdAt: _c, updatedAt: _u, version: _v, ...rest } = record;
  return JSON.stringify(rest);
}

/** Who writes a record, when and why; optionally the workflow state to set and the version expected. */
export interface WriteMeta {
  /** A user id, or `seed` / `system`. */
  readonly by: string;
  readonly note?: string;
  readonly now: string;
  /** Workflow state after the write; absent: unchanged (new records: published). */
  readonly workflow?: string;
  /** Compare-and-set: the version the writer read (0: the record must not exist yet); else `precondition_failed`. */
  readonly expectedVersion?: number;
  /** The writer's organisation and the proposal the write applies, kept with the version. */
  readonly org?: string;
  readonly proposal?: string;
}

/**
 * Inserts or replaces one record with its facets, full-text entry (published
 * records only), a new version row and an audit entry. Unchanged content in an
 * unchanged state is left alone (no new version, no audit entry, same timestamps).
 * The update is a compare-and-set on the version read, so of two concurrent
 * writers of one record only one wins. Call inside a transaction.
 */
export async function upsertRecord(
  tx: Tx,
  engine: Engine,
  record: AnyRecord,
  derived: Derived,
  meta: WriteMeta,
): Promise<WriteOutcome> {
  const doc = canonicalDoc(record);
  const existing = await tx
    .selectFrom("records")
    .select(["doc", "version", "created_at", "workflow"])
    .where("id", "=", record.id)
    .executeTakeFirst();
  if (meta.expectedVersion !== undefined && (existing?.version ?? 0) !== meta.expectedVersion)
    throw stale(record.id, existing?.version);
  if (existing && existing.doc === doc && (meta.workflow === undefined || meta.workflow === existing.workflow))
    return "unchanged";
  await lockAuditChain(tx);
  const version = existing ? existing.version + 1 : 1;
  const workflow = meta.workflow ?? existing?.workflow ?? "published";
  const row = {
    id: record.id,
    kind: record.kind,
    name_en: derived.nameEn,
    name_zh: derived.nameZh,
    name_sort: derived.nameSort,
    record_type: derived.recordType,
    status: derived.status,
    connectivity: derived.connectivity,
    start_year: derived.startYear,
    end_year: derived.endYear,
    committed_usd_constant: derived.committedUsdConstant,
    unconverted_transactions: derived.unconvertedTransactions,
    source_count: record.sources.length,
    workflow,
    doc,
    version,
    created_at: existing?.created_at ?? meta.now,
    updated_at: meta.now,
  };
  if (existing) {
    const updated = await tx
      .updateTable("records")
      .set(row)
      .where("id", "=", record.id)
      .where("version", "=", existing.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw stale(record.id);
    for (const table of [
      "record_countries",
      "record_sectors",
      "record_tags",
      "record_participants",
      "transactions",
    ] as const) {
      await tx.deleteFrom(table).where("record_id", "=", record.id).execute();
    }
  } else {
    await tx.insertInto("records").values(row).execute();
  }
  const id = record.id;
  if (derived.countries.length)
    await tx
      .insertInto("record_countries")
      .values(
        derived.countries.map((c) => ({ record_id: id, country: c.code, percentage: c.percentage, share: c.share })),
      )
      .execute();
  if (derived.sectors.length)
    await tx
      .insertInto("record_sectors")
      .values(derived.sectors.map((s) => ({ record_id: id, sector: s.code, percentage: s.percentage, share: s.share })))
      .execute();
  if (derived.tags.length)
    await tx
      .insertInto("record_tags")
      .values(derived.tags.map((tag) => ({ record_id: id, tag })))
      .execute();
  if (derived.participants.length)
    await tx
      .insertInto("record_participants")
      .values(derived.participants.map((p) => ({ record_id: id, partner_id: p.partner, role: p.role })))
      .execute();
  if (derived.transactions.length)
    await tx
      .insertInto("transactions")
      .values(
        derived.transactions.map((t) => ({
          record_id: id,
          seq: t.seq,
          type: t.type,
          date: t.date,
          year: t.year,
          amount: t.amount,
          currency: t.currency,
          value_date: t.valueDate,
          usd_nominal: t.usdNominal,
          usd_constant: t.usdConstant,
          aggregate: t.aggregate ? 1 : 0,
          provider: t.provider,
          receiver: t.receiver,
        })),
      )
      .execute();
  // Only published records are searchable: drafts must not show up in public search.
  if (workflow === "published") await engine.indexText(tx, id, record.kind, derived.searchTitle, derived.searchBody);
  else await engine.removeText(tx, id);
  await tx
    .insertInto("record_versions")
    .values({
      record_id: id,
      version,
      doc,
      changed_at: meta.now,
      changed_by: meta.by,
      note: meta.note ?? null,
      workflow,
      org: meta.org ?? null,
      proposal_id: meta.proposal ?? null,
    })
    .execute();
  await appendAudit(tx, {
    at: meta.now,
    actor: meta.by,
    action: existing ? "record.update" : "record.create",
    entity: "record",
    entityId: id,
    detail: {
      kind: record.kind,
      version,
      workflow,
      docSha256: sha256(doc),
      note: meta.note,
      org: meta.org,
      proposal: meta.proposal,
    },
  });
  return existing ? "updated" : "inserted";
}

function stale(id: string, current?: number): AppError {
  return new AppError(
    "precondition_failed",
    `record "${id}" has changed since you read it${current ? ` (now version ${current})` : ""}: read it again`,
    current === undefined ? null : { currentVersion: current },
  );
}

/** One record with its workflow state, or undefined (any state: callers decide who may see it). */
export async function findRecordState(
  db: Tx,
  id: string,
): Promise<{ record: AnyRecord; workflow: string; version: number } | undefined> {
  const row = await db
    .selectFrom("records")
    .select(["doc", "version", "created_at", "updated_at", "workflow"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? { record: hydrate(row), workflow: row.workflow, version: row.version } : undefined;
}

/** One record by id, with its bookkeeping fields, or undefined. */
export async function findRecord(db: Tx, id: string): Promise<AnyRecord | undefined> {
  const row = await db
    .selectFrom("records")
    .select(["doc", "version", "created_at", "updated_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? hydrate(row) : undefined;
}

/** Every published record of a kind, ordered by id (for exports and small kinds). */
export async function listRecordsOfKind<K extends RecordKind>(db: Tx, kind: K): Promise<Array<RecordOfKind<K>>> {
  const rows = await db
    .selectFrom("records")
    .select(["doc", "version", "created_at", "updated_at"])
    .where("kind", "=", kind)
    .where("workflow", "=", "published")
    .orderBy("id")
    .execute();
  return rows.map(hydrate) as Array<RecordOfKind<K>>;
}

/** The record type of a kind. */
export type RecordOfKind<K extends RecordKind> = Extract<AnyRecord, { kind: K }>;

/** Number of published records of each kind. */
export async function countByKind(db: Tx): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("records")
    .select(["kind", (eb) => eb.fn.countAll<number>().as("n")])
    .where("workflow", "=", "published")
    .groupBy("kind")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/** Sum of the constant-USD commitments of the published records of a kind. */
export async function sumCommitted(db: Tx, kind: RecordKind): Promise<{ usd: number; unconverted: number }> {
  const row = await db
    .selectFrom("records")
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>("committed_usd_constant"), eb.lit(0)).as("usd"),
      eb.fn.coalesce(eb.fn.sum<number>("unconverted_transactions"), eb.lit(0)).as("unconverted"),
    ])
    .where("kind", "=", kind)
    .where("workflow", "=", "published")
    .executeTakeFirstOrThrow();
  return { usd: Number(row.usd), unconverted: Number(row.unconverted) };
}

/** Distinct countries attached to published records of the given kinds. */
export async function distinctCountries(db: Tx, kinds: readonly RecordKind[]): Promise<string[]> {
  const rows = await db
    .selectFrom("record_countries")
    .innerJoin("records", "records.id", "record_countries.record_id")
    .select("record_countries.country")
    .distinct()
    .where("records.kind", "in", kinds)
    .where("records.workflow", "=", "published")
    .orderBy("record_countries.country")
    .execute();
  return rows.map((r) => r.country);
}

function hydrate(row: { doc: string; version: number; created_at: string; updated_at: string }): AnyRecord {
  return {
    ...(JSON.parse(row.doc) as AnyRecord),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
