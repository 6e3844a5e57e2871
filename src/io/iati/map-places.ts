import countries from "i18n-iso-countries";
import { isCode } from "../../core/codelists/index.ts";
import { attr, child, textOf, type XNode } from "../xml/tree.ts";
import { decimal, localized, type MapContext, narratives } from "./map-context.ts";

/** What a part mapper returns: the mapped items, and elements kept verbatim because they could not be mapped. */
export interface Mapped<T> {
  readonly items: T[];
  readonly raw: XNode[];
}

const SRC = ["iati"];
/** Text added to a location's note when the publisher gave no exactness (it is then taken as approximate). */
export const EXACTNESS_NOT_STATED = "exactness not stated by the publisher; taken as approximate";

/** recipient-country (ISO alpha-2) → countries (alpha-3) with percentages. */
export function mapCountries(nodes: XNode[], ctx: MapContext): Mapped<{ code: string; percentage?: number }> {
  const out: Mapped<{ code: string; percentage?: number }> = { items: [], raw: [] };
  nodes.forEach((n, i) => {
    const code2 = attr(n, "code") ?? "";
    const alpha3 = countries.alpha2ToAlpha3(code2.toUpperCase());
    if (!alpha3) {
      ctx.warn(`recipient-country[${i + 1}]/@code`, `"${code2}" is not an ISO 3166-1 alpha-2 code; kept verbatim`);
      out.raw.push(n);
      return;
    }
    out.items.push({ code: alpha3, percentage: decimal(attr(n, "percentage")) });
  });
  return out;
}

/** recipient-region → regions with vocabulary and percentage. */
export function mapRegions(nodes: XNode[], ctx: MapContext) {
  return nodes.map((n) => {
    const names = narratives(n, ctx.lang);
    return {
      code: attr(n, "code") ?? "",
      vocabulary: attr(n, "vocabulary") ?? "1",
      percentage: decimal(attr(n, "percentage")),
      names: Object.keys(names).length ? names : undefined,
    };
  });
}

type SectorShare = { code: string; percentage?: number };
type OtherSector = {
  code: string;
  vocabulary: string;
  vocabularyUri?: string;
  percentage?: number;
  names?: Record<string, string>;
};

/** sector → DAC 5-digit `sectors` (vocabulary 1) and `otherSectors` (any other vocabulary). */
export function mapSectors(nodes: XNode[], ctx: MapContext): { sectors: SectorShare[]; other: OtherSector[] } {
  const sectors: SectorShare[] = [];
  const other: OtherSector[] = [];
  for (const n of nodes) {
    const code = attr(n, "code") ?? "";
    const vocabulary = attr(n, "vocabulary") || "1";
    const percentage = decimal(attr(n, "percentage"));
    if (vocabulary === "1" && isCode("Sector", code)) sectors.push({ code, percentage });
    else {
      const names = narratives(n, ctx.lang);
      other.push({
        code,
        vocabulary,
        vocabularyUri: attr(n, "vocabulary-uri"),
        percentage,
        names: Object.keys(names).length ? names : undefined,
      });
    }
  }
  return { sectors, other };
}

/** location with a point and a name → locations (GeoJSON point, exactness); others are kept verbatim. */
export function mapLocations(nodes: XNode[], ctx: MapContext) {
  const out: Mapped<Record<string, unknown>> = { items: [], raw: [] };
  nodes.forEach((n, i) => {
    const path = `location[${i + 1}]`;
    const pos = textOf(child(child(n, "point"), "pos")).split(" ");
    const [lat, lon] = pos.map(Number);
    const name = localized(narratives(child(n, "name"), ctx.lang), false)?.text.en;
    const ok = pos.length === 2 && Math.abs(lat ?? 999) <= 90 && Math.abs(lon ?? 999) <= 180;
    if (!ok || !name) {
      ctx.warn(path, `a location needs a name and a point (latitude longitude); kept verbatim`);
      out.raw.push(n);
      return;
    }
    for (const unmodelled of [
      "location-reach",
      "location-id",
      "administrative",
      "location-class",
      "feature-designation",
    ])
      if (child(n, unmodelled)) ctx.warn(`${path}/${unmodelled}`, "not kept");
    const stated = attr(child(n, "exactness"), "code");
    const exactness = stated && isCode("GeographicExactness", stated) ? stated : "2";
    const description = localized(narratives(child(n, "description"), ctx.lang), false)?.text.en;
    const note = stated ? description : [description, EXACTNESS_NOT_STATED].filter(Boolean).join(" — ");
    out.items.push({
      name,
      geometry: { type: "Point", coordinates: [lon, lat] },
      exactness,
      note: note || undefined,
      sources: SRC,
    });
  });
  return out;
}
