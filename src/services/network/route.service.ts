import { AppError } from "../../core/errors.ts";
import type {
  Assumption,
  EdgeMask,
  Graph,
  Mode,
  Objective,
  ObjectiveFactors,
  RouteFilter,
  RouteResult,
} from "../../core/routing/index.ts";
import {
  arcWeights,
  buildRouteResult,
  describePath,
  edgeMask,
  MODES,
  pathGeometry,
  RoutingError,
  resolveEndpoint,
  resolveProject,
  shortestPath,
} from "../../core/routing/index.ts";

/**
 * What a route may use: `sea` and `rail` allow road only to and from the two
 * endpoints (first and last mile); `road` is road only; `multimodal` anything.
 *
 * @example
 *   ROUTE_MODES.includes("rail") // true
 */
export const ROUTE_MODES = ["multimodal", "sea", "rail", "road"] as const;
/** A route mode. @example const m: RouteMode = "sea"; */
export type RouteMode = (typeof ROUTE_MODES)[number];

const MODE_SETS: Record<RouteMode, readonly Mode[]> = {
  multimodal: MODES,
  sea: ["sea", "transfer", "road"],
  rail: ["rail", "transfer", "road"],
  road: ["road"],
};

/**
 * A route request, as the CLI and the API take it.
 *
 * @example
 *   { from: "Xi'an", to: "Duisburg", mode: "rail", optimize: "time" }
 */
export interface RouteRequest {
  readonly from: string;
  readonly to: string;
  readonly mode?: RouteMode;
  readonly optimize?: Objective;
  /** Passage ids (suez, panama, …) and ISO country codes to avoid. */
  readonly avoid?: readonly string[];
  /** Projects (id or name) switched off. */
  readonly without?: readonly string[];
  /** Projects (id or name) switched on, planned or passenger-only ones included. */
  readonly with?: readonly string[];
  /** Vessel class id (default: the network's default, a ship too large for Panama). */
  readonly vessel?: string;
}

/**
 * Resolves a request's projects, avoidances and vessel into a filter, plus
 * the assumptions they add. Shared by routes and what-ifs.
 *
 * @example
 *   scenarioFilter(graph, { without: ["China–Laos Railway"] }).filter.disableProjects // ["china-laos-railway", ...]
 */
export function scenarioFilter(
  graph: Graph,
  request: Pick<RouteRequest, "avoid" | "without" | "with" | "vessel" | "mode">,
): { filter: RouteFilter; assumptions: Assumption[]; warnings: string[]; vessel?: string } {
  const net = graph.meta.network;
  const warnings: string[] = [];
  const assumptions: Assumption[] = [];
  const on = (request.with ?? []).map((q) => resolveProject(graph, q));
  const off = (request.without ?? []).map((q) => resolveProject(graph, q));
  for (const p of [...on, ...off]) if (!p.inNetwork) warnings.push(`project ${p.id} built no link of the network`);
  const enable = on.filter((p) => p.inNetwork).map((p) => p.id);
  const passenger = (net?.passengerProjects ?? []).filter(
    (p) => !enable.includes(p) && graph.meta.projects.includes(p),
  );
  const disable = [...new Set([...off.filter((p) => p.inNetwork).map((p) => p.id), ...passenger])];
  const passages = new Set(graph.meta.passages.map((p) => p.id));
  const avoidPassages: string[] = [];
  const avoidCountries: string[] = [];
  for (const item of request.avoid ?? []) {
    const id = item
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_");
    if (passages.has(id)) avoidPassages.push(id);
    else if (/^[A-Za-z]{3}$/.test(item.trim())) avoidCountries.push(item.trim().toUpperCase());
    else
      throw new RoutingError("unknown_passage", `cannot avoid "${item}": not a passage or an ISO alpha-3 country`, {
        value: item,
      });
  }
  let vesselId: string | undefined;
  if (net !== undefined && (request.mode === undefined || request.mode === "sea" || request.mode === "multimodal")) {
    vesselId = request.vessel ?? net.defaultVessel;
    const vessel = net.vessels.find((v) => v.id === vesselId);
    if (vessel === undefined)
      throw new RoutingError("unknown_vessel", `unknown vessel "${vesselId}"`, {
        vessels: net.vessels.map((v) => v.id),
      });
    for (const p of vessel.closedPassages) if (!avoidPassages.includes(p)) avoidPassages.push(p);
    assumptions.push({
      name: "vessel",
      value: `${vessel.name}, ${vessel.teu} TEU, ${vessel.lengthM} × ${vessel.beamM} m, draught ${vessel.draughtM} m${vessel.closedPassages.length > 0 ? `; too large for ${vessel.closedPassages.join(", ")}` : ""}`,
      source: vessel.source,
    });
  }
  if (passenger.length > 0)
    assumptions.push({
      name: "passenger-only lines left out of freight routes",
      value: passenger.join(", "),
      source: "data/network/rail.json (freight: false)",
    });
  return {
    filter: {
      ...(avoidPassages.length > 0 ? { avoidPassages } : {}),
      ...(avoidCountries.length > 0 ? { avoidCountries } : {}),
      ...(disable.length > 0 ? { disableProjects: disable } : {}),
      ...(enable.length > 0 ? { enableProjects: enable } : {}),
    },
    assumptions,
    warnings,
    ...(vesselId === undefined ? {} : { vessel: vesselId }),
  };
}

/**
 * Per-mode factors for the cost (USD per TEU-km) and CO₂ (kg per TEU-km) objectives.
 *
 * @example
 *   arcWeights(graph, "co2", objectiveFactors(graph))
 */
export function objectiveFactors(graph: Graph): ObjectiveFactors {
  const net = graph.meta.network;
  if (net === undefined) return {};
  const tonnes = net.tonnesPerTeu.value;
  return {
    costPerKm: Object.fromEntries(MODES.map((m) => [m, net.costPerTeuKm[m]?.value ?? 0])),
    co2PerKm: Object.fromEntries(MODES.map((m) => [m, (net.co2PerTonneKm[m]?.value ?? 0) * tonnes])),
  };
}

const cityArcsCache = new WeakMap<Graph, { out: Int32Array; into: Int32Array }>();

/** Arcs leaving and entering city nodes (cities are never passed through in sea and rail modes). */
function cityArcs(graph: Graph): { out: Int32Array; into: Int32Array } {
  let hit = cityArcsCache.get(graph);
  if (hit !== undefined) return hit;
  const city = 1; // NODE_KINDS.indexOf("city")
  const out: number[] = [];
  const into: number[] = [];
  for (let a = 0; a < graph.arcCount; a++) {
    if (graph.nodeKind[graph.sources[a]!] === city) out.push(a);
    if (graph.nodeKind[graph.targets[a]!] === city) into.push(a);
  }
  hit = { out: Int32Array.from(out), into: Int32Array.from(into) };
  cityArcsCache.set(graph, hit);
  return hit;
}

/** Node kinds a first or last mile may lead to in each mode (codes of NODE_KINDS). */
const ACCESS_KINDS: Partial<Record<RouteMode, ReadonlySet<number>>> = {
  rail: new Set([3, 4, 5]), // rail_terminal, dry_port, border_crossing
  sea: new Set([2]), // port
};

/**
 * The arcs a query may use: the filter's mask, and in sea and rail modes no
 * passing through cities: road serves only the first and last mile, from the
 * origin city to its nearest station (or port) and from the nearest one to
 * the destination city (access links within 1.25 × the shortest + 50 km).
 *
 * @example
 *   routeMask(graph, filter, "rail", from, to)
 */
export function routeMask(graph: Graph, filter: RouteFilter, mode: RouteMode, from: number, to: number): EdgeMask {
  const mask = edgeMask(graph, { ...filter, modes: MODE_SETS[mode] });
  const kinds = ACCESS_KINDS[mode];
  if (kinds === undefined) return mask;
  const copy = mask.slice();
  const { out, into } = cityArcs(graph);
  for (const a of out) if (graph.sources[a] !== from) copy[a] = 0;
  for (const a of into) if (graph.targets[a] !== to) copy[a] = 0;
  const firstMile = (arcs: Int32Array, end: number, side: Int32Array, other: Int32Array) => {
    const candidates: number[] = [];
    for (const a of arcs) {
      if (side[a] !== end || copy[a] === 0) continue;
      if (kinds.has(graph.nodeKind[other[a]!]!)) candidates.push(a);
      else copy[a] = 0; // city to city: not a first mile
    }
    const shortest = Math.min(...candidates.map((a) => graph.lengthKm[a]!));
    for (const a of candidates) if (graph.lengthKm[a]! > shortest * 1.25 + 50) copy[a] = 0;
  };
  firstMile(out, from, graph.sources, graph.targets);
  firstMile(into, to, graph.targets, graph.sources);
  return copy;
}

/**
 * Plans a route: resolves the endpoints and projects, builds the filter
 * (mode, avoidances, vessel, projects), finds the best path for the
 * objective and returns the result JSON. Throws RoutingError for unknown
 * places, projects, passages or vessels, and "no_route" when nothing connects.
 *
 * @example
 *   planRoute(graph, { from: "Shanghai", to: "Rotterdam", mode: "sea", avoid: ["suez"] }).passages
 */
export function planRoute(graph: Graph, request: RouteRequest): RouteResult & { warnings: string[] } {
  const mode = request.mode ?? "multimodal";
  const objective = request.optimize ?? "time";
  const from = resolveEndpoint(graph, request.from);
  const to = resolveEndpoint(graph, request.to);
  const { filter, assumptions, warnings, vessel } = scenarioFilter(graph, { ...request, mode });
  const mask = routeMask(graph, filter, mode, from.node, to.node);
  const path = shortestPath(graph, from.node, to.node, {
    weights: arcWeights(graph, objective, objectiveFactors(graph)),
    mask,
  });
  if (path === undefined || (path.arcs.length === 0 && from.node !== to.node))
    throw new RoutingError(
      "no_route",
      `no ${mode} route from ${request.from} to ${request.to} under these constraints`,
      {
        from: request.from,
        to: request.to,
        mode,
      },
    );
  const route = { ...describePath(graph, path), objective, geometry: pathGeometry(graph, path.arcs) };
  const result = buildRouteResult(graph, route, {
    from,
    to,
    mode,
    ...(vessel === undefined ? {} : { vessel }),
    extraAssumptions: assumptions,
  });
  return { ...result, warnings };
}

/**
 * A RoutingError as the AppError the CLI and HTTP edges map (unknown names and
 * bad options are the user's: 400; no route: 404).
 *
 * @example
 *   try { planRoute(graph, request) } catch (e) { throw asAppError(e) }
 */
export function asAppError(error: unknown): unknown {
  if (!(error instanceof RoutingError)) return error;
  const code =
    error.code === "no_route" ? "not_found" : error.code.startsWith("unknown_") ? "invalid_request" : "internal";
  return new AppError(code, error.message, { reason: error.code, ...error.details }, { cause: error });
}
