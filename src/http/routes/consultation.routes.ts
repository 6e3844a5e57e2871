import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { KIND_FOLDERS } from "../../core/dataset.ts";
import { RECORD_KINDS, type RecordKind } from "../../core/domain/index.ts";
import { auditEntries, verifyAudit } from "../../services/audit.service.ts";
import { addComment, listComments } from "../../services/comment.service.ts";
import { myDrafts, type WriteContext } from "../../services/consultation.service.ts";
import { diffVersions, getVersion, listVersions } from "../../services/history.service.ts";
import { decide, getProposal, myProposals, withdrawProposal } from "../../services/proposal.service.ts";
import type { Db } from "../../store/database.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { ErrorBody, IdParam } from "../schemas.ts";

const err = (description: string) => ({ description, content: { "application/json": { schema: ErrorBody } } });
const ok = (description: string) => ({ description, content: { "application/json": { schema: z.unknown() } } });
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } }, required: true });
const READ_ERRORS = { 401: err("not signed in"), 403: err("not a party"), 404: err("not found (or not yours to see)") };

const ProposalParam = z.object({ id: z.string().regex(/^prp_[0-9a-f]+$/, "not a proposal id") });
const Decision = z
  .object({
    comment: z.string().max(10_000).optional(),
    organisation: z.string().max(120).optional().openapi({ description: "decide for this organisation only" }),
  })
  .strict();
const Version = z.coerce.number().int().min(1).max(1_000_000_000);

/**
 * Consultation and history: my drafts and proposals, a proposal with its
 * diff, consent / object / withdraw, threaded comments per record, versions
 * and diffs between any two, and the audit log with its verification.
 */
export function registerConsultationRoutes(app: OpenAPIHono, store: Db, dataDir: string): void {
  const ctx: WriteContext = { store, dataDir };

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/me/drafts",
      tags: ["consultation"],
      summary: "Records not public (draft, in consultation, approved, withdrawn) my organisations are party to",
      responses: { 200: ok("records with their workflow state"), ...READ_ERRORS },
    }),
    async (c) => c.json(await myDrafts(store, principalOf(c)), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/me/proposals",
      tags: ["consultation"],
      summary: "Proposals my organisations made or are asked to consent to, newest first",
      request: {
        query: z.object({ status: z.enum(["open", "applied", "withdrawn", "conflict"]).optional() }).strict(),
      },
      responses: { 200: ok("proposals with their consents"), ...READ_ERRORS },
    }),
    async (c) => c.json(await myProposals(store, principalOf(c), c.req.valid("query").status), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/proposals/{id}",
      tags: ["consultation"],
      summary: "A proposal: what it changes (diff), who must consent, who has",
      request: { params: ProposalParam },
      responses: { 200: ok("the proposal"), ...READ_ERRORS },
    }),
    async (c) => c.json({ data: await getProposal(store, principalOf(c), c.req.valid("param").id) }, 200),
  );

  for (const decision of ["consent", "object"] as const) {
    app.openapi(
      createRoute({
        method: "post",
        path: `/api/v1/proposals/{id}/${decision}`,
        tags: ["consultation"],
        summary:
          decision === "consent"
            ? "Consent for my organisations (approvers); the last consent applies the proposal"
            : "Object for my organisations (approvers) with a comment: the proposal stays open",
        request: { params: ProposalParam, body: json(Decision) },
        responses: {
          200: ok("the proposal after the decision"),
          400: err("an objection needs a comment"),
          409: err("not open"),
          ...READ_ERRORS,
        },
      }),
      async (c) => {
        const body = c.req.valid("json");
        const data = await decide(ctx, principalOf(c), c.req.valid("param").id, { decision, ...body });
        return c.json({ data }, 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/proposals/{id}/withdraw",
      tags: ["consultation"],
      summary: "Withdraw my open proposal (a draft in consultation goes back to draft)",
      request: { params: ProposalParam },
      responses: { 200: ok("the withdrawn proposal"), 409: err("not open"), ...READ_ERRORS },
    }),
    async (c) => c.json({ data: await withdrawProposal(ctx, principalOf(c), c.req.valid("param").id) }, 200),
  );

  for (const kind of RECORD_KINDS) registerKind(app, ctx, kind);

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/audit",
      tags: ["audit"],
      summary:
        "The hash-chained audit log, oldest first: everyone gets the chain (digests and hashes) to check; platform admins also who did what",
      request: {
        query: z
          .object({
            after: z.coerce.number().int().min(0).default(0),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
          })
          .strict(),
      },
      responses: { 200: ok("entries and the chain head") },
    }),
    async (c) => {
      const { after, limit } = c.req.valid("query");
      return c.json(await auditEntries(store, principalOf(c), after, limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/audit/verify",
      tags: ["audit"],
      summary: "Verifies the whole chain: { ok, entries } or { ok: false, brokenAt }",
      responses: { 200: ok("the verdict") },
    }),
    async (c) => c.json(await verifyAudit(store), 200),
  );
}

function registerKind(app: OpenAPIHono, ctx: WriteContext, kind: RecordKind): void {
  const plural = KIND_FOLDERS[kind];
  const tags = [plural, "history"];
  const { store } = ctx;

  app.openapi(
    createRoute({
      method: "get",
      path: `/api/v1/${plural}/{id}/versions`,
      tags,
      summary: `Every version of a ${kind}: who, when, why, workflow state`,
      request: { params: IdParam },
      responses: { 200: ok("versions, oldest first"), 404: err("no such record") },
    }),
    async (c) => c.json(await listVersions(store, principalOf(c), kind, c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: `/api/v1/${plural}/{id}/versions/{version}`,
      tags,
      summary: `One version of a ${kind} as it was stored`,
      request: { params: IdParam.extend({ version: Version }) },
      responses: { 200: ok("the version"), 404: err("no such record or version") },
    }),
    async (c) => {
      const { id, version } = c.req.valid("param");
      return c.json({ data: await getVersion(store, principalOf(c), kind, id, version) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: `/api/v1/${plural}/{id}/diff`,
      tags,
      summary: `The differences between two versions of a ${kind}, with who, when and why`,
      request: { params: IdParam, query: z.object({ from: Version, to: Version }).strict() },
      responses: { 200: ok("changes as JSON Pointer paths"), 404: err("no such record or version") },
    }),
    async (c) => {
      const { from, to } = c.req.valid("query");
      return c.json(await diffVersions(store, principalOf(c), kind, c.req.valid("param").id, from, to), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: `/api/v1/${plural}/{id}/comments`,
      tags: [plural, "consultation"],
      summary: `The comments on a ${kind}, threaded (parties and platform admins)`,
      request: { params: IdParam },
      responses: { 200: ok("threads, oldest first"), ...READ_ERRORS },
    }),
    async (c) => c.json(await listComments(store, principalOf(c), kind, c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: `/api/v1/${plural}/{id}/comments`,
      tags: [plural, "consultation"],
      summary: `Comment on a ${kind}, or reply to a comment (editors of a party)`,
      request: {
        params: IdParam,
        body: json(
          z
            .object({
              body: z.string().min(1).max(10_000),
              parentId: z
                .string()
                .regex(/^cmt_[0-9a-f]+$/)
                .optional(),
              proposalId: z
                .string()
                .regex(/^prp_[0-9a-f]+$/)
                .optional(),
            })
            .strict(),
        ),
      },
      responses: { 201: ok("the new comment's id"), 400: err("invalid comment"), ...READ_ERRORS },
    }),
    async (c) => c.json(await addComment(ctx, principalOf(c), kind, c.req.valid("param").id, c.req.valid("json")), 201),
  );
}
