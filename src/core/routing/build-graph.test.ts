import { describe, expect, it } from "vitest";
import { buildGraph } from "./build-graph.ts";
import { arcMode, arcPassage, arcStatus, nodeKind, nodeLabel } from "./graph.ts";

describe("buildGraph", () => {
  const graph = buildGraph({
    nodes: [
      { lon: 0, lat: 0, kind: "port", label: "A", country: "CHN" },
      { lon: 1, lat: 1 },
      { lon: 2, lat: 2, country: "LAO" },
    ],
    links: [
      {
        from: 2,
        to: 0,
        lengthKm: 5,
        hours: 1,
        mode: "rail",
        gaugeMm: 1435,
        project: "china-laos",
        opens: "2021-12-03",
        status: "existing",
      },
      { from: 0, to: 1, lengthKm: 3, hours: 2, mode: "sea", passage: "x", oneWay: true },
    ],
    passages: [{ id: "x", name: "X", closedByDefault: false }],
    source: "test",
  });

  it("lays arcs out by source node (CSR) with both directions of a two-way link", () => {
    expect(graph.arcCount).toBe(3);
    expect([...graph.offsets]).toEqual([0, 2, 2, 3]);
    for (let u = 0; u < graph.nodeCount; u++) {
      for (let a = graph.offsets[u]!; a < graph.offsets[u + 1]!; a++) expect(graph.sources[a]).toBe(u);
    }
    const arcs = [...graph.targets].map((t, a) => `${graph.sources[a]}>${t}`).sort();
    expect(arcs).toEqual(["0>1", "0>2", "2>0"]);
  });

  it("keeps attributes and code tables", () => {
    const rail = [...graph.targets].findIndex((t, a) => graph.sources[a] === 2 && t === 0);
    expect(arcMode(graph, rail)).toBe("rail");
    expect(arcStatus(graph, rail)).toBe("existing");
    expect(graph.gauge[rail]).toBe(1435);
    expect(graph.opens[rail]).toBe(20211203);
    expect(graph.meta.projects[graph.project[rail]!]).toBe("china-laos");
    const sea = [...graph.targets].findIndex((t, a) => graph.sources[a] === 0 && t === 1);
    expect(arcPassage(graph, sea)).toBe("x");
    expect(graph.project[sea]).toBe(-1);
    expect(nodeKind(graph, 0)).toBe("port");
    expect(nodeLabel(graph, 0)).toBe("A");
    expect(nodeLabel(graph, 1)).toBeUndefined();
    expect(graph.meta.countries).toEqual(["", "CHN", "LAO"]);
    expect([...graph.nodeCountry]).toEqual([1, 0, 2]);
  });

  it("rejects bad input, naming the link or node", () => {
    const nodes = [{ lon: 0, lat: 0 }];
    expect(() => buildGraph({ nodes, links: [{ from: 0, to: 1, lengthKm: 1, hours: 1, mode: "sea" }] })).toThrow(
      /link 0/,
    );
    expect(() => buildGraph({ nodes, links: [{ from: 0, to: 0, lengthKm: -1, hours: 1, mode: "sea" }] })).toThrow(
      /negative/,
    );
    expect(() =>
      buildGraph({ nodes, links: [{ from: 0, to: 0, lengthKm: 1, hours: 1, mode: "sea", passage: "y" }] }),
    ).toThrow(/passage/);
    expect(() =>
      buildGraph({ nodes, links: [{ from: 0, to: 0, lengthKm: 1, hours: 1, mode: "sea", opens: "12/2021" }] }),
    ).toThrow(/YYYY/);
    expect(() => buildGraph({ nodes: [{ lon: 200, lat: 0 }], links: [] })).toThrow(/node 0/);
  });
});
