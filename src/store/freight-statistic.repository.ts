import type { Kysely, Transaction } from "kysely";
import type { FreightStatistic } from "../core/domain/index.ts";
import { appendAudit, lockAuditChain, sha256 } from "./audit.repository.ts";
import type { WriteOutcome } from "./record.repository.ts";
import type { Database } from "./schema.ts";

type Tx = Kysely<Database> | Transaction<Database>;

/** The calendar year when a period covers exactly one whole year (`2019`..`2019` or `2019-01`..`2019-12`). */
export function fullYear(start: string, end: string): number | null {
  const y = start.slice(0, 4);
  if (end.slice(0, 4) !== y) return null;
  const s = start.slice(5);
  const e = end.slice(5);
  const startsJan = s === "" || s === "01" || s === "01-01";
  const endsDec = e === "" || e === "12" || e === "12-31";
  return startsJan && endsDec ? Number(y) : null;
}

/** Inserts or replaces a freight statistic with an audit entry; unchanged content is left alone. */
export async function upsertStatistic(
  tx: Tx,
  stat: FreightStatistic,
  now: string,
  by = "system",
): Promise<WriteOutcome> {
  const doc = JSON.stringify(stat);
  const existing = await tx.selectFrom("freight_statistics").select("doc").where("id", "=", stat.id).executeTakeFirst();
  if (existing?.doc === doc) return "unchanged";
  await lockAuditChain(tx);
  const published =
    stat.sources
      .map((s) => s.published)
      .filter((p): p is string => !!p)
      .sort()
      .at(-1) ?? null;
  const row = {
    id: stat.id,
    service_id: stat.service,
    city: stat.scope.city ?? null,
    country: stat.scope.country ?? null,
    corridor: stat.scope.corridor ?? null,
    direction: stat.scope.direction ?? null,
    period_start: stat.period.start,
    period_end: stat.period.end,
    year: fullYear(stat.period.start, stat.period.end),
    trips: stat.trips ?? null,
    teu: stat.teu ?? null,
    tonnes: stat.tonnes ?? null,
    value_usd: stat.valueUsd ?? null,
    qualifier: stat.qualifier,
    published,
    doc,
    updated_at: now,
  };
  if (existing) await tx.updateTable("freight_statistics").set(row).where("id", "=", stat.id).execute();
  else await tx.insertInto("freight_statistics").values(row).execute();
  await appendAudit(tx, {
    at: now,
    actor: by,
    action: existing ? "statistic.update" : "statistic.create",
    entity: "statistic",
    entityId: stat.id,
    detail: { service: stat.service, docSha256: sha256(doc) },
  });
  return existing ? "updated" : "inserted";
}

/** Whole-year totals (no city, corridor or direction) per service, newest publication first. */
export async function yearlyServiceTotals(
  db: Tx,
): Promise<Array<{ service_id: string; year: number; trips: number; qualifier: string; published: string | null }>> {
  const rows = await db
    .selectFrom("freight_statistics")
    .select(["service_id", "year", "trips", "qualifier", "published"])
    .where("year", "is not", null)
    .where("trips", "is not", null)
    .where("city", "is", null)
    .where("corridor", "is", null)
    .where("direction", "is", null)
    .orderBy("service_id")
    .orderBy("year")
    .orderBy("published", "desc")
    .execute();
  return rows.map((r) => ({ ...r, year: Number(r.year), trips: Number(r.trips) }));
}
