import { beforeAll, describe, expect, it } from "vitest";
import type { Graph, RouteFilter } from "../../core/routing/index.ts";
import { edgeMask, oneToAll, readArtifact, route, writeArtifact } from "../../core/routing/index.ts";
import type { PointRoute } from "./point-route.ts";
import { routeBetweenPoints } from "./point-route.ts";
import type { SeaNetworkStats } from "./sea-network.ts";
import { buildSeaNetwork } from "./sea-network.ts";
import type { Snapper } from "./snap.ts";
import { createSnapper } from "./snap.ts";

/**
 * Test points (lon, lat). Shanghai is the point the brief suggests, 121.9 E 30.6 N off
 * Yangshan; the nearest lane node is 121.8969 E 30.3459 N, 28 km south in the Yangshan /
 * Zhoushan approaches. Rotterdam is the Maasmond entrance, Los Angeles San Pedro Bay.
 */
const SHANGHAI = [121.9, 30.6] as const;
const ROTTERDAM = [4.05, 51.98] as const;
const LOS_ANGELES = [-118.26, 33.73] as const;
const YANTIAN = [114.27, 22.57] as const;

let graph: Graph;
let stats: SeaNetworkStats;
let snapper: Snapper;
const sea = (
  from: readonly [number, number],
  to: readonly [number, number],
  filter: RouteFilter = {},
): PointRoute | undefined => routeBetweenPoints(graph, snapper, from, to, { filter });
/** Lowest latitude the route reaches at longitudes lo..hi. */
const minLatBetween = (r: PointRoute, lo: number, hi: number) =>
  Math.min(
    ...r.route.geometry.coordinates.flat(r.route.geometry.type === "LineString" ? 0 : 1).flatMap((p) => {
      const [lon, lat] = p as readonly [number, number];
      return lon >= lo && lon <= hi ? [lat] : [];
    }),
  );

beforeAll(() => {
  ({ graph, stats } = buildSeaNetwork());
  snapper = createSnapper(graph);
});

describe("the repaired sea network", () => {
  it("reports what the repair did", () => {
    expect(stats.sourceLines).toBe(3599);
    expect(stats.antimeridianJoins).toBeGreaterThanOrEqual(15);
    expect(stats.components.before).toBeGreaterThan(100);
    expect(stats.components.connected + stats.components.dropped).toBe(stats.components.before - 1);
    expect(stats.nodes).toBeGreaterThan(5500);
    expect(stats.arcs).toBe(2 * stats.links);
    for (const [passage, links] of Object.entries(stats.passages)) expect(links, passage).toBeGreaterThan(0);
  });

  it("is one connected network once Arctic routes are opened", () => {
    const dist = oneToAll(graph, 0, { mask: edgeMask(graph, { openPassages: ["arctic"] }) });
    expect(dist.every(Number.isFinite)).toBe(true);
  });

  it("snaps the test points close to the lanes", () => {
    expect(snapper.nearest(...SHANGHAI)!.distanceKm).toBeLessThan(40);
    expect(snapper.nearest(...ROTTERDAM)!.distanceKm).toBeLessThan(15);
    expect(snapper.nearest(...LOS_ANGELES)!.distanceKm).toBeLessThan(15);
  });
});

describe("must hold", () => {
  it("Shanghai → Rotterdam via Suez is 10,300–10,900 nm", () => {
    const r = sea(SHANGHAI, ROTTERDAM)!;
    expect(r.distanceNm).toBeGreaterThanOrEqual(10_300);
    expect(r.distanceNm).toBeLessThanOrEqual(10_900);
    expect(r.route.passages).toEqual(["malacca", "bab_el_mandeb", "suez", "gibraltar"]);
  });

  it("avoiding Suez (and Panama) goes round the Cape of Good Hope, south of 34° S at 18–20° E", () => {
    const r = sea(SHANGHAI, ROTTERDAM, { avoidPassages: ["suez", "panama"] })!;
    expect(r.route.passages).toContain("cape_of_good_hope");
    expect(r.route.passages).not.toContain("suez");
    expect(minLatBetween(r, 18, 20)).toBeLessThan(-34);
    expect(r.distanceNm).toBeGreaterThan(13_500);
    expect(r.distanceNm).toBeLessThan(14_500);
  });

  it("avoiding only Suez from Shanghai takes Panama: it is shorter than the Cape from there", () => {
    // Both this network and the searoute-py reference agree: from Shanghai, Panama is ~320 nm shorter than the Cape.
    const viaPanama = sea(SHANGHAI, ROTTERDAM, { avoidPassages: ["suez"] })!;
    const viaCape = sea(SHANGHAI, ROTTERDAM, { avoidPassages: ["suez", "panama"] })!;
    expect(viaPanama.route.passages).toEqual(["panama"]);
    expect(viaPanama.distanceNm).toBeLessThan(viaCape.distanceNm);
  });

  it("from South China (Yantian), avoiding only Suez goes round the Cape", () => {
    const r = sea(YANTIAN, ROTTERDAM, { avoidPassages: ["suez"] })!;
    expect(r.route.passages).toContain("cape_of_good_hope");
    expect(minLatBetween(r, 18, 20)).toBeLessThan(-34);
  });

  it("Shanghai → Los Angeles crosses the antimeridian in ≤ 6,200 nm", () => {
    const r = sea(SHANGHAI, LOS_ANGELES)!;
    expect(r.distanceNm).toBeLessThanOrEqual(6_200);
    expect(r.distanceNm).toBeGreaterThan(5_300); // the great circle is 5,600 nm
    expect(r.route.geometry.type).toBe("MultiLineString");
    expect(r.route.passages).toEqual([]);
  });
});

describe("each passage box is a cut", () => {
  const cases: [string, readonly [number, number], readonly [number, number], "none" | "longer"][] = [
    ["suez", [32.3, 31.3], [32.55, 29.9], "longer"],
    ["panama", [-79.95, 9.8], [-79.5, 8.5], "longer"], // the Caribbean and Pacific approaches: nodes inside the canal have only canal arcs
    ["malacca", [103.8, 1.25], [79.85, 6.95], "longer"],
    ["hormuz", [55.03, 25.0], [72.8, 18.9], "none"],
    ["bab_el_mandeb", [39.15, 21.5], [72.8, 18.9], "longer"],
    ["gibraltar", [4.05, 51.98], [8.9, 44.4], "longer"],
    ["bosporus", [28.98, 41.0], [28.66, 44.17], "none"],
    ["dardanelles", [23.6, 37.94], [28.98, 41.0], "none"],
    ["cape_of_good_hope", [18.4, -33.9], [31.0, -29.9], "longer"],
  ];
  for (const [passage, from, to, expected] of cases) {
    it(`${passage}: the direct route uses it; avoiding it gives ${expected === "none" ? "no route" : "a longer one"}`, () => {
      const direct = sea(from, to)!;
      expect(direct.route.passages).toContain(passage);
      const avoided = sea(from, to, { avoidPassages: [passage] });
      if (expected === "none") expect(avoided).toBeUndefined();
      else {
        expect(avoided!.route.passages).not.toContain(passage);
        expect(avoided!.distanceNm).toBeGreaterThan(direct.distanceNm * 1.2);
      }
    });
  }

  it("Arctic lanes are closed by default and open on request", () => {
    const kotzebue = snapper.nearest(-162.84, 66.93)!.node;
    const nome = snapper.nearest(-165.4, 64.5)!.node;
    expect(route(graph, nome, kotzebue)).toBeUndefined();
    expect(route(graph, nome, kotzebue, { filter: { openPassages: ["arctic"] } })?.passages).toContain("arctic");
  });
});

describe("time and the artifact", () => {
  it("times sailing at the assumed speed, shown in the graph's assumptions", () => {
    const r = routeBetweenPoints(graph, snapper, SHANGHAI, ROTTERDAM, { objective: "time" })!;
    expect(r.route.hours / 24).toBeGreaterThan(30);
    expect(r.route.hours / 24).toBeLessThan(34);
    const speed = graph.meta.assumptions.find((a) => a.name === "sea speed");
    expect(speed).toMatchObject({ value: 13.72, unit: "kn" });
    expect(speed?.source).toMatch(/Clarksons/);
  });

  it("routes the same after a round trip through the artifact", () => {
    const loaded = readArtifact(writeArtifact(graph));
    const a = snapper.nearest(...SHANGHAI)!.node;
    const b = snapper.nearest(...ROTTERDAM)!.node;
    expect(route(loaded, a, b)?.weight).toBe(route(graph, a, b)?.weight);
  });
});
