import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Graph } from "../../core/routing/index.ts";
import { readArtifact } from "../../core/routing/index.ts";
import { writeArtifactFile } from "./artifact-file.ts";
import type { MultimodalOptions, MultimodalStats } from "./multimodal-network.ts";
import { buildMultimodalNetwork } from "./multimodal-network.ts";
import { DEFAULT_NETWORK_DATA_DIR } from "./network-data.ts";

/**
 * Where the network artifact lives: BELTROAD_NETWORK, else .beltroad/network.bin.
 *
 * @example
 *   networkPath() // "/repo/.beltroad/network.bin"
 */
export function networkPath(path?: string): string {
  return resolve(path ?? process.env.BELTROAD_NETWORK ?? ".beltroad/network.bin");
}

/**
 * `beltroad network build`: builds the multimodal network and writes its
 * artifact atomically. Returns the build report, size and time.
 *
 * @example
 *   const { stats, bytes, ms } = buildNetworkArtifact(networkPath());
 */
export function buildNetworkArtifact(
  path: string = networkPath(),
  options: MultimodalOptions = {},
): { stats: MultimodalStats; bytes: number; ms: number; path: string } {
  const start = performance.now();
  const { graph, stats } = buildMultimodalNetwork(options);
  mkdirSync(dirname(path), { recursive: true });
  const bytes = writeArtifactFile(path, graph);
  return { stats, bytes, ms: performance.now() - start, path };
}

/**
 * A loaded network: the graph and the artifact bytes it views (for worker pools).
 *
 * @example
 *   const { graph, bytes } = loadNetwork();
 */
export interface LoadedNetwork {
  readonly graph: Graph;
  readonly bytes: Uint8Array;
  readonly path: string;
  /** True when this call built the artifact (it was missing or older than data/network). */
  readonly built: boolean;
}

const loaded = new Map<string, LoadedNetwork>();

/**
 * Loads the network artifact (cached per path), building it first when it is
 * missing or older than any file in data/network. Loading is a file read and
 * a few array views (milliseconds); a build takes a few seconds.
 *
 * @example
 *   const { graph } = loadNetwork();
 */
export function loadNetwork(path: string = networkPath(), dataDir: string = DEFAULT_NETWORK_DATA_DIR): LoadedNetwork {
  const hit = loaded.get(path);
  if (hit !== undefined) return hit;
  let built = false;
  if (isStale(path, dataDir)) {
    buildNetworkArtifact(path);
    built = true;
  }
  const file = readFileSync(path);
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  const network = { graph: readArtifact(bytes), bytes, path, built };
  loaded.set(path, network);
  return network;
}

function isStale(path: string, dataDir: string): boolean {
  let builtAt: number;
  try {
    builtAt = statSync(path).mtimeMs;
  } catch {
    return true;
  }
  try {
    return readdirSync(dataDir).some((f) => f.endsWith(".json") && statSync(join(dataDir, f)).mtimeMs > builtAt);
  } catch {
    return false;
  }
}
