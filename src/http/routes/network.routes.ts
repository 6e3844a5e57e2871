import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { AppError } from "../../core/errors.ts";
import { OBJECTIVES, resolveProject } from "../../core/routing/index.ts";
import { getJob, startJob } from "../../services/network/jobs.ts";
import { NETWORK_LAYERS, type NetworkLayer, networkGeoJson } from "../../services/network/network-geojson.ts";
import { type LoadedNetwork, loadNetwork, networkPath } from "../../services/network/network-store.ts";
import { asAppError, planRoute, ROUTE_MODES } from "../../services/network/route.service.ts";
import { builtProjects, runWhatIf } from "../../services/network/whatif.service.ts";
import { ErrorBody } from "../schemas.ts";

/**
 * Options of the network routes.
 *
 * @example
 *   registerNetworkRoutes(app, { artifactPath: ".beltroad/network.bin", syncCities: 100 })
 */
export interface NetworkRouteOptions {
  /** Network artifact (default: BELTROAD_NETWORK or .beltroad/network.bin; built on first use if missing). */
  readonly artifactPath?: string;
  /** What-ifs with at most this many cities answer at once; larger ones run as background jobs (default 100). */
  readonly syncCities?: number;
  readonly workers?: number;
}

const csv = (description: string, example: string) =>
  z
    .string()
    .max(1000)
    .optional()
    .transform((s) =>
      s === undefined
        ? []
        : s
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean),
    )
    .openapi({ description, example });

const RouteQuery = z
  .object({
    from: z
      .string()
      .min(1)
      .max(200)
      .openapi({ description: "city name, UN/LOCODE, station id, node:N or lon,lat", example: "Xi'an" }),
    to: z.string().min(1).max(200).openapi({ example: "Duisburg" }),
    mode: z.enum(ROUTE_MODES).optional().openapi({ description: "modes allowed (default multimodal)" }),
    optimize: z.enum(OBJECTIVES).optional().openapi({ description: "objective (default time)" }),
    avoid: csv("passages (suez, panama, …) or ISO alpha-3 countries, comma-separated", "suez"),
    without: csv("projects switched off (id or name), comma-separated", "china-laos-railway"),
    with: csv("planned or passenger-only projects switched on", ""),
    vessel: z
      .string()
      .max(40)
      .optional()
      .openapi({ description: "ulcv (default), neopanamax, panamax", example: "ulcv" }),
  })
  .strict();

const Geometry = z.object({ type: z.string(), coordinates: z.array(z.unknown()) });
const Leg = z
  .object({
    mode: z.string(),
    from: z.string(),
    to: z.string(),
    distanceKm: z.number(),
    durationHours: z.number(),
    geometry: Geometry.optional().openapi({
      description:
        "the leg's line (GeoJSON LineString, MultiLineString across ±180°); absent for a transfer with no length",
    }),
  })
  .passthrough();
const RouteResultSchema = z
  .object({
    distanceKm: z.number(),
    distanceNm: z.number().openapi({ description: "sea part only" }),
    durationHours: z.number(),
    costUsd: z.number().openapi({ description: "per TEU" }),
    co2Kg: z.number().openapi({ description: "per TEU (cargo mass per TEU in assumptions)" }),
    legs: z.array(Leg),
    borderCrossings: z.array(z.object({ from: z.string(), to: z.string(), at: z.string(), mode: z.string() })),
    gaugeChanges: z.array(z.record(z.string(), z.unknown())),
    countries: z.array(z.string()),
    geometry: Geometry.openapi({ description: "the whole route (GeoJSON); each leg also has its own" }),
    assumptions: z.array(
      z.object({
        name: z.string(),
        value: z.union([z.number(), z.string()]),
        unit: z.string().optional(),
        source: z.string(),
      }),
    ),
  })
  .passthrough()
  .openapi("RouteResult");

const WhatIfBody = z
  .object({
    without: z
      .array(z.string().max(200))
      .max(200)
      .default([])
      .openapi({ description: "projects switched off (id or name); ['all'] = every project that built links in use" }),
    with: z.array(z.string().max(200)).max(200).default([]),
    cities: z
      .number()
      .int()
      .min(2)
      .max(3000)
      .default(1000)
      .openapi({ description: "cities in the matrix (at least one per country)" }),
  })
  .strict()
  .openapi("WhatIfRequest");

const JobSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(["queued", "running", "done", "failed"]),
    progress: z.number(),
    createdAt: z.string(),
  })
  .passthrough()
  .openapi("Job");

const GeoJsonQuery = z
  .object({
    layers: z
      .string()
      .max(100)
      .optional()
      .transform((s, ctx) => {
        const layers = (s ?? NETWORK_LAYERS.join(","))
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean);
        for (const l of layers)
          if (!(NETWORK_LAYERS as readonly string[]).includes(l)) {
            ctx.addIssue({ code: "custom", message: `unknown layer "${l}" (layers: ${NETWORK_LAYERS.join(", ")})` });
            return z.NEVER;
          }
        return layers as NetworkLayer[];
      })
      .openapi({ description: `comma-separated: ${NETWORK_LAYERS.join(", ")} (default all)`, example: "rail,ports" }),
  })
  .strict();

const errors = {
  400: {
    description: "invalid request (unknown place, project, passage or vessel)",
    content: { "application/json": { schema: ErrorBody } },
  },
  404: { description: "no route, or no such job", content: { "application/json": { schema: ErrorBody } } },
};

/**
 * The connectivity engine's API: GET /api/v1/route, POST /api/v1/whatif
 * (large matrices as background jobs), GET /api/v1/jobs/{id} and GET
 * /api/v1/network (what the network holds). The network artifact is loaded on
 * first use (built if missing).
 *
 * @example
 *   registerNetworkRoutes(app);
 *   await app.request("/api/v1/route?from=Kunming&to=Vientiane&mode=rail");
 */
export function registerNetworkRoutes(app: OpenAPIHono, options: NetworkRouteOptions = {}): void {
  let network: LoadedNetwork | undefined;
  const get = () => {
    network ??= loadNetwork(networkPath(options.artifactPath));
    return network;
  };
  const syncCities = options.syncCities ?? 100;

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/route",
      tags: ["connectivity"],
      summary:
        "Best route between two places by sea, rail, road or multimodal, with legs, costs, CO2 and sourced assumptions",
      request: { query: RouteQuery },
      responses: {
        200: { description: "the route", content: { "application/json": { schema: RouteResultSchema } } },
        ...errors,
      },
    }),
    (c) => {
      const q = c.req.valid("query");
      try {
        const result = planRoute(get().graph, {
          from: q.from,
          to: q.to,
          ...(q.mode ? { mode: q.mode } : {}),
          ...(q.optimize ? { optimize: q.optimize } : {}),
          avoid: q.avoid,
          without: q.without,
          with: q.with,
          ...(q.vessel ? { vessel: q.vessel } : {}),
        });
        return c.json(asJson(result), 200);
      } catch (error) {
        throw asAppError(error);
      }
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/v1/whatif",
      tags: ["connectivity"],
      summary: "Change in shipment times between cities when projects are switched off or on (de Soyres et al. method)",
      description: `Up to ${syncCities} cities answer at once (200); larger matrices run as a background job (202): poll GET /api/v1/jobs/{id}.`,
      request: { body: { content: { "application/json": { schema: WhatIfBody } }, required: true } },
      responses: {
        200: {
          description: "the what-if result",
          content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
        },
        202: {
          description: "started as a background job",
          content: { "application/json": { schema: z.object({ job: JobSchema, href: z.string() }) } },
        },
        ...errors,
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const { graph, bytes } = get();
      const without = body.without.flatMap((p) => (p === "all" ? builtProjects(graph) : [p]));
      const request = {
        without,
        with: body.with,
        cities: body.cities,
        ...(options.workers ? { workers: options.workers } : {}),
      };
      try {
        // Resolve names now, so a typo is a 400 and not a failed job.
        planRouteNames(graph, without, body.with);
        if (body.cities <= syncCities) return c.json(asJson(await runWhatIf(graph, bytes, request)), 200);
      } catch (error) {
        throw asAppError(error);
      }
      const job = startJob("whatif", (progress) =>
        runWhatIf(graph, bytes, request, (done, total) => progress(done / total)),
      );
      return c.json(asJson({ job: publicJob(job), href: `/api/v1/jobs/${job.id}` }), 202);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/jobs/{id}",
      tags: ["connectivity"],
      summary: "A background job: status, progress (0–1) and, when done, its result",
      request: { params: z.object({ id: z.string().uuid() }) },
      responses: { 200: { description: "the job", content: { "application/json": { schema: JobSchema } } }, ...errors },
    }),
    (c) => {
      const job = getJob(c.req.valid("param").id);
      if (job === undefined)
        throw new AppError("not_found", "no such job (jobs are kept in memory: a restart forgets them)");
      return c.json(asJson(publicJob(job)), 200);
    },
  );

  registerGeoJsonRoute(app, get);

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/network",
      tags: ["connectivity"],
      summary:
        "What the network holds: size, passages, vessels, gauge-change crossings, projects with links, assumptions",
      responses: {
        200: {
          description: "the network",
          content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
        },
      },
    }),
    (c) => {
      const { graph } = get();
      const net = graph.meta.network;
      return c.json(
        asJson({
          nodes: graph.nodeCount,
          arcs: graph.arcCount,
          passages: graph.meta.passages,
          vessels: net?.vessels ?? [],
          defaultVessel: net?.defaultVessel ?? null,
          crossings: (net?.crossings ?? []).map(({ from: _f, to: _t, ...rest }) => rest),
          projects: graph.meta.projects.map((id) => ({
            id,
            names: net?.projectNames[id] ?? {},
            passengerOnly: net?.passengerProjects.includes(id) ?? false,
          })),
          assumptions: graph.meta.assumptions,
          source: graph.meta.source,
        }),
        200,
      );
    },
  );
}

/**
 * GET /api/v1/network/geojson: the network's layers for the map (rail lines by status with gauge, simplified sea
 * lanes, ports and gauge-change crossings with dwell ranges and sources), cached per layer set with a strong ETag.
 *
 * @example
 *   await app.request("/api/v1/network/geojson?layers=rail,crossings");
 */
function registerGeoJsonRoute(app: OpenAPIHono, get: () => LoadedNetwork): void {
  app.openapi(
    createRoute({
      method: "get",
      path: "/api/v1/network/geojson",
      tags: ["connectivity"],
      summary: "The network's layers as GeoJSON: rail lines, sea lanes (simplified), ports, gauge-change crossings",
      request: { query: GeoJsonQuery },
      responses: {
        200: {
          description: "a FeatureCollection; each feature's properties.layer names its layer",
          content: { "application/geo+json": { schema: z.record(z.string(), z.unknown()) } },
        },
        304: { description: "not modified (If-None-Match)" },
        400: errors[400],
      },
    }),
    (c) => {
      const { layers } = c.req.valid("query");
      const { body, etag } = networkGeoJson(get().graph, layers);
      c.header("Cache-Control", "public, max-age=300");
      c.header("ETag", etag);
      if (c.req.header("If-None-Match") === etag) return c.body(null, 304);
      return c.body(body, 200, { "Content-Type": "application/geo+json; charset=utf-8" }) as never;
    },
  );
}

/** Resolves every project name (throws RoutingError "unknown_project" for a typo). */
function planRouteNames(
  graph: LoadedNetwork["graph"],
  without: readonly string[],
  withProjects: readonly string[],
): void {
  for (const p of [...without, ...withProjects]) resolveProject(graph, p);
}

/** Our result types are plain JSON (readonly arrays, Infinity as null); the route schemas describe them loosely. */
const asJson = (value: unknown) => value as never;

function publicJob(job: ReturnType<typeof startJob>) {
  return { ...job, progress: Math.round(job.progress * 1000) / 1000 };
}
