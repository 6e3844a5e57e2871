import { describe, expect, it } from "vitest";
import { createMoneyConverter } from "./convert.ts";
import type { DeflatorTable, ExchangeRateTable } from "./tables.ts";

const src = [{ key: "t", title: "test table", publisher: "test" }];
const rates: ExchangeRateTable = {
  description: "test",
  sources: src,
  currencies: { CNY: { unitsPerUsd: { "2015": 6.2, "2021": 6.45 }, sources: ["t"] } },
};
const deflator: DeflatorTable = {
  description: "test",
  series: "test",
  baseYear: 2021,
  sources: src,
  index: { "2015": 96, "2021": 120 },
};

describe("createMoneyConverter", () => {
  const money = createMoneyConverter(rates, deflator);
  it("converts through the year's rate and the deflator ratio", () => {
    const c = money.convert(62, "CNY", 2015);
    expect(c).toMatchObject({ ok: true, usdNominal: 10, rate: 6.2 });
    if (c.ok) expect(c.usdConstant).toBeCloseTo(12.5, 10);
  });
  it("keeps USD at rate 1 and deflates it", () => {
    const c = money.convert(100, "USD", 2021);
    expect(c).toMatchObject({ ok: true, usdNominal: 100, usdConstant: 100 });
  });
  it("refuses a currency or year it has no table for, never guessing", () => {
    expect(money.convert(1, "EUR", 2015)).toEqual({ ok: false, reason: "no EUR exchange rate for 2015" });
    expect(money.convert(1, "CNY", 2016)).toEqual({ ok: false, reason: "no CNY exchange rate for 2016" });
    expect(money.convert(1, "USD", 1999)).toEqual({ ok: false, reason: "no deflator for 1999" });
  });
});
