import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readMarnet } from "./marnet-source.ts";
import { routeBetweenPoints } from "./point-route.ts";
import { buildSeaNetwork } from "./sea-network.ts";
import { createSnapper } from "./snap.ts";

/**
 * Cross-check against the searoute-py network (Eurostat SeaRoute, a later cut of the same
 * lanes), read in place from ../shared/reference; never copied into the repository.
 */
const REFERENCE = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../../../shared/reference/searoute/marnet_searoute.geojson",
);
const present = existsSync(REFERENCE);
if (!present) console.warn(`reference.test.ts: skipped, ${REFERENCE} not found (it is only in the shared workspace)`);

describe.skipIf(!present)("against the searoute-py reference network", () => {
  const ours = buildSeaNetwork();
  const reference = buildSeaNetwork({ lines: present ? readMarnet(REFERENCE) : [] });
  const route = (
    network: typeof ours,
    from: readonly [number, number],
    to: readonly [number, number],
    avoid: string[] = [],
  ) => routeBetweenPoints(network.graph, createSnapper(network.graph), from, to, { filter: { avoidPassages: avoid } })!;

  const cases: [string, readonly [number, number], readonly [number, number], string[], number][] = [
    ["Shanghai → Rotterdam", [121.9, 30.6], [4.05, 51.98], [], 0.03],
    ["Shanghai → Rotterdam, Suez and Panama avoided", [121.9, 30.6], [4.05, 51.98], ["suez", "panama"], 0.03],
    ["Shanghai → Los Angeles", [121.9, 30.6], [-118.26, 33.73], [], 0.06],
  ];
  for (const [name, from, to, avoid, tolerance] of cases) {
    it(`${name}: same passages, length within ${tolerance * 100}%`, () => {
      const a = route(ours, from, to, avoid);
      const b = route(reference, from, to, avoid);
      expect(a.route.passages).toEqual(b.route.passages);
      expect(Math.abs(a.distanceNm - b.distanceNm) / b.distanceNm).toBeLessThan(tolerance);
    });
  }
});
