import { beforeAll, describe, expect, it } from "vitest";
import type { NetworkData } from "../src/services/network/network-data.ts";
import { readNetworkData } from "../src/services/network/network-data.ts";
import { railSegmentLengths } from "../src/services/network/rail-segments.ts";
import { buildSeaNetwork } from "../src/services/network/sea-network.ts";
import { createSnapper } from "../src/services/network/snap.ts";

let data: NetworkData;
beforeAll(() => {
  data = readNetworkData();
});

describe("data/network", () => {
  it("validates, and every node, line, crossing and port names a source", () => {
    expect(data.nodes.nodes.length).toBeGreaterThan(50);
    for (const n of data.nodes.nodes) expect(n.source, n.id).toMatch(/\S/);
    for (const c of data.crossings.crossings) expect(c.sources.length, c.id).toBeGreaterThan(0);
    for (const p of data.ports.ports) expect(data.ports.sources[p.source], p.locode).toBeDefined();
    for (const r of data.rail.routes)
      if (typeof r.source !== "string") {
        const project = data.projects.find((p) => p.id === (r.source as { project: string }).project);
        const figure = project?.figures.find(
          (f) => f.key === (r.source as { key: string }).key && f.value === r.lengthKm,
        );
        expect(figure, `${r.id}: project figure ${JSON.stringify(r.source)} = ${r.lengthKm}`).toBeDefined();
      }
  });

  it("every factor names a source that exists (or says it is not modelled)", () => {
    const f = data.factors;
    const all = [
      ...Object.values(f.speeds),
      ...Object.values(f.road),
      ...Object.values(f.transfer),
      ...Object.values(f.costs),
      ...Object.values(f.co2),
    ];
    for (const x of all)
      expect(x.source in f.sources || /not modelled|modelling choice/.test(x.source), x.source).toBe(true);
    for (const v of Object.values(f.vessels.classes)) expect(f.sources[v.source]).toBeDefined();
  });

  it("has the corridors the product names, with gauge changes at the named crossings", () => {
    const crossings = data.crossings.crossings.map((c) => c.id);
    for (const id of [
      "alashankou-dostyk",
      "khorgos-altynkol",
      "erenhot-zamyn-uud",
      "manzhouli-zabaikalsk",
      "brest-malaszewicze",
      "vientiane-nong-khai",
      "suifenhe-grodekovo",
      "akhalkalaki",
      "aktau-baku",
    ])
      expect(crossings).toContain(id);
    for (const c of data.crossings.crossings) {
      if (c.kind !== "ferry") expect(c.gaugeFrom, c.id).not.toBe(c.gaugeTo);
      expect(c.dwellHours.low).toBeLessThanOrEqual(c.dwellHours.typical);
      expect(c.dwellHours.typical).toBeLessThanOrEqual(c.dwellHours.high);
    }
    const projects = new Set(data.rail.lines.flatMap((l) => (l.project ? [l.project] : [])));
    for (const p of [
      "china-laos-railway",
      "mombasa-nairobi-sgr",
      "addis-djibouti-railway",
      "budapest-belgrade-railway",
      "jakarta-bandung-hsr",
    ])
      expect(projects).toContain(p);
  });
});

describe("published rail lengths (the 5% rule)", () => {
  const published: [string, number][] = [
    ["chongqing-duisburg", 11_179],
    ["xian-duisburg", 9_908],
    ["kunming-vientiane", 1_035],
    ["mombasa-nairobi", 472],
    ["addis-djibouti", 756],
    ["budapest-belgrade", 341.7],
    ["jakarta-bandung", 142.3],
    ["altynkol-aktau", 3_128],
    ["baku-kars", 826],
    ["harbin-suifenhe", 548],
  ];
  it("the sum along every route is within 5% of its published length", () => {
    const { checks } = railSegmentLengths(data);
    for (const c of checks) expect(Math.abs(c.sumKm - c.publishedKm) / c.publishedKm, c.id).toBeLessThan(0.05);
    for (const [id, km] of published) expect(checks.find((c) => c.id === id)?.sumKm, id).toBeCloseTo(km, -1);
  });
  it("no segment is shorter than the straight line between its stations", () => {
    for (const c of railSegmentLengths(data).checks)
      if (c.scale !== undefined) expect(c.scale, c.id).toBeGreaterThanOrEqual(1);
  });
});

describe("ports", () => {
  it("every port lies within 450 km of the sea lanes (most within 100 km)", () => {
    const snapper = createSnapper(buildSeaNetwork().graph);
    const km = data.ports.ports.map((p) => snapper.nearest(p.lon, p.lat)!.distanceKm);
    for (const [i, d] of km.entries()) expect(d, data.ports.ports[i]!.locode).toBeLessThan(450);
    expect(km.filter((d) => d <= 100).length / km.length).toBeGreaterThan(0.7);
  });
});
