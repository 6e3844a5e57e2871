import type { Graph } from "./graph.ts";

/**
 * A lon,lat position.
 *
 * @example
 *   const rotterdam: Position = [4.05, 51.98];
 */
export type Position = readonly [number, number];

/**
 * GeoJSON LineString (RFC 7946).
 *
 * @example
 *   { type: "LineString", coordinates: [[121.9, 30.3], [122.9, 31.3]] }
 */
export interface LineStringGeometry {
  readonly type: "LineString";
  readonly coordinates: readonly Position[];
}

/**
 * GeoJSON MultiLineString (RFC 7946).
 *
 * @example
 *   { type: "MultiLineString", coordinates: [[[170, 40], [180, 40]], [[-180, 40], [-170, 41]]] }
 */
export interface MultiLineStringGeometry {
  readonly type: "MultiLineString";
  readonly coordinates: readonly (readonly Position[])[];
}

/**
 * The positions of a path: its first arc's source, then every arc's target.
 *
 * @example
 *   pathPositions(graph, path.arcs) // [[121.9, 30.6], [122.5, 30.4], ...]
 */
export function pathPositions(graph: Graph, arcs: ArrayLike<number>): Position[] {
  if (arcs.length === 0) return [];
  const first = graph.sources[arcs[0]!]!;
  const out: Position[] = [[graph.lon[first]!, graph.lat[first]!]];
  for (let i = 0; i < arcs.length; i++) {
    const v = graph.targets[arcs[i]!]!;
    out.push([graph.lon[v]!, graph.lat[v]!]);
  }
  return out;
}

/**
 * Cuts a line where it crosses the ±180° meridian (any step longer than 180°
 * of longitude is taken the short way round), ending one part at ±180 and
 * starting the next at ∓180 at the interpolated latitude, as RFC 7946 §3.1.9
 * asks. Repeated points are dropped; parts shorter than two points too.
 *
 * @example
 *   splitAtAntimeridian([[170, 10], [-170, 20]])
 *   // [[[170, 10], [180, 15]], [[-180, 15], [-170, 20]]]
 */
export function splitAtAntimeridian(positions: readonly Position[]): Position[][] {
  const parts: Position[][] = [];
  let part: Position[] = [];
  const add = (p: Position) => {
    const last = part[part.length - 1];
    if (last === undefined || last[0] !== p[0] || last[1] !== p[1]) part.push(p);
  };
  positions.forEach((q, i) => {
    const p = positions[i - 1];
    if (p !== undefined && Math.abs(q[0] - p[0]) > 180) {
      const edge = p[0] > 0 ? 180 : -180;
      const unwrapped = q[0] + (p[0] > 0 ? 360 : -360);
      const dx = unwrapped - p[0];
      const t = dx === 0 ? 0 : (edge - p[0]) / dx;
      const lat = p[1] + t * (q[1] - p[1]);
      add([edge, lat]);
      if (part.length >= 2) parts.push(part);
      part = [];
      add([-edge, lat]);
    }
    add(q);
  });
  if (part.length >= 2) parts.push(part);
  return parts;
}

/**
 * The display geometry of a path: a LineString, or a MultiLineString when the
 * path crosses the antimeridian (so maps do not draw a line across the world).
 *
 * @example
 *   pathGeometry(graph, path.arcs).type // "MultiLineString" for Shanghai → Los Angeles
 */
export function pathGeometry(graph: Graph, arcs: ArrayLike<number>): LineStringGeometry | MultiLineStringGeometry {
  const parts = splitAtAntimeridian(pathPositions(graph, arcs));
  if (parts.length === 1) return { type: "LineString", coordinates: parts[0]! };
  return { type: "MultiLineString", coordinates: parts };
}
