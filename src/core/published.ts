import { z } from "zod";
import { PartialDate, Qualifier } from "./domain/common.ts";

/** A figure as a source published it, shown beside the one computed from records. */
export const PublishedFigure = z
  .object({
    key: z.string().min(1),
    text: z.string().min(1),
    value: z.number(),
    qualifier: Qualifier,
    unit: z.string().min(1),
    date: PartialDate,
    source: z
      .object({
        title: z.string().min(1),
        publisher: z.string().min(1),
        published: PartialDate.optional(),
        url: z.url().optional(),
        note: z.string().optional(),
      })
      .strict(),
  })
  .strict();
export type PublishedFigure = z.infer<typeof PublishedFigure>;

export const PublishedFigures = z
  .object({ description: z.string(), figures: z.array(PublishedFigure).min(1) })
  .strict();
