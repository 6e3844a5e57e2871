/** One point of a yearly series. */
export interface YearValue {
  key: string;
  value: number;
}

const KEY_FIELDS = ["year", "key", "date", "period"] as const;
const VALUE_FIELDS = ["value", "usd", "committedUsdConstant", "usdConstant", "count", "cumulative", "total"] as const;

/**
 * Reads a yearly series in the shapes an API may give it: `{ "2015": 3 }`, `[{ year: 2015, value: 3 }]`,
 * `[{ key: "2015", committedUsdConstant: 3 }]`. Anything else gives an empty series.
 *
 * @example
 *   toSeries({ 2016: 1, 2015: 2 }) // [{ key: "2015", value: 2 }, { key: "2016", value: 1 }]
 */
export function toSeries(input: unknown): YearValue[] {
  const out: YearValue[] = [];
  if (Array.isArray(input)) {
    for (const item of input) {
      if (typeof item !== "object" || item === null) continue;
      const rec = item as Record<string, unknown>;
      const key = KEY_FIELDS.map((k) => rec[k]).find((v) => typeof v === "string" || typeof v === "number");
      const value = VALUE_FIELDS.map((k) => rec[k]).find((v) => typeof v === "number");
      if (key !== undefined && typeof value === "number") out.push({ key: String(key), value });
    }
  } else if (typeof input === "object" && input !== null) {
    for (const [key, value] of Object.entries(input)) if (typeof value === "number") out.push({ key, value });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
