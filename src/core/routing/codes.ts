/**
 * The small code tables stored per node and per arc of a routing graph.
 * Each table is an ordered tuple: the position of a value is its code in the
 * typed arrays, so never reorder or remove an entry (append only), or every
 * artifact written before changes meaning.
 *
 * @example
 *   MODES.indexOf("rail") // 1, the code stored in Graph.mode
 *   modeCode("sea")       // 0
 */
export const MODES = ["sea", "rail", "road", "inland_waterway", "transfer"] as const;
/**
 * A transport mode; `transfer` is a connector inside a node (port ↔ lane, gauge change).
 *
 * @example
 *   const mode: Mode = "inland_waterway";
 */
export type Mode = (typeof MODES)[number];

/**
 * Link status. Only `existing` links are used unless a filter asks for more
 * (what-if analysis switches planned links on).
 *
 * @example
 *   STATUSES[0] // "existing"
 */
export const STATUSES = ["existing", "under_construction", "planned"] as const;
/**
 * A link status.
 *
 * @example
 *   const status: Status = "under_construction";
 */
export type Status = (typeof STATUSES)[number];

/**
 * Node kinds. `waypoint` is a vertex of a lane with no place of its own.
 *
 * @example
 *   NODE_KINDS.indexOf("port") // 2
 */
export const NODE_KINDS = ["waypoint", "city", "port", "rail_terminal", "dry_port", "border_crossing"] as const;
/**
 * A node kind.
 *
 * @example
 *   const kind: NodeKind = "border_crossing";
 */
export type NodeKind = (typeof NODE_KINDS)[number];

/**
 * What a route is optimised for.
 *
 * @example
 *   const objective: Objective = "time";
 */
export const OBJECTIVES = ["time", "distance", "cost", "co2"] as const;
/**
 * An objective.
 *
 * @example
 *   const objective: Objective = "co2";
 */
export type Objective = (typeof OBJECTIVES)[number];

/**
 * Arc passage code meaning "no passage". Passage `i` (1-based) is `meta.passages[i - 1]`.
 *
 * @example
 *   graph.passage[arc] === NO_PASSAGE // open water
 */
export const NO_PASSAGE = 0;
/**
 * Arc project index meaning "built by no recorded project".
 *
 * @example
 *   graph.project[arc] === NO_PROJECT // not built by a recorded project
 */
export const NO_PROJECT = -1;
/**
 * Node country index meaning "no country" (open sea). Country `i` is `meta.countries[i]`.
 *
 * @example
 *   graph.nodeCountry[node] === NO_COUNTRY // at sea
 */
export const NO_COUNTRY = 0;

/**
 * Kilometres in one nautical mile (exact, by definition).
 *
 * @example
 *   route.distanceKm / KM_PER_NM // nautical miles
 */
export const KM_PER_NM = 1.852;

/**
 * The code of a mode, or -1 when the string is not a mode.
 *
 * @example
 *   modeCode("road") // 2
 */
export function modeCode(mode: string): number {
  return (MODES as readonly string[]).indexOf(mode);
}

/**
 * The code of a status, or -1 when the string is not a status.
 *
 * @example
 *   statusCode("planned") // 2
 */
export function statusCode(status: string): number {
  return (STATUSES as readonly string[]).indexOf(status);
}

/**
 * The code of a node kind, or -1 when the string is not a kind.
 *
 * @example
 *   nodeKindCode("dry_port") // 4
 */
export function nodeKindCode(kind: string): number {
  return (NODE_KINDS as readonly string[]).indexOf(kind);
}
