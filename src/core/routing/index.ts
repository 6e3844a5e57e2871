/**
 * The routing core: a compact graph on typed arrays, Dijkstra with per-query
 * arc masks, legs and geometry, and a one-buffer artifact. Pure: no I/O, so
 * it runs in Node, in a worker and in the browser.
 *
 * @example
 *   import { readArtifact, route } from "./core/routing/index.ts";
 *   const graph = readArtifact(bytes);
 *   route(graph, 10, 20, { objective: "time", filter: { avoidPassages: ["suez"] } });
 */
export * from "./artifact.ts";
export * from "./bidirectional.ts";
export * from "./build-graph.ts";
export * from "./codes.ts";
export * from "./dijkstra.ts";
export * from "./errors.ts";
export * from "./filter.ts";
export * from "./geometry.ts";
export * from "./graph.ts";
export * from "./heap.ts";
export * from "./legs.ts";
export * from "./matrix.ts";
export * from "./network-meta.ts";
export * from "./places.ts";
export * from "./result.ts";
export * from "./reverse.ts";
export * from "./route.ts";
export * from "./weights.ts";
export * from "./whatif-summary.ts";
