import type { FreightStatistic, Names, RecordKind } from "../core/domain/index.ts";
import type { Db } from "./database.ts";

type Q = Db["db"];

/** `{ id: { id, kind, names } }` for the given ids that exist and are published (a draft's name is not public). */
export async function namesOf(
  db: Q,
  ids: readonly string[],
): Promise<Record<string, { id: string; kind: RecordKind; names: Names }>> {
  if (ids.length === 0) return {};
  const rows = await db
    .selectFrom("records")
    .select(["id", "kind", "doc"])
    .where("id", "in", ids)
    .where("workflow", "=", "published")
    .execute();
  return Object.fromEntries(
    rows.map((r) => [
      r.id,
      { id: r.id, kind: r.kind as RecordKind, names: (JSON.parse(r.doc) as { names: Names }).names },
    ]),
  );
}

/** Converted values of a record's transactions, in their order. */
export async function transactionValues(db: Q, id: string) {
  return db
    .selectFrom("transactions")
    .select(["seq", "usd_nominal", "usd_constant", "aggregate"])
    .where("record_id", "=", id)
    .orderBy("seq")
    .execute();
}

/** A service's freight statistics, oldest period first. */
export async function statisticsOf(db: Q, serviceId: string): Promise<FreightStatistic[]> {
  const rows = await db
    .selectFrom("freight_statistics")
    .select("doc")
    .where("service_id", "=", serviceId)
    .orderBy("period_start")
    .orderBy("id")
    .execute();
  return rows.map((r) => JSON.parse(r.doc) as FreightStatistic);
}

/** Full-text hits across kinds with names, best first. */
export async function ftsSearch(store: Db, q: string, limit: number) {
  const hits = await store.engine.searchIds(store.db, q, limit);
  const names = await namesOf(
    store.db,
    hits.map((h) => h.id),
  );
  return hits.flatMap((h) => {
    const n = names[h.id];
    return n ? [{ ...n, rank: h.rank }] : [];
  });
}
