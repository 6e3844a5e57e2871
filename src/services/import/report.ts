import type { RecordKind } from "../../core/domain/index.ts";
import type { FieldNote } from "../../io/iati/map-context.ts";

/** One problem in a file: where (`row` for tables, `path` for XML), which field, what. */
export interface ReportItem {
  readonly row?: number;
  readonly path?: string;
  readonly line?: number;
  readonly field?: string;
  readonly message: string;
  /** For warnings: how many rows had it (the item shows the first). */
  readonly count?: number;
}

/** A record read from a file, not yet validated against its schema. */
export interface DraftItem {
  readonly kind: RecordKind;
  /** Row number (tables) or activity number (IATI), 1-based. */
  readonly row: number;
  /** `iati-activities/iati-activity[3]` (XML), for messages. */
  readonly path?: string;
  readonly line?: number;
  /** The record as read, or undefined when it could not be read (see `errors`). */
  readonly record?: Record<string, unknown>;
  readonly errors: readonly FieldNote[];
  readonly warnings: readonly FieldNote[];
  /** A partner the import made for an organisation a record names (counted apart from the file's own records). */
  readonly generated?: boolean;
}

/** What a format reader yields: records, and problems that belong to no record. */
export type SourceEvent =
  | { readonly type: "item"; readonly item: DraftItem }
  | { readonly type: "error"; readonly note: ReportItem }
  | { readonly type: "warning"; readonly note: ReportItem };

/** The per-file report printed by `beltroad import --json` and kept with the run. */
export interface FileReport {
  file: string;
  format: string;
  ok: boolean;
  dryRun: boolean;
  mode: "per-batch" | "all-or-nothing";
  /** Records new to the database (written, or that would be in a dry run). */
  imported: number;
  updated: number;
  unchanged: number;
  /** Rows or activities not imported (see `errors`). */
  skipped: number;
  partnersCreated: number;
  /** True when an all-or-nothing import found errors and wrote nothing. */
  rolledBack: boolean;
  /** "draft" when the records were written as drafts of their parties (an editor's import over the API). */
  writtenAs?: "draft";
  errors: ReportItem[];
  warnings: ReportItem[];
  runId?: string;
}

const MAX_ERRORS = 10_000;

/** Builds a `FileReport`: errors listed (the first 10,000), warnings counted by message. */
export class ReportBuilder {
  readonly report: FileReport;
  private readonly warningIndex = new Map<string, number>();
  private errorCount = 0;

  constructor(file: string, format: string, dryRun: boolean, mode: FileReport["mode"]) {
    this.report = {
      file,
      format,
      ok: true,
      dryRun,
      mode,
      imported: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      partnersCreated: 0,
      rolledBack: false,
      errors: [],
      warnings: [],
    };
  }

  error(item: ReportItem): void {
    this.report.ok = false;
    this.errorCount += 1;
    if (this.report.errors.length < MAX_ERRORS) this.report.errors.push(item);
    else if (this.report.errors.length === MAX_ERRORS)
      this.report.errors.push({ message: "more errors were found; only the first 10,000 are listed" });
  }

  /** Marks a draft skipped, with its errors. */
  skip(item: DraftItem, errors: readonly FieldNote[]): void {
    this.report.skipped += 1;
    for (const e of errors.length ? errors : [{ path: "", message: "could not be read" }]) {
      if (e.line !== undefined)
        this.error({ row: item.row, path: e.path, line: e.line, field: e.path.split("/").at(-1), message: e.message });
      else
        this.error({ row: item.row, path: item.path, line: item.line, field: e.path || undefined, message: e.message });
    }
  }

  /** Counts a warning; the same message (indices removed) is listed once with its count. */
  warning(item: ReportItem): void {
    const key = `${item.field ?? ""}|${item.message}`.replace(/\[\d+\]/g, "[]");
    const at = this.warningIndex.get(key);
    if (at !== undefined) {
      const w = this.report.warnings[at]!;
      this.report.warnings[at] = { ...w, count: (w.count ?? 1) + 1 };
      return;
    }
    if (this.report.warnings.length >= 1000) return;
    this.warningIndex.set(key, this.report.warnings.length);
    this.report.warnings.push({ ...item, count: 1 });
  }

  get errors(): number {
    return this.errorCount;
  }
}
