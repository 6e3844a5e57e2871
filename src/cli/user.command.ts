import { Command, Option } from "commander";
import { ROLES, type Role } from "../core/governance.ts";
import { migrateToLatest } from "../store/migrate.ts";
import { findUserByEmail } from "../store/users.repository.ts";
import { globals, printJson, withDatabase } from "./context.ts";
import { readPasswordFromStdin } from "./password-stdin.ts";

/**
 * `beltroad user add --email E --password-stdin --org ORG_ID --role R`: creates
 * the user if new (the password is then required) and gives them the role in
 * the organisation; an existing user's password is left as it is.
 * `beltroad user disable|enable --email E`: a platform admin's switch on a user.
 */
export function userCommand(): Command {
  const user = new Command("user").description("users and their organisations");
  user
    .command("add")
    .exitOverride() // usage errors reach main.ts (exit 2) like the top-level commands'
    .description("add a user (created if new) to an organisation with a role")
    .requiredOption("--email <email>", "their email (sign-in name)")
    .option("--password-stdin", "read the new user's password from standard input")
    .requiredOption("--org <id>", "the organisation: a partner id such as country-lao")
    .addOption(new Option("--role <role>", "their role there").choices([...ROLES]).makeOptionMandatory())
    .action(async (opts: { email: string; passwordStdin?: boolean; org: string; role: Role }, cmd: Command) => {
      const password = opts.passwordStdin ? await readPasswordFromStdin() : undefined;
      const { createUser, setMember } = await import("../services/account.service.ts");
      await withDatabase(cmd, async (store) => {
        await migrateToLatest(store);
        const email = opts.email.trim().toLowerCase();
        let created = false;
        if (!(await findUserByEmail(store.db, email))) {
          if (password === undefined) throw new Error(`${email} is a new user: give a password with --password-stdin`);
          await createUser(store, { email, password, by: "cli" });
          created = true;
        }
        const m = await setMember(store, "cli", { email, organisation: opts.org, role: opts.role });
        if (globals(cmd).json) printJson({ ...m, email, created });
        else
          console.log(
            `${created ? "created" : "updated"} ${email}: ${opts.role} of ${opts.org}` +
              (!created && password !== undefined ? " (existing user: password left unchanged)" : ""),
          );
      });
    });
  for (const action of ["disable", "enable"] as const) {
    user
      .command(action)
      .exitOverride()
      .description(
        action === "disable"
          ? "disable a user: sign-in refused, sessions ended, API tokens refused until enabled again"
          : "enable a disabled user again",
      )
      .requiredOption("--email <email>", "their email (sign-in name)")
      .action(async (opts: { email: string }, cmd: Command) => {
        const { setUserDisabled } = await import("../services/users.service.ts");
        await withDatabase(cmd, async (store) => {
          await migrateToLatest(store);
          const r = await setUserDisabled(store, "cli", { email: opts.email }, action === "disable");
          if (globals(cmd).json) printJson(r);
          else if (!r.changed) console.log(`${r.email} is already ${action}d`);
          else
            console.log(
              `${action}d ${r.email}` + (action === "disable" ? ` (${r.sessionsEnded} session(s) ended)` : ""),
            );
        });
      });
  }
  return user;
}
