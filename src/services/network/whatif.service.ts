import type { Graph, Place, WhatIfCity, WhatIfSummary } from "../../core/routing/index.ts";
import { edgeMask, haversineKm, oneToAll, summariseWhatIf } from "../../core/routing/index.ts";
import { MatrixPool } from "./matrix-pool.ts";
import { scenarioFilter } from "./route.service.ts";

/**
 * A what-if: projects switched off and on, over how many cities.
 *
 * @example
 *   { without: ["China–Laos Railway"], cities: 1000 }
 */
export interface WhatIfRequest {
  readonly without?: readonly string[];
  readonly with?: readonly string[];
  /** Cities in the matrix (default 1,000; at least one per country, then the most populous). */
  readonly cities?: number;
  readonly workers?: number;
}

/**
 * How a project's end cities fare: time between them and to their nearest seaport, base and scenario.
 *
 * @example
 *   { project: "china-laos-railway", from: "Vientiane", to: "Kunming", baseHours: 26.8, scenarioHours: 35.4, ... }
 */
export interface Spotlight {
  readonly project: string;
  readonly from: string;
  readonly to: string;
  readonly baseHours: number;
  readonly scenarioHours: number;
  readonly nearestSeaport: { readonly port: string; readonly baseHours: number; readonly scenarioHours: number } | null;
}

/**
 * The what-if result (CLI `--json`, API).
 *
 * @example
 *   result.summary.world.changePct
 */
export interface WhatIfResult {
  readonly scenario: { readonly without: readonly string[]; readonly with: readonly string[] };
  readonly summary: WhatIfSummary;
  readonly spotlights: readonly Spotlight[];
  readonly warnings: readonly string[];
  readonly seconds: number;
  readonly method: string;
}

/**
 * The cities of a what-if: the most populous city of every country in the
 * network, then the most populous others, `count` in all.
 *
 * @example
 *   whatIfCities(graph, 1000).length // 1000
 */
export function whatIfCities(graph: Graph, count: number): Place[] {
  const cities = (graph.meta.network?.places ?? [])
    .filter((p) => p.kind === "city")
    .sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
  const chosen: Place[] = [];
  const countries = new Set<string>();
  for (const c of cities)
    if (!countries.has(c.country)) {
      countries.add(c.country);
      chosen.push(c);
    }
  for (const c of cities) {
    if (chosen.length >= count) break;
    if (!chosen.includes(c)) chosen.push(c);
  }
  return chosen.slice(0, Math.max(count, countries.size));
}

/**
 * Projects that built links in use today (an existing link carries their id):
 * what "the whole Belt and Road project set" switches off.
 *
 * @example
 *   builtProjects(graph) // ["china-laos-railway", "mombasa-nairobi-sgr", ...]
 */
export function builtProjects(graph: Graph): string[] {
  const used = new Set<number>();
  for (let a = 0; a < graph.arcCount; a++)
    if (graph.project[a]! >= 0 && graph.status[a] === 0) used.add(graph.project[a]!);
  const passenger = new Set(graph.meta.network?.passengerProjects ?? []);
  return [...used].map((p) => graph.meta.projects[p]!).filter((p) => !passenger.has(p));
}

/**
 * Runs a what-if: shipment times (multimodal, fastest) between the chosen
 * cities in the base network and in the scenario, over worker threads, and
 * summarises the change for the world, Belt and Road partner economies,
 * corridor economies and each country (de Soyres et al.'s grouping), with
 * spotlights on each switched project's end cities.
 *
 * @example
 *   const r = await runWhatIf(graph, bytes, { without: ["china-laos-railway"] }, (done, total) => bar.update(done / total));
 */
export async function runWhatIf(
  graph: Graph,
  artifact: Uint8Array,
  request: WhatIfRequest,
  onProgress?: (done: number, total: number) => void,
): Promise<WhatIfResult> {
  const start = performance.now();
  const base = scenarioFilter(graph, {});
  const scenario = scenarioFilter(graph, { without: request.without ?? [], with: request.with ?? [] });
  const places = whatIfCities(graph, request.cities ?? 1000);
  const nodes = Int32Array.from(places, (p) => p.node);
  const pool = await MatrixPool.start(artifact, request.workers ?? 2);
  let baseTimes: Float64Array;
  let scenarioTimes: Float64Array;
  try {
    const total = 2 * nodes.length;
    baseTimes = await pool.matrix(nodes, nodes, { objective: "time", filter: base.filter }, (d) =>
      onProgress?.(d, total),
    );
    scenarioTimes = await pool.matrix(nodes, nodes, { objective: "time", filter: scenario.filter }, (d) =>
      onProgress?.(nodes.length + d, total),
    );
  } finally {
    await pool.close();
  }
  const net = graph.meta.network;
  const cities: WhatIfCity[] = places.map((p) => ({ node: p.node, name: p.name, country: p.country }));
  const summary = summariseWhatIf(baseTimes, scenarioTimes, cities, {
    bri: new Set(net?.briCountries ?? []),
    corridor: new Set(net?.corridorCountries ?? []),
  });
  const switched = [...(scenario.filter.disableProjects ?? []), ...(scenario.filter.enableProjects ?? [])].filter(
    (p) => !(net?.passengerProjects ?? []).includes(p) || (request.with ?? []).length > 0,
  );
  return {
    scenario: {
      without: (scenario.filter.disableProjects ?? []).filter((p) => !(net?.passengerProjects ?? []).includes(p)),
      with: scenario.filter.enableProjects ?? [],
    },
    summary,
    spotlights: switched.flatMap((p) => spotlight(graph, p, base.filter, scenario.filter)),
    warnings: scenario.warnings,
    seconds: (performance.now() - start) / 1000,
    method:
      "Fastest multimodal shipment time (hours) between every ordered pair of cities, base network vs scenario; " +
      "changePct is the mean over pairs of (scenario − base) / base, grouped by the origin city's country " +
      "(world, Belt and Road partner economies, corridor economies, each country), after de Soyres et al. (2020). " +
      "effectPct is (base − scenario) / scenario: the effect of the switched-off projects, comparable with the published ranges.",
  };
}

/** The project's end cities (nearest city to each end station): time between them and to the nearest seaport. */
function spotlight(
  graph: Graph,
  project: string,
  baseFilter: Parameters<typeof edgeMask>[1],
  scenarioFilter: Parameters<typeof edgeMask>[1],
): Spotlight[] {
  const p = graph.meta.projects.indexOf(project);
  if (p < 0) return [];
  const degree = new Map<number, number>();
  for (let a = 0; a < graph.arcCount; a++)
    if (graph.project[a] === p) degree.set(graph.sources[a]!, (degree.get(graph.sources[a]!) ?? 0) + 1);
  const ends = [...degree].filter(([, d]) => d === 1).map(([v]) => v);
  if (ends.length < 2) return [];
  const places = graph.meta.network?.places ?? [];
  const cities = places.filter((c) => c.kind === "city");
  const nearestCity = (v: number) => {
    let best: Place | undefined;
    let bestKm = 60;
    for (const c of cities) {
      const km = haversineKm(graph.lon[v]!, graph.lat[v]!, graph.lon[c.node]!, graph.lat[c.node]!);
      if (km < bestKm) {
        best = c;
        bestKm = km;
      }
    }
    return best;
  };
  const [a, b] = [nearestCity(ends[0]!), nearestCity(ends[ends.length - 1]!)];
  if (a === undefined || b === undefined || a.node === b.node) return [];
  const ports = places.filter((x) => x.kind === "port");
  const out: Spotlight[] = [];
  for (const [from, to] of [
    [b, a],
    [a, b],
  ] as const) {
    const baseDist = oneToAll(graph, from.node, { weights: graph.hours, mask: edgeMask(graph, baseFilter) });
    const scenarioDist = oneToAll(graph, from.node, { weights: graph.hours, mask: edgeMask(graph, scenarioFilter) });
    let port: Place | undefined;
    for (const x of ports) if (port === undefined || baseDist[x.node]! < baseDist[port.node]!) port = x;
    out.push({
      project,
      from: from.name,
      to: to.name,
      baseHours: baseDist[to.node]!,
      scenarioHours: scenarioDist[to.node]!,
      nearestSeaport:
        port === undefined
          ? null
          : { port: port.name, baseHours: baseDist[port.node]!, scenarioHours: scenarioDist[port.node]! },
    });
  }
  return out;
}
