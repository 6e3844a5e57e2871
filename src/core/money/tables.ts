import { z } from "zod";
import { Source } from "../domain/common.ts";

const Year = z.string().regex(/^\d{4}$/, "years are four-digit strings");

/**
 * Annual-average exchange rates, in units of the currency per US dollar,
 * each series citing its source by key.
 */
export const ExchangeRateTable = z
  .object({
    description: z.string(),
    sources: z.array(Source).min(1),
    currencies: z.record(
      z.string().regex(/^[A-Z]{3}$/),
      z
        .object({
          unitsPerUsd: z.record(Year, z.number().positive()),
          sources: z.array(z.string()).min(1),
          note: z.string().optional(),
        })
        .strict(),
    ),
  })
  .strict();
export type ExchangeRateTable = z.infer<typeof ExchangeRateTable>;

/** A US price index by year, used to turn nominal dollars into constant dollars of `baseYear`. */
export const DeflatorTable = z
  .object({
    description: z.string(),
    series: z.string(),
    baseYear: z.number().int(),
    sources: z.array(Source).min(1),
    index: z.record(Year, z.number().positive()),
  })
  .strict();
export type DeflatorTable = z.infer<typeof DeflatorTable>;
