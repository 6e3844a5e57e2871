import type { AnyRecord } from "../core/domain/index.ts";
import { AppError } from "../core/errors.ts";
import { partiesOf, roleAtLeast } from "../core/governance.ts";
import { orgsWithRole, type Principal, requireActing } from "./access.ts";
import type { Authorize } from "./import/record-writer.ts";

/**
 * Who may import over the API: a platform admin, or someone holding at least
 * the editor role in some organisation; an API token needs the `write` scope.
 * Throws 401/403 otherwise.
 *
 * @example requireImporter(principalOf(c))
 */
export function requireImporter(p: Principal | undefined): asserts p is Principal {
  requireActing(p, "write");
  if (p.platformAdmin) return;
  if (![...p.memberships.values()].some((role) => roleAtLeast(role, "editor")))
    throw new AppError(
      "forbidden",
      "importing needs the editor role in an organisation (or a platform administrator's account)",
    );
}

/**
 * The write rule of an import by `p` (undefined for a platform admin, who may import anything, as with the CLI):
 * the same rule as every other write (`createDraft`, `updateRecord`). A record must name among its parties an
 * organisation where `p` is at least an editor, and so must the record it replaces; it is written as a draft of its
 * parties (`asDrafts`), to go through consultation like any other; and a record already past the draft stage is not
 * replaced at all — changing it is a proposal its parties consent to. Partners the import creates for organisations a
 * record names are side effects of that record, not checked.
 *
 * @example
 *   importStream(store, stream, { ...options, authorize: importAuthorizer(p), asDrafts: !p.platformAdmin });
 */
export function importAuthorizer(p: Principal): Authorize | undefined {
  if (p.platformAdmin) return undefined;
  const noEditor = (id: string, parties: readonly string[]) =>
    `record "${id}" names no organisation in which you are an editor (${parties.join(", ") || "none"})`;
  return (record, existing) => {
    const parties = partiesOf(record);
    if (orgsWithRole(p, parties, "editor").length === 0) return noEditor(record.id, parties);
    if (!existing) return undefined;
    const before = partiesOf(JSON.parse(existing.doc) as AnyRecord);
    if (orgsWithRole(p, before, "editor").length === 0) return noEditor(record.id, before);
    if (existing.workflow !== "draft")
      return `record "${record.id}" is ${existing.workflow.replace("_", " ")}: changing it is a proposal its parties consent to (edit it in the portal or PATCH it through the API), or ask a platform administrator to import it`;
    return undefined;
  };
}
