import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { aggregateRecords } from "../../services/aggregate.service.ts";
import { getCountry, listCountries } from "../../services/countries.service.ts";
import { searchAll } from "../../services/registry.service.ts";
import { headlineFigures } from "../../services/stats.service.ts";
import type { Db } from "../../store/database.ts";
import { toFilter } from "../list-params.ts";
import { AggregateQuery, CountryParam, ErrorBody, SearchQuery } from "../schemas.ts";

const json = (schema: z.ZodType, description: string) => ({
  200: { description, content: { "application/json": { schema } } },
  400: { description: "invalid request", content: { "application/json": { schema: ErrorBody } } },
});

const Names = z.record(z.string(), z.string());

/** Search, headline figures, aggregates and countries. */
export function registerAnalysisRoutes(app: OpenAPIHono, store: Db, dataDir: string): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/search",
      tags: ["search"],
      summary: "Ranked full-text search across every kind",
      request: { query: SearchQuery },
      responses: json(
        z.object({ data: z.array(z.object({ id: z.string(), kind: z.string(), names: Names, rank: z.number() })) }),
        "hits, best first",
      ),
    }),
    async (c) => {
      const { q, limit } = c.req.valid("query");
      return c.json(await searchAll(store, q, limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/stats",
      tags: ["stats"],
      summary: "Headline figures computed from the records, each with the published figures beside it",
      responses: json(z.object({ stats: z.record(z.string(), z.unknown()), figures: z.array(z.unknown()) }), "figures"),
    }),
    async (c) => c.json(await headlineFigures(store, dataDir), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/aggregate",
      tags: ["stats"],
      summary: "Counts or committed constant USD grouped by country, sector, year, connectivity kind or region",
      request: { query: AggregateQuery },
      responses: json(
        z.object({
          by: z.string(),
          measure: z.string(),
          of: z.string(),
          data: z.array(z.object({ key: z.string(), label: Names, value: z.number() })),
        }),
        "groups, largest first",
      ),
    }),
    async (c) => {
      const q = c.req.valid("query");
      return c.json(await aggregateRecords(store, q.of, toFilter("project", q), q.by, q.measure), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/countries",
      tags: ["countries"],
      summary: "Every country with its region, first cooperation document, projects and committed money",
      responses: json(z.object({ data: z.array(z.record(z.string(), z.unknown())) }), "countries"),
    }),
    async (c) => c.json(await listCountries(store), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/countries/{code}",
      tags: ["countries"],
      summary: "One country: documents over time, projects, programmes, services and money",
      request: { params: CountryParam },
      responses: {
        ...json(z.record(z.string(), z.unknown()), "the country"),
        404: { description: "not found", content: { "application/json": { schema: ErrorBody } } },
      },
    }),
    async (c) => c.json(await getCountry(store, c.req.valid("param").code), 200),
  );
}
