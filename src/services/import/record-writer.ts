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

/**
 * Writes one batch — new partners first, then the records — through
 * `upsertRecords` (versions, facets, full text, audit), with a provenance row
 * per record; or, in a dry run, only works out what would happen. A record
 * whose id belongs to a different record (another kind, or another source
 * identifier) is skipped, not overwritten.
 */
export async function writeBatch(
  store: Db,
  tx: Tx | undefined,
  items: readonly ValidItem[],
  ctx: {
    money: MoneyConverter;
    run: WriteRun;
    report: ReportBuilder;
    seen: Set<string>;
    authorize?: Authorize | undefined;
    asDrafts?: boolean;
  },
): Promise<void> {
  const { report, run } = ctx;
  const existing = await existingDocs(
    tx ?? store.db,
    items.map((i) => i.record.id),
  );
  const accepted: Array<ValidItem & { outcome?: WriteOutcome }> = [];
  for (const item of items) {
    const { draft, record } = item;
    const found = existing.get(record.id);
    const clash = found && clashWith(found, record);
    if (clash) {
      report.skip(draft, [{ path: "id", message: clash }]);
      continue;
    }
    const refused = draft.generated ? undefined : ctx.authorize?.(record, found);
    if (refused) {
      report.skip(draft, [{ path: "participants", message: refused }]);
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

function clashWith(found: { kind: string; doc: string }, record: AnyRecord): string | undefined {
  if (found.kind !== record.kind) return `the id "${record.id}" belongs to a ${found.kind} already`;
  const theirs = (JSON.parse(found.doc) as { identifiers?: { iati?: string; aiddata?: string } }).identifiers;
  const ours = record.identifiers;
  if (ours?.iati && theirs?.iati && ours.iati !== theirs.iati)
    return `the id "${record.id}" belongs to IATI activity "${theirs.iati}" already`;
  if (ours?.aiddata && theirs?.aiddata && ours.aiddata !== theirs.aiddata)
    return `the id "${record.id}" belongs to AidData record ${theirs.aiddata} already`;
  return undefined;
}
