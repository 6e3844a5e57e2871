import KDBush from "kdbush";
import { geodesicKm } from "./geodesic.ts";
import type { LaneLink } from "./lane-topology.ts";

/**
 * Connected components of an undirected graph: a label per node (0 = the
 * largest component) and each component's size, largest first.
 *
 * @example
 *   componentsOf(3, [{ from: 0, to: 1, kind: "lane" }]) // { label: [0, 0, 1], sizes: [2, 1] }
 */
export function componentsOf(nodeCount: number, links: readonly LaneLink[]): { label: Int32Array; sizes: number[] } {
  const adjacency: number[][] = Array.from({ length: nodeCount }, () => []);
  for (const { from, to } of links) {
    adjacency[from]!.push(to);
    adjacency[to]!.push(from);
  }
  const raw = new Int32Array(nodeCount).fill(-1);
  const rawSizes: number[] = [];
  for (let s = 0; s < nodeCount; s++) {
    if (raw[s] !== -1) continue;
    const c = rawSizes.length;
    const stack = [s];
    raw[s] = c;
    let size = 0;
    while (stack.length > 0) {
      const u = stack.pop()!;
      size++;
      for (const v of adjacency[u]!) {
        if (raw[v] !== -1) continue;
        raw[v] = c;
        stack.push(v);
      }
    }
    rawSizes.push(size);
  }
  const order = rawSizes.map((_, c) => c).sort((a, b) => rawSizes[b]! - rawSizes[a]! || a - b);
  const rank = new Int32Array(order.length);
  order.forEach((c, r) => (rank[c] = r));
  return { label: raw.map((c) => rank[c]!), sizes: order.map((c) => rawSizes[c]!) };
}

/**
 * A link added to join a fragment to the rest.
 *
 * @example
 *   { from: 4410, to: 120, km: 7.2 }
 */
export interface Connector {
  readonly from: number;
  readonly to: number;
  readonly km: number;
}

/**
 * What `connectFragments` did.
 *
 * @example
 *   { before: 116, largest: 5584, connected: 89, connectors: [...], dropped: 26, droppedNodes: 88 }
 */
export interface ComponentReport {
  /** Components in the data as read (after merging near-duplicate vertices). */
  readonly before: number;
  readonly largest: number;
  /** Fragments joined to the largest component by a connector. */
  readonly connected: number;
  readonly connectors: readonly Connector[];
  /** Fragments left apart (too far from any other lane): their nodes are dropped. */
  readonly dropped: number;
  readonly droppedNodes: number;
}

/**
 * Joins each fragment (every component but the largest) to the nearest
 * vertex of the largest component within `maxKm` (geodesic), or failing that
 * to the nearest vertex of any other fragment within `maxKm`; repeats a few
 * rounds so chains of fragments reach the largest; then keeps only what is
 * connected to the largest. Vertices with no link (merged away) are ignored.
 *
 * @example
 *   const { connectors, keep, report } = connectFragments(topo.lon, topo.lat, topo.links, 50);
 */
export function connectFragments(
  lon: readonly number[],
  lat: readonly number[],
  links: readonly LaneLink[],
  maxKm: number,
): { connectors: Connector[]; keep: Uint8Array; report: ComponentReport } {
  const used = new Uint8Array(lon.length);
  for (const { from, to } of links) {
    used[from] = 1;
    used[to] = 1;
  }
  const tree = new KDBush(Math.max(1, lon.length));
  for (let i = 0; i < lon.length; i++) tree.add(lon[i]!, lat[i]!);
  if (lon.length === 0) tree.add(0, 0);
  tree.finish();

  const before = componentsOf(lon.length, links);
  const connectors: Connector[] = [];
  const withConnectors = () => [...links, ...connectors.map((c) => ({ ...c, kind: "connector" as const }))];
  for (let round = 0; round < 5; round++) {
    const { label } = componentsOf(lon.length, withConnectors());
    const found = nearestForeign(lon, lat, tree, label, used, maxKm);
    if (found.length === 0) break;
    connectors.push(...found);
  }

  const after = componentsOf(lon.length, withConnectors());
  const keep = new Uint8Array(lon.length);
  let droppedNodes = 0;
  const fragments = new Set<number>();
  const keptFragments = new Set<number>();
  for (let i = 0; i < lon.length; i++) {
    if (used[i] === 0) continue;
    const c = before.label[i]!;
    if (c !== 0) fragments.add(c);
    if (after.label[i] === 0) {
      keep[i] = 1;
      if (c !== 0) keptFragments.add(c);
    } else droppedNodes++;
  }
  const kept = connectors.filter((c) => keep[c.from] === 1);
  return {
    connectors: kept,
    keep,
    report: {
      before: fragments.size + 1,
      largest: before.sizes[0] ?? 0,
      connected: keptFragments.size,
      connectors: kept,
      dropped: fragments.size - keptFragments.size,
      droppedNodes,
    },
  };
}

/** For each component but the largest (label 0): its best link out, preferring the largest component. */
function nearestForeign(
  lon: readonly number[],
  lat: readonly number[],
  tree: KDBush,
  label: Int32Array,
  used: Uint8Array,
  maxKm: number,
): Connector[] {
  const best = new Map<number, Connector & { rank: number }>();
  const dLat = maxKm / 110;
  for (let i = 0; i < lon.length; i++) {
    const c = label[i]!;
    if (c === 0 || used[i] === 0) continue;
    const dLon = dLat / Math.max(0.01, Math.cos((Math.min(89, Math.abs(lat[i]!) + dLat) * Math.PI) / 180));
    for (const j of tree.range(lon[i]! - dLon, lat[i]! - dLat, lon[i]! + dLon, lat[i]! + dLat)) {
      if (label[j] === c || used[j] === 0) continue;
      const km = geodesicKm(lon[i]!, lat[i]!, lon[j]!, lat[j]!);
      // rank 0: into the largest component, 1: into another fragment; then shortest.
      const rank = label[j] === 0 ? 0 : 1;
      const current = best.get(c);
      if (km <= maxKm && (current === undefined || rank < current.rank || (rank === current.rank && km < current.km))) {
        best.set(c, { from: i, to: j, km, rank });
      }
    }
  }
  // Only fragments with a way out that makes progress: a pair of fragments pointing at each other once is enough.
  const out: Connector[] = [];
  const linked = new Set<string>();
  for (const [c, { from, to, km }] of best) {
    const pair = [c, label[to]!].sort((a, b) => a - b).join("-");
    if (linked.has(pair)) continue;
    linked.add(pair);
    out.push({ from, to, km });
  }
  return out;
}
