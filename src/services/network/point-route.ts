import type { Graph, Route, RouteOptions } from "../../core/routing/index.ts";
import { KM_PER_NM, route } from "../../core/routing/index.ts";
import type { Snap, Snapper } from "./snap.ts";

/**
 * A route between two lon,lat points: where each was snapped, and the length in nautical miles.
 *
 * @example
 *   const { route, from, to, distanceNm } = routeBetweenPoints(graph, snapper, a, b)!;
 */
export interface PointRoute {
  readonly route: Route;
  readonly from: Snap;
  readonly to: Snap;
  /** Length on the network (the snap gaps are not included: they are in `from` and `to`). */
  readonly distanceNm: number;
}

/**
 * Snaps both points to the network and routes between the nodes; undefined
 * when a point cannot be snapped or no route exists under the filter.
 *
 * @example
 *   const r = routeBetweenPoints(graph, snapper, [121.9, 30.6], [4.0, 51.98], { filter: { avoidPassages: ["suez"] } });
 *   r?.distanceNm // ≈ 14,400 round the Cape
 */
export function routeBetweenPoints(
  graph: Graph,
  snapper: Snapper,
  from: readonly [number, number],
  to: readonly [number, number],
  options: RouteOptions = {},
): PointRoute | undefined {
  const a = snapper.nearest(from[0], from[1]);
  const b = snapper.nearest(to[0], to[1]);
  if (a === undefined || b === undefined) return undefined;
  const found = route(graph, a.node, b.node, options);
  if (found === undefined) return undefined;
  return { route: found, from: a, to: b, distanceNm: found.distanceKm / KM_PER_NM };
}
