import { sql } from "kysely";
import type { Db } from "./database.ts";

type Q = Db["db"];

/** Published projects and their committed constant USD per country, split by each project's country share. */
export async function committedByCountry(db: Q): Promise<Map<string, { projects: number; usd: number }>> {
  const rows = await db
    .selectFrom("record_countries as g")
    .innerJoin("records", "records.id", "g.record_id")
    .where("records.kind", "=", "project")
    .where("records.workflow", "=", "published")
    .select([
      "g.country",
      sql<number>`count(*)`.as("projects"),
      sql<number>`coalesce(sum(records.committed_usd_constant * g.share), 0)`.as("usd"),
    ])
    .groupBy("g.country")
    .execute();
  return new Map(rows.map((r) => [r.country, { projects: Number(r.projects), usd: Number(r.usd) }]));
}

/** Committed constant USD by commitment year for one country's projects (split by country share). */
export async function committedByYearForCountry(db: Q, code: string): Promise<Array<{ year: number; usd: number }>> {
  const rows = await db
    .selectFrom("transactions as t")
    .innerJoin("record_countries as g", "g.record_id", "t.record_id")
    .innerJoin("records", "records.id", "t.record_id")
    .where("g.country", "=", code)
    .where("records.kind", "=", "project")
    .where("records.workflow", "=", "published")
    .where("t.aggregate", "=", 1)
    .where("t.type", "in", ["2", "11"])
    .where("t.usd_constant", "is not", null)
    .select(["t.year", sql<number>`sum(t.usd_constant * g.share)`.as("usd")])
    .groupBy("t.year")
    .orderBy("t.year")
    .execute();
  return rows.map((r) => ({ year: Number(r.year), usd: Number(r.usd) }));
}
