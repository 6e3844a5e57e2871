import type { SearchOptions } from "./dijkstra.ts";
import { oneToAll, workspaceFor } from "./dijkstra.ts";
import { edgeMask } from "./filter.ts";
import type { Graph } from "./graph.ts";

/**
 * Shortest-path weights from every source node to every target node: one
 * one-to-all Dijkstra per source, stopped once every target is settled.
 * Row-major: `result[i * targets.length + j]` is sources[i] → targets[j]
 * (Infinity = unreachable). Split `sources` across workers to use more cores.
 *
 * @example
 *   const hours = distanceMatrix(graph, [a, b], [c, d, e], { weights: graph.hours });
 *   hours[1 * 3 + 2] // b → e
 */
export function distanceMatrix(
  graph: Graph,
  sources: ArrayLike<number>,
  targets: ArrayLike<number>,
  options: SearchOptions = {},
): Float64Array {
  const until = new Uint8Array(graph.nodeCount);
  for (let j = 0; j < targets.length; j++) until[targets[j]!] = 1;
  const search = {
    weights: options.weights ?? graph.lengthKm,
    mask: options.mask ?? edgeMask(graph),
    workspace: options.workspace ?? workspaceFor(graph),
    until,
    out: new Float64Array(graph.nodeCount),
  };
  const result = new Float64Array(sources.length * targets.length);
  for (let i = 0; i < sources.length; i++) {
    const dist = oneToAll(graph, sources[i]!, search);
    const row = i * targets.length;
    for (let j = 0; j < targets.length; j++) result[row + j] = dist[targets[j]!]!;
  }
  return result;
}
