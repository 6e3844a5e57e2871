import { sql } from "kysely";
import type { FacetIndexBuilder } from "../core/aggregation/facet-index.ts";
import type { Db } from "./database.ts";

const CHUNK = 20_000;

/** A cheap fingerprint of the published data: changes whenever a record is written. */
export async function dataVersion(store: Db): Promise<string> {
  const row = await store.db
    .selectFrom("records")
    .select((eb) => eb.fn.max("updated_at").as("m"))
    .executeTakeFirst();
  return String(row?.m ?? "");
}

/**
 * Streams every published record's facets into `builder`, in chunks (keyset on id), so that a
 * million records never sit in memory as objects. Facet rows come in the same id order as the
 * records (same engine, same collation), so a forward-only pointer maps them to rows.
 */
export async function streamFacets(store: Db, builder: FacetIndexBuilder): Promise<void> {
  const ids: string[] = [];
  let last: string | undefined;
  for (;;) {
    let q = store.db
      .selectFrom("records")
      .select(["id", "kind", "status", "start_year", "connectivity", "record_type", "committed_usd_constant"])
      .where("workflow", "=", "published");
    if (last !== undefined) q = q.where("id", ">", last);
    const rows = await q.orderBy("id").limit(CHUNK).execute();
    for (const r of rows) {
      builder.addRecord(
        r.id,
        r.kind,
        r.status,
        r.start_year === null ? null : Number(r.start_year),
        Number(r.connectivity),
        r.record_type,
        Number(r.committed_usd_constant),
      );
      ids.push(r.id);
    }
    if (rows.length < CHUNK) break;
    last = rows[rows.length - 1]?.id;
  }
  const forward = () => {
    let p = 0;
    return (id: string) => {
      while (p < ids.length && ids[p] !== id) p++;
      return p;
    };
  };
  for (const [table, column, add] of [
    ["record_countries", "country", (row: number, code: string, v: number) => builder.addCountry(row, code, v)],
    ["record_sectors", "sector", (row: number, code: string, v: number) => builder.addSector(row, code, v)],
  ] as const) {
    const rowOf = forward();
    let after: { id: string; code: string } | undefined;
    for (;;) {
      let q = store.db
        .selectFrom(table)
        .innerJoin("records as r", "r.id", `${table}.record_id`)
        .select([
          `${table}.record_id as id`,
          sql<string>`${sql.ref(`${table}.${column}`)}`.as("code"),
          `${table}.share as share`,
        ])
        .where("r.workflow", "=", "published");
      if (after) {
        const a = after;
        // a row-value comparison, which both engines answer from the primary key's index
        q = q.where(
          sql<boolean>`(${sql.ref(`${table}.record_id`)}, ${sql.ref(`${table}.${column}`)}) > (${a.id}, ${a.code})`,
        );
      }
      const rows = await q
        .orderBy(`${table}.record_id`)
        .orderBy(sql.ref(`${table}.${column}`))
        .limit(CHUNK)
        .execute();
      for (const r of rows) add(rowOf(r.id), r.code, Number(r.share));
      if (rows.length < CHUNK) break;
      const end = rows[rows.length - 1]!;
      after = { id: end.id, code: end.code };
    }
  }
  const rowOf = forward();
  let after: { id: string; seq: number } | undefined;
  for (;;) {
    let q = store.db
      .selectFrom("transactions")
      .innerJoin("records as r", "r.id", "transactions.record_id")
      .select(["transactions.record_id as id", "transactions.seq", "transactions.year", "transactions.usd_constant"])
      .where("transactions.aggregate", "=", 1)
      .where("transactions.type", "in", ["2", "11"])
      .where("transactions.usd_constant", "is not", null)
      .where("r.workflow", "=", "published");
    if (after) {
      const a = after;
      q = q.where((eb) =>
        eb.or([eb("record_id", ">", a.id), eb.and([eb("record_id", "=", a.id), eb("seq", ">", a.seq)])]),
      );
    }
    const rows = await q.orderBy("record_id").orderBy("seq").limit(CHUNK).execute();
    for (const r of rows) builder.addMoney(rowOf(r.id), Number(r.year), Number(r.usd_constant));
    if (rows.length < CHUNK) break;
    const end = rows[rows.length - 1]!;
    after = { id: end.id, seq: Number(end.seq) };
  }
}

/** Ids of the records that a full-text query, partners or tags select (the facets the index does not hold). */
export async function candidateIds(store: Db, f: { q?: string; partner?: readonly string[]; tag?: readonly string[] }) {
  let query = store.db.selectFrom("records").select("records.id");
  if (f.q !== undefined) {
    const match = store.engine.matchTable(f.q);
    if (!match) return new Set<string>();
    query = query.innerJoin(match.as("f"), "f.id", "records.id");
  }
  if (f.partner?.length)
    query = query.where("records.id", "in", (eb) =>
      eb.selectFrom("record_participants").select("record_id").where("partner_id", "in", f.partner!),
    );
  if (f.tag?.length)
    query = query.where("records.id", "in", (eb) =>
      eb.selectFrom("record_tags").select("record_id").where("tag", "in", f.tag!),
    );
  return new Set((await query.execute()).map((r) => r.id));
}
