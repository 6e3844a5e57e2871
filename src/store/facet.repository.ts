import { sql } from "kysely";
import type { FacetRow, MoneyRow, ShareRow } from "../core/aggregation/facet-index.ts";
import type { Db } from "./database.ts";

/** A cheap fingerprint of the published data: changes whenever a record is written. */
export async function dataVersion(store: Db): Promise<string> {
  const row = await store.db
    .selectFrom("records")
    .select((eb) => eb.fn.max("updated_at").as("m"))
    .executeTakeFirst();
  return String(row?.m ?? "");
}

/** Every published record's facets, in one pass per table (for the in-memory facet index). */
export async function loadFacetRows(store: Db): Promise<{
  records: FacetRow[];
  countries: ShareRow[];
  sectors: ShareRow[];
  money: MoneyRow[];
}> {
  const published = (t: string) =>
    sql<boolean>`${sql.ref(`${t}.record_id`)} IN (SELECT id FROM records WHERE workflow = 'published')`;
  const records = await store.db
    .selectFrom("records")
    .select([
      "id",
      "kind",
      "status",
      "start_year as year",
      "connectivity",
      "record_type as type",
      "committed_usd_constant as usd",
    ])
    .where("workflow", "=", "published")
    .execute();
  const countries = await store.db
    .selectFrom("record_countries")
    .select(["record_id as id", "country as code", "share"])
    .where(published("record_countries"))
    .execute();
  const sectors = await store.db
    .selectFrom("record_sectors")
    .select(["record_id as id", "sector as code", "share"])
    .where(published("record_sectors"))
    .execute();
  const money = await store.db
    .selectFrom("transactions")
    .select(["record_id as id", "year", "usd_constant as usd"])
    .where("aggregate", "=", 1)
    .where("type", "in", ["2", "11"])
    .where("usd_constant", "is not", null)
    .where(published("transactions"))
    .execute();
  return {
    records: records.map((r) => ({ ...r, year: r.year === null ? null : Number(r.year), usd: Number(r.usd) })),
    countries: countries.map((r) => ({ ...r, share: Number(r.share) })),
    sectors: sectors.map((r) => ({ ...r, share: Number(r.share) })),
    money: money.map((r) => ({ id: r.id, year: Number(r.year), usd: Number(r.usd) })),
  };
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
