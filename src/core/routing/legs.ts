import type { Mode } from "./codes.ts";
import type { PathResult } from "./dijkstra.ts";
import type { Graph } from "./graph.ts";
import { arcMode, arcPassage, nodeLabel } from "./graph.ts";

/**
 * A stretch of a route in one mode.
 *
 * @example
 *   { mode: "sea", from: 12, to: 4410, fromLabel: "Shanghai", distanceKm: 19_770, hours: 771, passages: ["malacca", "suez"] }
 */
export interface Leg {
  readonly mode: Mode;
  readonly from: number;
  readonly to: number;
  readonly fromLabel?: string;
  readonly toLabel?: string;
  readonly distanceKm: number;
  readonly hours: number;
  /** Passages on this leg, in order, each once. */
  readonly passages: readonly string[];
  /** The leg's arcs are the path's arcs `arcStart .. arcEnd - 1`. */
  readonly arcStart: number;
  readonly arcEnd: number;
}

/**
 * A path with its totals and legs.
 *
 * @example
 *   const route = describePath(graph, path);
 *   route.distanceKm / KM_PER_NM // nautical miles
 */
export interface RouteSummary extends PathResult {
  readonly distanceKm: number;
  readonly hours: number;
  readonly legs: readonly Leg[];
  /** Every passage on the route, in order, each once. */
  readonly passages: readonly string[];
}

/**
 * Groups a path's arcs into legs, starting a new leg where the mode changes. A leg that takes no distance and no time
 * (a city's link to its own road gate) is left out: it is modelling, not a step of the journey.
 *
 * @example
 *   toLegs(graph, path).map((leg) => leg.mode) // ["rail", "transfer", "sea"]
 */
export function toLegs(graph: Graph, path: PathResult): Leg[] {
  const legs: Leg[] = [];
  let start = 0;
  for (let i = 1; i <= path.arcs.length; i++) {
    const arc = path.arcs[i];
    if (arc !== undefined && graph.mode[arc] === graph.mode[path.arcs[start]!]) continue;
    const leg = makeLeg(graph, path.arcs.subarray(start, i), start);
    if (leg.distanceKm > 0 || leg.hours > 0) legs.push(leg);
    start = i;
  }
  return legs;
}

/**
 * Totals, legs and passages of a path.
 *
 * @example
 *   describePath(graph, shortestPath(graph, a, b)!).passages // ["malacca", "suez"]
 */
export function describePath(graph: Graph, path: PathResult): RouteSummary {
  const legs = toLegs(graph, path);
  let distanceKm = 0;
  let hours = 0;
  for (const leg of legs) {
    distanceKm += leg.distanceKm;
    hours += leg.hours;
  }
  return { ...path, distanceKm, hours, legs, passages: unique(legs.flatMap((leg) => leg.passages)) };
}

function makeLeg(graph: Graph, arcs: Int32Array, arcStart: number): Leg {
  const from = graph.sources[arcs[0]!]!;
  const to = graph.targets[arcs[arcs.length - 1]!]!;
  let distanceKm = 0;
  let hours = 0;
  const passages: string[] = [];
  for (const arc of arcs) {
    distanceKm += graph.lengthKm[arc]!;
    hours += graph.hours[arc]!;
    const passage = arcPassage(graph, arc);
    if (passage !== undefined && passages[passages.length - 1] !== passage) passages.push(passage);
  }
  const fromLabel = nodeLabel(graph, from);
  const toLabel = nodeLabel(graph, to);
  return {
    mode: arcMode(graph, arcs[0]!),
    from,
    to,
    ...(fromLabel === undefined ? {} : { fromLabel }),
    ...(toLabel === undefined ? {} : { toLabel }),
    distanceKm,
    hours,
    passages: unique(passages),
    arcStart,
    arcEnd: arcStart + arcs.length,
  };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
