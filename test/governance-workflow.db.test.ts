import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, ifMatch, type Person, projectDoc, type World } from "./support/governance.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
type Json = Record<string, any>;
const json = async (res: Response) => (await res.json()) as Json;

describe.skipIf(engineUnavailable())(`consultation workflow on ${ENGINE}`, () => {
  let t: TestDb;
  let w: World;
  beforeAll(async () => {
    t = await createTestDb();
    w = await createWorld(t);
  });
  afterAll(async () => {
    await t.drop();
  });

  /** Creates a record and takes it to published through consultation (an approver of its only party). */
  async function published(id: string, parties: string[] = ["country-chn"]) {
    const approverOf = (org: string): Person => (org === "country-lao" ? "laoApprover" : "approver");
    let res = await w.request("approver", "POST", "/api/v1/projects", projectDoc(id, parties), {
      "if-none-match": "*",
    });
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
    res = await w.request("approver", "POST", `/api/v1/projects/${id}/submit`, undefined, ifMatch(1));
    let body = await json(res);
    for (const org of parties.slice(1)) {
      res = await w.request(approverOf(org), "POST", `/api/v1/proposals/${body.proposal.id}/consent`, {});
      expect(res.status).toBe(200);
    }
    const detail = await json(await w.request("approver", "GET", `/api/v1/projects/${id}`));
    expect(detail.workflow).toBe("approved");
    res = await w.request(
      "approver",
      "POST",
      `/api/v1/projects/${id}/publish`,
      undefined,
      ifMatch(detail.data.version),
    );
    body = await json(res);
    expect(res.status).toBe(200);
    expect(body.workflow).toBe("published");
    return body.version as number;
  }

  it("creates a draft seen only by its parties and platform admins, never in public lists or search", async () => {
    const res = await w.request("editor", "POST", "/api/v1/projects", projectDoc("secret-draft"), {
      "if-none-match": "*",
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("etag")).toBe('W/"v1"');
    expect(res.headers.get("location")).toBe("/api/v1/projects/secret-draft");
    expect((await json(res)).workflow).toBe("draft");
    expect((await w.request(undefined, "GET", "/api/v1/projects/secret-draft")).status).toBe(404);
    expect((await w.request("outsider", "GET", "/api/v1/projects/secret-draft")).status).toBe(404);
    const seen = await w.request("viewer", "GET", "/api/v1/projects/secret-draft");
    expect(seen.status).toBe(200);
    expect(seen.headers.get("etag")).toBe('W/"v1"');
    expect(seen.headers.get("cache-control")).toBe("private, no-store");
    expect((await json(seen)).workflow).toBe("draft");
    expect((await w.request("platform", "GET", "/api/v1/projects/secret-draft")).status).toBe(200);
    const list = await json(await w.request("editor", "GET", "/api/v1/projects?limit=200"));
    expect(list.data.map((r: Json) => r.id)).not.toContain("secret-draft");
    const search = await json(await w.request(undefined, "GET", "/api/v1/search?q=secret"));
    expect(search.data).toEqual([]);
    const drafts = await json(await w.request("viewer", "GET", "/api/v1/me/drafts"));
    expect(drafts.data.map((d: Json) => d.data.id)).toContain("secret-draft");
    const outsiderDrafts = await json(await w.request("outsider", "GET", "/api/v1/me/drafts"));
    expect(outsiderDrafts.data.map((d: Json) => d.data.id)).not.toContain("secret-draft");
  });

  it("never shows a draft's name as a related record of a public one", async () => {
    const port = (await json(await w.request(undefined, "GET", "/api/v1/projects/test-port"))).data;
    const linked = await w.request(
      "platform",
      "PATCH",
      "/api/v1/projects/test-port",
      { related: [{ id: "secret-draft", type: "3" }] },
      ifMatch(port.version),
    );
    expect(linked.status).toBe(200); // no party: a platform admin's change applies
    const shown = await json(await w.request(undefined, "GET", "/api/v1/projects/test-port"));
    expect(shown.data.related).toEqual([{ id: "secret-draft", type: "3" }]);
    expect(shown.related["secret-draft"]).toBeUndefined();
  });

  it("answers 428 without If-Match and 412 with a stale one, changing nothing", async () => {
    await w.request("editor", "POST", "/api/v1/projects", projectDoc("cas-draft"), { "if-none-match": "*" });
    const patch = { names: { en: "Renamed", zh: "改名" } };
    const none = await w.request("editor", "PATCH", "/api/v1/projects/cas-draft", patch);
    expect(none.status).toBe(428);
    expect((await json(none)).error.code).toBe("precondition_required");
    const stale = await w.request("editor", "PATCH", "/api/v1/projects/cas-draft", patch, ifMatch(7));
    expect(stale.status).toBe(412);
    const after = await json(await w.request("editor", "GET", "/api/v1/projects/cas-draft"));
    expect(after.data.version).toBe(1);
    expect(after.data.names.en).toBe("Test cas-draft");
    const again = await w.request("editor", "POST", "/api/v1/projects", projectDoc("cas-draft"), {
      "if-none-match": "*",
    });
    expect(again.status).toBe(412);
    const noPrecondition = await w.request("editor", "POST", "/api/v1/projects", projectDoc("cas-draft-2"));
    expect(noPrecondition.status).toBe(428);
    const ok = await w.request("editor", "PATCH", "/api/v1/projects/cas-draft", patch, ifMatch(1));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("etag")).toBe('W/"v2"');
  });

  it("lets exactly one of two concurrent editors win; the other gets 412 and loses nothing on retry", async () => {
    await w.request("editor", "POST", "/api/v1/projects", projectDoc("race"), { "if-none-match": "*" });
    const a = { descriptions: { en: "from editor one" } };
    const b = { tags: ["from-editor-two"] };
    const [ra, rb] = await Promise.all([
      w.request("editor", "PATCH", "/api/v1/projects/race", a, ifMatch(1)),
      w.request("editor2", "PATCH", "/api/v1/projects/race", b, ifMatch(1)),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([200, 412]);
    const loser = ra.status === 412 ? a : b;
    const current = await w.request("editor", "GET", "/api/v1/projects/race");
    const version = (await json(current)).data.version;
    expect(version).toBe(2);
    const retry = await w.request(ra.status === 412 ? "editor" : "editor2", "PATCH", "/api/v1/projects/race", loser, {
      "if-match": current.headers.get("etag")!,
    });
    expect(retry.status).toBe(200);
    const final = (await json(await w.request("editor", "GET", "/api/v1/projects/race"))).data;
    expect(final.descriptions).toEqual({ en: "from editor one" });
    expect(final.tags).toEqual(["from-editor-two"]);
    const versions = await json(await w.request("editor", "GET", "/api/v1/projects/race/versions"));
    expect(versions.data.map((v: Json) => v.version)).toEqual([1, 2, 3]);
  });

  it("applies a change to a shared record only when an approver of every party consents; an objection keeps it open", async () => {
    const v = await published("shared-line", ["country-chn", "country-lao"]);
    const patch = { descriptions: { en: "Extended to the border." } };
    const res = await w.request("editor", "PATCH", "/api/v1/projects/shared-line", patch, {
      ...ifMatch(v),
      "content-type": "application/merge-patch+json",
    });
    expect(res.status).toBe(202);
    const proposal = (await json(res)).proposal;
    expect(res.headers.get("location")).toBe(`/api/v1/proposals/${proposal.id}`);
    expect(proposal.status).toBe("open");
    expect(proposal.changes).toEqual([{ op: "add", path: "/descriptions", to: { en: "Extended to the border." } }]);
    // the public record has not changed
    expect(
      (await json(await w.request(undefined, "GET", "/api/v1/projects/shared-line"))).data.descriptions,
    ).toBeUndefined();
    // proposals are for the parties' eyes
    expect((await w.request("outsider", "GET", `/api/v1/proposals/${proposal.id}`)).status).toBe(404);
    expect((await w.request(undefined, "GET", `/api/v1/proposals/${proposal.id}`)).status).toBe(401);
    const mine = await json(await w.request("laoApprover", "GET", "/api/v1/me/proposals?status=open"));
    expect(mine.data.map((p: Json) => p.id)).toContain(proposal.id);

    let r = await w.request("approver", "POST", `/api/v1/proposals/${proposal.id}/consent`, { comment: "Fine by us." });
    expect(r.status).toBe(200);
    expect((await json(r)).data.status).toBe("open");
    r = await w.request("laoApprover", "POST", `/api/v1/proposals/${proposal.id}/object`, {});
    expect(r.status).toBe(400);
    r = await w.request("laoApprover", "POST", `/api/v1/proposals/${proposal.id}/object`, {
      comment: "The border section is not agreed yet.",
    });
    expect(r.status).toBe(200);
    const objected = (await json(r)).data;
    expect(objected.status).toBe("open");
    expect(objected.consents).toEqual([
      expect.objectContaining({ organisation: "country-chn", decision: "consent" }),
      expect.objectContaining({ organisation: "country-lao", decision: "object" }),
    ]);
    expect((await json(await w.request(undefined, "GET", "/api/v1/projects/shared-line"))).data.version).toBe(v);

    r = await w.request("laoApprover", "POST", `/api/v1/proposals/${proposal.id}/consent`, { comment: "Agreed now." });
    const applied = (await json(r)).data;
    expect(applied.status).toBe("applied");
    expect(applied.resultVersion).toBe(v + 1);
    const now = await json(await w.request(undefined, "GET", "/api/v1/projects/shared-line"));
    expect(now.data.descriptions).toEqual({ en: "Extended to the border." });
    expect(now.data.version).toBe(v + 1);
    expect((await w.request("laoApprover", "POST", `/api/v1/proposals/${proposal.id}/consent`, {})).status).toBe(409);

    // history: who, when and why, and the diff between any two versions
    const history = await json(await w.request("viewer", "GET", "/api/v1/projects/shared-line/versions"));
    const last = history.data.at(-1);
    expect(last).toMatchObject({
      version: v + 1,
      organisation: "country-chn",
      proposal: proposal.id,
      workflow: "published",
    });
    expect(last.by).toEqual({ id: w.principals.editor.userId, email: w.emails.editor });
    const publicHistory = await json(await w.request(undefined, "GET", "/api/v1/projects/shared-line/versions"));
    expect(publicHistory.data.at(-1).by).toEqual({ id: w.principals.editor.userId });
    const diff = await json(await w.request(undefined, "GET", `/api/v1/projects/shared-line/diff?from=1&to=${v + 1}`));
    expect(diff.from.version).toBe(1);
    expect(diff.to).toMatchObject({ version: v + 1, workflow: "published" });
    expect(diff.changes).toEqual([
      { op: "replace", path: "#workflow", from: "draft", to: "published" },
      { op: "add", path: "/descriptions", to: { en: "Extended to the border." } },
    ]);
    const one = await json(await w.request(undefined, "GET", "/api/v1/projects/shared-line/versions/1"));
    expect(one.data.data.names.en).toBe("Test shared-line");
  });

  it("keeps threaded comments per record, for the parties", async () => {
    await published("talk-line");
    const root = await w.request("editor", "POST", "/api/v1/projects/talk-line/comments", {
      body: "Is the opening date right?",
    });
    expect(root.status).toBe(201);
    const rootId = (await json(root)).id;
    const reply = await json(
      await w.request("approver", "POST", "/api/v1/projects/talk-line/comments", {
        body: "Yes, per the source.",
        parentId: rootId,
      }),
    );
    await w.request("editor", "POST", "/api/v1/projects/talk-line/comments", { body: "Thanks.", parentId: reply.id });
    await w.request("admin", "POST", "/api/v1/projects/talk-line/comments", { body: "Another topic." });
    const threads = await json(await w.request("viewer", "GET", "/api/v1/projects/talk-line/comments"));
    expect(threads.data).toHaveLength(2);
    expect(threads.data[0]).toMatchObject({ body: "Is the opening date right?", by: { email: w.emails.editor } });
    expect(threads.data[0].replies[0]).toMatchObject({ body: "Yes, per the source." });
    expect(threads.data[0].replies[0].replies[0]).toMatchObject({ body: "Thanks.", replies: [] });
    expect(threads.data[1]).toMatchObject({ body: "Another topic.", replies: [] });
    expect((await w.request("outsider", "GET", "/api/v1/projects/talk-line/comments")).status).toBe(403);
    expect((await w.request(undefined, "GET", "/api/v1/projects/talk-line/comments")).status).toBe(401);
    const foreign = await w.request("editor", "POST", "/api/v1/projects/talk-line/comments", {
      body: "x",
      parentId: "cmt_0000",
    });
    expect(foreign.status).toBe(400);
  });

  it("withdraws: a draft at once, a published record by consent, never erasing versions", async () => {
    await w.request("editor", "POST", "/api/v1/projects", projectDoc("gone-draft"), { "if-none-match": "*" });
    const d = await w.request("editor", "DELETE", "/api/v1/projects/gone-draft", undefined, ifMatch(1));
    expect(d.status).toBe(200);
    expect((await json(d)).workflow).toBe("withdrawn");
    const v = await published("gone-line");
    const p = await w.request("editor", "DELETE", "/api/v1/projects/gone-line", undefined, ifMatch(v));
    expect(p.status).toBe(202);
    const id = (await json(p)).proposal.id;
    expect((await w.request(undefined, "GET", "/api/v1/projects/gone-line")).status).toBe(200);
    await w.request("approver", "POST", `/api/v1/proposals/${id}/consent`, {});
    expect((await w.request(undefined, "GET", "/api/v1/projects/gone-line")).status).toBe(404);
    const kept = await json(await w.request("viewer", "GET", "/api/v1/projects/gone-line/versions"));
    expect(kept.data.at(-1).workflow).toBe("withdrawn");
  });

  it("lets a freight operator report trips through the same consent flow", async () => {
    const svc = await json(await w.request(undefined, "GET", "/api/v1/services/test-express"));
    // make country-chn an operator of the test service: the party added consents too
    const op = await w.request(
      "platform",
      "PATCH",
      "/api/v1/services/test-express",
      { operators: ["country-chn"] },
      ifMatch(svc.data.version),
    );
    expect(op.status).toBe(202);
    const named = await w.request("approver", "POST", `/api/v1/proposals/${(await json(op)).proposal.id}/consent`, {});
    expect((await json(named)).data.status).toBe("applied");
    const stat = {
      id: "t-2024-report",
      period: { start: "2024", end: "2024" },
      trips: 42,
      sources: [{ key: "s1", title: "Operator report", publisher: "Test operator", published: "2025-01-15" }],
    };
    const r = await w.request("editor", "POST", "/api/v1/services/test-express/statistics", stat);
    expect(r.status).toBe(202);
    const id = (await json(r)).proposal.id;
    let detail = await json(await w.request(undefined, "GET", "/api/v1/services/test-express"));
    expect(detail.statistics.map((s: Json) => s.id)).not.toContain("t-2024-report");
    await w.request("approver", "POST", `/api/v1/proposals/${id}/consent`, {});
    detail = await json(await w.request(undefined, "GET", "/api/v1/services/test-express"));
    expect(detail.statistics.find((s: Json) => s.id === "t-2024-report")).toMatchObject({ trips: 42 });
  });

  it("lets a programme owner report counts the same way, and the headline figures follow once agreed", async () => {
    let prog = (await json(await w.request(undefined, "GET", "/api/v1/programmes/test-workshops"))).data;
    const owner = { participants: [{ partner: "country-chn", role: "2", sources: ["s1"] }] };
    const named = await w.request(
      "platform",
      "PATCH",
      "/api/v1/programmes/test-workshops",
      owner,
      ifMatch(prog.version),
    );
    await w.request("approver", "POST", `/api/v1/proposals/${(await json(named)).proposal.id}/consent`, {});
    prog = (await json(await w.request(undefined, "GET", "/api/v1/programmes/test-workshops"))).data;
    const counts = [...prog.counts, { metric: "people-trained", value: 400, date: "2024-12", sources: ["s1"] }];
    const r = await w.request(
      "editor",
      "PATCH",
      "/api/v1/programmes/test-workshops",
      { counts },
      ifMatch(prog.version),
    );
    expect(r.status).toBe(202);
    expect((await json(await w.request(undefined, "GET", "/api/v1/stats"))).stats.peopleTrained).toBe(250);
    await w.request("approver", "POST", `/api/v1/proposals/${(await json(r)).proposal.id}/consent`, {});
    expect((await json(await w.request(undefined, "GET", "/api/v1/stats"))).stats.peopleTrained).toBe(400);
  });

  it("withdraws a consultation: the record goes back to draft", async () => {
    await w.request("editor", "POST", "/api/v1/projects", projectDoc("back-to-draft"), { "if-none-match": "*" });
    const s = await w.request("editor", "POST", "/api/v1/projects/back-to-draft/submit", undefined, ifMatch(1));
    expect(s.status).toBe(202);
    const body = await json(s);
    expect(body.workflow).toBe("in_consultation");
    expect(
      (await w.request("editor", "PATCH", "/api/v1/projects/back-to-draft", { tags: ["x"] }, ifMatch(2))).status,
    ).toBe(409);
    expect((await w.request("editor2", "POST", `/api/v1/proposals/${body.proposal.id}/withdraw`)).status).toBe(403);
    const r = await w.request("editor", "POST", `/api/v1/proposals/${body.proposal.id}/withdraw`);
    expect(r.status).toBe(200);
    const now = await json(await w.request("editor", "GET", "/api/v1/projects/back-to-draft"));
    expect(now.workflow).toBe("draft");
    expect(now.data.version).toBe(3);
  });

  it("refuses invalid records naming field and problem", async () => {
    const bad = {
      ...projectDoc("bad-one"),
      status: "99",
      participants: [{ partner: "nobody-here", role: "2", sources: ["s1"] }],
    };
    const r = await w.request("platform", "POST", "/api/v1/projects", bad, { "if-none-match": "*" });
    expect(r.status).toBe(400);
    const e = (await json(r)).error;
    expect(e.code).toBe("invalid_request");
    expect(e.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: "status" })]));
    const unknown = {
      ...projectDoc("bad-two"),
      participants: [{ partner: "nobody-here", role: "2", sources: ["s1"] }],
    };
    const r2 = await w.request("platform", "POST", "/api/v1/projects", unknown, { "if-none-match": "*" });
    expect(r2.status).toBe(400);
    expect((await json(r2)).error.message).toMatch(/unknown record "nobody-here"/);
  });
});
