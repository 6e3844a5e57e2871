import KDBush from "kdbush";
import { geodesicKm } from "./geodesic.ts";
import type { LandMask } from "./land-mask.ts";
import { longestWaterKm } from "./land-mask.ts";

/**
 * A point that road links may join.
 *
 * @example
 *   { node: 7001, lon: 108.93, lat: 34.26, country: "CHN" }
 */
export interface RoadPoint {
  readonly node: number;
  readonly lon: number;
  readonly lat: number;
  readonly country: string;
}

/**
 * The `k` nearest of `targets` to each of `sources` within `maxKm` (geodesic)
 * whose straight line stays on land (longest water stretch ≤ `maxWaterKm`).
 * Returns pairs of indices into sources and targets with the geodesic km.
 *
 * @example
 *   nearestOverLand(cities, cities, { k: 6, maxKm: 800, land, maxWaterKm: 25, skipSelf: true })
 */
export function nearestOverLand(
  sources: readonly RoadPoint[],
  targets: readonly RoadPoint[],
  options: {
    readonly k: number;
    readonly maxKm: number;
    readonly land: LandMask;
    readonly maxWaterKm: number;
    readonly skipSelf?: boolean;
    /** Always join targets closer than this, whatever k says (a city and its own station or port). */
    readonly alwaysKm?: number;
  },
): { source: number; target: number; km: number }[] {
  const tree = new KDBush(Math.max(1, targets.length));
  for (const t of targets) tree.add(t.lon, t.lat);
  if (targets.length === 0) tree.add(0, 0);
  tree.finish();
  const out: { source: number; target: number; km: number }[] = [];
  sources.forEach((s, i) => {
    const dLat = options.maxKm / 110.57;
    const dLon = Math.min(180, dLat / Math.max(0.05, Math.cos((Math.min(85, Math.abs(s.lat) + dLat) * Math.PI) / 180)));
    const near: { target: number; km: number }[] = [];
    for (const j of tree.range(s.lon - dLon, s.lat - dLat, s.lon + dLon, s.lat + dLat)) {
      if (j >= targets.length) continue;
      const t = targets[j]!;
      if (options.skipSelf === true && t.node === s.node) continue;
      const km = geodesicKm(s.lon, s.lat, t.lon, t.lat);
      if (km <= options.maxKm) near.push({ target: j, km });
    }
    near.sort((a, b) => a.km - b.km);
    let taken = 0;
    for (const { target, km } of near) {
      const always = km <= (options.alwaysKm ?? 0);
      if (!always && taken >= options.k) break;
      const t = targets[target]!;
      if (!always && longestWaterKm(options.land, s.lon, s.lat, t.lon, t.lat, km) > options.maxWaterKm) continue;
      out.push({ source: i, target, km });
      if (!always) taken++;
    }
  });
  return out;
}
