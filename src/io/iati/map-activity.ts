import { isCode } from "../../core/codelists/index.ts";
import { classifySectors } from "../classify.ts";
import { activityId } from "../slug.ts";
import { attr, child, children, textOf, toXml, type XNode } from "../xml/tree.ts";
import {
  datePart,
  type FieldNote,
  languageKey,
  localized,
  type MapContext,
  narratives,
  type OrgRef,
} from "./map-context.ts";
import { mapDocuments, mapRelated } from "./map-links.ts";
import { mapBudgets, mapTransactions, orgOf } from "./map-money.ts";
import { mapCountries, mapLocations, mapRegions, mapSectors } from "./map-places.ts";
import { mapResults } from "./map-results.ts";

/** An activity as a project record (not yet validated), or why it could not become one. */
export interface MappedActivity {
  readonly identifier: string;
  readonly record?: Record<string, unknown>;
  readonly errors: FieldNote[];
  readonly warnings: FieldNote[];
  /** Names of the child elements kept verbatim because Beltroad does not model them. */
  readonly rawNames: string[];
}

/** Children of iati-activity that map to record fields; everything else is kept verbatim. */
const MODELLED = new Set([
  "iati-identifier",
  "reporting-org",
  "title",
  "description",
  "participating-org",
  "activity-status",
  "activity-date",
  "recipient-country",
  "recipient-region",
  "location",
  "sector",
  "budget",
  "transaction",
  "document-link",
  "related-activity",
  "result",
]);

const nonEmpty = <T>(items: T[]): T[] | undefined => (items.length ? items : undefined);
const bool = (v: string | undefined) => (v === undefined ? undefined : v === "true" || v === "1");

/**
 * Maps one schema-valid IATI 2.03 activity to a `Project`: identifier, titles
 * and descriptions in every language, participating organisations (through
 * `resolveOrg`), status, dates, countries, regions, sectors, locations,
 * budgets, transactions, results, document links (as sources) and related
 * activities. Elements it does not model are kept verbatim in `iati.raw`.
 *
 * @example
 *   const { record, errors } = mapActivity(node, (org) => partners.resolve(org));
 */
export function mapActivity(node: XNode, resolveOrg: (org: OrgRef) => string | undefined): MappedActivity {
  const warnings: FieldNote[] = [];
  const errors: FieldNote[] = [];
  const identifier = textOf(child(node, "iati-identifier"));
  const ctx: MapContext = {
    resolveOrg,
    warn: (path, message) => warnings.push({ path, message }),
    lang: languageKey(attr(node, "xml:lang"), "en"),
    defaultCurrency: attr(node, "default-currency")?.toUpperCase() || undefined,
  };
  const id = activityId(identifier);
  if (!id)
    errors.push({ path: "iati-identifier", message: "the activity has no identifier (iati-identifier is empty)" });
  const reporting = child(node, "reporting-org");
  const reportingNames = narratives(reporting, ctx.lang);
  const source = activitySource(node);
  const publisher = source.publisher;
  const title = localized(narratives(child(node, "title"), ctx.lang), true);
  if (!title) errors.push({ path: "title", message: "the title has no text" });
  const status = attr(child(node, "activity-status"), "code") ?? "";
  if (!isCode("ActivityStatus", status))
    errors.push({ path: "activity-status/@code", message: `"${status}" is not an IATI ActivityStatus code (1–6)` });
  if (errors.length > 0 || !id || !title) return { identifier, errors, warnings, rawNames: [] };

  const raw = new Set<XNode>();
  const keep = (nodes: XNode[]) => nodes.forEach((n) => raw.add(n));
  const descriptions = children(node, "description");
  const main = descriptions.find((d) => (attr(d, "type") ?? "1") === "1") ?? descriptions[0];
  const description = localized(narratives(main, ctx.lang), false);
  const participants = children(node, "participating-org").flatMap((n, i) => {
    const role = attr(n, "role") ?? "";
    const org = orgOf(n, ctx);
    const partner = org && isCode("OrganisationRole", role) ? ctx.resolveOrg(org) : undefined;
    if (!partner) {
      ctx.warn(`participating-org[${i + 1}]`, "needs an IATI OrganisationRole and a name or ref; kept verbatim");
      raw.add(n);
      return [];
    }
    if (attr(n, "activity-id") || attr(n, "crs-channel-code")) ctx.warn("participating-org/@activity-id", "not kept");
    return [{ partner, role, sources: ["iati"] }];
  });
  const dates = children(node, "activity-date").flatMap((n, i) => {
    const type = attr(n, "type") ?? "";
    const date = datePart(attr(n, "iso-date"));
    if (!isCode("ActivityDateType", type) || !date) {
      ctx.warn(`activity-date[${i + 1}]`, "needs an IATI ActivityDateType and a date; kept verbatim");
      raw.add(n);
      return [];
    }
    return [{ type, date, note: localized(narratives(n, ctx.lang), false)?.text.en, sources: ["iati"] }];
  });
  const countries = mapCountries(children(node, "recipient-country"), ctx);
  const sectors = mapSectors(children(node, "sector"), ctx);
  const locations = mapLocations(children(node, "location"), ctx);
  const budgets = mapBudgets(children(node, "budget"), ctx);
  const transactions = mapTransactions(children(node, "transaction"), ctx);
  const documents = mapDocuments(children(node, "document-link"), publisher, ctx);
  const related = mapRelated(children(node, "related-activity"), ctx);
  const results = mapResults(children(node, "result"), ctx);
  for (const m of [countries, locations, budgets, transactions, documents, related, results]) keep(m.raw);
  for (const c of node.children) if (c.uri !== "" || !MODELLED.has(c.local)) raw.add(c);
  const rawNodes = node.children.filter((c) => raw.has(c));
  const lastUpdated = attr(node, "last-updated-datetime");
  const kind = classifySectors([...sectors.sectors.map((s) => s.code), ...sectors.other.map((s) => s.code)]);
  const fallbacks = { names: nonEmptyRecord(title.fallbacks), descriptions: nonEmptyRecord(description?.fallbacks) };
  const record: Record<string, unknown> = {
    id,
    kind: "project",
    projectType: kind.projectType,
    names: title.text,
    descriptions: description?.text,
    tags: kind.unclassified ? ["iati", "connectivity-unclassified"] : ["iati"],
    sources: [source, ...documents.items],
    connectivity: [kind.connectivity],
    status,
    dates,
    sectors: sectors.sectors,
    countries: countries.items,
    locations: locations.items,
    participants,
    transactions: transactions.items,
    indicators: results.items,
    related: related.items,
    identifiers: { iati: identifier },
    textFallbacks: fallbacks.names || fallbacks.descriptions ? fallbacks : undefined,
    regions: nonEmpty(mapRegions(children(node, "recipient-region"), ctx)),
    otherSectors: nonEmpty(sectors.other),
    budgets: nonEmpty(budgets.items),
    iati: {
      reportingOrg: {
        ref: attr(reporting, "ref") ?? "",
        type: attr(reporting, "type") ?? "",
        secondaryReporter: bool(attr(reporting, "secondary-reporter")),
        names: reportingNames,
      },
      lastUpdated,
      lang: attr(node, "xml:lang"),
      defaultCurrency: attr(node, "default-currency"),
      hierarchy: attr(node, "hierarchy"),
      humanitarian: bool(attr(node, "humanitarian")),
      linkedDataUri: attr(node, "linked-data-uri"),
      budgetNotProvided: attr(node, "budget-not-provided"),
      descriptionType: attr(main, "type"),
      descriptions: nonEmpty(
        descriptions.filter((d) => d !== main).map((d) => ({ type: attr(d, "type"), text: narratives(d, ctx.lang) })),
      ),
      raw: nonEmpty(rawNodes.map(toXml)),
    },
  };
  return {
    identifier,
    record,
    errors,
    warnings,
    rawNames: rawNodes.filter((n) => n.uri !== "" || !MODELLED.has(n.local)).map((n) => n.name),
  };
}

/** The source every IATI record cites: the activity itself, as published by its reporting organisation. */
export function activitySource(node: XNode): { key: string; title: string; publisher: string; published?: string } {
  const reporting = child(node, "reporting-org");
  const lang = languageKey(attr(node, "xml:lang"), "en");
  const publisher =
    localized(narratives(reporting, lang), false)?.text.en ?? attr(reporting, "ref") ?? "IATI publisher";
  const identifier = textOf(child(node, "iati-identifier"));
  return {
    key: "iati",
    title: `IATI activity ${identifier}`,
    publisher,
    published: datePart(attr(node, "last-updated-datetime")),
  };
}

function nonEmptyRecord(r: Record<string, string> | undefined): Record<string, string> | undefined {
  return r && Object.keys(r).length ? r : undefined;
}
