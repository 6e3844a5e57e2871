import type { Kysely, Transaction } from "kysely";
import type { Derived } from "../core/derive.ts";
import type { AnyRecord, RecordKind } from "../core/domain/index.ts";
import type { Engine } from "./engine.ts";
import type { Database } from "./schema.ts";

type Tx = Kysely<Database> | Transaction<Database>;

export type WriteOutcome = "inserted" | "updated" | "unchanged";

/** The stored form of a record: everything but the store's own bookkeeping fields. */
export function canonicalDoc(record: AnyRecord): string {
  const { createdAt: _c, updatedAt: _u, version: _v, ...rest } = record;
  return JSON.stringify(rest);
}

/**
 * Inserts or replaces one record with its facets, full-text entry and a new
 * version row. Unchanged content is left alone (no new version, same timestamps).
 * Call inside a transaction.
 */
export async function upsertRecord(
  tx: Tx,
  engine: Engine,
  record: AnyRecord,
  derived: Derived,
  meta: { by: string; note?: string; now: string },
): Promise<WriteOutcome> {
  const doc = canonicalDoc(record);
  const existing = await tx
    .selectFrom("records")
    .select(["doc", "version", "created_at"])
    .where("id", "=", record.id)
    .executeTakeFirst();
  if (existing && existing.doc === doc) return "unchanged";
  const version = existing ? existing.version + 1 : 1;
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
    doc,
    version,
    created_at: existing?.created_at ?? meta.now,
    updated_at: meta.now,
  };
  if (existing) {
    await tx.updateTable("records").set(row).where("id", "=", record.id).execute();
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
  await engine.indexText(tx, id, record.kind, derived.searchTitle, derived.searchBody);
  await tx
    .insertInto("record_versions")
    .values({ record_id: id, version, doc, changed_at: meta.now, changed_by: meta.by, note: meta.note ?? null })
    .execute();
  return existing ? "updated" : "inserted";
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

/** Every record of a kind, ordered by id (for exports and small kinds). */
export async function listRecordsOfKind<K extends RecordKind>(db: Tx, kind: K): Promise<Array<RecordOfKind<K>>> {
  const rows = await db
    .selectFrom("records")
    .select(["doc", "version", "created_at", "updated_at"])
    .where("kind", "=", kind)
    .orderBy("id")
    .execute();
  return rows.map(hydrate) as Array<RecordOfKind<K>>;
}

/** The record type of a kind. */
export type RecordOfKind<K extends RecordKind> = Extract<AnyRecord, { kind: K }>;

/** Number of records of each kind. */
export async function countByKind(db: Tx): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("records")
    .select(["kind", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("kind")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/** Sum of the constant-USD commitments of the records of a kind. */
export async function sumCommitted(db: Tx, kind: RecordKind): Promise<{ usd: number; unconverted: number }> {
  const row = await db
    .selectFrom("records")
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>("committed_usd_constant"), eb.lit(0)).as("usd"),
      eb.fn.coalesce(eb.fn.sum<number>("unconverted_transactions"), eb.lit(0)).as("unconverted"),
    ])
    .where("kind", "=", kind)
    .executeTakeFirstOrThrow();
  return { usd: Number(row.usd), unconverted: Number(row.unconverted) };
}

/** Distinct countries attached to records of the given kinds. */
export async function distinctCountries(db: Tx, kinds: readonly RecordKind[]): Promise<string[]> {
  const rows = await db
    .selectFrom("record_countries")
    .innerJoin("records", "records.id", "record_countries.record_id")
    .select("record_countries.country")
    .distinct()
    .where("records.kind", "in", kinds)
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
