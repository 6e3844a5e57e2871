import { Command } from "commander";
import { migrateToLatest } from "../store/migrate.ts";
import { globals, printJson, withDatabase } from "./context.ts";

/** `beltroad token create --email E --name N [--expires DAYS] [--scope read,write]`: an API token for scripts. */
export function tokenCommand(): Command {
  const token = new Command("token").description("API tokens for scripts (sent as Authorization: Bearer …)");
  token
    .command("create")
    .exitOverride() // usage errors reach main.ts (exit 2) like the top-level commands'
    .description("create an API token; it is printed once and stored only as a hash")
    .requiredOption("--email <email>", "the user the token acts for")
    .requiredOption("--name <name>", "what the token is for (shown in token lists)")
    .option("--expires <days>", "days until it expires (1–365)", "90")
    .option("--scope <scopes>", "comma-separated: read, write, approve, admin", "read,write")
    .action(async (opts: { email: string; name: string; expires: string; scope: string }, cmd: Command) => {
      const { createToken } = await import("../services/token.service.ts");
      await withDatabase(cmd, async (store) => {
        await migrateToLatest(store);
        const grant = await createToken(
          store,
          { email: opts.email },
          {
            name: opts.name,
            scopes: opts.scope.split(",").map((s) => s.trim()) as never,
            expiresInDays: Number(opts.expires),
          },
        );
        if (globals(cmd).json) printJson(grant);
        else {
          process.stderr.write(
            `token ${grant.id} "${grant.name}" (${grant.scopes.join(",")}), expires ${grant.expiresAt}; shown once:\n`,
          );
          process.stdout.write(`${grant.token}\n`);
        }
      });
    });
  return token;
}
