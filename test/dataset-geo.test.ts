import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { describe, expect, it } from "vitest";
import { countryNumeric } from "../src/core/countries.ts";
import { validateDataset } from "../src/core/dataset.ts";
import { DEFAULT_DATA_DIR, readDataFiles } from "../src/services/data-files.ts";

type Ring = Array<[number, number]>;
type Polygonal = { type: "Polygon"; coordinates: Ring[] } | { type: "MultiPolygon"; coordinates: Ring[][] };

const require = createRequire(import.meta.url);
const topo = JSON.parse(readFileSync(require.resolve("world-atlas/countries-10m.json"), "utf8")) as Topology;
const shapes = new Map<string, Polygonal>();
for (const f of feature(topo, topo.objects.countries as GeometryCollection).features) {
  shapes.set(String(f.id).padStart(3, "0"), f.geometry as Polygonal);
}

function inRing([x, y]: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the point, or a point 0.3° (≈ 30 km) away, is inside the country's Natural Earth outline. */
function nearCountry(pt: [number, number], alpha3: string): boolean {
  const shape = shapes.get(countryNumeric(alpha3) ?? "");
  if (!shape) return false;
  const polygons = shape.type === "Polygon" ? [shape.coordinates] : shape.coordinates;
  for (const dx of [0, -0.3, 0.3])
    for (const dy of [0, -0.3, 0.3]) if (polygons.some((p) => inRing([pt[0] + dx, pt[1] + dy], p[0]!))) return true;
  return false;
}

/** Catches swapped latitude/longitude and wrong signs: every point lies in (or near) a country of its record. */
describe("demo dataset coordinates", () => {
  const { records } = validateDataset(readDataFiles(DEFAULT_DATA_DIR).files);
  it("put every location point in one of its record's countries", () => {
    const wrong: string[] = [];
    for (const r of records) {
      if (r.kind === "partner") continue;
      for (const l of r.locations) {
        const g = l.geometry;
        const points = g.type === "Point" ? [g.coordinates] : g.type === "LineString" ? g.coordinates : [];
        const codes = l.country ? [l.country] : r.countries.map((c) => c.code);
        for (const pt of points)
          if (!codes.some((c) => nearCountry(pt, c))) wrong.push(`${r.id} ${JSON.stringify(pt)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
  it("would notice a swapped point", () => {
    expect(nearCountry([102.6, 17.967], "LAO")).toBe(true);
    expect(nearCountry([17.967, 102.6] as [number, number], "LAO")).toBe(false);
  });
});
