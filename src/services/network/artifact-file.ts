import { readFileSync, renameSync, writeFileSync } from "node:fs";
import type { Graph } from "../../core/routing/index.ts";
import { readArtifact, writeArtifact } from "../../core/routing/index.ts";

/**
 * Writes a graph artifact to `path` atomically (a temporary file renamed
 * over it), so a reader never sees half a file. Returns the byte size.
 *
 * @example
 *   writeArtifactFile(".beltroad/network.bin", buildSeaNetwork().graph) // 1,012,345
 */
export function writeArtifactFile(path: string, graph: Graph): number {
  const bytes = writeArtifact(graph);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, bytes);
  renameSync(temporary, path);
  return bytes.byteLength;
}

/**
 * Loads a graph artifact from `path` (one read, then array views on it).
 * Pass `shared: true` to back it with a SharedArrayBuffer for worker threads.
 *
 * @example
 *   const graph = readArtifactFile(".beltroad/network.bin");
 */
export function readArtifactFile(path: string, options: { readonly shared?: boolean } = {}): Graph {
  const file = readFileSync(path);
  if (options.shared !== true) return readArtifact(new Uint8Array(file.buffer, file.byteOffset, file.byteLength));
  const shared = new Uint8Array(new SharedArrayBuffer(file.byteLength));
  shared.set(file);
  return readArtifact(shared);
}
