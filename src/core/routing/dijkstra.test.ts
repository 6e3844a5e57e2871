import { describe, expect, it } from "vitest";
import { shortestPath } from "./bidirectional.ts";
import type { LinkInput } from "./build-graph.ts";
import { buildGraph } from "./build-graph.ts";
import { MODES } from "./codes.ts";
import { forwardPath, oneToAll } from "./dijkstra.ts";
import { edgeMask } from "./filter.ts";
import type { Graph } from "./graph.ts";
import { distanceMatrix } from "./matrix.ts";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 4_294_967_296;
  };
}

/** A random multigraph with zero weights, self-loops, one-way links, passages and statuses. */
function randomGraph(seed: number): Graph {
  const random = rng(seed);
  const n = 1 + Math.floor(random() * 14);
  const nodes = Array.from({ length: n }, () => ({ lon: random() * 360 - 180, lat: random() * 180 - 90 }));
  const links: LinkInput[] = Array.from({ length: Math.floor(random() * n * 3) }, () => ({
    from: Math.floor(random() * n),
    to: Math.floor(random() * n),
    lengthKm: random() < 0.1 ? 0 : Math.round(random() * 1000) / 10,
    hours: random() * 50,
    mode: MODES[Math.floor(random() * MODES.length)]!,
    ...(random() < 0.3 ? { passage: random() < 0.5 ? "p" : "q" } : {}),
    ...(random() < 0.2 ? { status: "planned" as const } : {}),
    oneWay: random() < 0.4,
  }));
  return buildGraph({
    nodes,
    links,
    passages: [
      { id: "p", name: "P", closedByDefault: false },
      { id: "q", name: "Q", closedByDefault: true },
    ],
  });
}

/** Bellman–Ford over the usable arcs: the oracle. */
function bruteForce(graph: Graph, weights: Float64Array, mask: Uint8Array, from: number): number[] {
  const dist = Array.from({ length: graph.nodeCount }, () => Number.POSITIVE_INFINITY);
  dist[from] = 0;
  for (let round = 0; round < graph.nodeCount; round++) {
    for (let a = 0; a < graph.arcCount; a++) {
      if (mask[a] === 0) continue;
      const d = dist[graph.sources[a]!]! + weights[a]!;
      if (d < dist[graph.targets[a]!]!) dist[graph.targets[a]!] = d;
    }
  }
  return dist;
}

const close = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** Checks a path is a chain of usable arcs from → to whose weights sum to its weight. */
function expectValidPath(
  graph: Graph,
  weights: Float64Array,
  mask: Uint8Array,
  path: { from: number; to: number; weight: number; arcs: Int32Array },
) {
  let at = path.from;
  let sum = 0;
  for (const a of path.arcs) {
    expect(graph.sources[a]).toBe(at);
    expect(mask[a]).toBe(1);
    sum += weights[a]!;
    at = graph.targets[a]!;
  }
  expect(at).toBe(path.to);
  expect(close(sum, path.weight)).toBe(true);
}

const filters = [
  {},
  { avoidPassages: ["p"] },
  { openPassages: ["q"], statuses: ["existing", "planned"] as const },
  { denyModes: ["sea"] as const },
];

describe("shortest paths against Bellman–Ford on random graphs", () => {
  it("forward, bidirectional, one-to-all and matrix agree with the oracle on every pair", () => {
    let compared = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const graph = randomGraph(seed);
      for (const filter of filters) {
        const mask = edgeMask(graph, filter);
        for (const weights of [graph.lengthKm, graph.hours]) {
          const all = Int32Array.from({ length: graph.nodeCount }, (_, i) => i);
          const matrix = distanceMatrix(graph, all, all, { weights, mask });
          for (let s = 0; s < graph.nodeCount; s++) {
            const expected = bruteForce(graph, weights, mask, s);
            const dist = oneToAll(graph, s, { weights, mask });
            for (let t = 0; t < graph.nodeCount; t++) {
              expect(close(dist[t]!, expected[t]!)).toBe(true);
              expect(close(matrix[s * graph.nodeCount + t]!, expected[t]!)).toBe(true);
              for (const search of [forwardPath, shortestPath]) {
                const path = search(graph, s, t, { weights, mask });
                if (expected[t] === Number.POSITIVE_INFINITY) expect(path).toBeUndefined();
                else {
                  expect(path).toBeDefined();
                  expect(close(path!.weight, expected[t]!)).toBe(true);
                  expectValidPath(graph, weights, mask, path!);
                }
                compared++;
              }
            }
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  });

  it("the oracle catches a wrong search: stopping when the target is first labelled", () => {
    // A classic bug: exit when the target is reached, not when it is settled.
    const labelExit = (graph: Graph, s: number, t: number, w: Float64Array): number => {
      const dist = new Map<number, number>([[s, 0]]);
      const open = [s];
      while (open.length > 0) {
        open.sort((a, b) => dist.get(a)! - dist.get(b)!);
        const u = open.shift()!;
        for (let a = graph.offsets[u]!; a < graph.offsets[u + 1]!; a++) {
          const v = graph.targets[a]!;
          const d = dist.get(u)! + w[a]!;
          if (v === t) return d;
          if (d < (dist.get(v) ?? Number.POSITIVE_INFINITY)) {
            if (!dist.has(v)) open.push(v);
            dist.set(v, d);
          }
        }
      }
      return Number.POSITIVE_INFINITY;
    };
    let caught = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const graph = randomGraph(seed);
      const all = new Uint8Array(graph.arcCount).fill(1);
      for (let s = 0; s < graph.nodeCount; s++) {
        const expected = bruteForce(graph, graph.lengthKm, all, s);
        for (let t = 0; t < graph.nodeCount; t++) {
          if (s !== t && !close(labelExit(graph, s, t, graph.lengthKm), expected[t]!)) caught++;
        }
      }
    }
    expect(caught).toBeGreaterThan(0);
  });

  it("a path from a node to itself is empty", () => {
    const graph = randomGraph(3);
    expect(shortestPath(graph, 0, 0)?.arcs.length).toBe(0);
    expect(forwardPath(graph, 0, 0)?.weight).toBe(0);
  });

  it("rejects a node that is not in the graph", () => {
    const graph = randomGraph(3);
    expect(() => shortestPath(graph, 0, graph.nodeCount)).toThrow(/no node/);
    expect(() => oneToAll(graph, -1)).toThrow(/no node/);
  });
});
