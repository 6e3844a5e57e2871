import { createWriteStream, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { Command, Option } from "commander";
import { KIND_FOLDERS } from "../core/dataset.ts";
import { RECORD_KINDS, type RecordKind } from "../core/domain/index.ts";
import { AppError } from "../core/errors.ts";
import { exportKind, toCsv, toGeoJson } from "../services/export.service.ts";
import { exportIati } from "../services/export-iati.service.ts";
import { filteredRecords } from "../services/export-pager.ts";
import { exportTable } from "../services/export-table.service.ts";
import type { RecordFilter } from "../store/query.repository.ts";
import { withDatabase } from "./context.ts";

const PLURALS = Object.fromEntries(RECORD_KINDS.map((k) => [KIND_FOLDERS[k], k]));
const FORMATS = ["json", "csv", "geojson", "iati", "xlsx"] as const;
const CONNECTIVITY = { hard: 1, soft: 2, heart: 4 } as const;

interface ExportFlags {
  kind: string;
  format: (typeof FORMATS)[number];
  layout?: "list" | "template";
  out?: string;
  country?: string;
  sector?: string;
  status?: string;
  connectivity?: string;
  tag?: string;
  partner?: string;
  type?: string;
  from?: string;
  to?: string;
  q?: string;
}

const csvList = (v: string | undefined) =>
  v
    ? v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

function year(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{4}$/.test(v)) throw new AppError("invalid_request", `${flag} must be a year (YYYY)`);
  return Number(v);
}

/** The list filters (same meaning as the API's query parameters). */
function filterOf(kind: RecordKind, o: ExportFlags): RecordFilter {
  const bits = csvList(o.connectivity)?.reduce((b, c) => {
    const bit = CONNECTIVITY[c as keyof typeof CONNECTIVITY];
    if (!bit) throw new AppError("invalid_request", `--connectivity takes hard, soft, heart; not "${c}"`);
    return b | bit;
  }, 0);
  return {
    kind,
    country: csvList(o.country)?.map((c) => c.toUpperCase()),
    sector: csvList(o.sector),
    status: csvList(o.status),
    connectivity: bits,
    tag: csvList(o.tag),
    partner: csvList(o.partner),
    type: csvList(o.type),
    from: year(o.from, "--from"),
    to: year(o.to, "--to"),
    q: o.q,
  };
}

const FILTER_FLAGS = [
  "country",
  "sector",
  "status",
  "connectivity",
  "tag",
  "partner",
  "type",
  "from",
  "to",
  "q",
] as const;

/** `beltroad export --kind projects --format json|csv|geojson|iati|xlsx [filters] [--out FILE]`. */
export function exportCommand(): Command {
  const cmd = new Command("export")
    .description(
      "write the records of a kind (all, or those matching the filters) as JSON, CSV, GeoJSON, IATI XML or XLSX",
    )
    .addOption(new Option("--kind <kind>", "which records").choices(Object.keys(PLURALS)).makeOptionMandatory())
    .addOption(new Option("--format <format>", "output format").choices([...FORMATS]).default("json"))
    .addOption(
      new Option(
        "--layout <layout>",
        "CSV/XLSX columns: the list (default for CSV) or the import template (default for XLSX)",
      ).choices(["list", "template"]),
    )
    .option("--out <file>", "write to a file instead of standard output");
  for (const f of FILTER_FLAGS) cmd.option(`--${f} <value>`, filterHelp(f));
  return cmd.action(async (opts: ExportFlags, command: Command) => {
    await withDatabase(command, async (store) => {
      const kind = PLURALS[opts.kind];
      if (!kind) throw new AppError("invalid_request", `unknown kind ${opts.kind}`);
      const filter = filterOf(kind, opts);
      const filtered = FILTER_FLAGS.some((f) => opts[f] !== undefined);
      const layout = opts.layout ?? (opts.format === "xlsx" ? "template" : "list");
      if (opts.format === "iati" || opts.format === "xlsx" || (opts.format === "csv" && layout === "template")) {
        if (opts.format === "iati" && kind !== "project")
          throw new AppError("invalid_request", "IATI export is for --kind projects");
        if (opts.format === "xlsx" && layout === "list")
          throw new AppError("invalid_request", "XLSX exports use the template layout");
        await streamed(opts, async (out) => {
          if (opts.format === "iati") {
            const r = await exportIati(store, (s) => write(out, s), { filter });
            for (const s of r.skipped) console.error(`skipped ${s.id}: ${s.reason}`);
            return r.count;
          }
          return exportTable(store, filter, opts.format === "xlsx" ? "xlsx" : "csv", out);
        });
        return;
      }
      let text: string;
      let count: number;
      if (!filtered) ({ text, count } = await exportKind(store, kind, opts.format as "json" | "csv" | "geojson"));
      else {
        const records = [];
        for await (const r of filteredRecords(store, filter)) records.push(r);
        const fc = opts.format === "geojson" ? toGeoJson(records) : undefined;
        text =
          opts.format === "json"
            ? `${JSON.stringify(records, null, 2)}\n`
            : fc
              ? `${JSON.stringify(fc)}\n`
              : toCsv(records);
        count = fc ? fc.features.length : records.length;
      }
      if (opts.out) {
        writeFileSync(opts.out, text);
        console.error(`wrote ${count} ${opts.kind} to ${opts.out}`);
      } else process.stdout.write(text);
    });
  });
}

function filterHelp(f: (typeof FILTER_FLAGS)[number]): string {
  const help: Record<string, string> = {
    country: "ISO alpha-3 codes, comma-separated (any of)",
    sector: "DAC 5-digit sector codes, comma-separated",
    status: "IATI ActivityStatus codes, comma-separated",
    connectivity: "hard, soft, heart (comma-separated: any of)",
    tag: "tag slugs, comma-separated",
    partner: "partner ids: records they take part in",
    type: "the kind's own type (rail, mou, luban-workshop…)",
    from: "first start year (inclusive)",
    to: "last start year (inclusive)",
    q: "full-text search",
  };
  return help[f]!;
}

function write(out: Writable, text: string): Promise<void> | void {
  if (out.write(text)) return;
  return new Promise((resolve) => out.once("drain", resolve));
}

/** Runs a streaming export to --out (removed again if the export fails) or standard output. */
async function streamed(opts: ExportFlags, run: (out: Writable) => Promise<number>): Promise<void> {
  const out = opts.out ? createWriteStream(opts.out) : process.stdout;
  try {
    const count = await run(out);
    if (opts.out) {
      out.end();
      await finished(out);
      console.error(`wrote ${count} ${opts.kind} to ${opts.out}`);
    }
  } catch (err) {
    if (opts.out) {
      out.destroy();
      await rm(opts.out, { force: true });
    }
    throw err;
  }
}
