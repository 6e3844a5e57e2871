import { Command } from "commander";
import { seed } from "../services/seed.service.ts";
import { globals, printJson, withDatabase } from "./context.ts";

/** `beltroad seed`: migrates, then loads the curated demo dataset (idempotent). */
export function seedCommand(): Command {
  return new Command("seed")
    .description("migrate, then load the demo dataset (running it twice changes nothing)")
    .option("--data <dir>", "dataset folder (default: BELTROAD_DATA_DIR or the bundled data/)")
    .action(async (opts: { data?: string }, cmd: Command) => {
      await withDatabase(cmd, async (store, config) => {
        const report = await seed(store, opts.data ?? config.dataDir);
        if (globals(cmd).json) printJson({ database: store.location, ...report });
        else {
          const r = report.records;
          const s = report.statistics;
          console.log(
            `seeded ${store.location} from ${report.files} files: records ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged; ` +
              `freight statistics ${s.inserted} inserted, ${s.updated} updated, ${s.unchanged} unchanged`,
          );
          if (report.unconverted.length)
            console.log(
              `${report.unconverted.length} commitment(s) kept in original currency only (no exchange rate): see --json`,
            );
        }
      });
    });
}
