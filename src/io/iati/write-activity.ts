import type { Project } from "../../core/domain/index.ts";
import { el, escapeText } from "../xml/escape.ts";
import { activityPosition } from "./activity-order.ts";
import {
  countryXml,
  decimalText,
  documentXml,
  fullDate,
  narrativesXml,
  orgXml,
  resultsXml,
  transactionXml,
  type WriteContext,
} from "./write-parts.ts";

export type { WriteContext } from "./write-parts.ts";

/** One activity as IATI 2.03 XML, or why it cannot be one. */
export interface WrittenActivity {
  readonly xml?: string;
  /** Parts left out (non-point places…) or, without `xml`, why the record cannot be an IATI activity. */
  readonly notes: string[];
}

const str = (n: number | undefined) => (n === undefined ? undefined : decimalText(n));
const bool = (b: boolean | undefined) => (b === undefined ? undefined : String(b));

/**
 * A project as an `iati-activity` valid against the 2.03 schema: every field
 * Beltroad keeps, the IATI parts it keeps verbatim put back in schema order.
 * Records without the three things IATI requires and Beltroad may lack —
 * a participating organisation, a date, a description (the title stands in
 * for it) — are refused with a note rather than padded with invented data.
 *
 * @example
 *   const { xml, notes } = writeActivity(project, ctx);
 */
export function writeActivity(p: Project, ctx: WriteContext): WrittenActivity {
  const notes: string[] = [];
  if (p.participants.length === 0) return { notes: ["IATI needs a participating organisation; the record has none"] };
  if (p.dates.length === 0) return { notes: ["IATI needs an activity date; the record has none"] };
  const x = p.iati;
  const parts: Array<[string, string]> = [];
  const add = (name: string, xml: string) => xml && parts.push([name, xml]);
  const reporting = x?.reportingOrg;
  add(
    "iati-identifier",
    el("iati-identifier", {}, escapeText(p.identifiers?.iati ?? `${ctx.identifierPrefix}-${p.id}`)),
  );
  add(
    "reporting-org",
    reporting
      ? el(
          "reporting-org",
          { ref: reporting.ref, type: reporting.type, "secondary-reporter": bool(reporting.secondaryReporter) },
          narrativesXml(reporting.names) || el("narrative", {}, escapeText(reporting.ref)),
        )
      : el(
          "reporting-org",
          { ref: ctx.reportingOrg.ref, type: ctx.reportingOrg.type, "secondary-reporter": "true" },
          el("narrative", {}, escapeText(ctx.reportingOrg.name)),
        ),
  );
  add("title", el("title", {}, narrativesXml(p.names, p.textFallbacks?.names)));
  const main = p.descriptions ? narrativesXml(p.descriptions, p.textFallbacks?.descriptions) : "";
  add("description", el("description", { type: x?.descriptionType }, main || narrativesXml({ en: p.names.en })));
  for (const d of x?.descriptions ?? []) add("description", el("description", { type: d.type }, narrativesXml(d.text)));
  for (const part of p.participants)
    add("participating-org", orgXml("participating-org", part.partner, ctx, { role: part.role }));
  add("activity-status", el("activity-status", { code: p.status }));
  for (const d of p.dates)
    add(
      "activity-date",
      el("activity-date", { type: d.type, "iso-date": fullDate(d.date) }, d.note ? narrativesXml({ en: d.note }) : ""),
    );
  for (const c of p.countries) add("recipient-country", countryXml(c));
  for (const r of p.regions ?? [])
    add(
      "recipient-region",
      el(
        "recipient-region",
        { code: r.code, vocabulary: r.vocabulary, percentage: str(r.percentage) },
        narrativesXml(r.names),
      ),
    );
  for (const l of p.locations) {
    if (l.geometry.type !== "Point") {
      notes.push(`location "${l.name}" is a ${l.geometry.type}; IATI takes points only, so it was left out`);
      continue;
    }
    const [lon, lat] = l.geometry.coordinates;
    add(
      "location",
      el(
        "location",
        {},
        el("name", {}, narrativesXml({ en: l.name })) +
          (l.note ? el("description", {}, narrativesXml({ en: l.note })) : "") +
          el("point", { srsName: "http://www.opengis.net/def/crs/EPSG/0/4326" }, el("pos", {}, `${lat} ${lon}`)) +
          el("exactness", { code: l.exactness }),
      ),
    );
  }
  for (const s of p.sectors) add("sector", el("sector", { code: s.code, percentage: str(s.percentage) }));
  for (const s of p.otherSectors ?? [])
    add(
      "sector",
      el(
        "sector",
        { vocabulary: s.vocabulary, "vocabulary-uri": s.vocabularyUri, code: s.code, percentage: str(s.percentage) },
        narrativesXml(s.names),
      ),
    );
  for (const b of p.budgets ?? [])
    add(
      "budget",
      el(
        "budget",
        { type: b.type, status: b.status },
        el("period-start", { "iso-date": b.periodStart }) +
          el("period-end", { "iso-date": b.periodEnd }) +
          el("value", { currency: b.currency, "value-date": b.valueDate }, decimalText(b.amount)),
      ),
    );
  for (const t of p.transactions) add("transaction", transactionXml(t, ctx));
  for (const s of p.sources) add("document-link", documentXml(s));
  for (const r of p.related)
    add("related-activity", el("related-activity", { ref: r.ref ?? `${ctx.identifierPrefix}-${r.id}`, type: r.type }));
  for (const r of resultsXml(p.indicators)) add("result", r);
  for (const raw of x?.raw ?? []) add(rawName(raw), raw);
  const ordered = parts
    .map(([name, xml], i) => ({ xml, i, at: activityPosition(name.replace(/^##other$/, ""), name === "##other") }))
    .sort((a, b) => a.at - b.at || a.i - b.i);
  const attrs = {
    "last-updated-datetime": x?.lastUpdated,
    "xml:lang": x?.lang,
    "default-currency": x?.defaultCurrency,
    humanitarian: bool(x?.humanitarian),
    hierarchy: x?.hierarchy,
    "linked-data-uri": x?.linkedDataUri,
    "budget-not-provided": x?.budgetNotProvided,
  };
  return { xml: el("iati-activity", attrs, ordered.map((o) => o.xml).join("")), notes };
}

/** The local name of a kept element, or `##other` when it is in a namespace. */
function rawName(xml: string): string {
  const tag = /^<([^\s/>]+)([^>]*)>/.exec(xml);
  const name = tag?.[1] ?? "";
  return name.includes(":") || / xmlns="[^"]+"/.test(tag?.[2] ?? "") ? "##other" : name;
}
