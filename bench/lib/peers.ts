/**
 * The same graph in ngraph.graph and graphology, and single-pair queries on
 * them that return the path's length by our arc weights, so every engine is
 * checked against the others on identical arcs.
 */
import { DirectedGraph } from "graphology";
import { bidirectional } from "graphology-shortest-path/dijkstra.js";
import createGraph from "ngraph.graph";
import ngraphPath from "ngraph.path";
import type { EdgeMask, Graph } from "../../src/core/routing/index.ts";

/** A query function: the length of a shortest path, or undefined when there is none. */
export type PeerQuery = (from: number, to: number) => number | undefined;

/** The usable arcs (mask = 1) of our graph in each peer library, with their single-pair queries. */
export function buildPeers(graph: Graph, weights: Float64Array, mask: EdgeMask) {
  const t0 = performance.now();
  const ng = createGraph<undefined, { w: number }>();
  for (let v = 0; v < graph.nodeCount; v++) ng.addNode(v);
  for (let a = 0; a < graph.arcCount; a++) {
    if (mask[a] === 1) ng.addLink(graph.sources[a]!, graph.targets[a]!, { w: weights[a]! });
  }
  const ngraphMs = performance.now() - t0;

  const t1 = performance.now();
  const gl = new DirectedGraph();
  for (let v = 0; v < graph.nodeCount; v++) gl.addNode(String(v));
  for (let a = 0; a < graph.arcCount; a++) {
    if (mask[a] === 1) gl.addEdge(String(graph.sources[a]!), String(graph.targets[a]!), { w: weights[a]! });
  }
  const graphologyMs = performance.now() - t1;

  const distance = (_a: unknown, _b: unknown, link: { data: { w: number } }) => link.data.w;
  const aStar = ngraphPath.aStar(ng, { oriented: true, distance });
  const nba = ngraphPath.nba(ng, { oriented: true, distance });
  const length = (nodes: readonly number[]) => pathLength(graph, weights, mask, nodes);
  return {
    buildMs: { ngraph: ngraphMs, graphology: graphologyMs },
    /** ngraph.path A* with no heuristic: Dijkstra. Returns nodes from target to source. */
    ngraphAStar: ((from, to) =>
      lengthOrNone(
        aStar
          .find(from, to)
          .map((n) => Number(n.id))
          .reverse(),
        from,
        length,
      )) as PeerQuery,
    /** ngraph.path NBA* with no heuristic: bidirectional Dijkstra. */
    ngraphNba: ((from, to) =>
      lengthOrNone(
        nba
          .find(from, to)
          .map((n) => Number(n.id))
          .reverse(),
        from,
        length,
      )) as PeerQuery,
    /** graphology-shortest-path bidirectional Dijkstra. */
    graphology: ((from, to) => {
      const nodes = bidirectional(gl, String(from), String(to), "w") as string[] | null;
      return nodes === null ? undefined : length(nodes.map(Number));
    }) as PeerQuery,
  };
}

function lengthOrNone(nodes: number[], from: number, length: (n: number[]) => number): number | undefined {
  if (nodes.length === 0) return undefined;
  if (nodes[0] !== from) nodes.reverse();
  return length(nodes);
}

/** Sum of the lightest usable arc between each consecutive pair of nodes. */
export function pathLength(graph: Graph, weights: Float64Array, mask: EdgeMask, nodes: readonly number[]): number {
  let sum = 0;
  for (let i = 1; i < nodes.length; i++) {
    const u = nodes[i - 1]!;
    const v = nodes[i]!;
    let best = Number.POSITIVE_INFINITY;
    for (let a = graph.offsets[u]!; a < graph.offsets[u + 1]!; a++) {
      if (mask[a] === 1 && graph.targets[a] === v && weights[a]! < best) best = weights[a]!;
    }
    sum += best;
  }
  return sum;
}
