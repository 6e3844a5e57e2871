import { describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR } from "./data-files.ts";
import { loadMoneyTables } from "./money.service.ts";

describe("shipped money tables", () => {
  const { tables, issues } = loadMoneyTables(DEFAULT_DATA_DIR);

  it("load without issues, in constant 2021 US dollars", () => {
    expect(issues).toEqual([]);
    expect(tables?.deflator.baseYear).toBe(2021);
  });

  it("convert RMB 40bn of 2015 (the China–Laos Railway budget) with the published factors", () => {
    // Published: Federal Reserve G.5A 2015 average 6.2827 CNY per USD; BEA GDP deflator (2017=100) 97.316 in 2015, 110.186 in 2021.
    expect(tables!.rates.currencies.CNY?.unitsPerUsd["2015"]).toBe(6.2827);
    expect(tables!.deflator.index["2015"]).toBe(97.316);
    expect(tables!.deflator.index["2021"]).toBe(110.186);
    const c = tables!.converter.convert(40e9, "CNY", 2015);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.usdNominal).toBeCloseTo(6_366_689_481, -1); // 40e9 / 6.2827
    expect(c.usdConstant).toBeCloseTo(7_208_681_482, -1); // × 110.186 / 97.316
  });

  it("never converts a currency it has no rate for", () => {
    expect(tables!.converter.convert(1, "XYZ", 2015)).toEqual({ ok: false, reason: "no XYZ exchange rate for 2015" });
  });
});
