import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, setMember } from "../src/services/account.service.ts";
import { findRecordState } from "../src/store/record.repository.ts";
import { createWorld, ifMatch, type Person, projectDoc, type World } from "./support/governance.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
type Json = Record<string, any>;
type Actor = "anonymous" | "viewer" | "editor" | "approver" | "admin" | "outsider" | "platform";

/**
 * Every role against every write endpoint: what each may do and what each is
 * refused, generated from one table. Roles are held in country-chn, the one
 * party to the records; the outsider is an admin of another organisation.
 */
const ACTORS: Actor[] = ["anonymous", "viewer", "editor", "approver", "admin", "outsider", "platform"];

interface Case {
  /** Sets up what the request acts on; returns the request and a snapshot of the state it may change. */
  setup(
    w: World,
    tag: string,
  ): Promise<{
    method: string;
    path: string;
    body?: unknown;
    headers?: Record<string, string>;
    state: () => Promise<unknown>;
  }>;
  expected: Record<Actor, number>;
}

const row = (
  anonymous: number,
  viewer: number,
  editor: number,
  approver: number,
  admin: number,
  outsider: number,
  platform: number,
) => ({
  anonymous,
  viewer,
  editor,
  approver,
  admin,
  outsider,
  platform,
});

const SERVICE = {
  id: "matrix-express",
  kind: "service",
  mode: "rail",
  corridor: "test",
  connectivity: ["hard"],
  status: "2",
  names: { en: "Matrix Express", zh: "矩阵班列" },
  sources: [{ key: "s1", title: "Test source", publisher: "Beltroad tests" }],
  operators: ["country-chn"],
  stops: [
    { name: "A", country: "CHN", role: "origin" },
    { name: "B", country: "LAO", role: "destination" },
  ],
};

describe.skipIf(engineUnavailable())(`role × write endpoint matrix on ${ENGINE}`, () => {
  let t: TestDb;
  let w: World;
  const json = async (res: Response) => (await res.json()) as Json;

  async function ok(res: Promise<Response>, status: number): Promise<Json> {
    const r = await res;
    const body = await json(r);
    expect(r.status, JSON.stringify(body)).toBe(status);
    return body;
  }
  /** A record's version and state, and its proposals (a 202 changes only those). */
  const recordState = (id: string) => async () => {
    const s = await findRecordState(t.store.db, id);
    const proposals = await t.store.db
      .selectFrom("proposals")
      .select(["id", "status"])
      .where("record_id", "=", id)
      .execute();
    return s && { version: s.version, workflow: s.workflow, proposals };
  };
  async function draft(id: string) {
    await ok(w.request("approver", "POST", "/api/v1/projects", projectDoc(id), { "if-none-match": "*" }), 201);
  }
  async function approved(id: string) {
    await draft(id);
    await ok(w.request("approver", "POST", `/api/v1/projects/${id}/submit`, undefined, ifMatch(1)), 200);
  }
  async function published(id: string) {
    await approved(id);
    await ok(w.request("approver", "POST", `/api/v1/projects/${id}/publish`, undefined, ifMatch(3)), 200);
  }
  async function openProposal(id: string, by: Person = "editor") {
    await published(id);
    const body = await ok(w.request(by, "PATCH", `/api/v1/projects/${id}`, { tags: ["proposed"] }, ifMatch(4)), 202);
    const pid = body.proposal.id as string;
    const state = async () => (await json(await w.request("platform", "GET", `/api/v1/proposals/${pid}`))).data;
    return {
      pid,
      state: async () => {
        const p = await state();
        return { status: p.status, consents: p.consents, record: await recordState(id)() };
      },
    };
  }
  const members = async () =>
    (await json(await w.request("platform", "GET", "/api/v1/organisations/country-chn/members"))).data;

  const CASES: Record<string, Case> = {
    "POST /{kind} (create draft)": {
      expected: row(401, 403, 201, 201, 201, 403, 201),
      async setup(_w, tag) {
        return {
          method: "POST",
          path: "/api/v1/projects",
          body: projectDoc(tag),
          headers: { "if-none-match": "*" },
          state: recordState(tag),
        };
      },
    },
    "PATCH /{kind}/{id} (draft)": {
      expected: row(401, 403, 200, 200, 200, 404, 200),
      async setup(_w, tag) {
        await draft(tag);
        return {
          method: "PATCH",
          path: `/api/v1/projects/${tag}`,
          body: { tags: ["edited"] },
          headers: ifMatch(1),
          state: recordState(tag),
        };
      },
    },
    "PATCH /{kind}/{id} (published)": {
      expected: row(401, 403, 202, 200, 200, 403, 202),
      async setup(_w, tag) {
        await published(tag);
        return {
          method: "PATCH",
          path: `/api/v1/projects/${tag}`,
          body: { tags: ["edited"] },
          headers: ifMatch(4),
          state: recordState(tag),
        };
      },
    },
    "DELETE /{kind}/{id} (draft)": {
      expected: row(401, 403, 200, 200, 200, 404, 200),
      async setup(_w, tag) {
        await draft(tag);
        return { method: "DELETE", path: `/api/v1/projects/${tag}`, headers: ifMatch(1), state: recordState(tag) };
      },
    },
    "DELETE /{kind}/{id} (published)": {
      expected: row(401, 403, 202, 200, 200, 403, 202),
      async setup(_w, tag) {
        await published(tag);
        return { method: "DELETE", path: `/api/v1/projects/${tag}`, headers: ifMatch(4), state: recordState(tag) };
      },
    },
    "POST /{kind}/{id}/submit": {
      expected: row(401, 403, 202, 200, 200, 404, 202),
      async setup(_w, tag) {
        await draft(tag);
        return { method: "POST", path: `/api/v1/projects/${tag}/submit`, headers: ifMatch(1), state: recordState(tag) };
      },
    },
    "POST /{kind}/{id}/publish": {
      expected: row(401, 403, 403, 200, 200, 404, 200),
      async setup(_w, tag) {
        await approved(tag);
        return {
          method: "POST",
          path: `/api/v1/projects/${tag}/publish`,
          headers: ifMatch(3),
          state: recordState(tag),
        };
      },
    },
    "POST /proposals/{id}/consent": {
      expected: row(401, 403, 403, 200, 200, 404, 403),
      async setup(_w, tag) {
        const { pid, state } = await openProposal(tag);
        return { method: "POST", path: `/api/v1/proposals/${pid}/consent`, body: {}, state };
      },
    },
    "POST /proposals/{id}/object": {
      expected: row(401, 403, 403, 200, 200, 404, 403),
      async setup(_w, tag) {
        const { pid, state } = await openProposal(tag);
        return { method: "POST", path: `/api/v1/proposals/${pid}/object`, body: { comment: "no" }, state };
      },
    },
    "POST /proposals/{id}/withdraw (someone else's)": {
      expected: row(401, 403, 403, 403, 403, 404, 200),
      async setup(_w, tag) {
        const { pid, state } = await openProposal(tag, "editor2");
        return { method: "POST", path: `/api/v1/proposals/${pid}/withdraw`, state };
      },
    },
    "POST /{kind}/{id}/comments": {
      expected: row(401, 403, 201, 201, 201, 403, 201),
      async setup(_w, tag) {
        await published(tag);
        const state = async () =>
          (await json(await w.request("platform", "GET", `/api/v1/projects/${tag}/comments`))).data;
        return { method: "POST", path: `/api/v1/projects/${tag}/comments`, body: { body: "a remark" }, state };
      },
    },
    "POST /services/{id}/statistics": {
      expected: row(401, 403, 202, 200, 200, 403, 202),
      async setup(_w, tag) {
        const body = { id: tag, period: { start: "2024", end: "2024" }, trips: 1, sources: SERVICE.sources };
        const state = async () =>
          (await t.store.db.selectFrom("proposals").select("id").where("record_id", "=", SERVICE.id).execute()).length;
        return { method: "POST", path: `/api/v1/services/${SERVICE.id}/statistics`, body, state };
      },
    },
    "PUT /organisations/{org}/members": {
      expected: row(401, 403, 403, 403, 200, 403, 200),
      async setup(_w, tag) {
        const email = `${tag}@example.org`;
        await createUser(t.store, { email, password: "a long enough password" });
        return {
          method: "PUT",
          path: "/api/v1/organisations/country-chn/members",
          body: { email, role: "editor" },
          state: members,
        };
      },
    },
    "DELETE /organisations/{org}/members/{user}": {
      expected: row(401, 403, 403, 403, 204, 403, 204),
      async setup(_w, tag) {
        const email = `${tag}@example.org`;
        const id = await createUser(t.store, { email, password: "a long enough password" });
        await setMember(t.store, "cli", { email, organisation: "country-chn", role: "viewer" });
        return { method: "DELETE", path: `/api/v1/organisations/country-chn/members/${id}`, state: members };
      },
    },
  };

  beforeAll(async () => {
    t = await createTestDb();
    w = await createWorld(t);
    await ok(w.request("approver", "POST", "/api/v1/services", SERVICE, { "if-none-match": "*" }), 201);
    await ok(w.request("approver", "POST", `/api/v1/services/${SERVICE.id}/submit`, undefined, ifMatch(1)), 200);
    await ok(w.request("approver", "POST", `/api/v1/services/${SERVICE.id}/publish`, undefined, ifMatch(3)), 200);
  }, 120_000);
  afterAll(async () => {
    await t.drop();
  });

  let n = 0;
  for (const [endpoint, c] of Object.entries(CASES)) {
    for (const actor of ACTORS) {
      const expected = c.expected[actor];
      const allowed = expected < 400;
      it(`${endpoint} as ${actor}: ${allowed ? "allowed" : "denied"} (${expected})`, async () => {
        const tag = `m${++n}-${actor.toLowerCase()}`;
        const req = await c.setup(w, tag);
        const before = await req.state();
        const res = await w.request(
          actor === "anonymous" ? undefined : actor,
          req.method,
          req.path,
          req.body,
          req.headers,
        );
        const text = await res.text();
        expect(res.status, text).toBe(expected);
        if (!allowed) {
          expect(await req.state(), "a refused request changes nothing").toEqual(before);
          expect(JSON.parse(text).error.code).toMatch(/^(unauthenticated|forbidden|not_found)$/);
        } else expect(await req.state(), "an allowed request changes something").not.toEqual(before);
      });
    }
  }
});
