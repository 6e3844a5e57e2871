import { writeArtifactFile } from "./artifact-file.ts";
import type { SeaNetworkOptions, SeaNetworkStats } from "./sea-network.ts";
import { buildSeaNetwork } from "./sea-network.ts";

/**
 * What `beltroad network build` needs: builds the repaired sea network and
 * writes its artifact to `path` (atomically). Returns the build report, the
 * artifact size and the time taken.
 *
 * @example
 *   const { stats, bytes } = buildSeaNetworkArtifact(".beltroad/network.bin");
 *   console.log(`${stats.nodes} nodes, ${stats.components.dropped} fragments dropped, ${bytes} bytes`);
 */
export function buildSeaNetworkArtifact(
  path: string,
  options: SeaNetworkOptions = {},
): { stats: SeaNetworkStats; bytes: number; ms: number } {
  const start = performance.now();
  const { graph, stats } = buildSeaNetwork(options);
  const bytes = writeArtifactFile(path, graph);
  return { stats, bytes, ms: performance.now() - start };
}
