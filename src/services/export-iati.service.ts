import type { Partner, Project } from "../core/domain/index.ts";
import { AppError } from "../core/errors.ts";
import { writeActivity } from "../io/iati/write-activity.ts";
import type { Db } from "../store/database.ts";
import type { RecordFilter } from "../store/query.repository.ts";
import { listRecordsOfKind } from "../store/record.repository.ts";
import { filteredRecords } from "./export-pager.ts";

/** Who the file names as reporting organisation for records not imported from IATI. */
export interface IatiExportOptions {
  readonly filter?: Omit<RecordFilter, "kind">;
  readonly reportingOrg?: { ref: string; type: string; name: string };
  readonly identifierPrefix?: string;
}

/** What an IATI export wrote and what it could not. */
export interface IatiExportReport {
  readonly count: number;
  readonly skipped: Array<{ id: string; reason: string }>;
  readonly notes: Array<{ id: string; note: string }>;
}

/** The default reporting organisation: Beltroad republishing others' data (a secondary reporter, IATI type 90 "Other"). */
export const BELTROAD_REPORTER = { ref: "BELTROAD", type: "90", name: "Beltroad" };

/**
 * Writes the (filtered) projects as one IATI 2.03 activity file, streaming:
 * `write` is awaited per chunk, so a slow consumer holds the export back
 * instead of filling memory. Projects IATI cannot take (no participating
 * organisation or no date) are listed in `skipped`, never padded.
 *
 * @example
 *   await exportIati(store, (s) => writeAsync(out, s), { filter: { country: ["LAO"] } });
 */
export async function exportIati(
  store: Db,
  write: (text: string) => Promise<void> | void,
  options: IatiExportOptions = {},
): Promise<IatiExportReport> {
  const partners = new Map((await listRecordsOfKind(store.db, "partner")).map((p) => [p.id, p as Partner]));
  const ctx = {
    partner: (id: string) => partners.get(id),
    reportingOrg: options.reportingOrg ?? BELTROAD_REPORTER,
    identifierPrefix: options.identifierPrefix ?? "BELTROAD",
  };
  const report = { count: 0, skipped: [] as IatiExportReport["skipped"], notes: [] as IatiExportReport["notes"] };
  await write(
    `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="${new Date().toISOString().replace(/\.\d+Z$/, "Z")}">\n`,
  );
  for await (const record of filteredRecords(store, { ...options.filter, kind: "project" })) {
    const { xml, notes } = writeActivity(record as Project, ctx);
    if (!xml) {
      report.skipped.push(...notes.map((reason) => ({ id: record.id, reason })));
      continue;
    }
    report.notes.push(...notes.map((note) => ({ id: record.id, note })));
    report.count += 1;
    await write(`${xml}\n`);
  }
  await write("</iati-activities>\n");
  if (report.count === 0)
    throw new AppError(
      "nothing_to_export",
      "no project could be written as an IATI activity (an IATI file needs at least one)",
      report,
    );
  return report;
}
