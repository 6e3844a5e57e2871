import countries from "i18n-iso-countries";
import { isCountryCode } from "../../core/countries.ts";
import { classifySectors } from "../classify.ts";
import type { FieldNote, OrgRef } from "../iati/map-context.ts";
import { Memo } from "../memo.ts";
import { slugify } from "../slug.ts";
import type { AidDataColumn } from "./columns.ts";
import { aiddataDate, loanTerms, num, split, transaction, yes } from "./map-money.ts";
import { datasetSource, rowSources } from "./map-sources.ts";
import { AGENCY_COLUMNS, AMOUNT_COLUMNS, LOAN_COLUMNS, STATUS } from "./vocab.ts";

/** A row's cells by column name (trimmed; "" when empty or absent). */
export type Cells = (column: AidDataColumn) => string;

/** What mapping a row needs from outside: partner matching. */
export interface RowContext {
  resolveOrg(org: OrgRef): string | undefined;
}

const SRC = ["aiddata"];

/** Columns that map to a field; every other non-empty column is kept in `aiddata.columns`. */
const MAPPED = new Set<string>([
  "AidData Record ID",
  "Recommended For Aggregates",
  "AidData Parent ID",
  "Umbrella",
  "Financier Country",
  "Recipient",
  "Recipient ISO-3",
  "Recipient Region",
  "Title",
  "Description",
  "Staff Comments",
  "Status",
  "Intent",
  "Flow Type",
  "Flow Type Simplified",
  "Flow Class",
  "Sector Code",
  "Sector Name",
  "Original Currency",
  "Commitment Date (MM/DD/YYYY)",
  "Commitment Year",
  "Planned Implementation Start Date (MM/DD/YYYY)",
  "Actual Implementation Start Date (MM/DD/YYYY)",
  "Planned Completion Date (MM/DD/YYYY)",
  "Actual Completion Date (MM/DD/YYYY)",
  "First Loan Repayment Date",
  "Last Loan Repayment Date",
  "Grant Element (OECD Cash-Flow)",
  "Grant Element (OECD Grant-Equiv)",
  "Grant Element (IMF)",
  "Number of Lenders",
  "Source URLs",
  "Source Titles",
  "Source Publishers",
  "Source Resource Types",
  "Location Narrative",
  "Geographic Level of Precision Available",
  ...AGENCY_COLUMNS.flatMap((a) => [a.names, a.types]),
  ...Object.keys(LOAN_COLUMNS),
  ...Object.keys(AMOUNT_COLUMNS),
]);

/**
 * Where each column of a file sits, worked out once from its header (trimmed):
 * rows are then read by position, and the columns kept as they are in
 * `aiddata.columns` are known without testing every header name on every row.
 *
 * @example
 *   const layout = new AidDataLayout(header); layout.cell(cells, "Title")
 */
export class AidDataLayout {
  private readonly index = new Map<string, number>();
  /** Columns with no field of their own, once each in header order, with the position read (the last of a repeated name). */
  readonly extra: ReadonlyArray<readonly [string, number]>;

  constructor(readonly header: readonly string[]) {
    header.forEach((column, i) => this.index.set(column, i));
    const extra: Array<readonly [string, number]> = [];
    const listed = new Set<string>();
    for (const column of header)
      if (!MAPPED.has(column) && !listed.has(column)) {
        listed.add(column);
        extra.push([column, this.index.get(column)!]);
      }
    this.extra = extra;
  }

  /** True when the header has `column`. */
  has(column: string): boolean {
    return this.index.has(column);
  }

  /** The cell of `column` in a row ("" when the header has no such column). */
  cell(cells: readonly string[], column: AidDataColumn): string {
    return cells[this.index.get(column) ?? -1] ?? "";
  }
}

const RECORD_ID = /^\d+$/;
const CHINA = /china/i;
const AMOUNT_ENTRIES = Object.entries(AMOUNT_COLUMNS) as Array<[AidDataColumn, string]>;

/** ISO alpha-3 of financier countries by name (a few distinct names per file; the lookup scans every country). */
const financierCodes = new Memo((name) => countries.getAlpha3Code(name, "en"));
const financierCode = (name: string) => (CHINA.test(name) ? "CHN" : financierCodes.get(name));

/** Sets an own property, even one named `__proto__` (as `Object.fromEntries` would). */
function setOwn(target: Record<string, string>, key: string, value: string): void {
  if (key === "__proto__")
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

interface ActivityDate {
  readonly type: string;
  readonly date: string;
  readonly note: string | undefined;
  readonly sources: string[];
}

/** Adds the date of `column` (a milestone of IATI ActivityDateType `type`) when the row has one. */
function addDate(dates: ActivityDate[], get: Cells, column: AidDataColumn, type: string, estimated?: AidDataColumn) {
  const date = aiddataDate(get(column));
  if (date)
    dates.push({
      type,
      date,
      note: estimated && yes(get(estimated)) ? "estimated (AidData)" : undefined,
      sources: SRC,
    });
}

interface Agency {
  readonly name: string;
  readonly role: string;
  readonly type: string | undefined;
  readonly partner: string;
}

/**
 * One GCDF 3.0 row as a project: financier and agencies as partners with
 * their roles, the commitment in original currency (AidData's USD figures kept
 * in `aiddata.amounts`), dates, status, flow and sector mapped to IATI codes
 * with the originals kept, loan terms, parent/umbrella links as tags, and the
 * row's sources. `cells` are the row's trimmed cells, placed by `layout`.
 *
 * @example
 *   const { record, errors } = mapAidDataRow(cells, new AidDataLayout(header), { resolveOrg });
 */
export function mapAidDataRow(cells: readonly string[], layout: AidDataLayout, ctx: RowContext) {
  const get: Cells = (column) => layout.cell(cells, column);
  const errors: FieldNote[] = [];
  const warnings: FieldNote[] = [];
  const id = get("AidData Record ID");
  if (!RECORD_ID.test(id))
    errors.push({ path: "AidData Record ID", message: `"${id}" is not an AidData Record ID (digits)` });
  const title = get("Title");
  if (!title) errors.push({ path: "Title", message: "empty" });
  const statusText = get("Status");
  const status = STATUS[statusText];
  if (!status)
    errors.push({
      path: "Status",
      message: `"${statusText}" is not an AidData status (${Object.keys(STATUS).join(", ")})`,
    });
  if (errors.length || !status) return { errors, warnings };

  const iso3 = get("Recipient ISO-3").toUpperCase();
  const iso3Known = iso3 !== "" && isCountryCode(iso3);
  if (iso3 && !iso3Known)
    warnings.push({ path: "Recipient ISO-3", message: `"${iso3}" is not an ISO 3166 country; kept as text` });
  const financierCountry = get("Financier Country");
  const financierIso = financierCode(financierCountry);

  // agencies in column order; `i` counts the non-empty names only, as the types are matched by it
  const agencies: Agency[] = [];
  const agencyRoles: Array<string | undefined> = [];
  let funding: Agency | undefined;
  let directReceiving: Agency | undefined;
  for (const a of AGENCY_COLUMNS) {
    const names = split(get(a.names));
    if (names.length === 0) continue;
    const types = split(get(a.types));
    const typed = types.length === names.length;
    let i = 0;
    for (const name of names) {
      if (!name) continue;
      const type = typed ? types[i] : undefined;
      i += 1;
      const agency = {
        name,
        role: a.role,
        type: type || undefined,
        partner: ctx.resolveOrg({ names: { en: name }, type })!,
      };
      agencies.push(agency);
      agencyRoles.push("iatiRole" in a ? a.iatiRole : undefined);
      if (a.role === "funding") funding ??= agency;
      else if (a.role === "direct-receiving") directReceiving ??= agency;
    }
  }
  const financier = financierIso ? ctx.resolveOrg({ names: {}, country: financierIso }) : undefined;
  const recipient = iso3Known ? ctx.resolveOrg({ names: {}, country: iso3 }) : undefined;
  const participants: Array<{ partner: string; role: string; sources: string[] }> = [];
  if (financier) participants.push({ partner: financier, role: "1", sources: SRC });
  for (let i = 0; i < agencies.length; i++) {
    const role = agencyRoles[i];
    if (role) participants.push({ partner: agencies[i]!.partner, role, sources: SRC });
  }
  const commitment = transaction(get, warnings, {
    provider: funding?.partner ?? financier,
    receiver: directReceiving?.partner ?? recipient,
  });
  const dates: ActivityDate[] = [];
  addDate(dates, get, "Planned Implementation Start Date (MM/DD/YYYY)", "1");
  addDate(
    dates,
    get,
    "Actual Implementation Start Date (MM/DD/YYYY)",
    "2",
    "Actual Implementation Start Date Estimated",
  );
  addDate(dates, get, "Planned Completion Date (MM/DD/YYYY)", "3");
  addDate(dates, get, "Actual Completion Date (MM/DD/YYYY)", "4", "Actual Completion Date Estimated");
  const sectorCode = get("Sector Code");
  const sectorName = get("Sector Name");
  const kind = classifySectors(sectorCode ? [sectorCode] : []);
  const loan = loanTerms(get);
  const amounts: Record<string, number> = {};
  for (const [column, key] of AMOUNT_ENTRIES) {
    const value = num(get(column));
    if (value !== undefined) amounts[key] = value;
  }
  const parent = get("AidData Parent ID");
  const intentText = get("Intent");
  const intent = slugify(intentText);
  const umbrella = yes(get("Umbrella"));
  const extra: Record<string, string> = {};
  for (const [column, at] of layout.extra) {
    const value = cells[at] ?? "";
    if (value) setOwn(extra, column, value);
  }
  const tags = ["aiddata"];
  if (umbrella) tags.push("umbrella");
  if (parent) tags.push(`aiddata-parent-${slugify(parent)}`);
  if (intent) tags.push(`intent-${intent}`);
  if (kind.unclassified) tags.push("connectivity-unclassified");
  const sources: Array<Record<string, string>> = [datasetSource(id)];
  sources.push(
    ...rowSources(
      get("Source URLs"),
      get("Source Titles"),
      get("Source Publishers"),
      get("Source Resource Types"),
      (w) => warnings.push(w),
    ),
  );
  const description = get("Description");
  const record = {
    id: `aiddata-${id}`,
    kind: "project",
    projectType: kind.projectType,
    names: { en: title, zh: title },
    textFallbacks: { names: { zh: "en" } },
    descriptions: description ? { en: description } : undefined,
    tags,
    sources,
    connectivity: [kind.connectivity],
    status,
    dates,
    countries: recipient ? [{ code: iso3 }] : [],
    participants,
    transactions: commitment ? [commitment] : [],
    otherSectors: sectorCode
      ? [{ code: sectorCode, vocabulary: "2", names: sectorName ? { en: sectorName } : undefined }]
      : undefined,
    loanTerms: loan,
    identifiers: { aiddata: id },
    aiddata: {
      recordId: id,
      parentId: parent || undefined,
      umbrella,
      status: statusText,
      intent: intentText || undefined,
      flowType: get("Flow Type") || undefined,
      flowTypeSimplified: get("Flow Type Simplified") || undefined,
      flowClass: get("Flow Class") || undefined,
      sectorCode: sectorCode || undefined,
      sectorName: sectorName || undefined,
      recipient: get("Recipient") || undefined,
      recipientRegion: get("Recipient Region") || undefined,
      financierCountry: financierCountry || undefined,
      amounts,
      agencies,
      locationNarrative: get("Location Narrative") || undefined,
      geographicPrecision: get("Geographic Level of Precision Available") || undefined,
      staffComments: get("Staff Comments") || undefined,
      columns: extra,
    },
  };
  return { record, errors, warnings };
}
