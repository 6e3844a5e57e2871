import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { distanceMatrix, edgeMask, shortestPath } from "../../core/routing/index.ts";
import { readArtifactFile, writeArtifactFile } from "./artifact-file.ts";
import { MatrixPool } from "./matrix-pool.ts";
import { buildSeaNetwork } from "./sea-network.ts";

const dir = mkdtempSync(join(tmpdir(), "beltroad-network-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const { graph } = buildSeaNetwork();

describe("artifact files", () => {
  it("writes atomically and loads back the same graph, plain or shared", () => {
    const path = join(dir, "sea.bin");
    const size = writeArtifactFile(path, graph);
    expect(readdirSync(dir)).toEqual(["sea.bin"]); // no temporary file left
    expect(size).toBeLessThan(1_000_000);
    for (const loaded of [readArtifactFile(path), readArtifactFile(path, { shared: true })]) {
      expect(loaded.arcCount).toBe(graph.arcCount);
      expect(shortestPath(loaded, 0, 5000)?.weight).toBe(shortestPath(graph, 0, 5000)?.weight);
    }
  });
});

describe("MatrixPool", () => {
  it("gives the same matrix over worker threads as in-process", async () => {
    const path = join(dir, "pool.bin");
    writeArtifactFile(path, graph);
    const sources = Int32Array.from({ length: 37 }, (_, i) => (i * 157) % graph.nodeCount);
    const targets = Int32Array.from({ length: 23 }, (_, i) => (i * 251 + 7) % graph.nodeCount);
    const filter = { avoidPassages: ["suez"] };
    const expected = distanceMatrix(graph, sources, targets, { weights: graph.hours, mask: edgeMask(graph, filter) });
    const { writeArtifact } = await import("../../core/routing/index.ts");
    const pool = await MatrixPool.start(writeArtifact(graph), 2);
    try {
      const got = await pool.matrix(sources, targets, { objective: "time", filter });
      expect([...got]).toEqual([...expected]);
      await expect(pool.matrix(sources, targets, { filter: { avoidPassages: ["nowhere"] } })).rejects.toThrow(
        /unknown passage/,
      );
    } finally {
      await pool.close();
    }
  });
});
