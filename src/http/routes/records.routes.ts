import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { KIND_FOLDERS } from "../../core/dataset.ts";
import { RECORD_KINDS, RECORD_SCHEMAS, type RecordKind } from "../../core/domain/index.ts";
import { AppError } from "../../core/errors.ts";
import { versionTag } from "../../core/governance.ts";
import { toCsv, toGeoJson } from "../../services/export.service.ts";
import { getRecord, listRecords } from "../../services/registry.service.ts";
import type { Db } from "../../store/database.ts";
import { negotiateFormat, toFilter, toSort } from "../list-params.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { ErrorBody, IdParam, ListQuery, MAX_DOWNLOAD, MAX_PAGE } from "../schemas.ts";

const errors = {
  400: { description: "invalid request", content: { "application/json": { schema: ErrorBody } } },
  404: { description: "not found", content: { "application/json": { schema: ErrorBody } } },
};

/** `GET /api/v1/{kind}` and `GET /api/v1/{kind}/{id}` for every kind. */
export function registerRecordRoutes(app: OpenAPIHono, store: Db): void {
  for (const kind of RECORD_KINDS) registerKind(app, store, kind);
}

function registerKind(app: OpenAPIHono, store: Db, kind: RecordKind): void {
  const plural = KIND_FOLDERS[kind];
  const schema = RECORD_SCHEMAS[kind];
  const list = createRoute({
    method: "get",
    path: `/api/v1/${plural}`,
    tags: [plural],
    summary: `List ${plural}`,
    request: { query: ListQuery },
    responses: {
      200: {
        description: `A page of ${plural} (JSON), or every match as CSV or GeoJSON`,
        content: {
          "application/json": {
            schema: z.object({
              data: z.array(schema),
              meta: z.object({ total: z.number(), limit: z.number(), nextCursor: z.string().nullable() }),
            }),
          },
          "text/csv": { schema: z.string() },
          "application/geo+json": {
            schema: z.object({ type: z.literal("FeatureCollection"), features: z.array(z.unknown()) }),
          },
        },
      },
      ...errors,
    },
  });
  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    const format = negotiateFormat(q.format, c.req.header("accept"));
    const filter = toFilter(kind, q);
    const sort = toSort(q.sort, filter.q !== undefined);
    if (format === "json") {
      if ((q.limit ?? 50) > MAX_PAGE)
        throw new AppError("invalid_request", `limit must be at most ${MAX_PAGE} for JSON pages`, [
          { field: "limit", message: `at most ${MAX_PAGE}` },
        ]);
      const fields = q.fields?.split(",");
      return c.json(await listRecords(store, filter, sort, q.limit ?? 50, q.cursor, fields), 200);
    }
    const { data } = await listRecords(store, filter, sort, q.limit ?? MAX_DOWNLOAD, q.cursor);
    const records = data as Parameters<typeof toCsv>[0];
    const name = `beltroad-${plural}.${format === "csv" ? "csv" : "geojson"}`;
    c.header("Content-Disposition", `attachment; filename="${name}"`);
    if (format === "csv") return c.body(toCsv(records), 200, { "Content-Type": "text/csv; charset=utf-8" });
    return c.body(JSON.stringify(toGeoJson(records)), 200, { "Content-Type": "application/geo+json" });
  });

  const detail = createRoute({
    method: "get",
    path: `/api/v1/${plural}/{id}`,
    tags: [plural],
    summary: `One ${kind} with the names of the records it refers to`,
    request: { params: IdParam },
    responses: {
      200: {
        description: `The ${kind}`,
        content: {
          "application/json": {
            schema: z.object({
              data: schema,
              related: z.record(
                z.string(),
                z.object({ id: z.string(), kind: z.string(), names: z.record(z.string(), z.string()) }),
              ),
              statistics: z.array(z.unknown()).optional(),
            }),
          },
        },
      },
      ...errors,
    },
  });
  app.openapi(detail, async (c) => {
    const found = await getRecord(store, kind, c.req.valid("param").id, principalOf(c));
    // The ETag is the version, which writes send back in If-Match (optimistic concurrency).
    if (found.data.version) c.header("ETag", versionTag(found.data.version));
    return c.json(found as never, 200);
  });
}
