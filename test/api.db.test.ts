import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/http/app.ts";
import { seed } from "../src/services/seed.service.ts";
import { FIXTURE_STATS, writeFixture } from "./support/fixture.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field below
type Json = any;

describe.skipIf(engineUnavailable())(`API v1 on ${ENGINE}`, () => {
  let t: TestDb;
  let app: ReturnType<typeof createApp>;
  const dataDir = writeFixture((f) => {
    const projects = f["projects/projects.json"] as Array<{ names: { en: string } }>;
    projects[1]!.names.en = '=HYPERLINK("http://x") Test Port';
  });
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await app.request(path, { headers });
    const type = res.headers.get("content-type") ?? "";
    const body: Json = type.includes("json") ? await res.json() : await res.text();
    return { status: res.status, body, headers: res.headers };
  };
  beforeAll(async () => {
    t = await createTestDb();
    await seed(t.store, dataDir);
    app = createApp(t.store, { dataDir, webDir: "/nonexistent" });
  });
  afterAll(async () => {
    await t.drop();
  });

  it("lists every kind with totals and a cursor that walks every record exactly once", async () => {
    const first = await get("/api/v1/partners?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.meta).toMatchObject({ total: 5, limit: 2 });
    const seen: string[] = first.body.data.map((r: { id: string }) => r.id);
    let cursor = first.body.meta.nextCursor;
    while (cursor) {
      const next = await get(`/api/v1/partners?limit=2&cursor=${cursor}`);
      seen.push(...next.body.data.map((r: { id: string }) => r.id));
      cursor = next.body.meta.nextCursor;
    }
    expect(seen).toEqual(["country-chn", "country-ita", "country-ken", "country-lao", "test-bank"]);
    for (const kind of ["projects", "agreements", "programmes", "services", "commitments"]) {
      expect((await get(`/api/v1/${kind}`)).status, kind).toBe(200);
    }
  });

  it("filters by country, sector, kind, status, partner, tag, type, years and text", async () => {
    const ids = async (qs: string) => (await get(`/api/v1/projects?${qs}`)).body.data.map((r: { id: string }) => r.id);
    expect(await ids("country=LAO")).toEqual(["test-railway"]);
    expect(await ids("country=KEN,LAO")).toEqual(["test-port", "test-railway"]);
    expect(await ids("sector=21040")).toEqual(["test-port"]);
    expect(await ids("kind=heart")).toEqual([]);
    expect(await ids("kind=hard&status=2")).toHaveLength(2);
    expect(await ids("partner=test-bank")).toEqual(["test-railway"]);
    expect(await ids("tag=flagship")).toEqual(["test-railway"]);
    expect(await ids("type=port")).toEqual(["test-port"]);
    expect(await ids("from=2016&to=2016")).toEqual(["test-railway"]);
    expect(await ids("q=xian")).toEqual(["test-railway"]);
    expect(await ids("q=%E9%93%81%E8%B7%AF")).toEqual(["test-railway"]);
  });

  it("sorts, selects fields and adds committed constant USD", async () => {
    const byCommitted = await get("/api/v1/projects?sort=-committed");
    expect(byCommitted.body.data.map((r: { id: string }) => r.id)).toEqual(["test-port", "test-railway"]);
    expect(byCommitted.body.data[0].committedUsdConstant).toBeCloseTo(100, 6);
    expect(byCommitted.body.data[1].committedUsdConstant).toBeCloseTo(12.5, 6);
    const slim = await get("/api/v1/projects?fields=names&sort=name");
    expect(slim.body.data[0]).toEqual({
      id: "test-port",
      names: { en: '=HYPERLINK("http://x") Test Port', zh: "测试港" },
    });
  });

  it("answers bad parameters with a 400 that says what is wrong", async () => {
    for (const [qs, field] of [
      ["limit=201", "limit"],
      ["limit=abc", "limit"],
      ["country=Laos", "country"],
      ["status=9", "status"],
      ["sort=size", "sort"],
      ["bogus=1", "bogus"],
      ["cursor=notacursor", "cursor"],
    ] as const) {
      const r = await get(`/api/v1/projects?${qs}`);
      expect(r.status, qs).toBe(400);
      expect(r.body.error.code, qs).toBe("invalid_request");
      expect(JSON.stringify(r.body.error.details), qs).toContain(field);
      expect(JSON.stringify(r.body), qs).not.toMatch(/at .*\.ts:\d+/);
    }
  });

  it("gives CSV with formula cells escaped, and GeoJSON, by parameter or Accept header", async () => {
    const csv = await get("/api/v1/projects?format=csv");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain("beltroad-projects.csv");
    const lines = (csv.body as string).trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.startsWith("test-port"))).toContain(`"'=HYPERLINK(""http://x"") Test Port"`);
    const accept = await get("/api/v1/projects", { accept: "text/csv" });
    expect(accept.body).toBe(csv.body);
    const geo = await get("/api/v1/projects", { accept: "application/geo+json" });
    expect(geo.body).toMatchObject({ type: "FeatureCollection", features: [{ id: "test-railway" }] });
  });

  it("shows one record with the names of what it refers to, converted money, and service statistics", async () => {
    const r = await get("/api/v1/projects/test-railway");
    expect(r.status).toBe(200);
    expect(r.body.related["test-bank"]).toEqual({
      id: "test-bank",
      kind: "partner",
      names: { en: "Test Bank", zh: "测试银行" },
    });
    expect(r.body.data.transactions[0]).toMatchObject({ amount: 62, currency: "CNY", usdNominal: 10 });
    expect(r.body.data.transactions[0].usdConstant).toBeCloseTo(12.5, 6);
    expect(r.body.data.committedUsdConstant).toBeCloseTo(12.5, 6);
    const s = await get("/api/v1/services/test-express");
    expect(s.body.statistics.map((x: { id: string }) => x.id)).toEqual([
      "t-2019",
      "t-2020-city",
      "t-2020",
      "t-2021-part",
    ]);
    expect((await get("/api/v1/projects/no-such")).status).toBe(404);
    expect((await get("/api/v1/agreements/test-railway")).status).toBe(404);
  });

  it("searches across kinds, best first", async () => {
    const r = await get("/api/v1/search?q=test%20mou");
    expect(r.body.data.map((h: { kind: string }) => h.kind)).toEqual(["agreement", "agreement"]);
    expect((await get("/api/v1/search")).status).toBe(400);
  });

  it("gives headline figures with the published ones beside them", async () => {
    const r = await get("/api/v1/stats");
    expect(r.body.stats).toEqual(FIXTURE_STATS);
    const projects = r.body.figures.find((f: { key: string }) => f.key === "projects");
    expect(projects).toMatchObject({
      value: 2,
      drilldown: "/api/v1/projects",
      published: [{ value: 1, qualifier: "more-than" }],
    });
    const poverty = r.body.figures.find((f: { key: string }) => f.key === "povertyReduction");
    expect(poverty.value).toBeNull();
  });

  it("aggregates by country, sector, year, kind and region with money split by shares", async () => {
    const country = await get("/api/v1/aggregate?by=country&measure=committedUsdConstant");
    const byKey = Object.fromEntries(country.body.data.map((d: { key: string; value: number }) => [d.key, d.value]));
    expect(byKey.KEN).toBeCloseTo(100, 6);
    expect(byKey.LAO).toBeCloseTo(6.25, 6); // 12.5 split equally between LAO and CHN
    expect(country.body.data.find((d: { key: string }) => d.key === "LAO").label).toEqual({
      en: "Lao People's Democratic Republic",
      zh: "老挝",
    });
    const year = await get("/api/v1/aggregate?by=year&measure=committedUsdConstant");
    expect(year.body.data.map((d: { key: string }) => d.key)).toEqual(["2015", "2021"]);
    const kinds = await get("/api/v1/aggregate?by=kind&of=agreements");
    expect(kinds.body.data.find((d: { key: string }) => d.key === "soft").value).toBe(2);
    const region = await get("/api/v1/aggregate?by=region");
    // the fixture's countries carry no region tag; the railway (LAO + CHN) counts once
    expect(region.body.data).toEqual([
      { key: "unknown", label: { en: "Other / unknown", zh: "其他或未知" }, value: 2 },
    ]);
    expect((await get("/api/v1/aggregate?by=colour")).status).toBe(400);
  });

  it("lists countries with their first cooperation document", async () => {
    const r = await get("/api/v1/countries");
    const lao = r.body.data.find((c: { code: string }) => c.code === "LAO");
    expect(lao).toMatchObject({ firstDocument: "2016-11", ended: null, projects: 1 });
    const ita = r.body.data.find((c: { code: string }) => c.code === "ITA");
    expect(ita).toMatchObject({ firstDocument: "2019-03", ended: "2023-12" });
    const one = await get("/api/v1/countries/LAO");
    expect(one.body.agreements.map((a: { id: string }) => a.id)).toEqual(["mou-lao"]);
    expect((await get("/api/v1/countries/XXX")).status).toBe(400);
    expect((await get("/api/v1/countries/ATA")).status).toBe(404);
  });

  it("answers If-None-Match with 304", async () => {
    const first = await get("/api/v1/projects");
    const tag = first.headers.get("etag");
    expect(tag).toBeTruthy();
    const res = await app.request("/api/v1/projects", { headers: { "if-none-match": tag! } });
    expect(res.status).toBe(304);
  });

  it("publishes an OpenAPI 3.1 document and a local docs page", async () => {
    const doc = await get("/api/v1/openapi.json");
    expect(doc.body.openapi).toBe("3.1.0");
    for (const p of [
      "/api/v1/projects",
      "/api/v1/projects/{id}",
      "/api/v1/search",
      "/api/v1/stats",
      "/api/v1/aggregate",
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(p);
    }
    const page = await get("/api/docs");
    expect(page.body).toContain("/api/docs/swagger-ui-bundle.js");
    expect(page.body).not.toMatch(/https?:\/\//);
    expect((await app.request("/api/docs/swagger-ui-bundle.js")).status).toBe(200);
  });
});
