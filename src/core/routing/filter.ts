import type { Mode, Status } from "./codes.ts";
import { MODES, modeCode, NO_PROJECT, statusCode } from "./codes.ts";
import { RoutingError } from "./errors.ts";
import type { Graph } from "./graph.ts";

/**
 * Which arcs a query may use. Everything is optional; the empty filter means
 * existing links of every mode, every passage except those closed by default.
 *
 * @example
 *   const filter: RouteFilter = { avoidPassages: ["suez"], denyModes: ["road"] };
 */
export interface RouteFilter {
  /** Modes allowed (default: all). */
  readonly modes?: readonly Mode[];
  /** Modes denied, applied after `modes`. */
  readonly denyModes?: readonly Mode[];
  readonly avoidPassages?: readonly string[];
  /** Passages closed by default (the Arctic routes) to open for this query. */
  readonly openPassages?: readonly string[];
  /** ISO alpha-3 codes: arcs touching a node in one of these countries are not used. */
  readonly avoidCountries?: readonly string[];
  /** Link statuses usable (default: ["existing"]). */
  readonly statuses?: readonly Status[];
  /** Projects whose links are switched off, whatever their status. */
  readonly disableProjects?: readonly string[];
  /** Projects whose links are switched on, whatever their status (what-if). */
  readonly enableProjects?: readonly string[];
}

/**
 * Per-arc usability: 1 = the arc may be used. Shared and cached: never write to it.
 *
 * @example
 *   if (mask[arc] === 1) useArc(arc);
 */
export type EdgeMask = Uint8Array;

const MAX_CACHED = 32;
const cache = new WeakMap<Graph, Map<string, EdgeMask>>();

/**
 * The arc mask of a filter, computed in one O(arcs) pass and cached per graph
 * (the last 32 filters), so the graph itself never changes per query.
 * Throws RoutingError for an unknown mode, status, passage or project.
 *
 * @example
 *   const mask = edgeMask(graph, { avoidPassages: ["suez"] });
 *   shortestPath(graph, from, to, { mask });
 */
export function edgeMask(graph: Graph, filter: RouteFilter = {}): EdgeMask {
  const key = JSON.stringify(filter);
  let perGraph = cache.get(graph);
  if (perGraph === undefined) {
    perGraph = new Map();
    cache.set(graph, perGraph);
  }
  const hit = perGraph.get(key);
  if (hit !== undefined) return hit;
  const mask = computeMask(graph, filter);
  if (perGraph.size >= MAX_CACHED) perGraph.delete(perGraph.keys().next().value as string);
  perGraph.set(key, mask);
  return mask;
}

function computeMask(graph: Graph, filter: RouteFilter): EdgeMask {
  const modeOk = new Uint8Array(MODES.length);
  for (const mode of filter.modes ?? MODES) modeOk[code(modeCode(mode), "unknown_mode", mode)] = 1;
  for (const mode of filter.denyModes ?? []) modeOk[code(modeCode(mode), "unknown_mode", mode)] = 0;

  const statusOk = new Uint8Array(8);
  for (const status of filter.statuses ?? ["existing"])
    statusOk[code(statusCode(status), "unknown_status", status)] = 1;

  const { passages, projects, countries } = graph.meta;
  const passageOk = new Uint8Array(256).fill(1);
  passages.forEach((p, i) => {
    if (p.closedByDefault) passageOk[i + 1] = 0;
  });
  const passageIndex = (id: string) =>
    code(
      passages.findIndex((p) => p.id === id),
      "unknown_passage",
      id,
    ) + 1;
  for (const id of filter.openPassages ?? []) passageOk[passageIndex(id)] = 1;
  for (const id of filter.avoidPassages ?? []) passageOk[passageIndex(id)] = 0;

  // -1 = follow status, 0 = off, 1 = on; slot 0 is "no project".
  const projectRule = new Int8Array(projects.length + 1).fill(-1);
  const projectIndex = (id: string) => code(projects.indexOf(id), "unknown_project", id) + 1;
  for (const id of filter.enableProjects ?? []) projectRule[projectIndex(id)] = 1;
  for (const id of filter.disableProjects ?? []) projectRule[projectIndex(id)] = 0;

  const countryAvoided = new Uint8Array(countries.length);
  for (const iso of filter.avoidCountries ?? []) {
    const i = countries.indexOf(iso);
    if (i > 0) countryAvoided[i] = 1; // a country with no node constrains nothing
  }
  const anyCountry = countryAvoided.includes(1);

  const { mode, status, passage, project, sources, targets, nodeCountry } = graph;
  const mask = new Uint8Array(graph.arcCount);
  for (let a = 0; a < graph.arcCount; a++) {
    if (modeOk[mode[a]!] === 0 || passageOk[passage[a]!] === 0) continue;
    const rule = projectRule[project[a]! - NO_PROJECT]!;
    if (rule === 0 || (rule === -1 && statusOk[status[a]!] === 0)) continue;
    if (
      anyCountry &&
      (countryAvoided[nodeCountry[sources[a]!]!] === 1 || countryAvoided[nodeCountry[targets[a]!]!] === 1)
    ) {
      continue;
    }
    mask[a] = 1;
  }
  return mask;
}

function code(
  index: number,
  error: "unknown_mode" | "unknown_status" | "unknown_passage" | "unknown_project",
  value: string,
): number {
  if (index < 0) throw new RoutingError(error, `${error.replace("unknown_", "unknown ")}: ${value}`, { value });
  return index;
}
