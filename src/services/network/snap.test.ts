import { describe, expect, it } from "vitest";
import { buildGraph } from "../../core/routing/index.ts";
import { geodesicKm } from "./geodesic.ts";
import { createSnapper } from "./snap.ts";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 4_294_967_296;
  };
}

describe("createSnapper", () => {
  const random = rng(7);
  // Random nodes, denser near the poles and the antimeridian where lon,lat boxes mislead.
  const nodes = Array.from({ length: 1500 }, (_, i) => {
    const lon = i % 5 === 0 ? (random() < 0.5 ? 180 : -180) - (random() - 0.5) * 4 : random() * 360 - 180;
    const lat = i % 7 === 0 ? (random() < 0.5 ? 1 : -1) * (80 + random() * 10) : random() * 170 - 85;
    return { lon: Math.max(-180, Math.min(180, lon)), lat };
  });
  const graph = buildGraph({ nodes, links: [] });
  const snapper = createSnapper(graph);

  it("finds the geodesically nearest node, like a linear scan, everywhere", () => {
    for (let k = 0; k < 300; k++) {
      const lon = k % 4 === 0 ? 179.5 + random() : random() * 360 - 180;
      const lat = k % 3 === 0 ? 85 + random() * 5 : random() * 180 - 90;
      const x = Math.max(-180, Math.min(180, lon > 180 ? lon - 360 : lon));
      const got = snapper.nearest(x, lat)!;
      let best = Number.POSITIVE_INFINITY;
      for (const n of nodes) best = Math.min(best, geodesicKm(x, lat, n.lon, n.lat));
      expect(got.distanceKm).toBeCloseTo(best, 9);
    }
  });

  it("looks across ±180", () => {
    const two = buildGraph({
      nodes: [
        { lon: -179.9, lat: 10 },
        { lon: 170, lat: 10 },
      ],
      links: [],
    });
    expect(createSnapper(two).nearest(179.95, 10)!.node).toBe(0);
  });

  it("honours a node filter and refuses points that are not lon,lat", () => {
    const onlyFirst = createSnapper(graph, (v) => v === 0);
    expect(onlyFirst.nearest(0, 0)!.node).toBe(0);
    expect(snapper.nearest(200, 0)).toBeUndefined();
    expect(createSnapper(graph, () => false).nearest(0, 0)).toBeUndefined();
  });
});
