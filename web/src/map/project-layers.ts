import type { Feature, FeatureCollection, LineString, MultiLineString, Point, Position } from "geojson";
import {
  type GeoJSONSource,
  LngLatBounds,
  type MapGeoJSONFeature,
  type MapLayerMouseEvent,
  type Map as MapLibreMap,
} from "maplibre-gl";
import type { Geometry } from "../../../src/core/domain/index.ts";

export interface PlaceProps {
  id: string;
  kind: string;
  name_en: string;
  name_zh: string;
  /** the record's own type (rail, port…) */
  type: string;
  status: string;
}

export interface Places {
  points: FeatureCollection<Point, PlaceProps>;
  lines: FeatureCollection<LineString | MultiLineString, PlaceProps>;
}

interface Placed {
  id: string;
  kind: string;
  names: { en: string; zh?: string };
  type?: string;
  status?: string;
  geometries: readonly Geometry[];
}

/** Points and lines of records, one feature per place; areas are drawn as their first ring's points. */
export function toPlaces(records: readonly Placed[]): Places {
  const points: Array<Feature<Point, PlaceProps>> = [];
  const lines: Array<Feature<LineString | MultiLineString, PlaceProps>> = [];
  for (const r of records) {
    const properties: PlaceProps = {
      id: r.id,
      kind: r.kind,
      name_en: r.names.en,
      name_zh: r.names.zh ?? r.names.en,
      type: r.type ?? "",
      status: r.status ?? "",
    };
    for (const g of r.geometries) {
      if (g.type === "Point") points.push({ type: "Feature", geometry: g, properties });
      else if (g.type === "LineString" || g.type === "MultiLineString")
        lines.push({ type: "Feature", geometry: g, properties });
      else {
        const ring = g.type === "Polygon" ? g.coordinates[0] : g.coordinates[0]?.[0];
        const c = ring && centre(ring);
        if (c) points.push({ type: "Feature", geometry: { type: "Point", coordinates: c }, properties });
      }
    }
  }
  return {
    points: { type: "FeatureCollection", features: points },
    lines: { type: "FeatureCollection", features: lines },
  };
}

function centre(ring: readonly Position[]): Position | undefined {
  if (ring.length === 0) return undefined;
  const sum = ring.reduce((acc, p) => [(acc[0] ?? 0) + (p[0] ?? 0), (acc[1] ?? 0) + (p[1] ?? 0)], [0, 0]);
  return [(sum[0] ?? 0) / ring.length, (sum[1] ?? 0) / ring.length];
}

/** Every coordinate of a geometry. */
export function positionsOf(g: Point | LineString | MultiLineString): Position[] {
  if (g.type === "Point") return [g.coordinates];
  if (g.type === "LineString") return g.coordinates;
  return g.coordinates.flat();
}

/** The bounds of some places, or undefined when there are none. */
export function boundsOf(places: Places, id?: string): LngLatBounds | undefined {
  const bounds = new LngLatBounds();
  let any = false;
  for (const f of [...places.points.features, ...places.lines.features]) {
    if (id && f.properties.id !== id) continue;
    for (const p of positionsOf(f.geometry)) {
      bounds.extend([p[0] ?? 0, p[1] ?? 0]);
      any = true;
    }
  }
  return any ? bounds : undefined;
}

/** Where to open a popup for a record: its first point, else the middle vertex of its first line. */
export function anchorOf(places: Places, id: string): [number, number] | undefined {
  const point = places.points.features.find((f) => f.properties.id === id);
  if (point) return point.geometry.coordinates as [number, number];
  const line = places.lines.features.find((f) => f.properties.id === id);
  if (!line) return undefined;
  const coords = positionsOf(line.geometry);
  if (coords.length === 2) {
    const [a, b] = coords;
    return [((a?.[0] ?? 0) + (b?.[0] ?? 0)) / 2, ((a?.[1] ?? 0) + (b?.[1] ?? 0)) / 2];
  }
  const mid = coords[Math.floor(coords.length / 2)];
  return mid ? [mid[0] ?? 0, mid[1] ?? 0] : undefined;
}

export const PLACE_COLORS = { point: "#d9822b", line: "#a84300", cluster: "#1f5f8b" } as const;
export const PLACE_LAYERS = ["place-lines", "place-points"] as const;

/** Adds (or updates) the clustered points and the lines of records on a map. */
export function showPlaces(map: MapLibreMap, places: Places, options: { cluster: boolean }) {
  const points = map.getSource("places-points") as GeoJSONSource | undefined;
  if (points) {
    void points.setData(places.points);
    void (map.getSource("places-lines") as GeoJSONSource).setData(places.lines);
    return;
  }
  map.addSource("places-points", {
    type: "geojson",
    data: places.points,
    cluster: options.cluster,
    clusterRadius: 36,
    clusterMaxZoom: 7,
  });
  map.addSource("places-lines", { type: "geojson", data: places.lines });
  map.addLayer({
    id: "place-lines-casing",
    type: "line",
    source: "places-lines",
    layout: { "line-cap": "round", "line-join": "round" },
    paint: { "line-color": "#ffffff", "line-width": 6 },
  });
  map.addLayer({
    id: "place-lines",
    type: "line",
    source: "places-lines",
    layout: { "line-cap": "round", "line-join": "round" },
    paint: { "line-color": PLACE_COLORS.line, "line-width": 3.5 },
  });
  map.addLayer({
    id: "place-clusters",
    type: "circle",
    source: "places-points",
    filter: ["has", "point_count"],
    paint: {
      "circle-color": PLACE_COLORS.cluster,
      "circle-radius": ["step", ["get", "point_count"], 13, 5, 17, 15, 22],
      "circle-stroke-color": "#ffffff",
      "circle-stroke-width": 2,
    },
  });
  map.addLayer({
    id: "place-cluster-count",
    type: "symbol",
    source: "places-points",
    filter: ["has", "point_count"],
    layout: { "text-field": ["to-string", ["get", "point_count"]], "text-size": 12, "text-allow-overlap": true },
    paint: { "text-color": "#ffffff" },
  });
  map.addLayer({
    id: "place-points",
    type: "circle",
    source: "places-points",
    filter: ["!", ["has", "point_count"]],
    paint: {
      "circle-color": PLACE_COLORS.point,
      "circle-radius": 7,
      "circle-stroke-color": "#ffffff",
      "circle-stroke-width": 2,
    },
  });
}

/** Zooms into a cluster when it is clicked. */
export async function expandCluster(map: MapLibreMap, e: MapLayerMouseEvent) {
  const feature = e.features?.[0] as MapGeoJSONFeature | undefined;
  const clusterId = feature?.properties.cluster_id as number | undefined;
  if (!feature || clusterId === undefined || feature.geometry.type !== "Point") return;
  const source = map.getSource("places-points") as GeoJSONSource;
  const zoom = await source.getClusterExpansionZoom(clusterId);
  map.easeTo({ center: feature.geometry.coordinates as [number, number], zoom });
}
