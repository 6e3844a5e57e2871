import { shortestPath } from "./bidirectional.ts";
import type { Objective } from "./codes.ts";
import type { Workspace } from "./dijkstra.ts";
import type { RouteFilter } from "./filter.ts";
import { edgeMask } from "./filter.ts";
import type { LineStringGeometry, MultiLineStringGeometry } from "./geometry.ts";
import { pathGeometry } from "./geometry.ts";
import type { Graph } from "./graph.ts";
import type { RouteSummary } from "./legs.ts";
import { describePath } from "./legs.ts";
import type { ObjectiveFactors } from "./weights.ts";
import { arcWeights } from "./weights.ts";

/**
 * What to optimise and which arcs may be used.
 *
 * @example
 *   { objective: "time", filter: { avoidPassages: ["suez"], denyModes: ["road"] } }
 */
export interface RouteOptions {
  /** Default "distance". */
  readonly objective?: Objective;
  readonly filter?: RouteFilter;
  /** Needed for the cost and CO₂ objectives. */
  readonly factors?: ObjectiveFactors;
  readonly workspace?: Workspace;
}

/**
 * A route: the path, its totals and legs, and a display geometry.
 *
 * @example
 *   route(graph, a, b)?.geometry // GeoJSON for the map
 */
export interface Route extends RouteSummary {
  readonly objective: Objective;
  readonly geometry: LineStringGeometry | MultiLineStringGeometry;
}

/**
 * The best route between two nodes for an objective under a filter, or
 * undefined when the filter leaves no way through.
 *
 * @example
 *   const r = route(graph, shanghai, rotterdam, { objective: "time", filter: { avoidPassages: ["suez"] } });
 *   r?.passages // ["malacca", "cape_of_good_hope"]
 */
export function route(graph: Graph, from: number, to: number, options: RouteOptions = {}): Route | undefined {
  const objective = options.objective ?? "distance";
  const path = shortestPath(graph, from, to, {
    weights: arcWeights(graph, objective, options.factors),
    mask: edgeMask(graph, options.filter),
    ...(options.workspace === undefined ? {} : { workspace: options.workspace }),
  });
  if (path === undefined) return undefined;
  return { ...describePath(graph, path), objective, geometry: pathGeometry(graph, path.arcs) };
}
