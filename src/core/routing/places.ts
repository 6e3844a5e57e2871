import { normalizeText } from "../text.ts";
import { RoutingError } from "./errors.ts";
import type { Graph } from "./graph.ts";
import type { Place } from "./network-meta.ts";

/**
 * Where an endpoint query led: the node, the place it names (if any) and,
 * for a lon,lat query, how far the point is from that place.
 *
 * @example
 *   { query: "Xi'an", node: 7012, place: { name: "Xi’an", kind: "city", ... } }
 */
export interface Endpoint {
  readonly query: string;
  readonly node: number;
  readonly place?: Place;
  readonly distanceKm?: number;
}

const KIND_RANK: Record<string, number> = { city: 0, port: 1, rail_terminal: 2, dry_port: 3, border_crossing: 4 };
const indexCache = new WeakMap<Graph, Map<string, Place[]>>();

function nameIndex(graph: Graph): Map<string, Place[]> {
  let index = indexCache.get(graph);
  if (index !== undefined) return index;
  index = new Map();
  for (const place of graph.meta.network?.places ?? []) {
    for (const name of [place.name, ...(place.aliases ?? []), ...(place.id === undefined ? [] : [place.id])]) {
      const key = normalizeText(name);
      const list = index.get(key) ?? [];
      if (!list.includes(place)) list.push(place);
      index.set(key, list);
    }
  }
  for (const list of index.values())
    list.sort(
      (a, b) => (KIND_RANK[a.kind] ?? 9) - (KIND_RANK[b.kind] ?? 9) || (b.population ?? 0) - (a.population ?? 0),
    );
  indexCache.set(graph, index);
  return index;
}

/**
 * Resolves an endpoint: "lon,lat" (the nearest named place), "node:123",
 * a UN/LOCODE ("CNSHA"), a curated id ("xian") or a name matched ignoring
 * case, accents, apostrophes and hyphen/dash differences ("Xi'an", "Xi’an" and
 * "xian" are one city). "Name, CC" narrows by country (alpha-2 or alpha-3).
 * Cities win over ports and stations of the same name, then larger cities.
 * Throws RoutingError "unknown_place" with suggestions.
 *
 * @example
 *   resolveEndpoint(graph, "Xi’an").place?.name // "Xi’an"
 *   resolveEndpoint(graph, "CNSHA").place?.kind // "port"
 */
export function resolveEndpoint(graph: Graph, query: string): Endpoint {
  const text = query.trim();
  const places = graph.meta.network?.places ?? [];
  const lonLat = /^(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)$/.exec(text);
  if (lonLat !== null) {
    const lon = Number(lonLat[1]);
    const lat = Number(lonLat[2]);
    if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90))
      throw new RoutingError("unknown_place", `${text} is not a lon,lat position`, { query });
    let best: Place | undefined;
    let bestKm = Number.POSITIVE_INFINITY;
    for (const p of places) {
      if (p.kind === "border_crossing") continue;
      const km = haversineKm(lon, lat, graph.lon[p.node]!, graph.lat[p.node]!);
      if (km < bestKm) {
        best = p;
        bestKm = km;
      }
    }
    if (best === undefined) throw new RoutingError("unknown_place", "the network has no places", { query });
    return { query, node: best.node, place: best, distanceKm: bestKm };
  }
  const nodeId = /^(?:node:|#)(\d+)$/.exec(text);
  if (nodeId !== null) {
    const node = Number(nodeId[1]);
    if (node >= graph.nodeCount) throw new RoutingError("unknown_place", `no node ${node}`, { query });
    const place = places.find((p) => p.node === node);
    return { query, node, ...(place === undefined ? {} : { place }) };
  }
  if (/^[A-Za-z]{2}[A-Za-z0-9]{3}$/.test(text)) {
    const port = places.find((p) => p.locode === text.toUpperCase());
    if (port !== undefined) return { query, node: port.node, place: port };
  }
  const [name, country] = splitCountry(text);
  const matches = (nameIndex(graph).get(normalizeText(name)) ?? []).filter(
    (p) => country === undefined || p.country === country || p.country.startsWith(country.slice(0, 2)),
  );
  const hit = country === undefined ? matches[0] : (matches.find((p) => p.country === country) ?? matches[0]);
  if (hit !== undefined) return { query, node: hit.node, place: hit };
  throw new RoutingError("unknown_place", `no place called "${query}" in the network`, {
    query,
    suggestions: suggest(graph, name),
  });
}

/** "Brest, BY" → ["Brest", "BY"]; a trailing 2–3 letter code is a country. */
function splitCountry(text: string): [string, string | undefined] {
  const m = /^(.*?),\s*([A-Za-z]{2,3})$/.exec(text);
  return m === null ? [text, undefined] : [m[1]!, m[2]!.toUpperCase()];
}

/** Up to five place names that start with, or contain, the query's first word. */
function suggest(graph: Graph, name: string): string[] {
  const q = normalizeText(name);
  const first = q.split(" ")[0] ?? "";
  if (first.length === 0) return [];
  const out: string[] = [];
  for (const [key, list] of nameIndex(graph)) {
    if (key.startsWith(first) || (first.length >= 4 && key.includes(first))) out.push(list[0]!.name);
    if (out.length >= 5) break;
  }
  return [...new Set(out)];
}

/**
 * Resolves a project by id or by English or Chinese name, with the same
 * normalisation as search ("China-Laos Railway" finds "China–Laos Railway").
 * Returns the id, and whether any link of the network belongs to it.
 * Throws RoutingError "unknown_project".
 *
 * @example
 *   resolveProject(graph, "China-Laos railway") // { id: "china-laos-railway", inNetwork: true }
 */
export function resolveProject(graph: Graph, query: string): { id: string; inNetwork: boolean } {
  const names = graph.meta.network?.projectNames ?? {};
  const ids = new Set([...graph.meta.projects, ...Object.keys(names)]);
  const q = normalizeText(query);
  let id = ids.has(query.trim()) ? query.trim() : undefined;
  if (id === undefined) {
    for (const candidate of ids) {
      const labels = [candidate, ...Object.values(names[candidate] ?? {})];
      if (labels.some((l) => normalizeText(l) === q)) {
        id = candidate;
        break;
      }
    }
  }
  if (id === undefined) throw new RoutingError("unknown_project", `no project "${query}"`, { query });
  return { id, inNetwork: graph.meta.projects.includes(id) };
}

/** Great-circle km on a sphere of radius 6,371 km (enough to pick the nearest place). */
export function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
