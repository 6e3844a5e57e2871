import { Command, CommanderError } from "commander";
import { AppError } from "../core/errors.ts";
import { adminCommand } from "./admin.command.ts";
import { dbCommand } from "./db.command.ts";
import { exportCommand } from "./export.command.ts";
import { importCommand } from "./import.command.ts";
import { networkCommand } from "./network.command.ts";
import { routeCommand } from "./route.command.ts";
import { seedCommand } from "./seed.command.ts";
import { serveCommand, startCommand } from "./serve.command.ts";
import { statsCommand } from "./stats.command.ts";
import { templateCommand } from "./template.command.ts";
import { tokenCommand } from "./token.command.ts";
import { userCommand } from "./user.command.ts";
import { verifyAuditCommand } from "./verify-audit.command.ts";
import { whatifCommand } from "./whatif.command.ts";

/** Exit codes: 0 ok, 1 failure, 2 usage error, 3 invalid input data, 4 database unavailable. */
export const EXIT = { ok: 0, failure: 1, usage: 2, invalidData: 3, database: 4 } as const;

/** The `beltroad` program with every subcommand. */
export function createProgram(): Command {
  const program = new Command("beltroad")
    .description("Beltroad: an open platform for Belt and Road cooperation")
    .option(
      "--db <file>",
      "SQLite database file (default: DATABASE_URL for PostgreSQL, else BELTROAD_DB or .beltroad/beltroad.db)",
    )
    .option("--json", "print machine-readable JSON")
    .showHelpAfterError()
    .exitOverride();
  for (const cmd of [
    dbCommand(),
    seedCommand(),
    serveCommand(),
    startCommand(),
    statsCommand(),
    exportCommand(),
    importCommand(),
    templateCommand(),
    adminCommand(),
    userCommand(),
    tokenCommand(),
    verifyAuditCommand(),
    networkCommand(),
    routeCommand(),
    whatifCommand(),
  ]) {
    program.addCommand(cmd.exitOverride());
  }
  return program;
}

function report(err: unknown, json: boolean): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (err instanceof AppError) {
    if (json)
      process.stderr.write(
        `${JSON.stringify({ error: { code: err.code, message: err.message, details: err.details ?? null } }, null, 2)}\n`,
      );
    else {
      console.error(`beltroad: ${err.message}`);
      const issues = (
        err.details as
          | { issues?: Array<{ file: string; record?: string; field?: string; message: string }> }
          | undefined
      )?.issues;
      for (const i of issues?.slice(0, 50) ?? [])
        console.error(`  ${i.file}${i.record ? ` [${i.record}]` : ""}${i.field ? ` ${i.field}` : ""}: ${i.message}`);
      if (issues && issues.length > 50) console.error(`  … and ${issues.length - 50} more (use --json for all)`);
    }
    if (err.code === "invalid_dataset") return EXIT.invalidData;
    return EXIT.failure;
  }
  const e = err as NodeJS.ErrnoException;
  if (e?.code === "ECONNREFUSED" || e?.code === "ENOTFOUND" || /database .* does not exist/.test(String(e?.message))) {
    console.error(`beltroad: cannot reach the database: ${e.message}`);
    return EXIT.database;
  }
  console.error(`beltroad: ${e instanceof Error ? e.message : String(e)}`);
  if (process.env.BELTROAD_DEBUG) console.error(e);
  return EXIT.failure;
}

/** Runs the CLI with `argv` (without node and script); resolves with the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT.ok;
  } catch (err) {
    return report(err, argv.includes("--json"));
  }
}
