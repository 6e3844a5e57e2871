import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Point, Polygon, Position } from "geojson";
import type { ExpressionSpecification, StyleSpecification } from "maplibre-gl";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
// The Natural Earth 1:50m countries, emitted by Vite as a file of the portal itself: no tile server, no CDN.
import atlasUrl from "world-atlas/countries-50m.json?url";
import { allCountryCodes, countryName, countryNumeric } from "../../../src/core/countries.ts";

export interface CountryProps {
  /** ISO alpha-3, or "" for places without one (Kosovo, Somaliland…). */
  iso3: string;
  name_en: string;
  name_zh: string;
}

export interface BaseMapData {
  readonly countries: FeatureCollection<Polygon | MultiPolygon, CountryProps>;
  readonly labels: FeatureCollection<Point, CountryProps>;
  readonly borders: MultiLineString;
  readonly coasts: MultiLineString;
}

let pending: Promise<BaseMapData> | undefined;

/** Fetches the world-atlas TopoJSON once from the portal's own assets and converts it to GeoJSON. */
export function loadBaseMap(): Promise<BaseMapData> {
  pending ??= fetch(atlasUrl)
    .then((res) => {
      if (!res.ok) throw new Error(`base map: HTTP ${res.status}`);
      return res.json() as Promise<Topology<{ countries: GeometryCollection<{ name: string }> }>>;
    })
    .then(buildBaseMap);
  pending.catch(() => {
    pending = undefined;
  });
  return pending;
}

function buildBaseMap(topology: Topology<{ countries: GeometryCollection<{ name: string }> }>): BaseMapData {
  const byNumeric = new Map<string, string>();
  for (const a3 of allCountryCodes()) {
    const n = countryNumeric(a3);
    if (n) byNumeric.set(n, a3);
  }
  const collection = feature(topology, topology.objects.countries) as FeatureCollection<
    Polygon | MultiPolygon,
    { name: string }
  >;
  const countries: Array<Feature<Polygon | MultiPolygon, CountryProps>> = collection.features.map((f) => {
    const iso3 = (f.id !== undefined && byNumeric.get(String(f.id))) || "";
    const props: CountryProps = {
      iso3,
      name_en: f.properties.name,
      name_zh: (iso3 && countryName(iso3, "zh")) || f.properties.name,
    };
    return { type: "Feature", geometry: unwrapPolygons(f.geometry), properties: props };
  });
  const labels = countries.flatMap((f): Array<Feature<Point, CountryProps>> => {
    const at = labelPoint(f.geometry);
    return at ? [{ type: "Feature", geometry: { type: "Point", coordinates: at }, properties: f.properties }] : [];
  });
  return {
    countries: { type: "FeatureCollection", features: countries },
    labels: { type: "FeatureCollection", features: labels },
    borders: unwrapLines(mesh(topology, topology.objects.countries, (a, b) => a !== b)),
    coasts: unwrapLines(mesh(topology, topology.objects.countries, (a, b) => a === b)),
  };
}

/**
 * Makes a line continuous across the antimeridian: Natural Earth draws Russia and Fiji with steps from +180 to
 * -180, which a flat map would show as lines across the whole world. Longitudes past ±180 are drawn by MapLibre
 * on the next copy of the world.
 */
function unwrap(line: Position[]): Position[] {
  // Antarctica's ring runs along the whole antimeridian and the pole: it is right as it is.
  if (line.some((p) => (p[1] ?? 0) < -85)) return line;
  let shift = 0;
  return line.map((p, i) => {
    const prev = line[i - 1];
    if (prev) {
      const step = (p[0] ?? 0) - (prev[0] ?? 0);
      if (step > 180) shift -= 360;
      else if (step < -180) shift += 360;
    }
    return [(p[0] ?? 0) + shift, p[1] ?? 0];
  });
}

function unwrapPolygons(g: Polygon | MultiPolygon): Polygon | MultiPolygon {
  return g.type === "Polygon"
    ? { type: "Polygon", coordinates: g.coordinates.map(unwrap) }
    : { type: "MultiPolygon", coordinates: g.coordinates.map((poly) => poly.map(unwrap)) };
}

function unwrapLines(g: MultiLineString): MultiLineString {
  return { type: "MultiLineString", coordinates: g.coordinates.map(unwrap) };
}

/** The area-weighted centroid of a country's largest ring: inside the country for nearly every shape. */
function labelPoint(geometry: Polygon | MultiPolygon): Position | undefined {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  let best: { area: number; at: Position } | undefined;
  for (const polygon of polygons) {
    const ring = polygon[0];
    if (!ring) continue;
    let area = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x0 = 0, y0 = 0] = ring[j] ?? [];
      const [x1 = 0, y1 = 0] = ring[i] ?? [];
      const cross = x0 * y1 - x1 * y0;
      area += cross;
      cx += (x0 + x1) * cross;
      cy += (y0 + y1) * cross;
    }
    if (area === 0) continue;
    const at: Position = [cx / (3 * area), cy / (3 * area)];
    if (!best || Math.abs(area) > best.area) best = { area: Math.abs(area), at };
  }
  return best?.at;
}

/** Colours of the base map and of the cooperation-document shading; the legend uses the same values. */
export const MAP_COLORS = {
  sea: "#cfe0ea",
  land: "#f4f1ea",
  border: "#ffffff",
  coast: "#9fb7c4",
  china: "#d6604d",
  ended: "#bdbdbd",
  undated: "#9e9ac8",
  label: "#222222",
} as const;

/** Shading of partner countries by the year of their first Belt and Road cooperation document. */
export const DOCUMENT_STEPS: ReadonlyArray<{ from: number; color: string }> = [
  { from: 2013, color: "#006d2c" },
  { from: 2016, color: "#31a354" },
  { from: 2018, color: "#74c476" },
  { from: 2020, color: "#bae4b3" },
];

const EMPTY: FeatureCollection = { type: "FeatureCollection", features: [] };

/**
 * A MapLibre style that needs nothing but the data handed to it: no `glyphs`, no `sprite`, no tile URL.
 * Labels are drawn by MapLibre with the browser's local fonts.
 */
export function baseStyle(data: BaseMapData | undefined, lang: "en" | "zh"): StyleSpecification {
  return {
    version: 8,
    sources: {
      countries: {
        type: "geojson",
        data: data?.countries ?? EMPTY,
        attribution: "Natural Earth (public domain) via world-atlas",
      },
      borders: { type: "geojson", data: data?.borders ?? EMPTY },
      coasts: { type: "geojson", data: data?.coasts ?? EMPTY },
      "country-labels": { type: "geojson", data: data?.labels ?? EMPTY },
    },
    layers: [
      { id: "sea", type: "background", paint: { "background-color": MAP_COLORS.sea } },
      { id: "land", type: "fill", source: "countries", paint: { "fill-color": MAP_COLORS.land } },
      { id: "coasts", type: "line", source: "coasts", paint: { "line-color": MAP_COLORS.coast, "line-width": 0.6 } },
      { id: "borders", type: "line", source: "borders", paint: { "line-color": MAP_COLORS.border, "line-width": 0.8 } },
      {
        id: "country-labels",
        type: "symbol",
        source: "country-labels",
        minzoom: 2.5,
        layout: {
          "text-field": countryLabelField(lang),
          "text-size": 12,
          "text-max-width": 8,
          "text-allow-overlap": false,
        },
        paint: { "text-color": MAP_COLORS.label, "text-halo-color": "#ffffff", "text-halo-width": 1.2 },
      },
    ],
  };
}

/** The label expression for a language. */
export function countryLabelField(lang: "en" | "zh"): ExpressionSpecification {
  return ["get", lang === "zh" ? "name_zh" : "name_en"];
}

/**
 * The fill colour of the countries layer: China, ended documents, then the year of the first document
 * (on or before `asOfYear`), else plain land.
 */
export function documentShading(
  countries: ReadonlyArray<{ code: string; firstDocument: string | null; hasDocument?: boolean; ended: string | null }>,
  asOfYear: number,
): ExpressionSpecification | string {
  const years: Array<string | number> = [];
  const ended: string[] = [];
  const undated: string[] = [];
  for (const c of countries) {
    if (c.code === "CHN") continue;
    const year = c.firstDocument ? Number(c.firstDocument.slice(0, 4)) : undefined;
    if (c.ended && Number(c.ended.slice(0, 4)) <= asOfYear) ended.push(c.code);
    else if (year === undefined) {
      if (c.hasDocument) undated.push(c.code);
    } else if (year <= asOfYear) years.push(c.code, year);
  }
  const yearOf: ExpressionSpecification | number =
    years.length > 0 ? (["match", ["get", "iso3"], ...years, 0] as unknown as ExpressionSpecification) : 0;
  const steps = DOCUMENT_STEPS.flatMap((s) => [s.from, s.color]);
  return [
    "case",
    ["==", ["get", "iso3"], "CHN"],
    MAP_COLORS.china,
    ["in", ["get", "iso3"], ["literal", ended]],
    MAP_COLORS.ended,
    ["in", ["get", "iso3"], ["literal", undated]],
    MAP_COLORS.undated,
    ["step", yearOf, MAP_COLORS.land, ...steps],
  ] as unknown as ExpressionSpecification;
}
