import { PassThrough, Readable } from "node:stream";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { KIND_FOLDERS } from "../../core/dataset.ts";
import { RECORD_KINDS, RECORD_SCHEMAS, type RecordKind } from "../../core/domain/index.ts";
import { AppError } from "../../core/errors.ts";
import { versionTag } from "../../core/governance.ts";
import { toCsv, toGeoJson } from "../../services/export.service.ts";
import { exportIati } from "../../services/export-iati.service.ts";
import { exportTable } from "../../services/export-table.service.ts";
import { getRecord, listRecords } from "../../services/registry.service.ts";
import type { Db } from "../../store/database.ts";
import type { RecordFilter } from "../../store/query.repository.ts";
import { negotiateFormat, toFilter, toSort, XLSX_TYPE } from "../list-params.ts";
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
          [XLSX_TYPE]: { schema: z.string().openapi({ format: "binary" }) },
          "application/xml": { schema: z.string().openapi({ description: "IATI 2.03 activities (projects only)" }) },
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
    if (format === "xlsx" || format === "iati") return streamFile(c, store, kind, filter, format);
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

/**
 * Every match of a list as an XLSX workbook in the import template's layout, or (projects) as an IATI 2.03 file,
 * streamed as it is written: memory stays bounded whatever the selection. An IATI file needs at least one
 * activity, so an empty selection is refused before anything is sent.
 */
async function streamFile(c: Context, store: Db, kind: RecordKind, filter: RecordFilter, format: "xlsx" | "iati") {
  if (format === "iati" && kind !== "project")
    throw new AppError("invalid_request", "format=iati is for projects only (IATI describes activities)", [
      { field: "format", message: "iati is available on /api/v1/projects" },
    ]);
  if (format === "iati" && (await listRecords(store, filter, { key: "name", desc: false }, 1)).data.length === 0)
    throw new AppError("nothing_to_export", "no project matches: an IATI file needs at least one activity");
  const out = new PassThrough();
  const done =
    format === "xlsx"
      ? exportTable(store, filter, "xlsx", out)
      : exportIati(store, (text) => writeTo(out, text), { filter }).then(() => out.end());
  // A failure half-way cannot change the status any more: it cuts the download short, which the client sees.
  done.catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  const plural = KIND_FOLDERS[kind];
  c.header("Content-Disposition", `attachment; filename="beltroad-${plural}.${format === "xlsx" ? "xlsx" : "xml"}"`);
  c.header("Content-Type", format === "xlsx" ? XLSX_TYPE : "application/xml; charset=utf-8");
  return c.body(Readable.toWeb(out) as ReadableStream<Uint8Array>, 200);
}

function writeTo(out: PassThrough, text: string): Promise<void> | void {
  if (out.write(text)) return;
  return new Promise((resolve) => out.once("drain", () => resolve()));
}
