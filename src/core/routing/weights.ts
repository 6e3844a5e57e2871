import type { Mode, Objective } from "./codes.ts";
import { MODES } from "./codes.ts";
import { RoutingError } from "./errors.ts";
import type { Graph } from "./graph.ts";

/**
 * A value per mode; a mode left out counts as 0.
 *
 * @example
 *   const co2PerKm: PerMode = { sea: 0.0154, rail: 0.0316 };
 */
export type PerMode = Readonly<Partial<Record<Mode, number>>>;

/**
 * Factors for the cost and CO₂ objectives. The core knows no prices or
 * emission factors: the caller passes them (each with its source, kept in data).
 * Units are the caller's (e.g. USD per TEU-km, kg CO₂ per TEU-km).
 *
 * @example
 *   const factors: ObjectiveFactors = {
 *     costPerKm: { sea: 0.12, rail: 0.6 }, costPerHour: { transfer: 20 },
 *     co2PerKm: { sea: 0.0154, rail: 0.0316 },
 *   };
 */
export interface ObjectiveFactors {
  readonly costPerKm?: PerMode;
  /** Time-based cost (handling, dwell, value of time). */
  readonly costPerHour?: PerMode;
  readonly co2PerKm?: PerMode;
}

const cache = new WeakMap<Graph, Map<string, Float64Array>>();

/**
 * The weight of every arc for an objective: hours for time, km for distance,
 * `costPerKm·km + costPerHour·h` for cost, `co2PerKm·km` for CO₂. Time and
 * distance return the graph's own arrays (no copy); others are cached per graph.
 * Throws RoutingError "missing_factors" when cost or CO₂ is asked without factors.
 *
 * @example
 *   const weights = arcWeights(graph, "co2", { co2PerKm: { sea: 0.0154 } });
 *   shortestPath(graph, from, to, { weights });
 */
export function arcWeights(graph: Graph, objective: Objective, factors: ObjectiveFactors = {}): Float64Array {
  if (objective === "time") return graph.hours;
  if (objective === "distance") return graph.lengthKm;
  const perKm = objective === "cost" ? factors.costPerKm : factors.co2PerKm;
  const perHour = objective === "cost" ? factors.costPerHour : undefined;
  if (perKm === undefined && perHour === undefined) {
    throw new RoutingError("missing_factors", `the ${objective} objective needs per-mode factors`, { objective });
  }
  const key = JSON.stringify([objective, perKm, perHour]);
  let perGraph = cache.get(graph);
  if (perGraph === undefined) {
    perGraph = new Map();
    cache.set(graph, perGraph);
  }
  const hit = perGraph.get(key);
  if (hit !== undefined) return hit;

  const kmFactor = Float64Array.from(MODES, (m) => perKm?.[m] ?? 0);
  const hourFactor = Float64Array.from(MODES, (m) => perHour?.[m] ?? 0);
  const weights = new Float64Array(graph.arcCount);
  for (let a = 0; a < graph.arcCount; a++) {
    const mode = graph.mode[a]!;
    weights[a] = kmFactor[mode]! * graph.lengthKm[a]! + hourFactor[mode]! * graph.hours[a]!;
  }
  if (perGraph.size >= 16) perGraph.clear();
  perGraph.set(key, weights);
  return weights;
}
