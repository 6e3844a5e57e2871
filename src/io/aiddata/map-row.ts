import countries from "i18n-iso-countries";
import { isCountryCode } from "../../core/countries.ts";
import { classifySectors } from "../classify.ts";
import type { FieldNote, OrgRef } from "../iati/map-context.ts";
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
 * One GCDF 3.0 row as a project: financier and agencies as partners with
 * their roles, the commitment in original currency (AidData's USD figures kept
 * in `aiddata.amounts`), dates, status, flow and sector mapped to IATI codes
 * with the originals kept, loan terms, parent/umbrella links as tags, and the
 * row's sources.
 *
 * @example
 *   const { record, errors } = mapAidDataRow(cells, columns, { resolveOrg });
 */
export function mapAidDataRow(get: Cells, columns: readonly string[], ctx: RowContext) {
  const errors: FieldNote[] = [];
  const warnings: FieldNote[] = [];
  const id = get("AidData Record ID");
  if (!/^\d+$/.test(id))
    errors.push({ path: "AidData Record ID", message: `"${id}" is not an AidData Record ID (digits)` });
  const title = get("Title");
  if (!title) errors.push({ path: "Title", message: "empty" });
  const status = STATUS[get("Status")];
  if (!status)
    errors.push({
      path: "Status",
      message: `"${get("Status")}" is not an AidData status (${Object.keys(STATUS).join(", ")})`,
    });
  if (errors.length || !status) return { errors, warnings };

  const iso3 = get("Recipient ISO-3").toUpperCase();
  if (iso3 && !isCountryCode(iso3))
    warnings.push({ path: "Recipient ISO-3", message: `"${iso3}" is not an ISO 3166 country; kept as text` });
  const financierIso = /china/i.test(get("Financier Country"))
    ? "CHN"
    : countries.getAlpha3Code(get("Financier Country"), "en");
  const agencies = AGENCY_COLUMNS.flatMap((a) => {
    const names = split(get(a.names));
    const types = split(get(a.types));
    return names.filter(Boolean).map((name, i) => {
      const type = types.length === names.length ? types[i] : undefined;
      return {
        name,
        role: a.role,
        type: type || undefined,
        iatiRole: "iatiRole" in a ? a.iatiRole : undefined,
        partner: ctx.resolveOrg({ names: { en: name }, type })!,
      };
    });
  });
  const financier = financierIso ? ctx.resolveOrg({ names: {}, country: financierIso }) : undefined;
  const recipient = iso3 && isCountryCode(iso3) ? ctx.resolveOrg({ names: {}, country: iso3 }) : undefined;
  const participants = [
    ...(financier ? [{ partner: financier, role: "1", sources: SRC }] : []),
    ...agencies.filter((a) => a.iatiRole).map((a) => ({ partner: a.partner, role: a.iatiRole!, sources: SRC })),
  ];
  const commitment = transaction(get, warnings, {
    provider: agencies.find((a) => a.role === "funding")?.partner ?? financier,
    receiver: agencies.find((a) => a.role === "direct-receiving")?.partner ?? recipient,
  });
  const date = (column: AidDataColumn, type: string, estimated?: AidDataColumn) => {
    const d = aiddataDate(get(column));
    if (!d) return [];
    return [
      { type, date: d, note: estimated && yes(get(estimated)) ? "estimated (AidData)" : undefined, sources: SRC },
    ];
  };
  const sectorCode = get("Sector Code");
  const kind = classifySectors(sectorCode ? [sectorCode] : []);
  const loan = loanTerms(get);
  const amounts = Object.fromEntries(
    Object.entries(AMOUNT_COLUMNS).flatMap(([col, key]) =>
      num(get(col as AidDataColumn)) === undefined ? [] : [[key, num(get(col as AidDataColumn))!]],
    ),
  );
  const parent = get("AidData Parent ID");
  const intent = slugify(get("Intent"));
  const extra = Object.fromEntries(
    columns.filter((c) => !MAPPED.has(c) && get(c as AidDataColumn)).map((c) => [c, get(c as AidDataColumn)]),
  );
  const record = {
    id: `aiddata-${id}`,
    kind: "project",
    projectType: kind.projectType,
    names: { en: title, zh: title },
    textFallbacks: { names: { zh: "en" } },
    descriptions: get("Description") ? { en: get("Description") } : undefined,
    tags: [
      "aiddata",
      ...(yes(get("Umbrella")) ? ["umbrella"] : []),
      ...(parent ? [`aiddata-parent-${slugify(parent)}`] : []),
      ...(intent ? [`intent-${intent}`] : []),
      ...(kind.unclassified ? ["connectivity-unclassified"] : []),
    ],
    sources: [
      datasetSource(id),
      ...rowSources(
        get("Source URLs"),
        get("Source Titles"),
        get("Source Publishers"),
        get("Source Resource Types"),
        (w) => warnings.push(w),
      ),
    ],
    connectivity: [kind.connectivity],
    status,
    dates: [
      ...date("Planned Implementation Start Date (MM/DD/YYYY)", "1"),
      ...date("Actual Implementation Start Date (MM/DD/YYYY)", "2", "Actual Implementation Start Date Estimated"),
      ...date("Planned Completion Date (MM/DD/YYYY)", "3"),
      ...date("Actual Completion Date (MM/DD/YYYY)", "4", "Actual Completion Date Estimated"),
    ],
    countries: recipient ? [{ code: iso3 }] : [],
    participants,
    transactions: commitment ? [commitment] : [],
    otherSectors: sectorCode
      ? [{ code: sectorCode, vocabulary: "2", names: get("Sector Name") ? { en: get("Sector Name") } : undefined }]
      : undefined,
    loanTerms: loan,
    identifiers: { aiddata: id },
    aiddata: {
      recordId: id,
      parentId: parent || undefined,
      umbrella: yes(get("Umbrella")),
      status: get("Status"),
      intent: get("Intent") || undefined,
      flowType: get("Flow Type") || undefined,
      flowTypeSimplified: get("Flow Type Simplified") || undefined,
      flowClass: get("Flow Class") || undefined,
      sectorCode: sectorCode || undefined,
      sectorName: get("Sector Name") || undefined,
      recipient: get("Recipient") || undefined,
      recipientRegion: get("Recipient Region") || undefined,
      financierCountry: get("Financier Country") || undefined,
      amounts,
      agencies: agencies.map(({ iatiRole: _r, ...a }) => a),
      locationNarrative: get("Location Narrative") || undefined,
      geographicPrecision: get("Geographic Level of Precision Available") || undefined,
      staffComments: get("Staff Comments") || undefined,
      columns: extra,
    },
  };
  return { record, errors, warnings };
}
