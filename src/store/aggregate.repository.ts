import { sql } from "kysely";
import type { Db } from "./database.ts";
import { applyFilter, type RecordFilter } from "./query.repository.ts";

export const AGGREGATE_BY = ["country", "sector", "year", "kind", "region"] as const;
export type AggregateBy = (typeof AGGREGATE_BY)[number];
export const MEASURES = ["count", "committedUsdConstant"] as const;
export type Measure = (typeof MEASURES)[number];

/**
 * Sums per group over the records matching `filter`. Money is split by each
 * record's country or sector share (its percentages, else equal parts);
 * money by year uses the year of each commitment transaction.
 * `region` groups countries by the `regions` map (country code → region); a record counts once per region.
 */
export async function aggregate(
  store: Db,
  filter: RecordFilter,
  by: AggregateBy,
  measure: Measure,
  regions: ReadonlyMap<string, string> = new Map(),
): Promise<Array<{ key: string; value: number }>> {
  const { query } = applyFilter(store, filter);
  const money = measure === "committedUsdConstant";
  if (by === "region") {
    const cases = [...regions].map(([country, region]) => sql`WHEN ${country} THEN ${region}`);
    // A CASE even with no branch: PostgreSQL refuses to GROUP BY a bare constant.
    const region = cases.length
      ? sql<string>`CASE g.country ${sql.join(cases, sql` `)} ELSE 'unknown' END`
      : sql<string>`CASE WHEN g.country IS NULL THEN 'unknown' ELSE 'unknown' END`;
    const rows = await query
      .innerJoin("record_countries as g", "g.record_id", "records.id")
      .select([
        region.as("key"),
        money
          ? sql<number>`coalesce(sum(records.committed_usd_constant * g.share), 0)`.as("value")
          : sql<number>`count(distinct records.id)`.as("value"),
      ])
      // by position: PostgreSQL does not match a parameterised CASE in GROUP BY to the one in SELECT
      .groupBy(sql`1`)
      .execute();
    return rows.map((r) => ({ key: String(r.key), value: Number(r.value) }));
  }
  if (by === "country" || by === "sector") {
    const column = by === "country" ? "country" : "sector";
    const joined =
      by === "country"
        ? query.innerJoin("record_countries as g", "g.record_id", "records.id")
        : query.innerJoin("record_sectors as g", "g.record_id", "records.id");
    const rows = await joined
      .select([
        sql<string>`g.${sql.ref(column)}`.as("key"),
        money
          ? sql<number>`coalesce(sum(records.committed_usd_constant * g.share), 0)`.as("value")
          : sql<number>`count(*)`.as("value"),
      ])
      .groupBy(sql`g.${sql.ref(column)}`)
      .execute();
    return rows.map((r) => ({ key: String(r.key), value: Number(r.value) }));
  }
  if (by === "year") {
    if (money) {
      const rows = await query
        .innerJoin("transactions as t", "t.record_id", "records.id")
        .where("t.aggregate", "=", 1)
        .where("t.type", "in", ["2", "11"])
        .where("t.usd_constant", "is not", null)
        .select([sql<number>`t.year`.as("key"), sql<number>`sum(t.usd_constant)`.as("value")])
        .groupBy("t.year")
        .execute();
      return rows.map((r) => ({ key: String(r.key), value: Number(r.value) }));
    }
    const rows = await query
      .where("records.start_year", "is not", null)
      .select([sql<number>`records.start_year`.as("key"), sql<number>`count(*)`.as("value")])
      .groupBy("records.start_year")
      .execute();
    return rows.map((r) => ({ key: String(r.key), value: Number(r.value) }));
  }
  // by connectivity kind: a record of two kinds counts in both
  const value = (bit: number) =>
    money
      ? sql<number>`coalesce(sum(case when (records.connectivity & ${bit}) <> 0 then records.committed_usd_constant else 0 end), 0)`
      : sql<number>`coalesce(sum(case when (records.connectivity & ${bit}) <> 0 then 1 else 0 end), 0)`;
  const row = await query
    .select([value(1).as("hard"), value(2).as("soft"), value(4).as("heart")])
    .executeTakeFirstOrThrow();
  return (["hard", "soft", "heart"] as const).map((k) => ({ key: k, value: Number(row[k]) }));
}
