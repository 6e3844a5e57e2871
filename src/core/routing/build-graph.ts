import type { Mode, NodeKind, Status } from "./codes.ts";
import { modeCode, NO_PROJECT, nodeKindCode, statusCode } from "./codes.ts";
import { RoutingError } from "./errors.ts";
import type { Assumption, Graph, PassageInfo } from "./graph.ts";
import type { NetworkMeta } from "./network-meta.ts";

/**
 * One node to build a graph from.
 *
 * @example
 *   { lon: 102.6, lat: 17.97, kind: "rail_terminal", country: "LAO", label: "Vientiane South" }
 */
export interface NodeInput {
  readonly lon: number;
  readonly lat: number;
  readonly kind?: NodeKind;
  /** ISO 3166-1 alpha-3; omit at sea. */
  readonly country?: string;
  readonly label?: string;
}

/**
 * One link to build a graph from: two arcs, or one when `oneWay`.
 *
 * @example
 *   { from: 0, to: 1, lengthKm: 1035, hours: 10, mode: "rail", gaugeMm: 1435, project: "china-laos-railway", opens: "2021-12-03" }
 */
export interface LinkInput {
  readonly from: number;
  readonly to: number;
  readonly lengthKm: number;
  readonly hours: number;
  readonly mode: Mode;
  readonly status?: Status;
  /** "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
  readonly opens?: string;
  /** A passage id listed in `GraphInput.passages`. */
  readonly passage?: string;
  readonly gaugeMm?: number;
  /** Any project id; the graph keeps a table of them. */
  readonly project?: string;
  readonly oneWay?: boolean;
}

/**
 * Everything `buildGraph` needs.
 *
 * @example
 *   { nodes, links, passages: SEA_PASSAGES, source: "curated corridors, see data/" }
 */
export interface GraphInput {
  readonly nodes: readonly NodeInput[];
  readonly links: readonly LinkInput[];
  readonly passages?: readonly PassageInfo[];
  readonly assumptions?: readonly Assumption[];
  readonly source?: string;
  readonly network?: NetworkMeta;
}

/**
 * Builds a compact CSR graph from plain nodes and links (a counting sort by
 * source node, so O(nodes + arcs)). Throws RoutingError "bad_graph" naming
 * the first bad node or link.
 *
 * @example
 *   const graph = buildGraph({
 *     nodes: [{ lon: 121.9, lat: 30.6 }, { lon: 4.0, lat: 52.0 }],
 *     links: [{ from: 0, to: 1, lengthKm: 19_800, hours: 770, mode: "sea" }],
 *   });
 *   graph.arcCount // 2
 */
export function buildGraph(input: GraphInput): Graph {
  const { nodes, links } = input;
  const passages = input.passages ?? [];
  const n = nodes.length;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const nodeKind = new Uint8Array(n);
  const nodeCountry = new Uint16Array(n);
  const countries = [""];
  const countryIndex = new Map<string, number>([["", 0]]);
  const nodeLabels: [number, string][] = [];
  nodes.forEach((node, i) => {
    if (!(Math.abs(node.lat) <= 90 && Math.abs(node.lon) <= 180)) bad(`node ${i} is not a lon,lat`, { node: i });
    lon[i] = node.lon;
    lat[i] = node.lat;
    const kind = nodeKindCode(node.kind ?? "waypoint");
    if (kind < 0) bad(`node ${i} has an unknown kind`, { node: i, kind: node.kind });
    nodeKind[i] = kind;
    nodeCountry[i] = intern(countries, countryIndex, node.country ?? "");
    if (node.label !== undefined) nodeLabels.push([i, node.label]);
  });

  const passageCode = new Map(passages.map((p, i) => [p.id, i + 1]));
  const projects: string[] = [];
  const projectIndex = new Map<string, number>();
  const arcsOf = (link: LinkInput) => (link.oneWay === true ? 1 : 2);
  const m = links.reduce((sum, link) => sum + arcsOf(link), 0);
  const offsets = new Int32Array(n + 1);
  links.forEach((link, i) => {
    if (!(link.from >= 0 && link.from < n && link.to >= 0 && link.to < n))
      bad(`link ${i} names a missing node`, { link: i });
    if (!(link.lengthKm >= 0 && link.hours >= 0))
      bad(`link ${i} has a negative or missing length or time`, { link: i });
    offsets[link.from + 1]!++;
    if (arcsOf(link) === 2) offsets[link.to + 1]!++;
  });
  for (let u = 0; u < n; u++) offsets[u + 1]! += offsets[u]!;

  const fill = offsets.slice(0, n);
  const arrays = {
    sources: new Int32Array(m),
    targets: new Int32Array(m),
    lengthKm: new Float64Array(m),
    hours: new Float64Array(m),
    mode: new Uint8Array(m),
    passage: new Uint8Array(m),
    status: new Uint8Array(m),
    gauge: new Uint16Array(m),
    project: new Int32Array(m).fill(NO_PROJECT),
    opens: new Int32Array(m),
  };
  links.forEach((link, i) => {
    const mode = modeCode(link.mode);
    const status = statusCode(link.status ?? "existing");
    const passage = link.passage === undefined ? 0 : (passageCode.get(link.passage) ?? -1);
    if (mode < 0 || status < 0 || passage < 0) bad(`link ${i} has an unknown mode, status or passage`, { link: i });
    const project = link.project === undefined ? NO_PROJECT : intern(projects, projectIndex, link.project);
    const opens = link.opens === undefined ? 0 : dateCode(link.opens, i);
    const put = (u: number, v: number) => {
      const a = fill[u]!++;
      arrays.sources[a] = u;
      arrays.targets[a] = v;
      arrays.lengthKm[a] = link.lengthKm;
      arrays.hours[a] = link.hours;
      arrays.mode[a] = mode;
      arrays.passage[a] = passage;
      arrays.status[a] = status;
      arrays.gauge[a] = link.gaugeMm ?? 0;
      arrays.project[a] = project;
      arrays.opens[a] = opens;
    };
    put(link.from, link.to);
    if (arcsOf(link) === 2) put(link.to, link.from);
  });

  return {
    nodeCount: n,
    arcCount: m,
    lon,
    lat,
    nodeKind,
    nodeCountry,
    offsets,
    ...arrays,
    meta: {
      passages,
      projects,
      countries,
      nodeLabels,
      assumptions: input.assumptions ?? [],
      source: input.source ?? "",
      ...(input.network === undefined ? {} : { network: input.network }),
    },
  };
}

function intern(table: string[], index: Map<string, number>, value: string): number {
  let code = index.get(value);
  if (code === undefined) {
    code = table.length;
    table.push(value);
    index.set(value, code);
  }
  return code;
}

/** "2021-12-03" → 20211203, "2021" → 20210000. */
function dateCode(text: string, link: number): number {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(text);
  if (match === null) bad(`link ${link} has an opening date that is not YYYY[-MM[-DD]]`, { link, opens: text });
  return Number(match[1]) * 10_000 + Number(match[2] ?? 0) * 100 + Number(match[3] ?? 0);
}

function bad(message: string, details: Record<string, unknown>): never {
  throw new RoutingError("bad_graph", message, details);
}
