import { createHash } from "node:crypto";
import type { Graph, Position } from "../../core/routing/index.ts";
import { MODES, NODE_KINDS, splitAtAntimeridian } from "../../core/routing/index.ts";
import type { NetworkData } from "./network-data.ts";
import { readNetworkData } from "./network-data.ts";
import { railSegmentLengths, segmentKey } from "./rail-segments.ts";

/**
 * The layers GET /api/v1/network/geojson can return.
 *
 * @example
 *   NETWORK_LAYERS.includes("rail") // true
 */
export const NETWORK_LAYERS = ["rail", "sea", "ports", "crossings"] as const;
/** A network layer. @example const layer: NetworkLayer = "sea"; */
export type NetworkLayer = (typeof NETWORK_LAYERS)[number];

type Props = Record<string, string | number | boolean | readonly string[] | undefined>;
interface Feature {
  readonly type: "Feature";
  readonly geometry:
    | { readonly type: "LineString"; readonly coordinates: readonly Position[] }
    | { readonly type: "MultiLineString"; readonly coordinates: readonly (readonly Position[])[] }
    | { readonly type: "Point"; readonly coordinates: Position };
  readonly properties: Props & { readonly layer: NetworkLayer };
}

/**
 * The network's layers as GeoJSON, serialised once: the body and its ETag.
 *
 * @example
 *   const { body, etag } = networkGeoJson(graph, ["rail", "ports"]);
 */
export interface NetworkGeoJson {
  readonly body: string;
  readonly etag: string;
  readonly features: number;
}

/** Lane geometry is simplified to this tolerance (degrees; about 5 km at the equator) and rounded to 0.01°. */
const SEA_TOLERANCE_DEG = 0.05;

/**
 * The port handling time every port shares, with its sources (the collection's `portHandling` member).
 *
 * @example
 *   { lowHours: 72, typicalHours: 72, highHours: 288, scope: "...", sources: ["Why Does Cargo Spend Weeks ... (World Bank)"] }
 */
export interface PortHandling {
  readonly lowHours: number;
  readonly typicalHours: number;
  readonly highHours: number;
  readonly scope: string;
  readonly sources: readonly string[];
}

const cache = new WeakMap<Graph, Map<string, NetworkGeoJson>>();
const featureCache = new WeakMap<Graph, { layers: Record<NetworkLayer, Feature[]>; portHandling?: PortHandling }>();

/**
 * The network's rail lines (coloured by status on the map; gauge, corridor, opening date, project and length in
 * the properties), sea lanes (merged into chains between junctions, simplified to about 5 km and rounded to
 * 0.01°, split at ±180°; the passage named where a chain is one), ports (UN/LOCODE, handling time range and
 * sources) and gauge-change crossings (gauges, dwell range and sources) as one GeoJSON FeatureCollection per
 * choice of layers, computed once per graph and cached with a strong ETag. With ports, the collection carries a
 * `portHandling` member (the handling time all ports share, with its sources). About 0.65 MB with every layer.
 *
 * @example
 *   networkGeoJson(graph, ["rail", "crossings"]).body // '{"type":"FeatureCollection","features":[...]}'
 */
export function networkGeoJson(
  graph: Graph,
  layers: readonly NetworkLayer[] = NETWORK_LAYERS,
  data?: NetworkData,
): NetworkGeoJson {
  const chosen = NETWORK_LAYERS.filter((l) => layers.includes(l));
  const key = chosen.join(",");
  let perGraph = cache.get(graph);
  if (perGraph === undefined) {
    perGraph = new Map();
    cache.set(graph, perGraph);
  }
  const hit = perGraph.get(key);
  if (hit !== undefined) return hit;
  let all = featureCache.get(graph);
  if (all === undefined) {
    all = buildFeatures(graph, data ?? readNetworkData());
    featureCache.set(graph, all);
  }
  const features = chosen.flatMap((l) => all.layers[l]);
  const handling = chosen.includes("ports") ? all.portHandling : undefined;
  const body = JSON.stringify({
    type: "FeatureCollection",
    ...(handling === undefined ? {} : { portHandling: handling }),
    features,
  });
  const etag = `"net-${createHash("sha1").update(body).digest("base64url").slice(0, 20)}"`;
  const out = { body, etag, features: features.length };
  perGraph.set(key, out);
  return out;
}

function buildFeatures(
  graph: Graph,
  data: NetworkData,
): { layers: Record<NetworkLayer, Feature[]>; portHandling?: PortHandling } {
  const handling = portHandling(data);
  return {
    layers: {
      rail: railFeatures(data),
      sea: seaFeatures(graph),
      ports: portFeatures(data),
      crossings: crossings(data),
    },
    ...(handling === undefined ? {} : { portHandling: handling }),
  };
}

function sourceText(s: { title: string; publisher: string; url?: string; date?: string } | undefined, key: string) {
  if (s === undefined) return key;
  return `${s.title} — ${s.publisher}${s.date ? `, ${s.date}` : ""}${s.url ? ` (${s.url})` : ""}`;
}

function railFeatures(data: NetworkData): Feature[] {
  const at = new Map(data.nodes.nodes.map((n) => [n.id, n]));
  const { lengths } = railSegmentLengths(data);
  const names = new Map(data.projects.map((p) => [p.id, p.names]));
  return data.rail.lines.map((line) => {
    let km = 0;
    for (let i = 1; i < line.stations.length; i++)
      km += lengths.get(segmentKey(line.stations[i - 1]!, line.stations[i]!)) ?? 0;
    const coordinates = line.stations.map((s) => {
      const n = at.get(s)!;
      return [round(n.lon, 4), round(n.lat, 4)] as const;
    });
    const project = line.project === undefined ? undefined : names.get(line.project);
    // Sources: the published lengths the line's segments were scaled to, and its own speed's.
    const segs = new Set(line.stations.slice(1).map((st, i) => segmentKey(line.stations[i]!, st)));
    const sources = new Set<string>();
    for (const route of data.rail.routes) {
      const covers = route.stations.slice(1).some((st, i) => segs.has(segmentKey(route.stations[i]!, st)));
      if (!covers) continue;
      const src =
        typeof route.source === "string"
          ? sourceText(data.rail.sources[route.source], route.source)
          : `project record ${route.source.project}, figure ${route.source.key}`;
      sources.add(`${route.id} ${route.lengthKm} km: ${src}`);
    }
    if (line.speedSource !== undefined) sources.add(`speed: ${line.speedSource}`);
    if (line.defaultScaleNote !== undefined) sources.add(`length: ${line.defaultScaleNote}`);
    return {
      type: "Feature",
      geometry: { type: "LineString", coordinates },
      properties: {
        layer: "rail",
        id: line.id,
        name: line.name,
        corridor: line.corridor,
        status: line.status ?? "existing",
        gaugeMm: line.gauge,
        lengthKm: round(km, 1),
        ...(line.opens === undefined ? {} : { opens: line.opens }),
        ...(line.project === undefined ? {} : { project: line.project }),
        ...(project?.en === undefined ? {} : { project_en: project.en }),
        ...(project?.zh === undefined ? {} : { project_zh: project.zh }),
        ...(line.freight === false ? { freight: false } : {}),
        ...(line.speedKmh === undefined ? {} : { speedKmh: line.speedKmh }),
        sources: [...sources],
      },
    };
  });
}

/** Port handling time (one world figure) with its sources: a foreign member of the collection, not per port. */
function portHandling(data: NetworkData): PortHandling | undefined {
  const handling = data.factors.transfer.portHours;
  if (!(handling.value > 0)) return undefined;
  const range = handling.range ?? [handling.value, handling.value];
  return {
    lowHours: range[0],
    typicalHours: handling.value,
    highHours: range[1],
    scope: handling.scope ?? "",
    sources: [handling.source, ...(handling.rangeSource ? [handling.rangeSource] : [])]
      .filter((k, i, all) => k in data.factors.sources && all.indexOf(k) === i)
      .map((k) => sourceText(data.factors.sources[k], k)),
  };
}

function portFeatures(data: NetworkData): Feature[] {
  const handling = portHandling(data);
  return data.ports.ports.map((p) => ({
    type: "Feature",
    geometry: { type: "Point", coordinates: [round(p.lon, 4), round(p.lat, 4)] },
    properties: {
      layer: "ports",
      name: p.name,
      locode: p.locode,
      country2: p.country2,
      bri: p.bri,
      ...(handling === undefined
        ? {}
        : {
            dwellLowHours: handling.lowHours,
            dwellTypicalHours: handling.typicalHours,
            dwellHighHours: handling.highHours,
          }),
      sources: [sourceText(data.ports.sources[p.source], p.source)],
    },
  }));
}

function crossings(data: NetworkData): Feature[] {
  const at = new Map(data.nodes.nodes.map((n) => [n.id, n]));
  return data.crossings.crossings.map((c) => {
    const a = at.get(c.from)!;
    const b = at.get(c.to)!;
    return {
      type: "Feature",
      geometry: { type: "Point", coordinates: [round((a.lon + b.lon) / 2, 4), round((a.lat + b.lat) / 2, 4)] },
      properties: {
        layer: "crossings",
        id: c.id,
        name: c.name,
        gaugeFrom: c.gaugeFrom,
        gaugeTo: c.gaugeTo,
        dwellLowHours: c.dwellHours.low,
        dwellTypicalHours: c.dwellHours.typical,
        dwellHighHours: c.dwellHours.high,
        ...(c.project === undefined ? {} : { project: c.project }),
        ...(c.note === undefined ? {} : { note: c.note }),
        sources: c.sources.map((s) => sourceText(data.crossings.sources[s], s)),
      },
    };
  });
}

/** The lanes between lane waypoints, merged into chains that end at junctions, dead ends or passage changes. */
function seaFeatures(graph: Graph): Feature[] {
  const sea = MODES.indexOf("sea");
  const waypoint = NODE_KINDS.indexOf("waypoint");
  const lane = (a: number) =>
    graph.mode[a] === sea &&
    graph.nodeKind[graph.sources[a]!] === waypoint &&
    graph.nodeKind[graph.targets[a]!] === waypoint &&
    graph.sources[a] !== graph.targets[a];
  const degree = new Int32Array(graph.nodeCount);
  for (let a = 0; a < graph.arcCount; a++) if (lane(a)) degree[graph.sources[a]!]!++;
  const used = new Uint8Array(graph.arcCount);
  const reverse = (a: number) => {
    const u = graph.sources[a]!;
    const v = graph.targets[a]!;
    for (let b = graph.offsets[v]!; b < graph.offsets[v + 1]!; b++) if (graph.targets[b] === u && lane(b)) return b;
    return -1;
  };
  const features: Feature[] = [];
  const walk = (start: number) => {
    const passage = graph.passage[start]!;
    const nodes = [graph.sources[start]!];
    let a = start;
    for (;;) {
      used[a] = 1;
      const r = reverse(a);
      if (r >= 0) used[r] = 1;
      const v = graph.targets[a]!;
      nodes.push(v);
      if (degree[v] !== 2) break;
      let next = -1;
      for (let b = graph.offsets[v]!; b < graph.offsets[v + 1]!; b++)
        if (lane(b) && used[b] === 0 && graph.passage[b] === passage) next = b;
      if (next < 0) break;
      a = next;
    }
    const parts = splitAtAntimeridian(nodes.map((v) => [graph.lon[v]!, graph.lat[v]!] as const))
      .map((part) => dedupe(simplify(part, SEA_TOLERANCE_DEG).map(([x, y]) => [round(x, 2), round(y, 2)] as const)))
      .filter((part) => part.length >= 2);
    if (parts.length === 0) return;
    const id = passage === 0 ? undefined : graph.meta.passages[passage - 1]?.id;
    features.push({
      type: "Feature",
      geometry:
        parts.length === 1
          ? { type: "LineString", coordinates: parts[0]! }
          : { type: "MultiLineString", coordinates: parts },
      properties: { layer: "sea", ...(id === undefined ? {} : { passage: id }) },
    });
  };
  // Chains start at junctions and dead ends first, then whatever is left (closed rings).
  for (let pass = 0; pass < 2; pass++)
    for (let u = 0; u < graph.nodeCount; u++) {
      if (pass === 0 && degree[u] === 2) continue;
      for (let a = graph.offsets[u]!; a < graph.offsets[u + 1]!; a++) if (lane(a) && used[a] === 0) walk(a);
    }
  return features;
}

function dedupe(points: readonly Position[]): Position[] {
  return points.filter((p, i) => i === 0 || p[0] !== points[i - 1]![0] || p[1] !== points[i - 1]![1]);
}

/** Douglas–Peucker in lon/lat degrees, on a part already split at ±180°. */
function simplify(points: readonly Position[], tolerance: number): Position[] {
  if (points.length <= 2) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [i, j] = stack.pop()!;
    const [ax, ay] = points[i]!;
    const [bx, by] = points[j]!;
    let worst = -1;
    let dmax = tolerance;
    for (let k = i + 1; k < j; k++) {
      const d = segmentDistance(points[k]!, ax, ay, bx, by);
      if (d > dmax) {
        dmax = d;
        worst = k;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([i, worst], [worst, j]);
    }
  }
  return points.filter((_, k) => keep[k] === 1);
}

function segmentDistance([px, py]: Position, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
