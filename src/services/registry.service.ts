import type { AnyRecord, RecordKind } from "../core/domain/index.ts";
import { AppError } from "../core/errors.ts";
import { partiesOf } from "../core/governance.ts";
import type { Db } from "../store/database.ts";
import { ftsSearch, namesOf, statisticsOf, transactionValues } from "../store/lookup.repository.ts";
import { decodeCursor, queryRecords, type RecordFilter, type Sort } from "../store/query.repository.ts";
import { findRecordState } from "../store/record.repository.ts";
import { canSeeUnpublished, type Principal } from "./access.ts";

/** A record as the API returns it: the stored record plus derived money. */
export type RecordView = AnyRecord & { committedUsdConstant?: number };

export interface ListResult {
  readonly data: Array<Partial<RecordView>>;
  readonly meta: { total: number; limit: number; nextCursor: string | null };
}

/**
 * One page of records of a kind.
 *
 * @example
 *   await listRecords(store, { kind: "project", country: ["LAO"] }, { key: "name", desc: false }, 50);
 */
export async function listRecords(
  store: Db,
  filter: RecordFilter,
  sort: Sort,
  limit: number,
  cursor?: string,
  fields?: readonly string[],
): Promise<ListResult> {
  const decoded = cursor === undefined ? undefined : decodeCursor(cursor);
  if (cursor !== undefined && !decoded)
    throw new AppError("invalid_request", "cursor is not one this API issued", [
      { field: "cursor", message: "invalid cursor" },
    ]);
  const page = await queryRecords(store, filter, sort, limit, decoded);
  const data = page.records.map((r) => {
    const view: RecordView = r.kind === "partner" ? r : { ...r, committedUsdConstant: page.committed.get(r.id) ?? 0 };
    return fields ? pick(view, fields) : view;
  });
  return { data, meta: { total: page.total, limit, nextCursor: page.nextCursor } };
}

function pick(record: RecordView, fields: readonly string[]): Partial<RecordView> {
  const out: Record<string, unknown> = { id: record.id };
  for (const f of fields) if (f in record) out[f] = (record as Record<string, unknown>)[f];
  return out as Partial<RecordView>;
}

/** Ids a record refers to (parties, participants, related records…), for the names shown beside it. */
export function referencedIds(r: AnyRecord): string[] {
  if (r.kind === "partner") return [];
  const ids = [
    ...r.participants.map((p) => p.partner),
    ...r.related.map((x) => x.id),
    ...r.transactions.flatMap((t) => [t.provider, t.receiver].filter((x): x is string => !!x)),
  ];
  if (r.kind === "agreement") ids.push(...r.parties, ...r.projects);
  if (r.kind === "service") ids.push(...r.operators);
  if (r.kind === "programme") ids.push(...r.sites.flatMap((s) => (s.record ? [s.record] : [])));
  if (r.kind === "commitment") ids.push(...r.targets.flatMap((t) => t.records));
  return [...new Set(ids)];
}

/**
 * One record with the names of what it refers to, its converted money and (services) its statistics.
 * Records not published (drafts, in consultation, withdrawn) are shown only to `viewer`s party to them
 * and to platform admins, with their `workflow`; to anyone else they do not exist.
 */
export async function getRecord(store: Db, kind: RecordKind, id: string, viewer?: Principal) {
  const found = await findRecordState(store.db, id);
  const record = found?.record;
  if (!found || !record || record.kind !== kind) throw new AppError("not_found", `no ${kind} with id "${id}"`);
  const published = found.workflow === "published";
  if (!published && !canSeeUnpublished(viewer, partiesOf(record)))
    throw new AppError("not_found", `no ${kind} with id "${id}"`);
  const related = await namesOf(store.db, referencedIds(record));
  const money = record.kind === "partner" ? [] : await transactionValues(store.db, id);
  const data =
    record.kind === "partner"
      ? record
      : {
          ...record,
          transactions: record.transactions.map((t, i) => ({
            ...t,
            usdNominal: money[i]?.usd_nominal ?? null,
            usdConstant: money[i]?.usd_constant ?? null,
          })),
          committedUsdConstant: money.reduce(
            (sum, m, i) =>
              sum +
              (m.aggregate && ["2", "11"].includes(record.transactions[i]?.type ?? "") ? (m.usd_constant ?? 0) : 0),
            0,
          ),
        };
  const statistics = record.kind === "service" ? await statisticsOf(store.db, id) : undefined;
  return { data, related, ...(statistics ? { statistics } : {}), ...(published ? {} : { workflow: found.workflow }) };
}

/** Ranked full-text search across every kind. */
export async function searchAll(store: Db, q: string, limit: number) {
  const hits = await ftsSearch(store, q, limit);
  return { data: hits };
}
