import { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { KIND_FOLDERS } from "../../core/dataset.ts";
import { RECORD_KINDS, type RecordKind } from "../../core/domain/index.ts";
import { AppError } from "../../core/errors.ts";
import { writeTemplate } from "../../services/export-table.service.ts";
import { IMPORT_FORMATS } from "../../services/import/formats.ts";
import type { FileReport } from "../../services/import/report.ts";
import { cancelImport, importJob, myImportJobs, startImport } from "../../services/import-jobs.ts";
import { requireImporter } from "../../services/import-rights.ts";
import { receiveUpload, uploadTooLarge } from "../../services/import-upload.ts";
import type { JobState } from "../../services/jobs.ts";
import type { Db } from "../../store/database.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { ErrorBody } from "../schemas.ts";

/** The upload limit when BELTROAD_IMPORT_MAX_BYTES is not set: 200 MiB. */
export const DEFAULT_IMPORT_MAX_BYTES = 200 * 1024 * 1024;

/**
 * BELTROAD_IMPORT_MAX_BYTES: the largest file `POST /api/v1/imports` accepts
 * (bytes, default 200 MiB). Read once when the app is built; a bad value stops it.
 *
 * @example importMaxBytes({ BELTROAD_IMPORT_MAX_BYTES: "1048576" }) // 1048576
 */
export function importMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.BELTROAD_IMPORT_MAX_BYTES?.trim();
  if (!raw) return DEFAULT_IMPORT_MAX_BYTES;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new Error(`BELTROAD_IMPORT_MAX_BYTES must be a positive number of bytes, not "${raw}"`);
  return n;
}

const KIND_BY_NAME = new Map<string, RecordKind>(RECORD_KINDS.flatMap((k) => [[k, k] as const, [KIND_FOLDERS[k], k]]));
const KIND_NAMES = [...KIND_BY_NAME.keys()].sort().join(", ");
const flag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => v === "true" || v === "1");

const ImportQuery = z.object({
  format: z.enum(IMPORT_FORMATS).openapi({ description: "iati (IATI 2.03 XML), aiddata (GCDF 3.0 CSV), csv, xlsx" }),
  dryRun: flag.openapi({ description: "read and check everything, write nothing (default false)" }),
  allOrNothing: flag.openapi({ description: "one transaction: any error and nothing is written (default false)" }),
  kind: z
    .string()
    .refine((k) => KIND_BY_NAME.has(k), `a record kind (${KIND_NAMES})`)
    .optional()
    .openapi({
      description: "record kind of a csv/xlsx template (default: the file's kind column)",
      example: "project",
    }),
  name: z.string().max(200).optional().openapi({ description: "file name shown in the report (raw bodies)" }),
});

const ReportItemSchema = z
  .object({
    row: z.number().optional(),
    path: z.string().optional(),
    line: z.number().optional(),
    field: z.string().optional(),
    message: z.string(),
    count: z.number().optional(),
  })
  .openapi("ImportReportItem");

const ReportSchema = z
  .object({
    file: z.string(),
    format: z.string(),
    ok: z.boolean(),
    dryRun: z.boolean(),
    mode: z.enum(["per-batch", "all-or-nothing"]),
    imported: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    skipped: z.number(),
    partnersCreated: z.number(),
    rolledBack: z.boolean(),
    errors: z.array(ReportItemSchema),
    warnings: z.array(ReportItemSchema),
    runId: z.string().optional(),
  })
  .openapi("ImportReport");

const JobSchema = z
  .object({
    id: z.string(),
    status: z.enum(["queued", "running", "done", "failed", "cancelled"]),
    progress: z.number().openapi({ description: "bytes read / file size, 0–1" }),
    createdAt: z.string(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    file: z.string(),
    format: z.enum(IMPORT_FORMATS),
    kind: z.string().optional(),
    dryRun: z.boolean(),
    allOrNothing: z.boolean(),
    bytes: z.number().openapi({ description: "size of the uploaded file" }),
    report: ReportSchema.optional().openapi({ description: "when done (or cancelled after it started)" }),
    error: z
      .object({ code: z.string(), message: z.string(), details: z.unknown().optional() })
      .optional()
      .openapi({ description: "when failed" }),
  })
  .openapi("ImportJob");

const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const err = (description: string) => ({ description, ...json(ErrorBody) });
const JobId = z.object({ id: z.string().uuid() });
const ERRORS = {
  401: err("no credentials"),
  403: err("not an editor of any organisation (nor a platform admin), or CSRF/scope refused"),
};

/** The job as the API shows it (owner and internals left out). */
function present(job: JobState<FileReport>, withReport = true) {
  const meta = (job.meta ?? {}) as Record<string, unknown>;
  return {
    id: job.id,
    status: job.status,
    progress: Math.round(job.progress * 1000) / 1000,
    createdAt: job.createdAt,
    ...(job.startedAt ? { startedAt: job.startedAt } : {}),
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    file: String(meta.file ?? ""),
    format: meta.format as (typeof IMPORT_FORMATS)[number],
    ...(meta.kind ? { kind: String(meta.kind) } : {}),
    dryRun: meta.dryRun === true,
    allOrNothing: meta.allOrNothing === true,
    bytes: Number(meta.bytes ?? 0),
    ...(job.result
      ? { report: withReport ? job.result : { ...job.result, errors: job.result.errors.slice(0, 20), warnings: [] } }
      : {}),
    ...(job.error ? { error: job.error } : {}),
  };
}

/**
 * Imports over HTTP: upload a file (raw body or multipart `file`, up to
 * BELTROAD_IMPORT_MAX_BYTES) and it is imported by a background job whose
 * status, progress and report the uploader polls; plus the empty CSV/XLSX
 * templates to fill in. Who may import: see `requireImporter` and
 * `refusedRecords` (src/services/import-rights.ts).
 */
export function registerImportRoutes(app: OpenAPIHono, store: Db, dataDir: string): void {
  const maxBytes = importMaxBytes();

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/imports",
      tags: ["imports"],
      summary: `Upload a file to import (raw body, or multipart/form-data with a "file" field): a background job`,
      description: `The body is the file (at most ${maxBytes} bytes here; BELTROAD_IMPORT_MAX_BYTES). Platform admins and editors of an organisation may import; an editor's records must each name an organisation they edit for.`,
      request: {
        query: ImportQuery,
        body: {
          required: true,
          content: {
            "application/octet-stream": { schema: { type: "string", format: "binary" } },
            "multipart/form-data": {
              schema: {
                type: "object",
                properties: { file: { type: "string", format: "binary" } },
                required: ["file"],
              },
            },
          },
        },
      },
      responses: {
        202: {
          description: "queued: poll href",
          ...json(z.object({ job: JobSchema, href: z.string() }).openapi("ImportAccepted")),
        },
        400: err("bad parameters, or an empty body"),
        ...ERRORS,
        413: err("the upload is over the limit (input_too_large; details.limit in bytes)"),
      },
    }),
    async (c) => {
      const p = principalOf(c);
      requireImporter(p); // before reading a byte of the body
      const q = c.req.valid("query");
      const declared = Number(c.req.header("content-length") ?? Number.NaN);
      if (declared > maxBytes) throw uploadTooLarge(maxBytes);
      const upload = await receiveUpload(c.req.raw.body, c.req.header("content-type"), maxBytes);
      if (upload.bytes === 0) {
        await upload.remove();
        throw new AppError("invalid_request", "the upload is empty: send the file as the body");
      }
      const file = (
        upload.filename ||
        q.name ||
        `upload.${q.format === "aiddata" ? "csv" : q.format === "iati" ? "xml" : q.format}`
      )
        .split(/[\\/]/)
        .at(-1)!
        .slice(0, 200);
      const job = startImport(store, p, upload, {
        format: q.format,
        dryRun: q.dryRun,
        allOrNothing: q.allOrNothing,
        kind: q.kind ? KIND_BY_NAME.get(q.kind) : undefined,
        file,
        dataDir,
        maxBytes,
      });
      const href = `/api/v1/imports/${job.id}`;
      c.header("Location", href);
      return c.json({ job: present(job), href }, 202);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/imports",
      tags: ["imports"],
      summary: "Your recent import jobs, newest first (reports cut to their first 20 errors), and the upload limit",
      responses: {
        200: {
          description: "the jobs",
          ...json(
            z.object({
              data: z.array(JobSchema),
              maxBytes: z.number().openapi({ description: "the largest upload accepted (BELTROAD_IMPORT_MAX_BYTES)" }),
            }),
          ),
        },
        ...ERRORS,
      },
    }),
    (c) => {
      const p = principalOf(c);
      requireImporter(p);
      return c.json({ data: myImportJobs(p).map((j) => present(j, false)), maxBytes }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/imports/{id}",
      tags: ["imports"],
      summary: "An import job: status, progress (0–1) and, when done, the full report (uploader and platform admins)",
      request: { params: JobId },
      responses: {
        200: { description: "the job", ...json(JobSchema) },
        ...ERRORS,
        404: err("no such job, or not yours"),
      },
    }),
    (c) => {
      const p = principalOf(c);
      requireImporter(p);
      c.header("Cache-Control", "no-store");
      return c.json(present(importJob(p, c.req.valid("param").id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/imports/{id}/cancel",
      tags: ["imports"],
      summary:
        "Cancel an import: a queued one at once, a running one after its current batch (what was committed stays)",
      request: { params: JobId },
      responses: {
        200: { description: "cancelled, or cancelling (status running until it stops)", ...json(JobSchema) },
        ...ERRORS,
        404: err("no such job, or not yours"),
        409: err("the job has already ended"),
      },
    }),
    (c) => {
      const p = principalOf(c);
      requireImporter(p);
      return c.json(present(cancelImport(p, c.req.valid("param").id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/templates/{file}",
      tags: ["imports"],
      summary: "An empty CSV or XLSX template of a kind to fill in and import (e.g. projects.csv, project.xlsx)",
      request: {
        params: z.object({
          file: z
            .string()
            .regex(/^[a-z-]+\.(csv|xlsx)$/, "KIND.csv or KIND.xlsx")
            .refine((f) => KIND_BY_NAME.has(f.replace(/\.(csv|xlsx)$/, "")), `the kind is one of ${KIND_NAMES}`)
            .openapi({ example: "projects.csv" }),
        }),
      },
      responses: {
        200: {
          description: "the template (header row only)",
          content: {
            "text/csv": { schema: { type: "string" } },
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
              schema: { type: "string", format: "binary" },
            },
          },
        },
        400: err("unknown kind or format"),
      },
    }),
    async (c) => {
      const { file } = c.req.valid("param");
      const format = file.endsWith(".xlsx") ? "xlsx" : "csv";
      const kind = KIND_BY_NAME.get(file.replace(/\.(csv|xlsx)$/, ""))!;
      const chunks: Buffer[] = [];
      const sink = new Writable({
        write(chunk, _enc, done) {
          chunks.push(Buffer.from(chunk));
          done();
        },
      });
      await writeTemplate(kind, format, sink);
      if (!sink.writableEnded) sink.end();
      await finished(sink);
      const body = new Uint8Array(Buffer.concat(chunks));
      c.header("Content-Disposition", `attachment; filename="beltroad-${KIND_FOLDERS[kind]}-template.${format}"`);
      return c.body(body, 200, {
        "Content-Type":
          format === "csv"
            ? "text/csv; charset=utf-8"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      }) as never;
    },
  );
}
