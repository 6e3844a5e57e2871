import { Command } from "commander";
import { AppError } from "../core/errors.ts";
import { verifyAudit } from "../services/audit.service.ts";
import { globals, printJson, withDatabase } from "./context.ts";

/**
 * `beltroad verify-audit [--json]`: walks the hash chain of audit_log. Prints
 * `{ "ok": true, "entries": N }`, or `{ "ok": false, "brokenAt": SEQ }` naming
 * the first entry that does not verify (and exits 1).
 */
export function verifyAuditCommand(): Command {
  return new Command("verify-audit")
    .description("check the hash chain of the audit log; exit 1 naming the first entry that does not verify")
    .action(async (_opts, cmd: Command) => {
      await withDatabase(cmd, async (store) => {
        const v = await verifyAudit(store);
        if (globals(cmd).json) printJson(v.ok ? { ok: true, entries: v.entries } : { ok: false, brokenAt: v.brokenAt });
        else if (v.ok) console.log(`audit log verifies: ${v.entries} entries, head ${v.head}`);
        else console.log(`audit log BROKEN at entry ${v.brokenAt}: ${v.reason}`);
        if (!v.ok)
          throw new AppError("audit_broken", `the audit log does not verify at entry ${v.brokenAt}: ${v.reason}`, {
            brokenAt: v.brokenAt,
          });
      });
    });
}
