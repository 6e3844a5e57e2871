import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { KIND_FOLDERS } from "../../core/dataset.ts";
import { RECORD_KINDS, type RecordKind } from "../../core/domain/index.ts";
import { versionsIn, versionTag } from "../../core/governance.ts";
import {
  createDraft,
  publishRecord,
  reportStatistic,
  submitDraft,
  updateRecord,
  type WriteContext,
  type WriteResult,
  withdrawRecord,
} from "../../services/consultation.service.ts";
import type { Db } from "../../store/database.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { ErrorBody, IdParam } from "../schemas.ts";

const err = (description: string) => ({ description, content: { "application/json": { schema: ErrorBody } } });

/** The answers every write can give besides success. */
export const WRITE_ERRORS = {
  400: err("invalid record or patch"),
  401: err("no credentials"),
  403: err("no right role in an organisation party to the record, or CSRF/scope refused"),
  404: err("no such record (or a draft you may not see)"),
  409: err("the record is not in a state that allows this"),
  412: err("stale If-Match (or the record exists, on create): nothing changed"),
  428: err("If-Match (If-None-Match: * on create) is missing"),
};

const Result = z
  .object({
    data: z.unknown(),
    workflow: z.string(),
    version: z.number(),
    proposal: z.unknown().optional(),
  })
  .openapi("WriteResult");
const Body = z.record(z.string(), z.unknown());
const IfMatch = z.object({
  "if-match": z.string().optional().openapi({ description: 'the record\'s ETag, e.g. W/"v3"' }),
});
const Note = z.object({ note: z.string().max(500).optional().openapi({ description: "why: kept with the version" }) });

const ok = (description: string) => ({ description, content: { "application/json": { schema: Result } } });
const accepted = {
  description: "needs consent: the proposal (Location: /api/v1/proposals/{id})",
  content: { "application/json": { schema: Result } },
};

/** Answers a write: 200/201 with the record's new ETag when applied, 202 with the proposal's Location when not. */
function answer(c: Context, result: WriteResult, created = false) {
  const body = {
    data: result.record.data,
    workflow: result.record.workflow,
    version: result.record.version,
    ...(result.proposal ? { proposal: result.proposal } : {}),
  };
  c.header("ETag", versionTag(result.record.version));
  if (result.outcome === "proposed" && result.proposal) {
    c.header("Location", result.proposal.location);
    return c.json(body, 202);
  }
  if (created) {
    c.header("Location", `/api/v1/${KIND_FOLDERS[result.record.data.kind]}/${result.record.data.id}`);
    return c.json(body, 201);
  }
  return c.json(body, 200);
}

/**
 * Writes for every kind: create a draft (POST, `If-None-Match: *`), change
 * (PATCH, JSON merge patch) and withdraw (DELETE) with `If-Match`, submit a
 * draft for consultation, publish an approved one; freight operators report
 * statistics on their services. Rules live in consultation.service.ts.
 */
export function registerWriteRoutes(app: OpenAPIHono, store: Db, dataDir: string): void {
  const ctx: WriteContext = { store, dataDir };
  for (const kind of RECORD_KINDS) registerKind(app, ctx, kind);

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/services/{id}/statistics",
      tags: ["services", "consultation"],
      summary:
        "Report a freight statistic (trips, TEU, value for a period): a proposal the service's parties consent to",
      request: {
        params: IdParam,
        query: Note,
        body: { content: { "application/json": { schema: Body } }, required: true },
      },
      responses: { 200: ok("recorded at once (every party had consented)"), 202: accepted, ...WRITE_ERRORS },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const result = await reportStatistic(ctx, principalOf(c), id, c.req.valid("json"), {
        note: c.req.valid("query").note,
      });
      return answer(c, result) as never;
    },
  );
}

function registerKind(app: OpenAPIHono, ctx: WriteContext, kind: RecordKind): void {
  const plural = KIND_FOLDERS[kind];
  const tags = [plural, "consultation"];

  app.openapi(
    createRoute({
      method: "post",
      path: `/api/v1/${plural}`,
      tags,
      summary: `Create a ${kind} as a draft (editors of an organisation it names as a party)`,
      request: {
        headers: z.object({ "if-none-match": z.string().optional().openapi({ description: "must be *" }) }),
        query: Note,
        body: { content: { "application/json": { schema: Body } }, required: true },
      },
      responses: { 201: ok("the draft, with its ETag and Location"), ...WRITE_ERRORS },
    }),
    async (c) => {
      const result = await createDraft(ctx, principalOf(c), kind, c.req.valid("json"), {
        ifNoneMatch: c.req.header("if-none-match"),
        note: c.req.valid("query").note,
      });
      return answer(c, result, true) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: `/api/v1/${plural}/{id}`,
      tags,
      summary: `Change a ${kind} with a JSON merge patch: a draft at once, a published record by proposal`,
      request: {
        params: IdParam,
        headers: IfMatch,
        query: Note,
        body: {
          content: { "application/merge-patch+json": { schema: Body }, "application/json": { schema: Body } },
          required: true,
        },
      },
      responses: { 200: ok("applied"), 202: accepted, ...WRITE_ERRORS },
    }),
    async (c) => {
      const patch = await c.req.json().catch(() => undefined);
      const result = await updateRecord(ctx, principalOf(c), kind, c.req.valid("param").id, patch, {
        ifMatch: versionsIn(c.req.header("if-match")),
        note: c.req.valid("query").note,
      });
      return answer(c, result) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: `/api/v1/${plural}/{id}`,
      tags,
      summary: `Withdraw a ${kind}: a draft at once, a published record by proposal (records are never erased)`,
      request: { params: IdParam, headers: IfMatch, query: Note },
      responses: { 200: ok("withdrawn"), 202: accepted, ...WRITE_ERRORS },
    }),
    async (c) => {
      const result = await withdrawRecord(ctx, principalOf(c), kind, c.req.valid("param").id, {
        ifMatch: versionsIn(c.req.header("if-match")),
        note: c.req.valid("query").note,
      });
      return answer(c, result) as never;
    },
  );

  for (const [action, run, summary] of [
    ["submit", submitDraft, `Put a draft ${kind} into consultation: approved once every party consents`],
    ["publish", publishRecord, `Publish an approved ${kind} (approvers of a party, platform admins)`],
  ] as const) {
    app.openapi(
      createRoute({
        method: "post",
        path: `/api/v1/${plural}/{id}/${action}`,
        tags,
        summary,
        request: { params: IdParam, headers: IfMatch, query: Note },
        responses: { 200: ok("done"), 202: accepted, ...WRITE_ERRORS },
      }),
      async (c) => {
        const result = await run(ctx, principalOf(c), kind, c.req.valid("param").id, {
          ifMatch: versionsIn(c.req.header("if-match")),
          note: c.req.valid("query").note,
        });
        return answer(c, result) as never;
      },
    );
  }
}
