import { AppError } from "../../core/errors.ts";
import { geodesicKm } from "./geodesic.ts";
import type { NetworkData } from "./network-data.ts";

/**
 * How each route's published length was met: the scale applied to the
 * segments it fixed, and the sum along it afterwards.
 *
 * @example
 *   { id: "kunming-vientiane", publishedKm: 1035, sumKm: 1035, scale: 1.31, fixedSegments: 5 }
 */
export interface RouteCheck {
  readonly id: string;
  readonly publishedKm: number;
  readonly sumKm: number;
  readonly scale: number | undefined;
  readonly fixedSegments: number;
}

/** Undirected key of a segment between two stations. */
export const segmentKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Lengths of every rail segment and gauge-change crossing. Each segment starts
 * as the geodesic between its stations; routes are applied in file order and
 * scale the segments not fixed yet so that the route sums to its published
 * length; segments no route covers take the median route scale. Crossings keep
 * their geodesic length. Throws AppError "invalid_dataset" when a route is
 * not a chain of segments and crossings, or cannot be met (its fixed part is
 * already longer than the published length).
 *
 * @example
 *   const { lengths, checks } = railSegmentLengths(readNetworkData());
 *   lengths.get(segmentKey("kunming", "yuxi")) // km
 */
export function railSegmentLengths(data: NetworkData): {
  lengths: Map<string, number>;
  checks: RouteCheck[];
  defaultScale: number;
} {
  const at = new Map(data.nodes.nodes.map((n) => [n.id, n]));
  const geo = (a: string, b: string) => {
    const p = at.get(a)!;
    const q = at.get(b)!;
    return geodesicKm(p.lon, p.lat, q.lon, q.lat);
  };
  const segments = new Set<string>();
  for (const line of data.rail.lines)
    for (let i = 1; i < line.stations.length; i++) segments.add(segmentKey(line.stations[i - 1]!, line.stations[i]!));
  const crossings = new Set(data.crossings.crossings.map((c) => segmentKey(c.from, c.to)));
  const lengths = new Map<string, number>();
  for (const key of crossings) {
    const [a, b] = key.split("|") as [string, string];
    lengths.set(key, geo(a, b));
  }
  const checks: RouteCheck[] = [];
  const scales: number[] = [];
  for (const route of data.rail.routes) {
    let fixed = 0;
    let free = 0;
    const open: string[] = [];
    for (let i = 1; i < route.stations.length; i++) {
      const a = route.stations[i - 1]!;
      const b = route.stations[i]!;
      const key = segmentKey(a, b);
      if (!segments.has(key) && !crossings.has(key))
        bad(`route ${route.id}: ${a}–${b} is neither a line segment nor a crossing`);
      const known = lengths.get(key);
      if (known !== undefined) fixed += known;
      else {
        free += geo(a, b);
        open.push(key);
      }
    }
    let scale: number | undefined;
    if (open.length > 0) {
      scale = (route.lengthKm - fixed) / free;
      if (!(scale > 0))
        bad(`route ${route.id}: its segments fixed by earlier routes already exceed ${route.lengthKm} km`);
      scales.push(scale);
      for (const key of open) {
        const [a, b] = key.split("|") as [string, string];
        lengths.set(key, geo(a, b) * scale);
      }
    }
    const sumKm = route.stations.reduce(
      (s, id, i) => (i === 0 ? 0 : s + lengths.get(segmentKey(route.stations[i - 1]!, id))!),
      0,
    );
    checks.push({ id: route.id, publishedKm: route.lengthKm, sumKm, scale, fixedSegments: open.length });
  }
  scales.sort((a, b) => a - b);
  const defaultScale = scales[Math.floor(scales.length / 2)] ?? 1.2;
  for (const key of segments) {
    if (lengths.has(key)) continue;
    const [a, b] = key.split("|") as [string, string];
    lengths.set(key, geo(a, b) * defaultScale);
  }
  return { lengths, checks, defaultScale };
}

function bad(message: string): never {
  throw new AppError("invalid_dataset", message);
}
