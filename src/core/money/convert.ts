import type { DeflatorTable, ExchangeRateTable } from "./tables.ts";

/** The result of converting one amount: both dollar values and the factors used. */
export type Conversion =
  | {
      readonly ok: true;
      readonly usdNominal: number;
      readonly usdConstant: number;
      readonly year: number;
      /** Units of the currency per US dollar in `year` (1 for USD). */
      readonly rate: number;
      /** deflator[baseYear] / deflator[year]. */
      readonly deflatorRatio: number;
    }
  | { readonly ok: false; readonly reason: string };

/** Converts amounts in any tabled currency into constant US dollars of the deflator's base year. */
export interface MoneyConverter {
  readonly baseYear: number;
  convert(amount: number, currency: string, year: number): Conversion;
}

/**
 * Builds a converter from the shipped tables: nominal USD = amount / rate(year);
 * constant USD = nominal × deflator(baseYear) / deflator(year).
 *
 * @example
 *   const money = createMoneyConverter(rates, deflator);
 *   money.convert(40e9, "CNY", 2015) // { ok: true, usdNominal: 6.42e9, usdConstant: … }
 */
export function createMoneyConverter(rates: ExchangeRateTable, deflator: DeflatorTable): MoneyConverter {
  const base = deflator.index[String(deflator.baseYear)];
  if (base === undefined) throw new Error(`deflator table has no value for its base year ${deflator.baseYear}`);
  return {
    baseYear: deflator.baseYear,
    convert(amount, currency, year) {
      const rate = currency === "USD" ? 1 : rates.currencies[currency]?.unitsPerUsd[String(year)];
      if (rate === undefined) return { ok: false, reason: `no ${currency} exchange rate for ${year}` };
      const index = deflator.index[String(year)];
      if (index === undefined) return { ok: false, reason: `no deflator for ${year}` };
      const usdNominal = amount / rate;
      const deflatorRatio = base / index;
      return { ok: true, usdNominal, usdConstant: usdNominal * deflatorRatio, year, rate, deflatorRatio };
    },
  };
}

/** The year of a partial date (`2015-11` → 2015). */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}
