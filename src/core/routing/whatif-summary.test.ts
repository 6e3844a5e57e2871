import { describe, expect, it } from "vitest";
import { summariseWhatIf } from "./whatif-summary.ts";

describe("summariseWhatIf", () => {
  const cities = [
    { node: 0, name: "A", country: "LAO" },
    { node: 1, name: "B", country: "CHN" },
    { node: 2, name: "C", country: "DEU" },
  ];
  // Row-major 3 × 3 hours; the scenario slows A→B and B→A from 10 to 20 and cuts C→A off.
  const base = Float64Array.from([0, 10, 30, 10, 0, 30, 40, 30, 0]);
  const scenario = Float64Array.from([0, 20, 30, 20, 0, 30, Infinity, 30, 0]);
  const groups = { bri: new Set(["LAO", "CHN"]), corridor: new Set(["LAO"]) };

  it("averages per-pair changes by origin group, leaving cut-off pairs out", () => {
    const s = summariseWhatIf(base, scenario, cities, groups);
    expect(s.world.pairs).toBe(5);
    expect(s.world.cutOffPairs).toBe(1);
    expect(s.world.changePct).toBeCloseTo((100 + 0 + 100 + 0 + 0) / 5);
    expect(s.world.effectPct).toBeCloseTo((-50 + 0 - 50 + 0 + 0) / 5);
    expect(s.bri.pairs).toBe(4);
    expect(s.bri.changePct).toBeCloseTo(50);
    expect(s.corridor.changePct).toBeCloseTo(50);
    expect(s.countries.DEU?.changePct).toBe(0);
    expect(s.countries.DEU?.cutOffPairs).toBe(1);
    expect(s.published.world.shipmentTimePct).toEqual([-2.5, -1.2]);
  });
});
