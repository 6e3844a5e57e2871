import type { Kysely, Transaction } from "kysely";
import { fieldPath } from "../../core/dataset.ts";
import { derive } from "../../core/derive.ts";
import { type AnyRecord, RECORD_SCHEMAS } from "../../core/domain/index.ts";
import type { MoneyConverter } from "../../core/money/convert.ts";
import type { Db } from "../../store/database.ts";
import { addProvenance, existingDocs, type ProvenanceRow } from "../../store/import.repository.ts";
import { canonicalDoc, upsertRecord } from "../../store/record.repository.ts";
import type { Database } from "../../store/schema.ts";
import type { DraftItem, ReportBuilder } from "./report.ts";

type Tx = Kysely<Database> | Transaction<Database>;

/** A draft that passed its schema. */
export interface ValidItem {
  readonly draft: DraftItem;
  readonly record: AnyRecord;
}

/** Who, when and from where, for versions and provenance. */
export interface WriteRun {
  readonly id: string;
  readonly file: string;
  readonly by: string;
  readonly at: string;
}

/** Validates a draft against its kind's schema; reports and drops it when it fails. */
export function validateDraft(draft: DraftItem, report: ReportBuilder): ValidItem | undefined {
  for (const w of draft.warnings)
    report.warning({ row: draft.row, path: draft.path, field: w.path || undefined, message: w.message });
  if (draft.errors.length > 0 || !draft.record) {
    report.skip(draft, draft.errors);
    return undefined;
  }
  const parsed = RECORD_SCHEMAS[draft.kind].safeParse(draft.record);
  if (!parsed.success) {
    report.skip(
      draft,
      parsed.error.issues.map((i) => ({ path: fieldPath(i.path), message: i.message })),
    );
    return undefined;
  }
  return { draft, record: parsed.data as AnyRecord };
}

/**
 * Writes one batch — new partners first, then the records — through
 * `upsertRecord` (versions, facets, full text, audit), with a provenance row
 * per record; or, in a dry run, only works out what would happen. A record
 * whose id belongs to a different record (another kind, or another source
 * identifier) is skipped, not overwritten.
 */
export async function writeBatch(
  store: Db,
  tx: Tx | undefined,
  items: readonly ValidItem[],
  ctx: { money: MoneyConverter; run: WriteRun; report: ReportBuilder; seen: Set<string> },
): Promise<void> {
  const { report, run } = ctx;
  const existing = await existingDocs(
    tx ?? store.db,
    items.map((i) => i.record.id),
  );
  const provenance: ProvenanceRow[] = [];
  for (const { draft, record } of items) {
    const found = existing.get(record.id);
    const clash = found && clashWith(found, record);
    if (clash) {
      report.skip(draft, [{ path: "id", message: clash }]);
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
    let outcome: "inserted" | "updated" | "unchanged";
    if (!tx) outcome = !found ? "inserted" : found.doc === canonicalDoc(record) ? "unchanged" : "updated";
    else {
      outcome = await upsertRecord(tx, store.engine, record, derive(record, ctx.money), {
        by: run.by,
        now: run.at,
        note: `import of ${run.file}`,
      });
      provenance.push({ recordId: record.id, position: draft.path ?? `row ${draft.row}`, outcome });
    }
    existing.set(record.id, { kind: record.kind, doc: canonicalDoc(record) });
    if (draft.generated) {
      if (outcome === "inserted") report.report.partnersCreated += 1;
      continue;
    }
    if (outcome === "inserted") report.report.imported += 1;
    else if (outcome === "updated") report.report.updated += 1;
    else report.report.unchanged += 1;
  }
  if (tx && provenance.length) await addProvenance(tx, run, provenance);
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
