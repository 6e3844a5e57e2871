import { Command } from "commander";
import { migrateToLatest } from "../store/migrate.ts";
import { globals, printJson, withDatabase } from "./context.ts";
import { readPasswordFromStdin } from "./password-stdin.ts";

/** `beltroad admin create --email E --password-stdin`: a platform administrator. */
export function adminCommand(): Command {
  const admin = new Command("admin").description("platform administrators");
  admin
    .command("create")
    .exitOverride() // usage errors reach main.ts (exit 2) like the top-level commands'
    .description("create a platform administrator (the password is read from standard input)")
    .requiredOption("--email <email>", "their email (sign-in name)")
    .requiredOption("--password-stdin", "read the password from standard input")
    .action(async (opts: { email: string }, cmd: Command) => {
      const password = await readPasswordFromStdin();
      // Loaded when used: the other commands start without the password hasher.
      const { createUser } = await import("../services/account.service.ts");
      await withDatabase(cmd, async (store) => {
        await migrateToLatest(store);
        const id = await createUser(store, { email: opts.email, password, platformAdmin: true, by: "cli" });
        if (globals(cmd).json) printJson({ id, email: opts.email.trim().toLowerCase(), platformAdmin: true });
        else console.log(`created platform admin ${opts.email.trim().toLowerCase()} (${id})`);
      });
    });
  return admin;
}
