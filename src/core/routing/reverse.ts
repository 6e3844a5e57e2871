import type { Graph } from "./graph.ts";

/**
 * Incoming arcs per node, in CSR form: the arcs entering `v` are
 * `arcs[offsets[v]] .. arcs[offsets[v + 1] - 1]` (arc ids of the graph, so
 * per-arc weights and masks apply unchanged). Built once per graph in O(arcs)
 * and cached; not stored in the artifact.
 *
 * @example
 *   const into = reverseArcs(graph);
 *   for (let i = into.offsets[v]!; i < into.offsets[v + 1]!; i++) graph.sources[into.arcs[i]!];
 */
export interface ReverseArcs {
  readonly offsets: Int32Array;
  readonly arcs: Int32Array;
}

const cache = new WeakMap<Graph, ReverseArcs>();

/** The incoming-arc index of a graph (cached). @example reverseArcs(graph).arcs.length === graph.arcCount */
export function reverseArcs(graph: Graph): ReverseArcs {
  const hit = cache.get(graph);
  if (hit !== undefined) return hit;
  const { nodeCount: n, arcCount: m, targets } = graph;
  const offsets = new Int32Array(n + 1);
  for (let a = 0; a < m; a++) offsets[targets[a]! + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, n);
  const arcs = new Int32Array(m);
  for (let a = 0; a < m; a++) arcs[fill[targets[a]!]!++] = a;
  const reverse = { offsets, arcs };
  cache.set(graph, reverse);
  return reverse;
}
