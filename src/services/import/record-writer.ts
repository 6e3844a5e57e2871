import type { Kysely, Transaction } from "kysely";
import { derive } from "../../core/derive.ts";
import type { AnyRecord } from "../../core/domain/index.ts";
import type { MoneyConverter } from "../../core/money/convert.ts";
import type { Db } from "../../store/database.ts";
import { addProvenance, existingDocs, type ProvenanceRow } from "../../store/import.repository.ts";
import { canonicalDoc, upsertRecords, type WriteOutcome } from "../../store/record.repository.ts";
import type { Database } from "../../store/schema.ts";
import type { ValidItem } from "./read-batches.ts";
import type { ReportBuilder } from "./report.ts";

export { type ValidItem, validateDraft } from "./read-batches.ts";

type Tx = Kysely<Database> | Transaction<Database>;

/** The reason `record` may not be written over `existing` (absent: new), or undefined when it may. */
export type Authorize = (
  record: AnyRecord,
  existing: { readonly doc: string; readonly workflow: string } | undefined,
) => string | undefined;

/** Who, when and from where, for versions and provenance. */
export interface WriteRun {
  readonly id: string;
  readonly file: string;
  readonly by: string;
  readonly at: string;
}

/** What `writeBatch` keeps from one batch of a file to the next. */
export interface WriteContext {
  readonly money: MoneyConverter;
  readonly run: WriteRun;
  readonly report: ReportBuilder;
  /** Ids written so far (a record given again is reported). */
  readonly seen: Set<string>;
  /**
   * Partners the reader made for names it did not know, held back until a record that is written
   * names them: a row that is skipped or refused creates nothing.
   */
  readonly pendingPartners: Map<string, ValidItem>;
  readonly authorize?: Authorize | undefined;
  readonly asDrafts?: boolean;
}

/**
 * Writes one batch — new partners first, then the records — through
 * `upsertRecords` (versions, facets, full text, audit), with a provenance row
 * per record; or, in a dry run, only works out what would happen. A record
 * whose id belongs to a different record (another kind, or another source
 * identifier) is skipped, not overwritten. A partner the reader made is
 * written with the first written record that names it or whose row made it,
 * never alone: a row that is skipped or refused creates no partner.
 */
export async function writeBatch(
  store: Db,
  tx: Tx | undefined,
  batch: readonly ValidItem[],
  ctx: WriteContext,
): Promise<void> {
  const { report, run } = ctx;
  const records = batch
    .filter((i) => !i.draft.generated)
    .map((i) => (i.doc ? i : { ...i, doc: canonicalDoc(i.record) }));
  // Partners wait until a record that is written names them, or was the row that made them.
  const madeBy = new Map<number, string[]>();
  for (const item of batch)
    if (item.draft.generated) {
      ctx.pendingPartners.set(item.record.id, item);
      madeBy.set(item.draft.row, [...(madeBy.get(item.draft.row) ?? []), item.record.id]);
    }
  const namedBy = (item: ValidItem) => {
    const own = madeBy.get(item.draft.row) ?? [];
    // Searching the document is needed only when partners other than the row's own are waiting.
    if (ctx.pendingPartners.size <= own.length) return own;
    return [...own, ...[...idsIn(item.doc!)].filter((id) => ctx.pendingPartners.has(id) && !own.includes(id))];
  };
  const named = new Map(records.map((item) => [item, namedBy(item)]));
  const candidates = new Set([...named.values()].flat());
  const existing = await existingDocs(tx ?? store.db, [...candidates, ...records.map((i) => i.record.id)]);
  // Who may write what is settled first: only records that will be written release their partners.
  const refusals = new Map<ValidItem, Refusal | undefined>();
  const partners: ValidItem[] = [];
  for (const item of records) {
    const why = refusal(item.record, existing.get(item.record.id), ctx.authorize);
    refusals.set(item, why);
    if (why) continue;
    for (const id of named.get(item)!) {
      const partner = ctx.pendingPartners.get(id);
      if (!partner) continue;
      partners.push(partner);
      ctx.pendingPartners.delete(id);
    }
  }
  const accepted: Array<ValidItem & { outcome?: WriteOutcome }> = [];
  for (const item of [...partners, ...records]) {
    const { draft, record } = item;
    const found = existing.get(record.id);
    const why = draft.generated ? found && clashWith(found, record) : refusals.get(item);
    if (why) {
      report.skip(draft, [{ path: why.field, message: why.message }]);
      continue;
    }
    if (ctx.seen.has(record.id) && !draft.generated)
      report.warning({
        row: draft.row,
        path: draft.path,
        field: "id",
        message: "the same record appears again in the file; the later one wins",
      });
    ctx.seen.add(record.id);
    const doc = item.doc ?? canonicalDoc(record);
    // A dry run works the outcome out from what is stored (and what this run would have written).
    const outcome = tx ? undefined : !found ? "inserted" : found.doc === doc ? "unchanged" : "updated";
    existing.set(record.id, { kind: record.kind, doc, workflow: found?.workflow ?? "published" });
    accepted.push({ ...item, doc, outcome });
  }
  let outcomes = accepted.map((a) => a.outcome ?? "unchanged");
  if (tx) {
    const meta = { by: run.by, now: run.at, note: `import of ${run.file}` };
    const write = (items: typeof accepted, workflow?: string) =>
      upsertRecords(
        tx,
        store.engine,
        items.map(({ record, doc, derived, docSha256 }) => ({
          record,
          derived: derived ?? derive(record, ctx.money),
          doc,
          docSha256,
        })),
        workflow ? { ...meta, workflow } : meta,
      );
    if (ctx.asDrafts) {
      // Partners the file names are created published (no party to consult); its records become drafts.
      const partners = accepted.filter((a) => a.draft.generated);
      const records = accepted.filter((a) => !a.draft.generated);
      const written = new Map<ValidItem, WriteOutcome>();
      (await write(partners)).forEach((o, i) => written.set(partners[i]!, o));
      (await write(records, "draft")).forEach((o, i) => written.set(records[i]!, o));
      outcomes = accepted.map((a) => written.get(a) ?? "unchanged");
    } else outcomes = await write(accepted);
    const provenance: ProvenanceRow[] = accepted.map(({ draft, record }, i) => ({
      recordId: record.id,
      position: draft.path ?? `row ${draft.row}`,
      outcome: outcomes[i]!,
    }));
    if (provenance.length) await addProvenance(tx, store.engine, run, provenance);
  }
  accepted.forEach(({ draft }, i) => {
    const outcome = outcomes[i];
    if (draft.generated) {
      if (outcome === "inserted") report.report.partnersCreated += 1;
    } else if (outcome === "inserted") report.report.imported += 1;
    else if (outcome === "updated") report.report.updated += 1;
    else report.report.unchanged += 1;
  });
}

/** Why a record may not be written: the field to name and the message. */
interface Refusal {
  readonly field: string;
  readonly message: string;
}

/** Why `record` may not be written over `found`: its id is another record's, or the importer's write rule. */
function refusal(
  record: AnyRecord,
  found: { kind: string; doc: string; workflow: string } | undefined,
  authorize: Authorize | undefined,
): Refusal | undefined {
  const clash = found && clashWith(found, record);
  if (clash) return clash;
  const refused = authorize?.(record, found);
  return refused ? { field: "participants", message: refused } : undefined;
}

/**
 * The ids a stored record names: every JSON string in it shaped like an id (lower-case words
 * joined by hyphens, as `org-…` and `country-…` are), wherever it stands (participants,
 * transactions, AidData agencies…). A stray match only writes a partner the old way would have.
 */
function* idsIn(doc: string): Generator<string> {
  for (const match of doc.matchAll(/"([a-z0-9]+(?:-[a-z0-9]+)+)"/g)) yield match[1]!;
}

function clashWith(found: { kind: string; doc: string }, record: AnyRecord): Refusal | undefined {
  const message = clashMessage(found, record);
  return message ? { field: "id", message } : undefined;
}

function clashMessage(found: { kind: string; doc: string }, record: AnyRecord): string | undefined {
  if (found.kind !== record.kind) return `the id "${record.id}" belongs to a ${found.kind} already`;
  const theirs = (JSON.parse(found.doc) as { identifiers?: { iati?: string; aiddata?: string } }).identifiers;
  const ours = record.identifiers;
  if (ours?.iati && theirs?.iati && ours.iati !== theirs.iati)
    return `the id "${record.id}" belongs to IATI activity "${theirs.iati}" already`;
  if (ours?.aiddata && theirs?.aiddata && ours.aiddata !== theirs.aiddata)
    return `the id "${record.id}" belongs to AidData record ${theirs.aiddata} already`;
  return undefined;
}
