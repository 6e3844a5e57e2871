import type { Mode, NodeKind, Status } from "./codes.ts";
import { MODES, NODE_KINDS, STATUSES } from "./codes.ts";
import type { NetworkMeta } from "./network-meta.ts";

/**
 * A strait or canal that arcs can be tagged with. Passages closed by default
 * (the Arctic routes) are only used when a filter opens them.
 *
 * @example
 *   const suez: PassageInfo = { id: "suez", name: "Suez Canal", closedByDefault: false };
 */
export interface PassageInfo {
  readonly id: string;
  readonly name: string;
  readonly closedByDefault: boolean;
}

/**
 * A number the graph was built with (a speed, a tolerance), with where it came from,
 * so a route can show every assumption behind it.
 *
 * @example
 *   const speed: Assumption = { name: "sea speed", value: 14, unit: "kn", source: "..." };
 */
export interface Assumption {
  readonly name: string;
  readonly value: number | string;
  readonly unit?: string;
  readonly source: string;
}

/**
 * The non-numeric part of a graph: code tables and provenance.
 *
 * @example
 *   graph.meta.passages.map((p) => p.id) // ["suez", "panama", ...]
 */
export interface GraphMeta {
  /** Passage code `i` (1-based) is `passages[i - 1]`; code 0 is "no passage". */
  readonly passages: readonly PassageInfo[];
  /** Project index `i` is `projects[i]` (a project id chosen by the caller). */
  readonly projects: readonly string[];
  /** Country index `i` is `countries[i]` (ISO 3166-1 alpha-3); index 0 is "" (none). */
  readonly countries: readonly string[];
  /** Sparse names of nodes: `[node, label]`. Lane waypoints have none. */
  readonly nodeLabels: readonly (readonly [number, string])[];
  readonly assumptions: readonly Assumption[];
  /** Where the data came from, for display and licences. */
  readonly source: string;
  /** Places, crossings, factors and country groups of a multimodal network (absent on a sea-only graph). */
  readonly network?: NetworkMeta;
}

/**
 * A directed graph in compressed sparse row form: the arcs leaving node `u`
 * are `offsets[u] .. offsets[u + 1] - 1`. Every per-arc array is indexed by
 * arc, every per-node array by node. An undirected link is two arcs with the
 * same attributes. Treat every array as read-only: graphs are shared between
 * queries, workers and the artifact buffer they were loaded from.
 *
 * @example
 *   for (let a = graph.offsets[u]!; a < graph.offsets[u + 1]!; a++) {
 *     console.log(graph.targets[a], graph.lengthKm[a], MODES[graph.mode[a]!]);
 *   }
 */
export interface Graph {
  readonly nodeCount: number;
  readonly arcCount: number;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  /** Code into NODE_KINDS. */
  readonly nodeKind: Uint8Array;
  /** Index into meta.countries (0 = none). */
  readonly nodeCountry: Uint16Array;
  /** Length nodeCount + 1. */
  readonly offsets: Int32Array;
  readonly sources: Int32Array;
  readonly targets: Int32Array;
  readonly lengthKm: Float64Array;
  /** Travel time including any dwell on the arc (a transfer's is all dwell). */
  readonly hours: Float64Array;
  /** Code into MODES. */
  readonly mode: Uint8Array;
  /** Passage code (0 = none). */
  readonly passage: Uint8Array;
  /** Code into STATUSES. */
  readonly status: Uint8Array;
  /** Track gauge in mm (0 = not rail or unknown). */
  readonly gauge: Uint16Array;
  /** Index into meta.projects (-1 = none). */
  readonly project: Int32Array;
  /** Opening date as yyyymmdd (month or day 00 when unknown; 0 = not recorded). */
  readonly opens: Int32Array;
  readonly meta: GraphMeta;
}

/** The mode of arc `arc`. @example arcMode(graph, 0) // "sea" */
export function arcMode(graph: Graph, arc: number): Mode {
  return MODES[graph.mode[arc] ?? 0] ?? "sea";
}

/** The status of arc `arc`. @example arcStatus(graph, 0) // "existing" */
export function arcStatus(graph: Graph, arc: number): Status {
  return STATUSES[graph.status[arc] ?? 0] ?? "existing";
}

/** The kind of node `node`. @example nodeKind(graph, 0) // "waypoint" */
export function nodeKind(graph: Graph, node: number): NodeKind {
  return NODE_KINDS[graph.nodeKind[node] ?? 0] ?? "waypoint";
}

/** The passage id of arc `arc`, or undefined. @example arcPassage(graph, a) // "suez" */
export function arcPassage(graph: Graph, arc: number): string | undefined {
  const code = graph.passage[arc] ?? 0;
  return code === 0 ? undefined : graph.meta.passages[code - 1]?.id;
}

const labelCache = new WeakMap<Graph, Map<number, string>>();

/**
 * The label of a node, or undefined for an unnamed waypoint.
 *
 * @example
 *   nodeLabel(graph, 17) // "Piraeus"
 */
export function nodeLabel(graph: Graph, node: number): string | undefined {
  let labels = labelCache.get(graph);
  if (labels === undefined) {
    labels = new Map(graph.meta.nodeLabels);
    labelCache.set(graph, labels);
  }
  return labels.get(node);
}
