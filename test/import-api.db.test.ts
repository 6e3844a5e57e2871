import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_STATUS } from "../src/core/errors.ts";
import { createApp } from "../src/http/app.ts";
import type { FileReport } from "../src/services/import/report.ts";
import { jobsIdle } from "../src/services/jobs.ts";
import { findRun } from "../src/store/import.repository.ts";
import { createWorld, type Person, type World } from "./support/governance.ts";
import { importInto } from "./support/import-helpers.ts";
import { AIDDATA_DIR, hasReference } from "./support/reference.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

const IATI = join(import.meta.dirname, "fixtures/iati-sample.xml");
const PORTS = join(AIDDATA_DIR, "ports_projects.csv");
const MALAYSIA = join(AIDDATA_DIR, "malaysia_projects.csv");

type Body = NonNullable<RequestInit["body"]>;

interface Job {
  id: string;
  status: string;
  progress: number;
  file: string;
  dryRun: boolean;
  report?: FileReport;
  error?: { code: string; message: string };
}

describe.skipIf(engineUnavailable())(`imports over HTTP on ${ENGINE}`, () => {
  let t: TestDb;
  let w: World;
  beforeAll(async () => {
    t = await createTestDb();
    w = await createWorld(t);
  });
  afterAll(async () => {
    await jobsIdle();
    await t?.drop();
  });

  const upload = (who: Person | undefined, query: string, body: Body, headers: Record<string, string> = {}) =>
    w.app.request(`/api/v1/imports?${query}`, {
      method: "POST",
      headers: { ...(who ? { authorization: `Bearer ${w.tokens[who]}` } : {}), ...headers },
      body,
    });

  /** Uploads and waits for the job to end; returns the job as GET shows it. */
  async function run(who: Person, query: string, body: Body, headers: Record<string, string> = {}) {
    const res = await upload(who, query, body, headers);
    expect(res.status, await res.clone().text()).toBe(202);
    const { href } = (await res.json()) as { href: string };
    expect(res.headers.get("location")).toBe(href);
    return poll(who, href);
  }

  async function poll(who: Person, href: string): Promise<Job> {
    for (let i = 0; i < 600; i++) {
      const job = (await (await w.request(who, "GET", href)).json()) as Job;
      if (job.status !== "queued" && job.status !== "running") return job;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${href} did not end`);
  }

  const counts = async () => ({
    records: Number(
      (
        await t.store.db
          .selectFrom("records")
          .select((e) => e.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    runs: Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM import_runs`.execute(t.store.db)).rows[0]?.n),
  });
  const comparable = ({ file: _f, runId: _r, ...rest }: FileReport) => rest;

  it("needs credentials (401) and the editor role (403), before reading the body", async () => {
    const xml = readFileSync(IATI);
    expect((await upload(undefined, "format=iati", xml)).status).toBe(401);
    const viewer = await upload("viewer", "format=iati&dryRun=true", xml);
    expect(viewer.status).toBe(403);
    expect(((await viewer.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    expect((await w.request("viewer", "GET", "/api/v1/imports")).status).toBe(403);
    expect((await w.request(undefined, "GET", "/api/v1/imports")).status).toBe(401);
    expect((await upload("editor", "format=nope", xml)).status).toBe(400);
    expect((await upload("editor", "format=iati", new Uint8Array())).status).toBe(400);
  });

  it.skipIf(!hasReference())("lets an editor dry-run then import AidData; the report is the CLI's", async () => {
    const before = await counts();
    const cli = await importInto(t.store, PORTS, { format: "aiddata", dryRun: true });
    const dry = await run("editor", "format=aiddata&dryRun=true&name=ports.csv", readFileSync(PORTS));
    expect(dry).toMatchObject({ status: "done", progress: 1, file: "ports.csv", dryRun: true });
    // An editor's records are written as drafts of their parties; otherwise the report is the CLI's.
    expect(comparable(dry.report!)).toEqual({ ...comparable(cli), writtenAs: "draft" });
    expect(dry.report).toMatchObject({ ok: true, dryRun: true, imported: 20 });
    expect(await counts()).toEqual(before);

    const drafts = () => t.store.db.selectFrom("records").select("id").where("workflow", "=", "draft").execute();
    const draftsBefore = (await drafts()).length;
    const real = await run("editor", "format=aiddata&dryRun=false", readFileSync(PORTS));
    expect(real).toMatchObject({ status: "done", progress: 1, report: { ok: true, dryRun: false, imported: 20 } });
    // Drafts: not public until their parties have consented (submit for consultation in the workspace).
    expect((await drafts()).length).toBe(draftsBefore + 20);
    const again = await run("editor", "format=aiddata&dryRun=false", readFileSync(PORTS));
    expect(again.report).toMatchObject({ ok: true, imported: 0, skipped: 0 });
    expect(real.report!.runId).toEqual(expect.any(String));
    const run1 = await findRun(t.store.db, real.report!.runId!);
    expect(run1?.by).toBe(w.principals.editor.userId);
    expect((await counts()).records).toBeGreaterThanOrEqual(before.records + 20);

    const list = (await (await w.request("editor", "GET", "/api/v1/imports")).json()) as {
      data: Job[];
      maxBytes: number;
    };
    expect(list.maxBytes).toBe(200 * 1024 * 1024);
    expect(list.data.map((j) => j.id).slice(0, 3)).toEqual([again.id, real.id, dry.id]);
  });

  it("imports the IATI fixture (multipart, as a browser form sends it) with the CLI's report", async () => {
    const cli = await importInto(t.store, IATI, { format: "iati", dryRun: true });
    const form = new FormData();
    form.set("file", new Blob([readFileSync(IATI)], { type: "application/xml" }), "iati-sample.xml");
    const dry = await run("platform", "format=iati&dryRun=true", form);
    expect(dry).toMatchObject({ status: "done", progress: 1, file: "iati-sample.xml" });
    expect(comparable(dry.report!)).toEqual(comparable(cli));
    const real = await run("platform", "format=iati", form);
    expect(real.report).toMatchObject({ ok: false, imported: 1, skipped: 2, partnersCreated: 3 });
    expect(real.report!.errors).toHaveLength(2);
  });

  it("refuses an editor's records that name no organisation they edit for, and published records, writing none of them", async () => {
    const projects = () =>
      t.store.db.selectFrom("records").select("id").where("kind", "=", "project").orderBy("id").execute();
    const before = await projects();
    const dry = await run("laoEditor", "format=iati&dryRun=true", readFileSync(IATI));
    expect(dry.status).toBe("done");
    const refusal = expect.objectContaining({
      field: "participants",
      message: expect.stringMatching(/no organisation/),
    });
    expect(dry.report!.errors).toContainEqual(refusal);
    const real = await run("laoEditor", "format=iati", readFileSync(IATI));
    expect(real.status).toBe("done");
    expect(real.report).toMatchObject({ ok: false, imported: 0 });
    expect(real.report!.errors).toContainEqual(refusal);
    expect(await projects()).toEqual(before);

    // Organisations only the refused records name are not created either (none of these exist yet).
    const partners = () =>
      t.store.db.selectFrom("records").select("id").where("kind", "=", "partner").orderBy("id").execute();
    const strangers = readFileSync(IATI, "utf8")
      .replaceAll("XM-TEST", "XM-QUILL")
      .replaceAll("Test Development Bank", "Quillfeather Development Bank")
      .replaceAll("Test Rail Builders Ltd", "Quillfeather Rail Builders Ltd");
    const partnersBefore = await partners();
    const refused = await run("laoEditor", "format=iati", strangers);
    expect(refused.report).toMatchObject({ imported: 0, partnersCreated: 0 });
    expect(await partners()).toEqual(partnersBefore);
    const accepted = await run("platform", "format=iati", strangers);
    expect(accepted.report!.partnersCreated).toBeGreaterThanOrEqual(2);
    expect((await partners()).map((p) => p.id)).toEqual(expect.arrayContaining(["org-quillfeather-rail-builders-ltd"]));

    // The platform's import of the same file publishes it; an editor's import then changes nothing of it.
    const admin = await run("platform", "format=iati", readFileSync(IATI));
    expect(admin.report!.imported + admin.report!.updated + admin.report!.unchanged).toBe(1);
    const after = await run("editor", "format=iati", readFileSync(IATI));
    expect(after.report!.imported + after.report!.updated).toBe(0);
  });

  it("refuses an oversized body with 413 naming the limit, writing nothing", async () => {
    process.env.BELTROAD_IMPORT_MAX_BYTES = "1000";
    const small = createApp(t.store, { dataDir: w.dataDir });
    delete process.env.BELTROAD_IMPORT_MAX_BYTES;
    const before = await counts();
    const send = (body: Body) =>
      small.request("/api/v1/imports?format=iati", {
        method: "POST",
        headers: { authorization: `Bearer ${w.tokens.platform}` },
        body,
        duplex: "half",
      } as RequestInit);
    const declared = await send(readFileSync(IATI));
    expect(declared.status).toBe(413);
    const body = (await declared.json()) as { error: { code: string; message: string; details: { limit: number } } };
    expect(body.error).toMatchObject({ code: "input_too_large", details: { limit: 1000 } });
    expect(body.error.message).toMatch(/1000 bytes|1 kB/);
    // No Content-Length (chunked): refused while streaming.
    const bytes = readFileSync(IATI);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 500) controller.enqueue(bytes.subarray(i, i + 500));
        controller.close();
      },
    });
    expect((await send(chunked)).status).toBe(413);
    // The other API routes keep their 1 MB limit; imports are not bound by it.
    expect((await w.request("editor", "POST", "/api/v1/projects", { pad: "x".repeat(1_100_000) })).status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it("reports a garbage file with errors and writes nothing", async () => {
    const before = await counts();
    const job = await run("editor", "format=iati&allOrNothing=true", "this is not XML at all \u0000\u0001");
    expect(job.status).toBe("done");
    expect(job.report).toMatchObject({ ok: false, imported: 0, updated: 0 });
    expect(job.report!.errors.length).toBeGreaterThan(0);
    expect((await counts()).records).toBe(before.records);
    const xlsx = await run("editor", "format=xlsx&kind=projects", "not a zip");
    expect(xlsx.report).toMatchObject({ ok: false, imported: 0 });
  });

  it("shows a job to its uploader and platform admins only", async () => {
    const job = await run("editor", "format=iati&dryRun=true", readFileSync(IATI));
    const href = `/api/v1/imports/${job.id}`;
    expect((await w.request("editor2", "GET", href)).status).toBe(404);
    expect((await w.request("laoEditor", "POST", `${href}/cancel`)).status).toBe(404);
    expect((await w.request("platform", "GET", href)).status).toBe(200);
    expect((await w.request(undefined, "GET", href)).status).toBe(401);
    expect((await w.request(undefined, "GET", `/api/v1/jobs/${job.id}`)).status).toBe(404);
    const mine = (await (await w.request("editor2", "GET", "/api/v1/imports")).json()) as { data: Job[] };
    expect(mine.data.some((j) => j.id === job.id)).toBe(false);
    expect((await w.request("editor", "POST", `${href}/cancel`)).status).toBe(409);
  });

  it.skipIf(!hasReference())("cancels an import: nothing of it is written", async () => {
    const before = await counts();
    const blocker = await upload("platform", "format=aiddata&dryRun=true", readFileSync(MALAYSIA));
    const target = await upload("platform", "format=aiddata&allOrNothing=true", readFileSync(MALAYSIA));
    const { href } = (await target.json()) as { href: string };
    const cancel = await w.request("platform", "POST", `${href}/cancel`);
    expect(cancel.status).toBe(200);
    expect(await poll("platform", href)).toMatchObject({ status: "cancelled" });
    expect(await poll("platform", ((await blocker.json()) as { href: string }).href)).toMatchObject({ status: "done" });
    expect(await counts()).toEqual(before);
  });

  it("serves the CSV and XLSX templates", async () => {
    const csv = await w.request(undefined, "GET", "/api/v1/templates/projects.csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect((await csv.text()).split("\n")[0]).toMatch(/^id,kind,/);
    const xlsx = await w.request(undefined, "GET", "/api/v1/templates/partner.xlsx");
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    expect((await w.request(undefined, "GET", "/api/v1/templates/nothing.csv")).status).toBe(400);
  });

  it("describes the endpoints in OpenAPI and maps every file error to a 4xx", async () => {
    const spec = (await (await w.request(undefined, "GET", "/api/v1/openapi.json")).json()) as {
      paths: Record<string, unknown>;
    };
    for (const path of [
      "/api/v1/imports",
      "/api/v1/imports/{id}",
      "/api/v1/imports/{id}/cancel",
      "/api/v1/templates/{file}",
    ])
      expect(spec.paths[path], path).toBeDefined();
    for (const code of [
      "invalid_xml",
      "invalid_encoding",
      "unsupported_encoding",
      "input_too_large",
      "unsupported_version",
      "invalid_iati",
      "invalid_aiddata",
      "invalid_csv",
      "invalid_xlsx",
      "aborted",
      "nothing_to_export",
    ]) {
      expect(ERROR_STATUS[code], code).toBeGreaterThanOrEqual(400);
      expect(ERROR_STATUS[code], code).toBeLessThan(500);
    }
    expect(ERROR_STATUS.input_too_large).toBe(413);
  });
});
