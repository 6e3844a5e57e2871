import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import { Command, Option } from "commander";
import { KIND_FOLDERS } from "../core/dataset.ts";
import { RECORD_KINDS } from "../core/domain/index.ts";
import { writeTemplate } from "../services/export-table.service.ts";

const PLURALS = Object.fromEntries(RECORD_KINDS.map((k) => [KIND_FOLDERS[k], k]));

/** `beltroad template --kind projects --format csv|xlsx [--out FILE]`: an empty template to fill in and import. */
export function templateCommand(): Command {
  return new Command("template")
    .description("write an empty CSV or XLSX template for a kind, to fill in and `beltroad import csv|xlsx`")
    .addOption(new Option("--kind <kind>", "which records").choices(Object.keys(PLURALS)).makeOptionMandatory())
    .addOption(new Option("--format <format>", "file format").choices(["csv", "xlsx"]).default("csv"))
    .option("--out <file>", "write to a file instead of standard output")
    .action(async (opts: { kind: string; format: "csv" | "xlsx"; out?: string }) => {
      const out = opts.out ? createWriteStream(opts.out) : process.stdout;
      await writeTemplate(PLURALS[opts.kind]!, opts.format, out);
      if (opts.out) {
        out.end();
        await finished(out);
        console.error(`wrote the ${opts.kind} template to ${opts.out}`);
      }
    });
}
