import { createReadStream } from "node:fs";
import { AppError } from "../core/errors.ts";
import { partiesOf, roleAtLeast } from "../core/governance.ts";
import type { Db } from "../store/database.ts";
import { findRecord, findRecordState, listRecordsOfKind } from "../store/record.repository.ts";
import { orgsWithRole, type Principal, requireActing } from "./access.ts";
import { eventsFor, type ImportFormat, type ReaderOptions } from "./import/formats.ts";
import { PartnerResolver } from "./import/partner-resolver.ts";
import { validateDraft } from "./import/record-writer.ts";
import { ReportBuilder, type ReportItem } from "./import/report.ts";

/**
 * Who may import over the API: a platform admin, or someone holding at least
 * the editor role in some organisation; an API token needs the `write` scope.
 * Throws 401/403 otherwise.
 *
 * @example requireImporter(principalOf(c))
 */
export function requireImporter(p: Principal | undefined): asserts p is Principal {
  requireActing(p, "write");
  if (p.platformAdmin) return;
  if (![...p.memberships.values()].some((role) => roleAtLeast(role, "editor")))
    throw new AppError(
      "forbidden",
      "importing needs the editor role in an organisation (or a platform administrator's account)",
    );
}

/**
 * The records of a file that `p` may not write, by the rule that governs
 * every write (`createDraft`, `updateRecord`): each record must name among its
 * parties an organisation where `p` is at least an editor, and so must the
 * record it replaces when its id exists already. Platform admins may write
 * anything (empty list). Reads the file once, writes nothing; rows the import
 * would skip anyway are not listed here. Partners the import creates for
 * organisations a record names are side effects of that record, not checked.
 *
 * @example
 *   const refused = await refusedRecords(store, p, "/tmp/x.csv", { format: "aiddata" });
 */
export async function refusedRecords(
  store: Db,
  p: Principal,
  path: string,
  options: ReaderOptions & {
    readonly format: ImportFormat;
    readonly signal?: AbortSignal;
    /** Called with the bytes read so far. */
    readonly onBytes?: (bytes: number) => void;
  },
): Promise<ReportItem[]> {
  if (p.platformAdmin) return [];
  const refused: ReportItem[] = [];
  const resolver = new PartnerResolver(await listRecordsOfKind(store.db, "partner"), [options.format]);
  const scratch = new ReportBuilder(path, options.format, true, "per-batch");
  const lookup = (id: string) => findRecord(store.db, id);
  try {
    for await (const event of eventsFor(options.format, counted(path, options.onBytes), resolver, options, lookup)) {
      if (options.signal?.aborted) throw new AppError("aborted", "the import was cancelled");
      if (event.type !== "item") continue;
      const valid = validateDraft(event.item, scratch);
      if (!valid) continue;
      const parties = partiesOf(valid.record);
      const existing = await findRecordState(store.db, valid.record.id);
      const before = existing ? partiesOf(existing.record) : parties;
      if (orgsWithRole(p, parties, "editor").length > 0 && orgsWithRole(p, before, "editor").length > 0) continue;
      refused.push({
        row: event.item.row,
        path: event.item.path,
        field: "participants",
        message: `record "${valid.record.id}" names no organisation in which you are an editor (${
          [...new Set([...before, ...parties])].join(", ") || "none"
        })`,
      });
    }
  } catch (err) {
    // A file the reader cannot finish is the import's to report (with its line); nothing to refuse here.
    if (!(err instanceof AppError) || err.code === "aborted") throw err;
  }
  return refused;
}

async function* counted(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    bytes += (chunk as Buffer).length;
    onBytes?.(bytes);
    yield chunk as Buffer;
  }
}
