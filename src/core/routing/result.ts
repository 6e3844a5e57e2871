import type { Mode, Objective } from "./codes.ts";
import { KM_PER_NM, MODES } from "./codes.ts";
import type { LineStringGeometry, MultiLineStringGeometry } from "./geometry.ts";
import { pathGeometry } from "./geometry.ts";
import type { Assumption, Graph } from "./graph.ts";
import { arcMode, nodeLabel } from "./graph.ts";
import type { Endpoint } from "./places.ts";
import type { Route } from "./route.ts";

/**
 * One stretch of a route in one mode.
 *
 * @example
 *   { mode: "rail", from: "Kunming", to: "Vientiane", distanceKm: 1035, durationHours: 26.0 }
 */
export interface ResultLeg {
  readonly mode: Mode;
  readonly from: string;
  readonly to: string;
  readonly distanceKm: number;
  readonly durationHours: number;
  readonly passages?: readonly string[];
  readonly gaugeMm?: number;
  readonly projects?: readonly string[];
  /** The leg's line for the map (absent for a transfer with no length). */
  readonly geometry?: LineStringGeometry | MultiLineStringGeometry;
}

/**
 * The JSON a route query returns (CLI `--json` and `/api/v1/route`).
 *
 * @example
 *   result.distanceNm // sea part only, nautical miles
 */
export interface RouteResult {
  readonly from: EndpointJson;
  readonly to: EndpointJson;
  readonly mode: string;
  readonly objective: Objective;
  readonly vessel?: string;
  readonly distanceKm: number;
  readonly distanceNm: number;
  readonly durationHours: number;
  readonly durationDays: number;
  readonly costUsd: number;
  readonly co2Kg: number;
  readonly legs: readonly ResultLeg[];
  readonly passages: readonly string[];
  readonly borderCrossings: readonly {
    readonly from: string;
    readonly to: string;
    readonly at: string;
    readonly mode: Mode;
  }[];
  readonly gaugeChanges: readonly {
    readonly crossing: string;
    readonly gaugeFrom: number;
    readonly gaugeTo: number;
    readonly dwellHours: number;
    readonly dwellRangeHours: readonly [number, number];
  }[];
  readonly countries: readonly string[];
  readonly projects: readonly string[];
  readonly geometry: LineStringGeometry | MultiLineStringGeometry;
  readonly assumptions: readonly Assumption[];
}

/** An endpoint as the result shows it. */
export interface EndpointJson {
  readonly query: string;
  readonly name: string;
  readonly kind: string;
  readonly country: string;
  readonly node: number;
  readonly locode?: string;
  readonly distanceKm?: number;
}

/**
 * Turns a route into the result JSON: totals (distance, sea nautical miles,
 * time, cost per TEU, CO₂ per TEU), legs by mode, land border crossings,
 * gauge changes with their dwell ranges, countries in order, projects used,
 * GeoJSON, and every assumption behind the numbers with its source.
 * Plain numbers and arrays only (no typed arrays), so JSON.stringify works.
 *
 * @example
 *   JSON.stringify(buildRouteResult(graph, route, { from, to, mode: "rail" }))
 */
export function buildRouteResult(
  graph: Graph,
  route: Route,
  context: {
    readonly from: Endpoint;
    readonly to: Endpoint;
    readonly mode: string;
    readonly vessel?: string;
    readonly extraAssumptions?: readonly Assumption[];
  },
): RouteResult {
  const net = graph.meta.network;
  const arcs = Array.from(route.arcs);
  const cost = MODES.map((m) => net?.costPerTeuKm[m]?.value ?? 0);
  const co2 = MODES.map((m) => net?.co2PerTonneKm[m]?.value ?? 0);
  const tonnes = net?.tonnesPerTeu.value ?? 0;
  let costUsd = 0;
  let co2Kg = 0;
  let seaKm = 0;
  const modesUsed = new Set<Mode>();
  const borderCrossings: RouteResult["borderCrossings"][number][] = [];
  const countries: string[] = [];
  const projects: string[] = [];
  let lastCountry = "";
  const countryOf = (v: number) => graph.meta.countries[graph.nodeCountry[v]!] ?? "";
  const first = graph.sources[arcs[0] ?? 0];
  if (first !== undefined && arcs.length > 0) lastCountry = countryOf(first);
  if (lastCountry !== "") countries.push(lastCountry);
  for (const a of arcs) {
    const m = graph.mode[a]!;
    const km = graph.lengthKm[a]!;
    costUsd += km * cost[m]!;
    co2Kg += km * co2[m]! * tonnes;
    if (MODES[m] === "sea") seaKm += km;
    modesUsed.add(arcMode(graph, a));
    const p = graph.project[a]!;
    if (p >= 0 && !projects.includes(graph.meta.projects[p]!)) projects.push(graph.meta.projects[p]!);
    const c = countryOf(graph.targets[a]!);
    if (c !== "" && lastCountry !== "" && c !== lastCountry) {
      const mode = arcMode(graph, a);
      borderCrossings.push({ from: lastCountry, to: c, at: label(graph, graph.targets[a]!), mode });
      if (mode === "road") costUsd += net?.roadBorderCostUsd.value ?? 0;
    }
    if (c !== "") {
      lastCountry = c;
      if (!countries.includes(c)) countries.push(c);
    }
  }
  const crossingAt = new Map<string, NonNullable<typeof net>["crossings"][number]>();
  for (const c of net?.crossings ?? []) {
    crossingAt.set(`${c.from}>${c.to}`, c);
    crossingAt.set(`${c.to}>${c.from}`, c);
  }
  const gaugeChanges: RouteResult["gaugeChanges"][number][] = [];
  const crossingAssumptions: Assumption[] = [];
  for (const a of arcs) {
    const c = crossingAt.get(`${graph.sources[a]}>${graph.targets[a]}`);
    if (c === undefined) continue;
    crossingAssumptions.push({
      name: `${c.kind === "ferry" ? "crossing time" : "gauge-change dwell"} at ${c.name}`,
      value: graph.hours[a]!,
      unit: "h",
      source: `range ${c.dwellHours.low}–${c.dwellHours.high} h (typical ${c.dwellHours.typical} h used): ${c.sources.join("; ")}`,
    });
    if (c.kind === "ferry") continue;
    const forward = graph.sources[a] === c.from;
    gaugeChanges.push({
      crossing: c.name,
      gaugeFrom: forward ? c.gaugeFrom : c.gaugeTo,
      gaugeTo: forward ? c.gaugeTo : c.gaugeFrom,
      dwellHours: graph.hours[a]!,
      dwellRangeHours: [c.dwellHours.low, c.dwellHours.high],
    });
  }
  const lineAt = new Map<string, NonNullable<NonNullable<typeof net>["lineSpeeds"]>[number]>();
  for (const line of net?.lineSpeeds ?? [])
    for (const [u, v] of line.segments) {
      lineAt.set(`${u}>${v}`, line);
      lineAt.set(`${v}>${u}`, line);
    }
  const speedAssumptions: Assumption[] = [];
  for (const a of arcs) {
    const line = lineAt.get(`${graph.sources[a]}>${graph.targets[a]}`);
    const name = `rail freight speed on ${line?.name}`;
    if (line !== undefined && !speedAssumptions.some((x) => x.name === name))
      speedAssumptions.push({ name, value: line.kmh, unit: "km/h", source: line.source });
  }
  const legs: ResultLeg[] = route.legs.map((leg) => {
    const geometry = leg.distanceKm > 0 ? pathGeometry(graph, arcs.slice(leg.arcStart, leg.arcEnd)) : undefined;
    return {
      mode: leg.mode,
      from: leg.fromLabel ?? label(graph, leg.from),
      to: leg.toLabel ?? label(graph, leg.to),
      distanceKm: round(leg.distanceKm, 1),
      durationHours: round(leg.hours, 2),
      ...(leg.passages.length > 0 ? { passages: leg.passages } : {}),
      ...(geometry !== undefined && geometry.coordinates.length > 0 ? { geometry } : {}),
    };
  });
  annotateLegs(graph, arcs, legs);
  return {
    from: endpointJson(graph, context.from),
    to: endpointJson(graph, context.to),
    mode: context.mode,
    objective: route.objective,
    ...(context.vessel === undefined ? {} : { vessel: context.vessel }),
    distanceKm: round(route.distanceKm, 1),
    distanceNm: round(seaKm / KM_PER_NM, 1),
    durationHours: round(route.hours, 2),
    durationDays: round(route.hours / 24, 2),
    costUsd: round(costUsd, 0),
    co2Kg: round(co2Kg, 1),
    legs,
    passages: route.passages,
    borderCrossings,
    gaugeChanges,
    countries,
    projects,
    geometry: route.geometry,
    assumptions: resultAssumptions(graph, modesUsed, [
      ...(context.extraAssumptions ?? []),
      ...speedAssumptions,
      ...crossingAssumptions,
    ]),
  };
}

/** Gauge and projects per leg (rail legs may span several lines). */
function annotateLegs(graph: Graph, arcs: number[], legs: ResultLeg[]): void {
  let i = 0;
  legs.forEach((leg, k) => {
    const gauges = new Set<number>();
    const projects = new Set<string>();
    while (i < arcs.length && arcMode(graph, arcs[i]!) === leg.mode) {
      const a = arcs[i]!;
      if (graph.gauge[a]! > 0) gauges.add(graph.gauge[a]!);
      if (graph.project[a]! >= 0) projects.add(graph.meta.projects[graph.project[a]!]!);
      i++;
    }
    const extra: { gaugeMm?: number; projects?: string[] } = {};
    if (gauges.size === 1) extra.gaugeMm = [...gauges][0]!;
    if (projects.size > 0) extra.projects = [...projects];
    // Keep the geometry last, so the JSON reads mode, places and numbers first.
    const { geometry, ...rest } = leg;
    legs[k] = { ...rest, ...extra, ...(geometry === undefined ? {} : { geometry }) };
  });
}

function resultAssumptions(graph: Graph, modes: ReadonlySet<Mode>, extra: readonly Assumption[]): Assumption[] {
  const net = graph.meta.network;
  const out: Assumption[] = [...graph.meta.assumptions, ...extra];
  if (net === undefined) return out;
  for (const m of modes) {
    const c = net.costPerTeuKm[m];
    if (c !== undefined) out.push({ name: `${m} cost`, value: c.value, unit: c.unit, source: c.source });
    const e = net.co2PerTonneKm[m];
    if (e !== undefined) out.push({ name: `${m} CO2`, value: e.value, unit: e.unit, source: e.source });
  }
  out.push({
    name: "cargo per TEU",
    value: net.tonnesPerTeu.value,
    unit: net.tonnesPerTeu.unit,
    source: net.tonnesPerTeu.source,
  });
  out.push({ name: "network", value: "sea lanes, curated rail, ports, GeoNames cities", source: graph.meta.source });
  return out;
}

function endpointJson(graph: Graph, e: Endpoint): EndpointJson {
  return {
    query: e.query,
    name: e.place?.name ?? label(graph, e.node),
    kind: e.place?.kind ?? "waypoint",
    country: e.place?.country ?? graph.meta.countries[graph.nodeCountry[e.node]!] ?? "",
    node: e.node,
    ...(e.place?.locode === undefined ? {} : { locode: e.place.locode }),
    ...(e.distanceKm === undefined ? {} : { distanceKm: round(e.distanceKm, 1) }),
  };
}

function label(graph: Graph, node: number): string {
  return nodeLabel(graph, node) ?? `${graph.lon[node]!.toFixed(3)},${graph.lat[node]!.toFixed(3)}`;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
