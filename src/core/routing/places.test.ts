import { describe, expect, it } from "vitest";
import { buildGraph } from "./build-graph.ts";
import type { Place } from "./network-meta.ts";
import { resolveEndpoint, resolveProject } from "./places.ts";

const places: Place[] = [
  { node: 0, name: "Xi’an", kind: "city", country: "CHN", population: 6_501_190 },
  { node: 1, name: "Xi’an", kind: "rail_terminal", country: "CHN", id: "xian", aliases: ["Xi'an"] },
  { node: 2, name: "Shanghai", kind: "port", country: "CHN", locode: "CNSHA", id: "CNSHA" },
  { node: 3, name: "Brest", kind: "city", country: "FRA", population: 144_899 },
  { node: 4, name: "Brest", kind: "city", country: "BLR", population: 300_715 },
];
const graph = buildGraph({
  nodes: [
    { lon: 108.93, lat: 34.26, kind: "city", country: "CHN" },
    { lon: 108.93, lat: 34.26, kind: "rail_terminal", country: "CHN" },
    { lon: 121.5, lat: 31.4, kind: "port", country: "CHN" },
    { lon: -4.49, lat: 48.39, kind: "city", country: "FRA" },
    { lon: 23.69, lat: 52.1, kind: "city", country: "BLR" },
  ],
  links: [{ from: 0, to: 1, lengthKm: 0, hours: 1, mode: "transfer", project: "china-laos-railway" }],
  network: {
    places,
    crossings: [],
    projectNames: { "china-laos-railway": { en: "China–Laos Railway", zh: "中老铁路" } },
    passengerProjects: [],
    costPerTeuKm: {},
    co2PerTonneKm: {},
    tonnesPerTeu: { value: 10, unit: "t", source: "IMO" },
    roadBorderCostUsd: { value: 161, unit: "USD", source: "CAREC" },
    vessels: [],
    defaultVessel: "ulcv",
    briCountries: [],
    corridorCountries: [],
  },
});

describe("resolveEndpoint", () => {
  it("matches names ignoring case, accents, apostrophes; cities first", () => {
    for (const q of ["Xi'an", "Xi’an", "xian", "XI’AN"]) expect(resolveEndpoint(graph, q).node, q).toBe(0);
    expect(resolveEndpoint(graph, "cnsha").node).toBe(2);
    expect(resolveEndpoint(graph, "node:1").node).toBe(1);
  });
  it("prefers the larger city, or the one in the named country", () => {
    expect(resolveEndpoint(graph, "Brest").node).toBe(4);
    expect(resolveEndpoint(graph, "Brest, FRA").node).toBe(3);
    expect(resolveEndpoint(graph, "Brest, FR").node).toBe(3);
  });
  it("snaps lon,lat to the nearest place and says how far", () => {
    const e = resolveEndpoint(graph, "121.6,31.3");
    expect(e.node).toBe(2);
    expect(e.distanceKm).toBeGreaterThan(5);
  });
  it("fails with suggestions", () => {
    expect(() => resolveEndpoint(graph, "Shanghaii")).toThrow(/no place/);
  });
});

describe("resolveProject", () => {
  it("finds a project by id, English name with a hyphen, or Chinese name", () => {
    expect(resolveProject(graph, "china-laos-railway")).toEqual({ id: "china-laos-railway", inNetwork: true });
    expect(resolveProject(graph, "China-Laos railway").id).toBe("china-laos-railway");
    expect(resolveProject(graph, "中老铁路").id).toBe("china-laos-railway");
    expect(() => resolveProject(graph, "Laos Railway")).toThrow(/no project/);
  });
});
