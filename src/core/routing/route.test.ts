import { describe, expect, it } from "vitest";
import { buildGraph } from "./build-graph.ts";
import { RoutingError } from "./errors.ts";
import { edgeMask } from "./filter.ts";
import { route } from "./route.ts";

/**
 * Xi'an (city, CHN) —rail 1435→ Khorgos (border, CHN) —rail 1520→ Altynkol (KAZ) …
 * and a sea alternative: Xi'an —road→ Lianyungang (port) —transfer→ lane —sea (suez)→ Piraeus;
 * a planned rail link built by project "P1" gives a short cut Khorgos → Piraeus.
 */
const graph = buildGraph({
  nodes: [
    { lon: 108.9, lat: 34.3, kind: "city", country: "CHN", label: "Xi'an" },
    { lon: 80.4, lat: 44.2, kind: "border_crossing", country: "CHN", label: "Khorgos" },
    { lon: 80.0, lat: 44.2, kind: "rail_terminal", country: "KAZ", label: "Altynkol" },
    { lon: 23.6, lat: 37.9, kind: "port", country: "GRC", label: "Piraeus" },
    { lon: 119.4, lat: 34.7, kind: "port", country: "CHN", label: "Lianyungang" },
    { lon: 120.0, lat: 34.5 },
  ],
  links: [
    { from: 0, to: 1, lengthKm: 3500, hours: 70, mode: "rail", gaugeMm: 1435 },
    { from: 1, to: 2, lengthKm: 40, hours: 24, mode: "rail", gaugeMm: 1520, opens: "2012-12" },
    { from: 2, to: 3, lengthKm: 6000, hours: 200, mode: "rail", gaugeMm: 1520 },
    { from: 1, to: 3, lengthKm: 5000, hours: 100, mode: "rail", status: "planned", project: "P1" },
    { from: 0, to: 4, lengthKm: 1000, hours: 15, mode: "road" },
    { from: 4, to: 5, lengthKm: 0, hours: 48, mode: "transfer" },
    { from: 5, to: 3, lengthKm: 16_000, hours: 600, mode: "sea", passage: "suez" },
  ],
  passages: [{ id: "suez", name: "Suez Canal", closedByDefault: false }],
});

describe("route", () => {
  it("groups arcs into legs by mode with labels and totals", () => {
    const r = route(graph, 0, 3, { objective: "time" })!;
    expect(r.legs.map((l) => l.mode)).toEqual(["rail"]);
    expect(r.legs[0]).toMatchObject({ fromLabel: "Xi'an", toLabel: "Piraeus", distanceKm: 9540, hours: 294 });
    expect(r.hours).toBe(294);
    expect(r.passages).toEqual([]);
    expect(r.geometry).toEqual({
      type: "LineString",
      coordinates: [
        [108.9, 34.3],
        [80.4, 44.2],
        [80.0, 44.2],
        [23.6, 37.9],
      ],
    });
  });

  it("changes mode when rail is denied, and reports the passage", () => {
    const r = route(graph, 0, 3, { objective: "time", filter: { denyModes: ["rail"] } })!;
    expect(r.legs.map((l) => [l.mode, l.distanceKm])).toEqual([
      ["road", 1000],
      ["transfer", 0],
      ["sea", 16_000],
    ]);
    expect(r.legs[2]!.passages).toEqual(["suez"]);
    expect(r.passages).toEqual(["suez"]);
  });

  it("a project switched on (what-if) shortens the trip; switched off, it is unused even if planned links are allowed", () => {
    const withProject = route(graph, 0, 3, { objective: "time", filter: { enableProjects: ["P1"] } })!;
    expect(withProject.hours).toBe(170);
    const off = route(graph, 0, 3, {
      objective: "time",
      filter: { statuses: ["existing", "planned"], disableProjects: ["P1"] },
    })!;
    expect(off.hours).toBe(294);
  });

  it("avoiding a country or a passage can leave no route", () => {
    expect(route(graph, 0, 3, { filter: { avoidCountries: ["KAZ"] } })?.passages).toEqual(["suez"]);
    expect(route(graph, 0, 3, { filter: { avoidCountries: ["KAZ"], avoidPassages: ["suez"] } })).toBeUndefined();
    expect(route(graph, 0, 3, { filter: { avoidCountries: ["FRA"] } })).toBeDefined(); // no node there: no effect
  });

  it("optimises cost and CO₂ with the caller's factors", () => {
    const co2 = route(graph, 0, 3, {
      objective: "co2",
      factors: { co2PerKm: { rail: 0.03, road: 0.12, sea: 0.001 } },
    })!;
    expect(co2.legs.at(-1)!.mode).toBe("sea"); // 136 vs 286.2
    expect(co2.weight).toBeCloseTo(1000 * 0.12 + 16_000 * 0.001, 9);
    const cost = route(graph, 0, 3, {
      objective: "cost",
      factors: { costPerKm: { rail: 0.01, road: 1, sea: 0.01 }, costPerHour: { transfer: 100 } },
    })!;
    expect(cost.legs.map((l) => l.mode)).toEqual(["rail"]);
    expect(() => route(graph, 0, 3, { objective: "cost" })).toThrow(RoutingError);
  });

  it("names unknown passages, modes and projects", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof RoutingError ? error.code : "other";
      }
      return "none";
    };
    expect(code(() => edgeMask(graph, { avoidPassages: ["suzz"] }))).toBe("unknown_passage");
    expect(code(() => edgeMask(graph, { enableProjects: ["P9"] }))).toBe("unknown_project");
    expect(code(() => edgeMask(graph, { denyModes: ["air" as "sea"] }))).toBe("unknown_mode");
    expect(code(() => edgeMask(graph, { statuses: ["open" as "planned"] }))).toBe("unknown_status");
  });
});
