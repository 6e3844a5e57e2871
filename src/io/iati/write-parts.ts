import countries from "i18n-iso-countries";
import type { Indicator, Partner, Source, Transaction } from "../../core/domain/index.ts";
import { el, escapeText } from "../xml/escape.ts";

/** What writing an activity needs besides the record: partners by id, and who reports. */
export interface WriteContext {
  partner(id: string): Partner | undefined;
  /** Reporting organisation for records that were not imported from IATI. */
  readonly reportingOrg: { readonly ref: string; readonly type: string; readonly name: string };
  /** Prefix of the identifiers made for records without one (`BELTROAD` → `BELTROAD-<id>`). */
  readonly identifierPrefix: string;
}

/** `<narrative xml:lang="…">` for each language, except those copied from another language. */
export function narrativesXml(
  texts: Readonly<Record<string, string>> | undefined,
  skip?: Record<string, string>,
): string {
  return Object.entries(texts ?? {})
    .filter(([lang, text]) => text && !(skip && lang in skip))
    .map(([lang, text]) => el("narrative", { "xml:lang": lang }, escapeText(text)))
    .join("");
}

/** A full ISO date for IATI from a partial one (`2015-11` → `2015-11-01`): IATI needs full dates. */
export function fullDate(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** A decimal without exponent notation (xs:decimal has none). */
export function decimalText(n: number): string {
  return n.toLocaleString("en", { useGrouping: false, maximumFractionDigits: 20 });
}

/** An organisation element (participating-org, provider-org, receiver-org) for a partner. */
export function orgXml(
  name: string,
  id: string,
  ctx: WriteContext,
  extra: Record<string, string | undefined> = {},
): string {
  const p = ctx.partner(id);
  const names = p ? narrativesXml(p.names, p.textFallbacks?.names) : el("narrative", {}, escapeText(id));
  return el(name, { ref: p?.identifiers?.iati, type: p?.organisationType, ...extra }, names);
}

/** A transaction element. */
export function transactionXml(t: Transaction, ctx: WriteContext): string {
  return el(
    "transaction",
    {},
    [
      el("transaction-type", { code: t.type }),
      el("transaction-date", { "iso-date": fullDate(t.date) }),
      el("value", { currency: t.currency, "value-date": fullDate(t.valueDate ?? t.date) }, decimalText(t.amount)),
      t.description ? el("description", {}, narrativesXml({ en: t.description })) : "",
      t.provider ? orgXml("provider-org", t.provider, ctx) : "",
      t.receiver ? orgXml("receiver-org", t.receiver, ctx) : "",
      t.flowType ? el("flow-type", { code: t.flowType }) : "",
      t.financeType ? el("finance-type", { code: t.financeType }) : "",
    ].join(""),
  );
}

/** recipient-country for an alpha-3 code (IATI uses alpha-2), or "" when ISO has no alpha-2 for it. */
export function countryXml(c: { code: string; percentage?: number }): string {
  const alpha2 = countries.alpha3ToAlpha2(c.code);
  return alpha2
    ? el("recipient-country", {
        code: alpha2,
        percentage: c.percentage === undefined ? undefined : decimalText(c.percentage),
      })
    : "";
}

/** A document-link for a source with a URL (IATI category A12 "activity web page" when the source gives none). */
export function documentXml(s: Source): string {
  if (!s.url) return "";
  const d = s.document;
  const format = d?.format ?? (/\.pdf($|\?)/i.test(s.url) ? "application/pdf" : "text/html");
  return el(
    "document-link",
    { url: s.url, format },
    [
      el("title", {}, narrativesXml(d?.titles ?? { en: s.title })),
      d?.description ? el("description", {}, narrativesXml(d.description)) : "",
      ...(d?.categories ?? ["A12"]).map((code) => el("category", { code })),
      ...(d?.languages ?? []).map((code) => el("language", { code })),
      s.published?.length === 10 ? el("document-date", { "iso-date": s.published }) : "",
    ].join(""),
  );
}

/** The result elements of a record's indicators: grouped by their IATI result, else one result each. */
export function resultsXml(indicators: readonly Indicator[]): string[] {
  const groups = new Map<string, Indicator[]>();
  indicators.forEach((ind, i) => {
    const key = ind.iati ? `r${ind.iati.result}` : `own${i}`;
    groups.set(key, [...(groups.get(key) ?? []), ind]);
  });
  return [...groups.values()].map((inds) => {
    const r = inds[0]!.iati;
    const bool = (b: boolean | undefined) => (b === undefined ? undefined : String(b));
    return el(
      "result",
      { type: r?.resultType ?? "1", "aggregation-status": bool(r?.resultAggregation) },
      el("title", {}, narrativesXml(r?.resultTitle ?? inds[0]!.title)) + inds.map(indicatorXml).join(""),
    );
  });
}

function indicatorXml(ind: Indicator): string {
  const x = ind.iati;
  const bool = (b: boolean | undefined) => (b === undefined ? undefined : String(b));
  const baselineYear = x?.baselineYear ?? (ind.baseline?.date ? Number(ind.baseline.date.slice(0, 4)) : undefined);
  const baseline = baselineYear
    ? el("baseline", {
        year: String(baselineYear),
        "iso-date": x ? x.baselineDate : ind.baseline?.date?.length === 10 ? ind.baseline.date : undefined,
        value: x ? x.baselineValue : ind.baseline ? decimalText(ind.baseline.value) : undefined,
      })
    : "";
  const periods = x
    ? x.periods.map((p) => periodXml(p.start, p.end, p.targets, p.actuals))
    : [
        ...(ind.target?.date
          ? [periodXml(fullDate(ind.target.date), fullDate(ind.target.date), [decimalText(ind.target.value)], [])]
          : []),
        ...ind.actuals.flatMap((a) =>
          a.date ? [periodXml(fullDate(a.date), fullDate(a.date), [], [decimalText(a.value)])] : [],
        ),
      ];
  return el(
    "indicator",
    { measure: ind.measure, ascending: bool(x?.ascending), "aggregation-status": bool(x?.aggregation) },
    el("title", {}, narrativesXml(ind.title)) + baseline + periods.join(""),
  );
}

function periodXml(start: string, end: string, targets: string[], actuals: string[]): string {
  return el(
    "period",
    {},
    el("period-start", { "iso-date": start }) +
      el("period-end", { "iso-date": end }) +
      targets.map((value) => el("target", { value })).join("") +
      actuals.map((value) => el("actual", { value })).join(""),
  );
}
