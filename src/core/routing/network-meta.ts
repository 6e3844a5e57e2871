import type { Mode, NodeKind } from "./codes.ts";

/**
 * A named place of the network: what names, codes and ids resolve to.
 *
 * @example
 *   { node: 6120, name: "Vientiane", kind: "city", country: "LAO", geonameId: 1651944, population: 196731 }
 */
export interface Place {
  readonly node: number;
  readonly name: string;
  readonly kind: NodeKind;
  readonly country: string;
  /** Curated id (rail stations: "xian"), UN/LOCODE for ports. */
  readonly id?: string;
  readonly locode?: string;
  readonly geonameId?: number;
  readonly population?: number;
  readonly aliases?: readonly string[];
  /** A port made up by the build so that an island or coast without a curated port reaches the sea. */
  readonly modelled?: boolean;
}

/**
 * A gauge-change crossing: the transfer arc between its two stations.
 *
 * @example
 *   { id: "brest-malaszewicze", name: "Brest / Małaszewicze", from: 12, to: 13, gaugeFrom: 1520, gaugeTo: 1435, dwellHours: { low: 48, typical: 60, high: 384 }, sources: ["..."] }
 */
export interface CrossingInfo {
  readonly id: string;
  readonly name: string;
  /** A sea crossing between two rail ends (the Caspian), not a change of gauge. */
  readonly kind?: "ferry";
  readonly from: number;
  readonly to: number;
  readonly gaugeFrom: number;
  readonly gaugeTo: number;
  readonly dwellHours: { readonly low: number; readonly typical: number; readonly high: number };
  readonly sources: readonly string[];
}

/**
 * A rail line with its own freight speed, and the station node pairs of its segments (to tell which routes use it).
 *
 * @example
 *   { name: "Mombasa–Nairobi Standard Gauge Railway", kmh: 59, source: "Derived: 472 km in ...", segments: [[812, 813]] }
 */
export interface LineSpeed {
  readonly name: string;
  readonly kmh: number;
  readonly source: string;
  readonly segments: readonly (readonly [number, number])[];
}

/**
 * A factor with the text of its source, as results show it.
 *
 * @example
 *   { value: 0.03159, unit: "kg CO2e per tonne-km", source: "Defra conversion factors ... (Mode Shift Centre)" }
 */
export interface SourcedValue {
  readonly value: number;
  readonly unit: string;
  readonly source: string;
}

/**
 * A ship size and whether it fits each passage with lock limits.
 *
 * @example
 *   { id: "ulcv", name: "Ultra-large container ship", teu: 18000, closedPassages: ["panama"], source: "..." }
 */
export interface VesselInfo {
  readonly id: string;
  readonly name: string;
  readonly teu: number;
  readonly lengthM: number;
  readonly beamM: number;
  readonly draughtM: number;
  /** Passages the ship is too large for. */
  readonly closedPassages: readonly string[];
  readonly source: string;
}

/**
 * The multimodal part of a graph's meta: places, crossings, projects,
 * factors for cost and CO₂, vessels and the country groups of the what-if.
 *
 * @example
 *   graph.meta.network?.places.length // 2,100
 */
export interface NetworkMeta {
  readonly places: readonly Place[];
  readonly crossings: readonly CrossingInfo[];
  /** Rail lines with their own freight speed (absent in artifacts built before it was added). */
  readonly lineSpeeds?: readonly LineSpeed[];
  /** Project id → names ("en", "zh") from the registry. */
  readonly projectNames: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Projects whose links carry no freight (passenger high-speed lines): off unless asked. */
  readonly passengerProjects: readonly string[];
  readonly costPerTeuKm: Readonly<Partial<Record<Mode, SourcedValue>>>;
  readonly co2PerTonneKm: Readonly<Partial<Record<Mode, SourcedValue>>>;
  readonly tonnesPerTeu: SourcedValue;
  readonly roadBorderCostUsd: SourcedValue;
  readonly vessels: readonly VesselInfo[];
  readonly defaultVessel: string;
  /** ISO alpha-3 codes of Belt and Road partner economies (China and the signatories). */
  readonly briCountries: readonly string[];
  /** ISO alpha-3 codes of the economies the curated corridors run through. */
  readonly corridorCountries: readonly string[];
}
