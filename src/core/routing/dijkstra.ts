import { RoutingError } from "./errors.ts";
import type { EdgeMask } from "./filter.ts";
import { edgeMask } from "./filter.ts";
import type { Graph } from "./graph.ts";
import { IndexedHeap } from "./heap.ts";

/**
 * Scratch arrays for searches on one graph, reused across queries so a query
 * allocates only its result. `stamp[v] === generation` marks `dist[v]` valid,
 * so nothing is cleared between queries.
 *
 * @example
 *   const ws = new Workspace(graph.nodeCount);
 *   shortestPath(graph, 0, 42, { workspace: ws });
 */
export class Workspace {
  readonly dist: Float64Array;
  readonly prevArc: Int32Array;
  readonly stamp: Uint32Array;
  readonly heap: IndexedHeap;
  generation = 0;

  constructor(readonly nodeCount: number) {
    this.dist = new Float64Array(nodeCount);
    this.prevArc = new Int32Array(nodeCount);
    this.stamp = new Uint32Array(nodeCount);
    this.heap = new IndexedHeap(nodeCount);
  }

  /** Starts a new search: a fresh generation and an empty heap. */
  begin(): number {
    this.heap.clear();
    if (++this.generation === 0xffff_ffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }
}

/**
 * Options shared by every search.
 *
 * @example
 *   shortestPath(graph, a, b, { weights: graph.hours, mask: edgeMask(graph, { denyModes: ["road"] }) });
 */
export interface SearchOptions {
  /** Arc weights (default: graph.lengthKm). See `arcWeights`. */
  readonly weights?: Float64Array;
  /** Usable arcs (default: `edgeMask(graph)`, existing links, default passages). */
  readonly mask?: EdgeMask;
  /** Scratch space (default: one cached per graph; pass your own in a worker pool). */
  readonly workspace?: Workspace;
}

/**
 * A shortest path: the arcs in order from `from` to `to`, and its total weight.
 *
 * @example
 *   const { weight, arcs } = shortestPath(graph, a, b)!;
 */
export interface PathResult {
  readonly from: number;
  readonly to: number;
  readonly weight: number;
  readonly arcs: Int32Array;
  /** Nodes taken off the heap: the work done. */
  readonly settled: number;
}

const workspaces = new WeakMap<Graph, Workspace>();

/** The workspace cached for a graph. @example workspaceFor(graph).dist */
export function workspaceFor(graph: Graph): Workspace {
  let ws = workspaces.get(graph);
  if (ws === undefined) {
    ws = new Workspace(graph.nodeCount);
    workspaces.set(graph, ws);
  }
  return ws;
}

/**
 * One-way Dijkstra from `from`, stopping as soon as `to` is settled. Returns
 * undefined when `to` cannot be reached under the mask. `shortestPath`
 * (bidirectional) gives the same weight settling fewer nodes; this one is
 * kept as the plain reference and for graphs too small to care.
 *
 * @example
 *   const path = forwardPath(graph, shanghai, rotterdam, { mask: edgeMask(graph, { avoidPassages: ["suez"] }) });
 *   path?.weight // km, since the default weights are lengthKm
 */
export function forwardPath(
  graph: Graph,
  from: number,
  to: number,
  options: SearchOptions = {},
): PathResult | undefined {
  checkNode(graph, from);
  checkNode(graph, to);
  const ws = options.workspace ?? workspaceFor(graph);
  const settled = search(
    graph,
    from,
    to,
    options.weights ?? graph.lengthKm,
    options.mask ?? edgeMask(graph),
    ws,
    undefined,
  );
  if (ws.stamp[to] !== ws.generation) return undefined;
  let count = 0;
  for (let v = to; v !== from; v = graph.sources[ws.prevArc[v]!]!) count++;
  const arcs = new Int32Array(count);
  for (let v = to; v !== from; v = graph.sources[ws.prevArc[v]!]!) arcs[--count] = ws.prevArc[v]!;
  return { from, to, weight: ws.dist[to]!, arcs, settled };
}

/**
 * Dijkstra from `from` to every node (or until every node marked 1 in
 * `until` is settled). Writes distances into `out` (Infinity = unreached)
 * and returns it. With `until`, only the marked nodes are sure to be final:
 * others may hold upper bounds.
 *
 * @example
 *   const dist = oneToAll(graph, source, { weights: graph.hours });
 *   dist[target] // hours, or Infinity
 */
export function oneToAll(
  graph: Graph,
  from: number,
  options: SearchOptions & { readonly until?: Uint8Array; readonly out?: Float64Array } = {},
): Float64Array {
  checkNode(graph, from);
  const ws = options.workspace ?? workspaceFor(graph);
  search(graph, from, -1, options.weights ?? graph.lengthKm, options.mask ?? edgeMask(graph), ws, options.until);
  const out = options.out ?? new Float64Array(graph.nodeCount);
  const { stamp, dist, generation } = ws;
  for (let v = 0; v < graph.nodeCount; v++) out[v] = stamp[v] === generation ? dist[v]! : Number.POSITIVE_INFINITY;
  return out;
}

/** The search loop; returns the number of settled nodes. */
function search(
  graph: Graph,
  from: number,
  to: number,
  weights: Float64Array,
  mask: EdgeMask,
  ws: Workspace,
  until: Uint8Array | undefined,
): number {
  const { offsets, targets } = graph;
  const { dist, prevArc, stamp, heap } = ws;
  const gen = ws.begin();
  let remaining = 0;
  if (until !== undefined) for (let v = 0; v < until.length; v++) remaining += until[v]!;
  stamp[from] = gen;
  dist[from] = 0;
  prevArc[from] = -1;
  heap.push(from, 0);
  let settled = 0;
  while (heap.size > 0) {
    const u = heap.pop();
    settled++;
    if (u === to) break;
    if (until !== undefined && until[u] === 1 && --remaining === 0) break;
    const du = dist[u]!;
    for (let a = offsets[u]!, end = offsets[u + 1]!; a < end; a++) {
      if (mask[a] === 0) continue;
      const v = targets[a]!;
      const nd = du + weights[a]!;
      if (stamp[v] !== gen) {
        stamp[v] = gen;
        dist[v] = nd;
        prevArc[v] = a;
        heap.push(v, nd);
      } else if (nd < dist[v]!) {
        // v is still in the heap: with non-negative weights a settled node never improves.
        dist[v] = nd;
        prevArc[v] = a;
        heap.decrease(v, nd);
      }
    }
  }
  return settled;
}

/** Throws RoutingError "unknown_node" unless `node` is a node of `graph`. @example checkNode(graph, 0) */
export function checkNode(graph: Graph, node: number): void {
  if (!(Number.isInteger(node) && node >= 0 && node < graph.nodeCount)) {
    throw new RoutingError("unknown_node", `no node ${node} in a graph of ${graph.nodeCount}`, { node });
  }
}
