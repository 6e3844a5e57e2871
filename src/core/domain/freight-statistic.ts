import { z } from "zod";
import { CountryCode, Id, PartialDate, Qualifier, Source } from "./common.ts";

/**
 * Trips, TEU and value carried by a freight service (or a corridor or city of
 * it) in a period. `scope` says what part the numbers cover; totals of a
 * service have no city, direction or corridor.
 */
export const FreightStatistic = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    service: Id,
    scope: z
      .object({
        city: z.string().optional(),
        country: CountryCode.optional(),
        corridor: z.string().optional(),
        direction: z.enum(["westbound", "eastbound", "northbound", "southbound"]).optional(),
      })
      .strict()
      .default({}),
    period: z.object({ start: PartialDate, end: PartialDate }).strict(),
    trips: z.number().nonnegative().optional(),
    teu: z.number().nonnegative().optional(),
    tonnes: z.number().nonnegative().optional(),
    valueUsd: z.number().nonnegative().optional(),
    qualifier: Qualifier.default("exact"),
    note: z.string().optional(),
    sources: z.array(Source).min(1, "every statistic needs at least one source"),
  })
  .strict();
export type FreightStatistic = z.infer<typeof FreightStatistic>;
