import { isCode } from "../../core/codelists/index.ts";
import { attr, child, children, type XNode } from "../xml/tree.ts";
import { datePart, decimal, localized, type MapContext, narratives } from "./map-context.ts";
import type { Mapped } from "./map-places.ts";

/** The unit an IATI indicator's measure implies (IATI IndicatorMeasure 1–5). */
export const MEASURE_UNITS: Readonly<Record<string, string>> = {
  "1": "units",
  "2": "percent",
  "3": "nominal",
  "4": "ordinal",
  "5": "qualitative",
};

const values = (nodes: XNode[]) => nodes.map((n) => attr(n, "value") ?? "");
const RESULT_PARTS = new Set(["title", "description", "indicator"]);
const INDICATOR_PARTS = new Set(["title", "description", "baseline", "period"]);

/**
 * result → one indicator per IATI indicator, with baseline, targets and
 * actuals (numbers where the values are numeric) and the IATI result and
 * periods kept in `iati`. A result with an indicator that cannot be mapped is
 * kept verbatim as a whole.
 */
export function mapResults(nodes: XNode[], ctx: MapContext): Mapped<Record<string, unknown>> {
  const out: Mapped<Record<string, unknown>> = { items: [], raw: [] };
  nodes.forEach((result, ri) => {
    const path = `result[${ri + 1}]`;
    const indicators = children(result, "indicator");
    const titles = indicators.map((ind) => localized(narratives(child(ind, "title"), ctx.lang), false));
    const bad = indicators.findIndex((ind, i) => !isCode("IndicatorMeasure", attr(ind, "measure") ?? "") || !titles[i]);
    const resultTitle = narratives(child(result, "title"), ctx.lang);
    if (bad >= 0 || Object.keys(resultTitle).length === 0) {
      ctx.warn(path, "an indicator needs an IATI IndicatorMeasure code and a title; result kept verbatim");
      out.raw.push(result);
      return;
    }
    for (const c of result.children)
      if (c.uri === "" && !RESULT_PARTS.has(c.local)) ctx.warn(`result/${c.local}`, "not kept");
    if (child(result, "description")) ctx.warn("result/description", "not kept");
    indicators.forEach((ind, ii) => {
      for (const c of ind.children)
        if (c.uri === "" && !INDICATOR_PARTS.has(c.local)) ctx.warn(`result/indicator/${c.local}`, "not kept");
      const measure = attr(ind, "measure")!;
      const baseline = children(ind, "baseline");
      if (baseline.length > 1) ctx.warn(`${path}/indicator[${ii + 1}]/baseline`, "only the first baseline is kept");
      const b = baseline[0];
      const periods = children(ind, "period").map((p) => ({
        start: datePart(attr(child(p, "period-start"), "iso-date")),
        end: datePart(attr(child(p, "period-end"), "iso-date")),
        targets: values(children(p, "target")),
        actuals: values(children(p, "actual")),
      }));
      const numeric = (v: string | undefined, date: string | undefined) =>
        decimal(v) === undefined ? undefined : { value: decimal(v)!, date };
      const targets = periods.flatMap((p) => p.targets.map((t) => numeric(t, p.end))).filter((t) => t !== undefined);
      out.items.push({
        key: `r${ri + 1}-i${ii + 1}`,
        title: titles[ii]!.text,
        unit: MEASURE_UNITS[measure],
        measure,
        baseline: b ? numeric(attr(b, "value"), datePart(attr(b, "iso-date")) ?? attr(b, "year")) : undefined,
        target: targets.at(-1),
        actuals: periods.flatMap((p) => p.actuals.map((a) => numeric(a, p.end))).filter((a) => a !== undefined),
        sources: ["iati"],
        iati: {
          result: ri,
          resultType: attr(result, "type") ?? "",
          resultTitle,
          resultAggregation: bool(attr(result, "aggregation-status")),
          ascending: bool(attr(ind, "ascending")),
          aggregation: bool(attr(ind, "aggregation-status")),
          baselineYear: b ? Number(attr(b, "year")) : undefined,
          baselineDate: datePart(attr(b, "iso-date")),
          baselineValue: attr(b, "value"),
          periods,
        },
      });
    });
  });
  return out;
}

function bool(value: string | undefined): boolean | undefined {
  return value === undefined ? undefined : value === "true" || value === "1";
}
