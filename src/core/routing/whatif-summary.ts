/**
 * A city of a what-if matrix.
 *
 * @example
 *   { node: 6120, name: "Vientiane", country: "LAO" }
 */
export interface WhatIfCity {
  readonly node: number;
  readonly name: string;
  readonly country: string;
}

/**
 * Shipment-time change over a set of city pairs.
 *
 * @example
 *   { pairs: 998_000, changePct: 0.8, effectPct: -0.79, changedPairs: 41_000, cutOffPairs: 0 }
 */
export interface ChangeStats {
  /** Pairs reachable in both base and scenario. */
  readonly pairs: number;
  readonly meanBaseHours: number;
  readonly meanScenarioHours: number;
  /** Mean over pairs of (scenario − base) / base, in %. */
  readonly changePct: number;
  /** Mean over pairs of (base − scenario) / scenario, in %: the effect of what the scenario switched off (negative = the base is faster). */
  readonly effectPct: number;
  /** Pairs whose time changed by more than 0.01 h. */
  readonly changedPairs: number;
  /** Pairs reachable in the base but not in the scenario (left out of the means). */
  readonly cutOffPairs: number;
}

/**
 * The de Soyres et al. figures to print beside ours.
 *
 * @example
 *   DE_SOYRES_PUBLISHED.world // { shipmentTimePct: [-2.5, -1.2], ... }
 */
export const DE_SOYRES_PUBLISHED = {
  source:
    "de Soyres, Mulabdic, Murray, Rocha & Ruta, 'How Much Will the Belt and Road Initiative Reduce Trade Costs?', " +
    "Federal Reserve IFDP 1274 (2020): 1,000 cities in 191 countries + 1,818 cities in BRI economies",
  world: { shipmentTimePct: [-2.5, -1.2], tradeCostPct: [-2.2, -1.1] },
  bri: { shipmentTimePct: [-3.2, -1.7], tradeCostPct: [-2.8, -1.5] },
  corridor: { shipmentTimePct: [-11.9, -11.9], tradeCostPct: [-10.2, -10.2], note: "up to" },
} as const;

/**
 * The what-if summary: world, Belt and Road partner economies, corridor
 * economies and each country (pairs grouped by origin city's country), in
 * the manner of de Soyres et al.
 *
 * @example
 *   summariseWhatIf(base, scenario, cities, { bri: new Set(["CHN", "LAO"]), corridor: new Set(["LAO"]) }).world.changePct
 */
export interface WhatIfSummary {
  readonly cities: number;
  readonly world: ChangeStats;
  readonly bri: ChangeStats;
  readonly corridor: ChangeStats;
  readonly countries: Readonly<Record<string, ChangeStats>>;
  readonly published: typeof DE_SOYRES_PUBLISHED;
}

class Accumulator {
  pairs = 0;
  base = 0;
  scenario = 0;
  change = 0;
  effect = 0;
  changed = 0;
  cutOff = 0;

  add(b: number, s: number): void {
    if (!Number.isFinite(b) || b <= 0) return;
    if (!Number.isFinite(s)) {
      this.cutOff++;
      return;
    }
    this.pairs++;
    this.base += b;
    this.scenario += s;
    this.change += (s - b) / b;
    this.effect += s > 0 ? (b - s) / s : 0;
    if (Math.abs(s - b) > 0.01) this.changed++;
  }

  stats(): ChangeStats {
    const n = Math.max(1, this.pairs);
    return {
      pairs: this.pairs,
      meanBaseHours: this.base / n,
      meanScenarioHours: this.scenario / n,
      changePct: (100 * this.change) / n,
      effectPct: (100 * this.effect) / n,
      changedPairs: this.changed,
      cutOffPairs: this.cutOff,
    };
  }
}

/**
 * Summarises base and scenario matrices (row-major, cities × cities, hours).
 *
 * @example
 *   const summary = summariseWhatIf(base, scenario, cities, groups);
 */
export function summariseWhatIf(
  base: Float64Array,
  scenario: Float64Array,
  cities: readonly WhatIfCity[],
  groups: { readonly bri: ReadonlySet<string>; readonly corridor: ReadonlySet<string> },
): WhatIfSummary {
  const n = cities.length;
  const world = new Accumulator();
  const bri = new Accumulator();
  const corridor = new Accumulator();
  const byCountry = new Map<string, Accumulator>();
  for (let i = 0; i < n; i++) {
    const country = cities[i]!.country;
    let acc = byCountry.get(country);
    if (acc === undefined) {
      acc = new Accumulator();
      byCountry.set(country, acc);
    }
    const inBri = groups.bri.has(country);
    const inCorridor = groups.corridor.has(country);
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const b = base[i * n + j]!;
      const s = scenario[i * n + j]!;
      world.add(b, s);
      acc.add(b, s);
      if (inBri) bri.add(b, s);
      if (inCorridor) corridor.add(b, s);
    }
  }
  return {
    cities: n,
    world: world.stats(),
    bri: bri.stats(),
    corridor: corridor.stats(),
    countries: Object.fromEntries(
      [...byCountry].sort(([a], [b]) => a.localeCompare(b)).map(([c, acc]) => [c, acc.stats()]),
    ),
    published: DE_SOYRES_PUBLISHED,
  };
}
