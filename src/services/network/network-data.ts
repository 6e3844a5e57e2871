import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { AppError } from "../../core/errors.ts";
import { DEFAULT_DATA_DIR } from "../data-files.ts";

const Source = z
  .object({
    title: z.string(),
    publisher: z.string(),
    url: z.string().optional(),
    date: z.string().optional(),
    accessed: z.string().optional(),
    project: z.string().optional(),
  })
  .strict();
const Sources = z.record(z.string(), Source);
const NodeKind = z.enum(["city", "port", "rail_terminal", "dry_port", "border_crossing"]);
const Status = z.enum(["existing", "under_construction", "planned"]);
const Iso3 = z.string().regex(/^[A-Z]{3}$/);
const DateText = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);

const RailNode = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: NodeKind,
    country: Iso3,
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    source: z.string(),
    note: z.string().optional(),
    aliases: z.array(z.string()).optional(),
  })
  .strict();

const Line = z
  .object({
    id: z.string(),
    name: z.string(),
    corridor: z.string(),
    gauge: z.number().int().positive(),
    stations: z.array(z.string()).min(2),
    project: z.string().optional(),
    status: Status.optional(),
    opens: DateText.optional(),
    freight: z.boolean().optional(),
    speedKmh: z.number().positive().optional(),
    speedSource: z.string().optional(),
    note: z.string().optional(),
    defaultScaleNote: z.string().optional(),
  })
  .strict();

const Route = z
  .object({
    id: z.string(),
    stations: z.array(z.string()).min(2),
    lengthKm: z.number().positive(),
    source: z.union([z.string(), z.object({ project: z.string(), key: z.string() }).strict()]),
    note: z.string().optional(),
  })
  .strict();

const Crossing = z
  .object({
    id: z.string(),
    name: z.string(),
    /** "gauge" (default): a change of gauge; "ferry": a sea crossing between two rail ends, its time as dwell. */
    kind: z.enum(["gauge", "ferry"]).optional(),
    from: z.string(),
    to: z.string(),
    gaugeFrom: z.number().int(),
    gaugeTo: z.number().int(),
    project: z.string().optional(),
    opens: DateText.optional(),
    dwellHours: z.object({ low: z.number().min(0), typical: z.number().min(0), high: z.number().min(0) }).strict(),
    sources: z.array(z.string()).min(1),
    note: z.string().optional(),
  })
  .strict();

const Port = z
  .object({
    locode: z.string().regex(/^[A-Z]{2}[A-Z0-9]{3}$/),
    name: z.string(),
    country2: z.string().length(2),
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    bri: z.boolean(),
    source: z.string(),
  })
  .strict();

const Factor = z
  .object({
    value: z.number(),
    unit: z.string(),
    source: z.string(),
    year: z.number().int().optional(),
    range: z.tuple([z.number(), z.number()]).optional(),
    rangeSource: z.string().optional(),
    scope: z.string().optional(),
    derivation: z.string().optional(),
  })
  .strict();
const Vessel = z
  .object({
    name: z.string(),
    teu: z.number(),
    lengthM: z.number(),
    beamM: z.number(),
    draughtM: z.number(),
    source: z.string(),
  })
  .strict();
const PerMode = z.object({ sea: Factor, rail: Factor, road: Factor, transfer: Factor }).strict();

/** data/network/factors.json: speeds, circuity, border delays, costs, CO₂, vessels, each with its source. */
export const FactorsFile = z
  .object({
    $comment: z.string().optional(),
    sources: Sources,
    speeds: z.object({ seaKnots: Factor, roadKmh: Factor, railKmh: Factor }).strict(),
    road: z
      .object({
        circuity: Factor,
        dailyDrivingHours: Factor,
        borderHours: Factor,
        borderCostUsd: Factor,
        neighbours: Factor,
        maxWaterKm: Factor,
      })
      .strict(),
    transfer: z.object({ terminalHours: Factor, portHours: Factor }).strict(),
    costs: PerMode,
    co2: PerMode.extend({ tonnesPerTeu: Factor }),
    vessels: z
      .object({
        default: z.string(),
        classes: z.record(z.string(), Vessel),
        typicalAsiaEurope: z.object({ value: z.string(), source: z.string() }).strict(),
      })
      .strict(),
    passageLimits: z.record(
      z.string(),
      z
        .object({
          maxLengthM: z.number(),
          maxBeamM: z.number(),
          maxDraughtM: z.number(),
          source: z.string(),
          year: z.number().optional(),
        })
        .strict(),
    ),
  })
  .strict();
/** The factors table. @example factors.speeds.seaKnots.value // 13.72 */
export type Factors = z.infer<typeof FactorsFile>;

const NodesFile = z.object({ $comment: z.string().optional(), sources: Sources, nodes: z.array(RailNode) }).strict();
const RailFile = z
  .object({
    $comment: z.string().optional(),
    generalSpeed: z.object({ kmh: z.number(), source: z.string() }).strict(),
    sources: Sources,
    lines: z.array(Line),
    routes: z.array(Route),
  })
  .strict();
const CrossingsFile = z
  .object({ $comment: z.string().optional(), sources: Sources, crossings: z.array(Crossing) })
  .strict();
const PortsFile = z.object({ $comment: z.string().optional(), sources: Sources, ports: z.array(Port) }).strict();

/** A project of the registry as the network needs it: id and names. */
export interface ProjectName {
  readonly id: string;
  readonly names: Readonly<Record<string, string>>;
  readonly figures: readonly { readonly key: string; readonly value: number }[];
}

/**
 * Everything under data/network, validated, plus the project names of the registry.
 *
 * @example
 *   const data = readNetworkData();
 *   data.rail.lines.length // 32
 */
export interface NetworkData {
  readonly nodes: z.infer<typeof NodesFile>;
  readonly rail: z.infer<typeof RailFile>;
  readonly crossings: z.infer<typeof CrossingsFile>;
  readonly ports: z.infer<typeof PortsFile>;
  readonly factors: Factors;
  readonly projects: readonly ProjectName[];
  /** ISO alpha-3 codes of the country partners in data/partners/countries.json (China and the signatories). */
  readonly partnerCountries: readonly string[];
}

/**
 * The container-ship speed of data/network/factors.json with the text of its source (for the sea-only network,
 * which needs no other network data).
 *
 * @example
 *   readSeaSpeed().value // 13.72
 */
export function readSeaSpeed(dir: string = DEFAULT_NETWORK_DATA_DIR): { value: number; source: string } {
  const factors = FactorsFile.parse(JSON.parse(readFileSync(join(dir, "factors.json"), "utf8")));
  const f = factors.speeds.seaKnots;
  const s = factors.sources[f.source];
  const text =
    s === undefined
      ? f.source
      : `${s.title} — ${s.publisher}${s.date ? `, ${s.date}` : ""}${s.url ? ` (${s.url})` : ""}`;
  return { value: f.value, source: text };
}

/** The repository's network data folder. */
export const DEFAULT_NETWORK_DATA_DIR = join(DEFAULT_DATA_DIR, "network");

/**
 * Reads and validates data/network/*.json and the project registry's ids and
 * names. Throws AppError "invalid_dataset" naming the file and field.
 *
 * @example
 *   const { factors } = readNetworkData();
 */
export function readNetworkData(
  dir: string = DEFAULT_NETWORK_DATA_DIR,
  projectsDir: string = join(dir, "../projects"),
): NetworkData {
  const read = <T>(file: string, schema: z.ZodType<T>): T => {
    const path = join(dir, file);
    const parsed = schema.safeParse(JSON.parse(readFileSync(path, "utf8")));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ file: path, field: i.path.join("."), message: i.message }));
      throw new AppError("invalid_dataset", `${path} is not valid network data`, { issues });
    }
    return parsed.data;
  };
  const data = {
    nodes: read("nodes.json", NodesFile),
    rail: read("rail.json", RailFile),
    crossings: read("crossings.json", CrossingsFile),
    ports: read("ports.json", PortsFile),
    factors: read("factors.json", FactorsFile),
    projects: readProjectNames(projectsDir),
    partnerCountries: readPartnerCountries(join(projectsDir, "../partners/countries.json")),
  };
  checkReferences(data);
  return data;
}

function readProjectNames(dir: string): ProjectName[] {
  const out: ProjectName[] = [];
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  } catch {
    return out;
  }
  for (const file of files.sort()) {
    const records = JSON.parse(readFileSync(join(dir, file), "utf8")) as unknown;
    if (!Array.isArray(records)) continue;
    for (const r of records as { id?: string; names?: Record<string, string>; figures?: ProjectName["figures"] }[]) {
      if (typeof r.id === "string") out.push({ id: r.id, names: r.names ?? {}, figures: r.figures ?? [] });
    }
  }
  return out;
}

function readPartnerCountries(file: string): string[] {
  try {
    const records = JSON.parse(readFileSync(file, "utf8")) as { country?: string }[];
    return records.flatMap((r) => (typeof r.country === "string" ? [r.country] : []));
  } catch {
    return [];
  }
}

/** Every station, crossing and route names existing nodes; every source key exists. */
function checkReferences(data: Omit<NetworkData, never>): void {
  const issues: { file: string; field: string; message: string }[] = [];
  const ids = new Set(data.nodes.nodes.map((n) => n.id));
  const projectIds = new Set(data.projects.map((p) => p.id));
  const nodeSources = new Set(Object.keys(data.nodes.sources));
  for (const n of data.nodes.nodes) {
    const key = n.source.startsWith("geonames:") ? "geonames" : n.source;
    if (!nodeSources.has(key)) issues.push({ file: "nodes.json", field: n.id, message: `unknown source ${n.source}` });
  }
  for (const line of data.rail.lines) {
    for (const s of line.stations)
      if (!ids.has(s)) issues.push({ file: "rail.json", field: line.id, message: `unknown station ${s}` });
    if (line.project !== undefined && projectIds.size > 0 && !projectIds.has(line.project))
      issues.push({ file: "rail.json", field: line.id, message: `unknown project ${line.project}` });
  }
  for (const route of data.rail.routes) {
    for (const s of route.stations)
      if (!ids.has(s)) issues.push({ file: "rail.json", field: route.id, message: `unknown station ${s}` });
    if (typeof route.source === "string" && !(route.source in data.rail.sources))
      issues.push({ file: "rail.json", field: route.id, message: `unknown source ${route.source}` });
  }
  for (const c of data.crossings.crossings) {
    for (const s of [c.from, c.to])
      if (!ids.has(s)) issues.push({ file: "crossings.json", field: c.id, message: `unknown station ${s}` });
    for (const s of c.sources)
      if (!(s in data.crossings.sources))
        issues.push({ file: "crossings.json", field: c.id, message: `unknown source ${s}` });
  }
  for (const p of data.ports.ports)
    if (!(p.source in data.ports.sources))
      issues.push({ file: "ports.json", field: p.locode, message: `unknown source ${p.source}` });
  if (issues.length > 0)
    throw new AppError("invalid_dataset", `network data has ${issues.length} problems`, { issues });
}
