import { describe, expect, it } from "vitest";
import { readArtifact, writeArtifact } from "./artifact.ts";
import { shortestPath } from "./bidirectional.ts";
import { buildGraph } from "./build-graph.ts";
import { RoutingError } from "./errors.ts";

const graph = buildGraph({
  nodes: [
    { lon: 1, lat: 2, kind: "city", label: "A", country: "KEN" },
    { lon: 3, lat: 4 },
    { lon: 5, lat: 6, kind: "port" },
  ],
  links: [
    { from: 0, to: 1, lengthKm: 1.5, hours: 0.25, mode: "rail", gaugeMm: 1435, project: "sgr", opens: "2017-05-31" },
    { from: 1, to: 2, lengthKm: 2.5, hours: 7, mode: "sea", passage: "s", status: "planned", oneWay: true },
  ],
  passages: [{ id: "s", name: "S", closedByDefault: true }],
  assumptions: [{ name: "speed", value: 14, unit: "kn", source: "test" }],
  source: "unit test",
});

const keys = [
  "lon",
  "lat",
  "nodeKind",
  "nodeCountry",
  "offsets",
  "sources",
  "targets",
  "lengthKm",
  "hours",
  "mode",
  "passage",
  "status",
  "gauge",
  "project",
  "opens",
] as const;

describe("graph artifact", () => {
  it("round-trips every array and the meta table", () => {
    const again = readArtifact(writeArtifact(graph));
    expect(again.nodeCount).toBe(graph.nodeCount);
    expect(again.arcCount).toBe(graph.arcCount);
    for (const key of keys) expect([...again[key]], key).toEqual([...graph[key]]);
    expect(again.meta).toEqual(graph.meta);
    expect(shortestPath(again, 0, 1)?.weight).toBe(1.5);
  });

  it("reads from an unaligned view and from a SharedArrayBuffer", () => {
    const bytes = writeArtifact(graph);
    const unaligned = new Uint8Array(bytes.byteLength + 3).subarray(3);
    unaligned.set(bytes);
    expect([...readArtifact(unaligned).lengthKm]).toEqual([...graph.lengthKm]);
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
    shared.set(bytes);
    expect(readArtifact(shared).lon.buffer).toBe(shared.buffer); // views, no copy
  });

  it("rejects foreign, old, truncated and corrupt bytes", () => {
    const bytes = writeArtifact(graph);
    const fails = (b: Uint8Array, message: RegExp) => {
      expect(() => readArtifact(b)).toThrow(RoutingError);
      expect(() => readArtifact(b)).toThrow(message);
    };
    fails(new TextEncoder().encode('{"type":"FeatureCollection"}'), /not a Beltroad/);
    const old = bytes.slice();
    new DataView(old.buffer).setUint32(8, 99, true);
    fails(old, /format 99/);
    fails(bytes.slice(0, bytes.byteLength - 64), /section|outside/);
    const corrupt = bytes.slice();
    const again = readArtifact(corrupt);
    again.targets[0] = 99; // views share the bytes, so this corrupts `corrupt`
    fails(corrupt, /arc 0/);
  });
});
