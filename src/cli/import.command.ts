import { createReadStream, statSync } from "node:fs";
import { basename } from "node:path";
import cliProgress from "cli-progress";
import { Argument, Command, Option } from "commander";
import { RECORD_KINDS, type RecordKind } from "../core/domain/index.ts";
import { AppError } from "../core/errors.ts";
import { IMPORT_FORMATS, type ImportFormat } from "../services/import/formats.ts";
import { type ImportProgress, importStream } from "../services/import/import.service.ts";
import type { FileReport } from "../services/import/report.ts";
import { globals, printJson, withDatabase } from "./context.ts";

interface ImportFlags {
  dryRun?: boolean;
  allOrNothing?: boolean;
  kind?: RecordKind;
  by?: string;
  maxSize?: string;
  batchSize?: string;
}

/** A progress bar on stderr when it is a terminal (never with --json). */
function progressBar(file: string, enabled: boolean) {
  if (!enabled) return { update: (_p: ImportProgress) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${basename(file)} [{bar}] {percentage}% | {mb}/{totalMb} MB | {rows} rows | {imported} new, {updated} updated, {skipped} skipped`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p: ImportProgress) {
      const payload = { ...p, mb: (p.bytes / 1e6).toFixed(1), totalMb: ((p.totalBytes ?? p.bytes) / 1e6).toFixed(1) };
      if (!started) bar.start(p.totalBytes ?? p.bytes, p.bytes, payload);
      else bar.update(p.bytes, payload);
      started = true;
    },
    stop: () => started && bar.stop(),
  };
}

function printHuman(r: FileReport): void {
  const verb = r.dryRun ? "would import" : r.rolledBack ? "rolled back; would have imported" : "imported";
  console.log(
    `${r.file}: ${verb} ${r.imported}, updated ${r.updated}, unchanged ${r.unchanged}, skipped ${r.skipped}` +
      (r.partnersCreated ? `; ${r.partnersCreated} new partners` : ""),
  );
  for (const e of r.errors.slice(0, 20))
    console.log(
      `  error ${e.row !== undefined ? `row ${e.row} ` : ""}${e.path ?? ""}${e.field ? ` [${e.field}]` : ""}: ${e.message}`,
    );
  if (r.errors.length > 20) console.log(`  … ${r.errors.length - 20} more errors (use --json for all)`);
  for (const w of r.warnings.slice(0, 10))
    console.log(
      `  warning${w.field ? ` [${w.field}]` : ""}: ${w.message}${(w.count ?? 1) > 1 ? ` (×${w.count})` : ""}`,
    );
}

/** `beltroad import iati|aiddata|csv|xlsx FILE… [--dry-run] [--all-or-nothing] [--json]`. */
export function importCommand(): Command {
  return new Command("import")
    .description("import IATI 2.03 XML, AidData GCDF 3.0 CSV, or a filled CSV/XLSX template; reports every row")
    .addArgument(new Argument("<format>", "file format").choices([...IMPORT_FORMATS]))
    .argument("<files...>", "files to import")
    .option("--dry-run", "read and check everything, write nothing")
    .option("--all-or-nothing", "one transaction per file: any error and nothing of that file is written")
    .addOption(
      new Option("--kind <kind>", "record kind of a CSV/XLSX template (default: its kind column)").choices([
        ...RECORD_KINDS,
      ]),
    )
    .option("--by <name>", "who imports, kept as provenance (default: the system user)")
    .option("--max-size <bytes>", "refuse files larger than this (default 1 GiB)")
    .option("--batch-size <n>", "records per transaction in the default mode (default 500)")
    .action(async (format: ImportFormat, files: string[], opts: ImportFlags, cmd: Command) => {
      const json = !!globals(cmd).json;
      const reports = await withDatabase(cmd, async (store, config) => {
        const out: FileReport[] = [];
        for (const file of files) {
          let size: number;
          try {
            size = statSync(file).size;
          } catch (e) {
            out.push(unreadable(file, format, opts, (e as Error).message));
            continue;
          }
          const bar = progressBar(file, !json && process.stderr.isTTY === true);
          try {
            const report = await importStream(store, createReadStream(file), {
              format,
              file,
              dataDir: config.dataDir,
              dryRun: opts.dryRun,
              allOrNothing: opts.allOrNothing,
              by: opts.by ?? `cli:${process.env.USER ?? process.env.USERNAME ?? "unknown"}`,
              kind: opts.kind,
              batchSize: opts.batchSize ? positive(opts.batchSize, "--batch-size") : undefined,
              limits: opts.maxSize ? { maxBytes: positive(opts.maxSize, "--max-size") } : undefined,
              totalBytes: size,
              onProgress: bar.update,
            });
            out.push(report);
          } finally {
            bar.stop();
          }
        }
        return out;
      });
      if (json) printJson({ files: reports });
      else reports.forEach(printHuman);
      const failed = reports.filter((r) => !r.ok).length;
      if (failed)
        throw new AppError(
          "invalid_dataset",
          `${failed} of ${reports.length} file(s) had problems (see the report above)`,
        );
    });
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new AppError("invalid_request", `${flag} must be a positive integer`);
  return n;
}

function unreadable(file: string, format: string, opts: ImportFlags, message: string): FileReport {
  return {
    file,
    format,
    ok: false,
    dryRun: !!opts.dryRun,
    mode: opts.allOrNothing ? "all-or-nothing" : "per-batch",
    imported: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    partnersCreated: 0,
    rolledBack: false,
    errors: [{ message: `cannot read the file: ${message}` }],
    warnings: [],
  };
}
