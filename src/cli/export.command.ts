import { writeFileSync } from "node:fs";
import { Command, Option } from "commander";
import { KIND_FOLDERS } from "../core/dataset.ts";
import { RECORD_KINDS } from "../core/domain/index.ts";
import { EXPORT_FORMATS, type ExportFormat, exportKind } from "../services/export.service.ts";
import { withDatabase } from "./context.ts";

const PLURALS = Object.fromEntries(RECORD_KINDS.map((k) => [KIND_FOLDERS[k], k]));

/** `beltroad export --kind projects --format csv [--out FILE]`. */
export function exportCommand(): Command {
  return new Command("export")
    .description("write every record of a kind as JSON, CSV or GeoJSON")
    .addOption(new Option("--kind <kind>", "which records").choices(Object.keys(PLURALS)).makeOptionMandatory())
    .addOption(new Option("--format <format>", "output format").choices([...EXPORT_FORMATS]).default("json"))
    .option("--out <file>", "write to a file instead of standard output")
    .action(async (opts: { kind: string; format: ExportFormat; out?: string }, cmd: Command) => {
      await withDatabase(cmd, async (store) => {
        const kind = PLURALS[opts.kind];
        if (!kind) throw new Error(`unknown kind ${opts.kind}`);
        const { text, count } = await exportKind(store, kind, opts.format);
        if (opts.out) {
          writeFileSync(opts.out, text);
          console.error(`wrote ${count} ${opts.kind} to ${opts.out}`);
        } else process.stdout.write(text);
      });
    });
}
