import { z } from "@hono/zod-openapi";
import { isCode } from "../core/codelists/index.ts";
import { isCountryCode } from "../core/countries.ts";
import { AGGREGATE_BY, MEASURES } from "../store/aggregate.repository.ts";

/** Largest page a list returns as JSON; CSV and GeoJSON downloads may ask for up to `MAX_DOWNLOAD`. */
export const MAX_PAGE = 200;
export const MAX_DOWNLOAD = 100_000;

const list = (name: string, check: (v: string) => boolean, what: string) =>
  z
    .string()
    .transform((s, ctx) => {
      const items = s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean);
      for (const item of items) {
        if (!check(item)) ctx.addIssue({ code: "custom", message: `"${item}" is not ${what}` });
      }
      return items;
    })
    .optional()
    .openapi({ description: `${what}; comma-separated for several (any of)`, example: name });

const year = z.coerce.number().int().min(1900).max(2100).optional();

/** Query parameters of every list endpoint (unknown parameters are refused). */
export const ListQuery = z
  .object({
    country: list("LAO", isCountryCode, "an ISO 3166-1 alpha-3 country code"),
    sector: list("21030", (v) => isCode("Sector", v), "an OECD DAC 5-digit sector code"),
    kind: list("hard", (v) => ["hard", "soft", "heart"].includes(v), "a connectivity kind (hard, soft, heart)"),
    status: list("2", (v) => isCode("ActivityStatus", v), "an IATI ActivityStatus code (1–6)"),
    partner: list("china-exim-bank", (v) => /^[a-z0-9-]+$/.test(v), "a partner id"),
    tag: list("flagship", (v) => /^[a-z0-9-]+$/.test(v), "a tag"),
    type: list("rail", (v) => /^[a-z0-9-]+$/.test(v), "a type of the kind (projectType, agreementType…)"),
    from: year.openapi({ description: "first start year (inclusive)" }),
    to: year.openapi({ description: "last start year (inclusive)" }),
    q: z.string().max(200).optional().openapi({ description: "full-text query" }),
    sort: z
      .enum(["name", "-name", "start", "-start", "committed", "-committed", "updated", "-updated", "relevance"])
      .optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_DOWNLOAD)
      .optional()
      .openapi({
        description: `page size, 1–${MAX_PAGE} for JSON (default 50); CSV and GeoJSON return every match up to ${MAX_DOWNLOAD}`,
      }),
    cursor: z.string().max(500).optional(),
    fields: z
      .string()
      .regex(/^[A-Za-z]+(,[A-Za-z]+)*$/, "fields is a comma-separated list of field names")
      .optional(),
    format: z.enum(["json", "csv", "geojson", "xlsx", "iati"]).optional().openapi({
      description:
        "json (pages); csv and geojson (every match, flat columns / features); xlsx (every match in the import template's layout, to edit and import again); iati (projects only: an IATI 2.03 activity file)",
    }),
  })
  .strict();
export type ListQuery = z.infer<typeof ListQuery>;

export const AggregateQuery = ListQuery.omit({ sort: true, limit: true, cursor: true, fields: true, format: true })
  .extend({
    by: z.enum(AGGREGATE_BY),
    measure: z.enum(MEASURES).default("count"),
    of: z.enum(["projects", "agreements", "programmes", "services", "commitments"]).default("projects"),
  })
  .strict();

export const SearchQuery = z
  .object({ q: z.string().min(1).max(200), limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(20) })
  .strict();

export const IdParam = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9-]+$/, "ids are lower-case slugs")
    .max(120),
});
export const CountryParam = z.object({ code: z.string().refine(isCountryCode, "not an ISO 3166-1 alpha-3 code") });

export const ErrorBody = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
  })
  .openapi("Error");
