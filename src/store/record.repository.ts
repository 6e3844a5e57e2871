import { type Kysely, sql, type Transaction } from "kysely";
import type { Derived } from "../core/derive.ts";
import type { AnyRecord, RecordKind } from "../core/domain/index.ts";
import { AppError } from "../core/errors.ts";
import { appendAudits, lockAuditChain, sha256 } from "./audit.repository.ts";
import { type Engine, insertRows, parameterChunks, type Value } from "./engine.ts";
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

/** One record to write, with what `derive` computed from it. */
export interface RecordWrite {
  readonly record: AnyRecord;
  readonly derived: Derived;
  /** `canonicalDoc(record)`, when the caller has it already. */
  readonly doc?: string | undefined;
  /** `sha256(doc)`, when the caller has it already. */
  readonly docSha256?: string | undefined;
}

/**
 * Inserts or replaces one record with its facets, full-text entry (published
 * records only), a new version row and an audit entry. Unchanged content in an
 * unchanged state is left alone (no new version, no audit entry, same timestamps).
 * The update is a compare-and-set on the version read, so of two concurrent
 * writers of one record only one wins. Call inside a transaction. A batch of
 * one of `upsertRecords`.
 *
 * @example
 *   await upsertRecord(tx, store.engine, record, derive(record, money), { by: "seed", now });
 */
export async function upsertRecord(
  tx: Tx,
  engine: Engine,
  record: AnyRecord,
  derived: Derived,
  meta: WriteMeta,
): Promise<WriteOutcome> {
  const [outcome] = await upsertRecords(tx, engine, [{ record, derived }], meta);
  return outcome!;
}

/**
 * `upsertRecord` for many records at once, with the same result as writing
 * them one after the other (outcomes in order; a record given twice is written
 * twice): one read of the existing rows, multi-row statements per table and
 * audit entries chained in memory. `meta` applies to every record, including
 * `expectedVersion`. Call inside a transaction: a stale record throws
 * `precondition_failed` and the caller's transaction must roll back.
 *
 * @example
 *   const outcomes = await upsertRecords(tx, store.engine, records.map((record) => ({ record, derived: derive(record, money) })), { by: "import", now });
 */
export async function upsertRecords(
  tx: Tx,
  engine: Engine,
  writes: readonly RecordWrite[],
  meta: WriteMeta,
): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  // A record given again must see its first write, as it would one at a time: cut the batch there.
  let from = 0;
  const ids = new Set<string>();
  for (let i = 0; i <= writes.length; i++) {
    const id = writes[i]?.record.id;
    if (id === undefined || ids.has(id)) {
      outcomes.push(...(await writeDistinct(tx, engine, writes.slice(from, i), meta)));
      from = i;
      ids.clear();
    }
    if (id !== undefined) ids.add(id);
  }
  return outcomes;
}

const FACET_TABLES = [
  "record_countries",
  "record_sectors",
  "record_tags",
  "record_participants",
  "transactions",
] as const;

/** `upsertRecords` for records with distinct ids. */
async function writeDistinct(
  tx: Tx,
  engine: Engine,
  writes: readonly RecordWrite[],
  meta: WriteMeta,
): Promise<WriteOutcome[]> {
  if (writes.length === 0) return [];
  const found = new Map<string, { doc: string; version: number; created_at: string; workflow: string }>();
  for (const chunk of parameterChunks(writes, 1)) {
    const rows = await tx
      .selectFrom("records")
      .select(["id", "doc", "version", "created_at", "workflow"])
      .where(
        "id",
        "in",
        chunk.map((w) => w.record.id),
      )
      .execute();
    for (const r of rows) found.set(r.id, r);
  }
  const outcomes: WriteOutcome[] = [];
  const changed: Array<RecordWrite & { doc: string; version: number; workflow: string; createdAt: string }> = [];
  for (const w of writes) {
    const doc = w.doc ?? canonicalDoc(w.record);
    const existing = found.get(w.record.id);
    if (meta.expectedVersion !== undefined && (existing?.version ?? 0) !== meta.expectedVersion)
      throw stale(w.record.id, existing?.version);
    if (existing && existing.doc === doc && (meta.workflow === undefined || meta.workflow === existing.workflow)) {
      outcomes.push("unchanged");
      continue;
    }
    outcomes.push(existing ? "updated" : "inserted");
    changed.push({
      ...w,
      doc,
      version: existing ? existing.version + 1 : 1,
      workflow: meta.workflow ?? existing?.workflow ?? "published",
      createdAt: existing?.created_at ?? meta.now,
    });
  }
  if (changed.length === 0) return outcomes;
  await lockAuditChain(tx);

  // The current version's row holds no copy of the document (see 0005-lean-writes): it gets one
  // back before `records.doc` moves on.
  const updatedIds = changed.filter((c) => c.version > 1).map((c) => c.record.id);
  for (const chunk of parameterChunks(updatedIds, 1))
    await sql`UPDATE record_versions SET doc = (SELECT r.doc FROM records r WHERE r.id = record_versions.record_id)
      WHERE doc IS NULL AND record_id IN (${sql.join(chunk)})`.execute(tx);

  // Insert, or update what was read: the version must still be the one read (compare-and-set), else
  // the row is not returned and the write is stale. A row someone inserted meanwhile is stale too.
  const written = await insertRows(
    tx,
    engine,
    "records",
    RECORD_COLUMNS,
    changed.map(({ record, derived, doc, version, workflow, createdAt }) => [
      record.id,
      record.kind,
      derived.nameEn,
      derived.nameZh,
      derived.nameSort,
      derived.recordType,
      derived.status,
      derived.connectivity,
      derived.startYear,
      derived.endYear,
      derived.committedUsdConstant,
      derived.unconvertedTransactions,
      derived.sourceCount,
      workflow,
      doc,
      version,
      createdAt,
      meta.now,
    ]),
    RECORD_UPSERT,
  );
  if (written.length !== changed.length) {
    const ok = new Set(written.map((r) => r.id));
    throw stale(changed.find((c) => !ok.has(c.record.id))?.record.id ?? "");
  }
  for (const table of FACET_TABLES)
    for (const chunk of parameterChunks(updatedIds, 1))
      await tx.deleteFrom(table).where("record_id", "in", chunk).execute();
  await insertFacets(tx, engine, changed);

  // Only published records are searchable: drafts must not show up in public search.
  const published = changed.filter((c) => c.workflow === "published");
  await engine.indexTexts(
    tx,
    published.map((c) => ({
      id: c.record.id,
      kind: c.record.kind,
      title: c.derived.searchTitle,
      body: c.derived.searchBody,
    })),
  );
  const hidden = changed.filter((c) => c.workflow !== "published").map((c) => c.record.id);
  if (hidden.length) await engine.removeTexts(tx, hidden);

  await insertRows(
    tx,
    engine,
    "record_versions",
    ["record_id", "version", "doc", "changed_at", "changed_by", "note", "workflow", "org", "proposal_id"],
    changed.map((c) => [
      c.record.id,
      c.version,
      null,
      meta.now,
      meta.by,
      meta.note ?? null,
      c.workflow,
      meta.org ?? null,
      meta.proposal ?? null,
    ]),
  );
  await appendAudits(
    tx,
    changed.map((c) => ({
      at: meta.now,
      actor: meta.by,
      action: c.version > 1 ? "record.update" : "record.create",
      entity: "record",
      entityId: c.record.id,
      detail: {
        kind: c.record.kind,
        version: c.version,
        workflow: c.workflow,
        docSha256: c.docSha256 ?? sha256(c.doc),
        note: meta.note,
        org: meta.org,
        proposal: meta.proposal,
      },
    })),
    engine,
  );
  return outcomes;
}

/** The facet rows of the records, one multi-row insert per table (per parameter chunk). */
async function insertFacets(tx: Tx, engine: Engine, writes: readonly RecordWrite[]): Promise<void> {
  const insert = (table: string, columns: string[], rows: Value[][]) =>
    rows.length ? insertRows(tx, engine, table, columns, rows) : undefined;
  await insert(
    "record_countries",
    ["record_id", "country", "percentage", "share"],
    writes.flatMap(({ record, derived }) => derived.countries.map((c) => [record.id, c.code, c.percentage, c.share])),
  );
  await insert(
    "record_sectors",
    ["record_id", "sector", "percentage", "share"],
    writes.flatMap(({ record, derived }) => derived.sectors.map((c) => [record.id, c.code, c.percentage, c.share])),
  );
  await insert(
    "record_tags",
    ["record_id", "tag"],
    writes.flatMap(({ record, derived }) => derived.tags.map((tag) => [record.id, tag])),
  );
  await insert(
    "record_participants",
    ["record_id", "partner_id", "role"],
    writes.flatMap(({ record, derived }) => derived.participants.map((p) => [record.id, p.partner, p.role])),
  );
  await insert(
    "transactions",
    [
      "record_id",
      "seq",
      "type",
      "date",
      "year",
      "amount",
      "currency",
      "value_date",
      "usd_nominal",
      "usd_constant",
      "aggregate",
      "provider",
      "receiver",
    ],
    writes.flatMap(({ record, derived }) =>
      derived.transactions.map((t) => [
        record.id,
        t.seq,
        t.type,
        t.date,
        t.year,
        t.amount,
        t.currency,
        t.valueDate,
        t.usdNominal,
        t.usdConstant,
        t.aggregate ? 1 : 0,
        t.provider,
        t.receiver,
      ]),
    ),
  );
}

const RECORD_COLUMNS = [
  "id",
  "kind",
  "name_en",
  "name_zh",
  "name_sort",
  "record_type",
  "status",
  "connectivity",
  "start_year",
  "end_year",
  "committed_usd_constant",
  "unconverted_transactions",
  "source_count",
  "workflow",
  "doc",
  "version",
  "created_at",
  "updated_at",
];
const RECORD_UPSERT = `ON CONFLICT (id) DO UPDATE SET ${RECORD_COLUMNS.filter((c) => c !== "id" && c !== "created_at")
  .map((c) => `"${c}" = excluded."${c}"`)
  .join(", ")} WHERE records.version + 1 = excluded.version RETURNING id`;

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
