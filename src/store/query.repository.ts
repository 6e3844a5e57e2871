import { type SelectQueryBuilder, sql } from "kysely";
import type { AnyRecord, RecordKind } from "../core/domain/index.ts";
import type { Db } from "./database.ts";
import type { Database } from "./schema.ts";

/** What a list can be filtered by; every array means "any of". */
export interface RecordFilter {
  readonly kind: RecordKind;
  readonly country?: readonly string[];
  readonly sector?: readonly string[];
  /** Bit set of connectivity kinds (1 hard, 2 soft, 4 heart): records with any of them. */
  readonly connectivity?: number;
  readonly status?: readonly string[];
  readonly partner?: readonly string[];
  readonly tag?: readonly string[];
  readonly type?: readonly string[];
  readonly from?: number;
  readonly to?: number;
  readonly q?: string;
}

export const SORT_KEYS = ["name", "start", "committed", "updated", "relevance"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface Sort {
  readonly key: SortKey;
  readonly desc: boolean;
}

type From = Database & { f: { id: string; rank: number } };
type Query = SelectQueryBuilder<From, "records" | "f", object>;

const SORT_COLUMNS = {
  name: "records.name_sort",
  start: sql<number>`coalesce(records.start_year, 0)`,
  committed: "records.committed_usd_constant",
  updated: "records.updated_at",
  relevance: "f.rank",
} as const;

/** Applies a filter to a query over `records` (joined to the full-text matches as `f` when `q` is given). */
export function applyFilter(store: Db, filter: RecordFilter) {
  let query = store.db.selectFrom("records") as unknown as Query;
  const match = filter.q ? store.engine.matchTable(filter.q) : undefined;
  if (filter.q !== undefined && !match) query = query.where(sql<boolean>`1 = 0`);
  if (match) query = query.innerJoin(match.as("f"), "f.id", "records.id") as Query;
  query = query.where("records.kind", "=", filter.kind).where("records.workflow", "=", "published");
  const facet = (
    table: "record_countries" | "record_sectors" | "record_tags" | "record_participants",
    column: string,
    values?: readonly string[],
  ) => {
    if (!values?.length) return;
    // IN (subquery) rather than a correlated EXISTS: both engines then drive from the facet's (value, record_id) index.
    query = query.where(
      "records.id",
      "in",
      sql<string>`(SELECT ${sql.ref(`${table}.record_id`)} FROM ${sql.table(table)} WHERE ${sql.ref(`${table}.${column}`)} IN (${sql.join(values)}))`,
    );
  };
  facet("record_countries", "country", filter.country);
  facet("record_sectors", "sector", filter.sector);
  facet("record_tags", "tag", filter.tag);
  facet("record_participants", "partner_id", filter.partner);
  if (filter.connectivity) query = query.where(sql<boolean>`(records.connectivity & ${filter.connectivity}) <> 0`);
  if (filter.status?.length) query = query.where("records.status", "in", filter.status);
  if (filter.type?.length) query = query.where("records.record_type", "in", filter.type);
  if (filter.from !== undefined) query = query.where("records.start_year", ">=", filter.from);
  if (filter.to !== undefined) query = query.where("records.start_year", "<=", filter.to);
  return { query, hasMatch: match !== undefined };
}

interface Cursor {
  /** Sort value and id of the last row (keyset), or an offset for relevance order. */
  readonly v?: string | number;
  readonly id?: string;
  readonly o?: number;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

export function decodeCursor(text: string): Cursor | undefined {
  try {
    const c = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Cursor;
    if (typeof c !== "object" || c === null) return undefined;
    if (c.o !== undefined && (!Number.isInteger(c.o) || c.o < 0)) return undefined;
    if (c.o === undefined && (typeof c.id !== "string" || (typeof c.v !== "string" && typeof c.v !== "number")))
      return undefined;
    return c;
  } catch {
    return undefined;
  }
}

export interface Page {
  readonly records: AnyRecord[];
  readonly committed: Map<string, number>;
  readonly total: number;
  readonly nextCursor: string | null;
}

/**
 * One page of records matching `filter`, in `sort` order, after `cursor`.
 * Keyset pagination on (sort value, id); relevance order pages by offset.
 */
export async function queryRecords(
  store: Db,
  filter: RecordFilter,
  sort: Sort,
  limit: number,
  cursor?: Cursor,
): Promise<Page> {
  const { query, hasMatch } = applyFilter(store, filter);
  const key = sort.key === "relevance" && !hasMatch ? "name" : sort.key;
  const column = SORT_COLUMNS[key];
  const totalRow = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  let page = query.select([
    "records.id",
    "records.doc",
    "records.version",
    "records.created_at",
    "records.updated_at",
    "records.committed_usd_constant",
    sql<string | number>`${typeof column === "string" ? sql.ref(column) : column}`.as("sort_value"),
  ]);
  const desc = key === "relevance" ? !sort.desc : sort.desc;
  if (key === "relevance") {
    page = page
      .orderBy("f.rank", desc ? "desc" : "asc")
      .orderBy("records.id")
      .offset(cursor?.o ?? 0);
  } else {
    const expr = typeof column === "string" ? sql.ref(column) : column;
    if (cursor?.id !== undefined && cursor.v !== undefined) {
      const v = cursor.v;
      const id = cursor.id;
      page = page.where((eb) =>
        eb.or([eb(expr, desc ? "<" : ">", v), eb.and([eb(expr, "=", v), eb("records.id", ">", id)])]),
      );
    }
    page = page.orderBy(expr, desc ? "desc" : "asc").orderBy("records.id");
  }
  const rows = await page.limit(limit + 1).execute();
  const more = rows.length > limit;
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  let nextCursor: string | null = null;
  if (more && last) {
    nextCursor =
      key === "relevance"
        ? encodeCursor({ o: (cursor?.o ?? 0) + limit })
        : encodeCursor({
            v: typeof last.sort_value === "number" ? last.sort_value : String(last.sort_value),
            id: last.id,
          });
  }
  return {
    records: shown.map((r) => ({
      ...(JSON.parse(r.doc) as AnyRecord),
      version: r.version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    })),
    committed: new Map(shown.map((r) => [r.id, Number(r.committed_usd_constant)])),
    total: Number(totalRow.n),
    nextCursor,
  };
}
