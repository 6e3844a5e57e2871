import type { AnyRecord } from "../core/domain/index.ts";
import type { Db } from "../store/database.ts";
import { applyFilter, type RecordFilter } from "../store/query.repository.ts";

/**
 * Every published record matching `filter`, in id order, a page at a time —
 * the same filters as the API's lists, memory bounded by `pageSize`
 * whatever the number of records.
 *
 * @example
 *   for await (const r of filteredRecords(store, { kind: "project", country: ["LAO"] })) write(r);
 */
export async function* filteredRecords(store: Db, filter: RecordFilter, pageSize = 500): AsyncGenerator<AnyRecord> {
  let after: string | undefined;
  for (;;) {
    let query = applyFilter(store, filter).query.select(["records.id", "records.doc", "records.version"]);
    if (after !== undefined) query = query.where("records.id", ">", after);
    const rows = await query.orderBy("records.id").limit(pageSize).execute();
    for (const r of rows) yield { ...(JSON.parse(r.doc) as AnyRecord), version: r.version };
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.id;
  }
}
