import type { PathResult, SearchOptions } from "./dijkstra.ts";
import { checkNode, Workspace, workspaceFor } from "./dijkstra.ts";
import { edgeMask } from "./filter.ts";
import type { Graph } from "./graph.ts";
import { reverseArcs } from "./reverse.ts";

const backwardSpaces = new WeakMap<Graph, Workspace>();

/**
 * Bidirectional Dijkstra: one search forward from `from` over outgoing arcs,
 * one backward from `to` over incoming arcs, each step expanding the side
 * with the smaller frontier, stopping when the two smallest keys together
 * reach the best meeting found. Exact for non-negative weights (no
 * heuristic) and settles about half the nodes a one-way search does.
 * Returns undefined when `to` cannot be reached under the mask.
 *
 * @example
 *   const path = shortestPath(graph, shanghai, rotterdam, { weights: graph.hours });
 *   path?.weight // hours
 */
export function shortestPath(
  graph: Graph,
  from: number,
  to: number,
  options: SearchOptions & { readonly backwardWorkspace?: Workspace } = {},
): PathResult | undefined {
  checkNode(graph, from);
  checkNode(graph, to);
  if (from === to) return { from, to, weight: 0, arcs: new Int32Array(0), settled: 0 };
  const w = options.weights ?? graph.lengthKm;
  const mask = options.mask ?? edgeMask(graph);
  const fw = options.workspace ?? workspaceFor(graph);
  let bw = options.backwardWorkspace ?? backwardSpaces.get(graph);
  if (bw === undefined) {
    bw = new Workspace(graph.nodeCount);
    backwardSpaces.set(graph, bw);
  }
  const { offsets, targets, sources } = graph;
  const into = reverseArcs(graph);
  const genF = fw.begin();
  const genB = bw.begin();
  const { dist: df, prevArc: pf, stamp: sf, heap: hf } = fw;
  const { dist: db, prevArc: pb, stamp: sb, heap: hb } = bw;
  sf[from] = genF;
  df[from] = 0;
  pf[from] = -1;
  hf.push(from, 0);
  sb[to] = genB;
  db[to] = 0;
  pb[to] = -1;
  hb.push(to, 0);

  let best = Number.POSITIVE_INFINITY;
  let meet = -1; // the arc joining the two halves of the best path
  let settled = 0;
  while (hf.size > 0 && hb.size > 0) {
    if (hf.peekKey()! + hb.peekKey()! >= best) break;
    settled++;
    if (hf.size <= hb.size) {
      const u = hf.pop();
      const du = df[u]!;
      for (let a = offsets[u]!, end = offsets[u + 1]!; a < end; a++) {
        if (mask[a] === 0) continue;
        const v = targets[a]!;
        const nd = du + w[a]!;
        if (sf[v] !== genF) {
          sf[v] = genF;
          df[v] = nd;
          pf[v] = a;
          hf.push(v, nd);
        } else if (nd < df[v]!) {
          df[v] = nd;
          pf[v] = a;
          hf.decrease(v, nd);
        }
        if (sb[v] === genB && nd + db[v]! < best) {
          best = nd + db[v]!;
          meet = a;
        }
      }
    } else {
      const v = hb.pop();
      const dv = db[v]!;
      for (let i = into.offsets[v]!, end = into.offsets[v + 1]!; i < end; i++) {
        const a = into.arcs[i]!;
        if (mask[a] === 0) continue;
        const u = sources[a]!;
        const nd = dv + w[a]!;
        if (sb[u] !== genB) {
          sb[u] = genB;
          db[u] = nd;
          pb[u] = a;
          hb.push(u, nd);
        } else if (nd < db[u]!) {
          db[u] = nd;
          pb[u] = a;
          hb.decrease(u, nd);
        }
        if (sf[u] === genF && nd + df[u]! < best) {
          best = nd + df[u]!;
          meet = a;
        }
      }
    }
  }
  if (meet < 0) return undefined;
  return { from, to, weight: best, arcs: joinHalves(graph, fw.prevArc, bw.prevArc, from, to, meet), settled };
}

/** Forward chain to the meeting arc's source, the arc, then the backward chain to `to`. */
function joinHalves(graph: Graph, pf: Int32Array, pb: Int32Array, from: number, to: number, meet: number): Int32Array {
  const head: number[] = [];
  for (let u = graph.sources[meet]!; u !== from; u = graph.sources[pf[u]!]!) head.push(pf[u]!);
  head.reverse().push(meet);
  for (let v = graph.targets[meet]!; v !== to; v = graph.targets[pb[v]!]!) head.push(pb[v]!);
  return Int32Array.from(head);
}
