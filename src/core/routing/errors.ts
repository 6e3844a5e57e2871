/**
 * Stable ids of the routing errors; the HTTP and CLI edges map them to messages and statuses.
 *
 * @example
 *   if (error.code === "unknown_passage") status = 400;
 */
export type RoutingErrorCode =
  | "unknown_node"
  | "unknown_passage"
  | "unknown_project"
  | "unknown_place"
  | "unknown_vessel"
  | "no_route"
  | "unknown_country"
  | "unknown_mode"
  | "unknown_status"
  | "missing_factors"
  | "bad_graph"
  | "bad_artifact";

/**
 * The one error the routing core throws: a stable `code` plus optional details.
 * "No route" is not an error: queries return `undefined` for it.
 *
 * @example
 *   try {
 *     edgeMask(graph, { avoidPassages: ["suzz"] });
 *   } catch (error) {
 *     if (error instanceof RoutingError && error.code === "unknown_passage") console.log(error.details);
 *   }
 */
export class RoutingError extends Error {
  override readonly name = "RoutingError";

  constructor(
    readonly code: RoutingErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}
