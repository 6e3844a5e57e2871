import { describe, expect, it } from "vitest";
import { buildGraph } from "./build-graph.ts";
import { pathGeometry, splitAtAntimeridian } from "./geometry.ts";

describe("splitAtAntimeridian", () => {
  it("leaves a line that does not cross alone", () => {
    expect(
      splitAtAntimeridian([
        [0, 0],
        [10, 10],
        [179, 5],
      ]),
    ).toEqual([
      [
        [0, 0],
        [10, 10],
        [179, 5],
      ],
    ]);
  });

  it("cuts an eastbound crossing at the interpolated latitude", () => {
    expect(
      splitAtAntimeridian([
        [170, 10],
        [-170, 20],
      ]),
    ).toEqual([
      [
        [170, 10],
        [180, 15],
      ],
      [
        [-180, 15],
        [-170, 20],
      ],
    ]);
  });

  it("cuts a westbound crossing", () => {
    expect(
      splitAtAntimeridian([
        [-175, 0],
        [175, 10],
      ]),
    ).toEqual([
      [
        [-175, 0],
        [-180, 5],
      ],
      [
        [180, 5],
        [175, 10],
      ],
    ]);
  });

  it("treats a zero-length join from +180 to -180 as a cut, without repeated points", () => {
    expect(
      splitAtAntimeridian([
        [170, 40],
        [180, 40],
        [-180, 40],
        [-170, 41],
      ]),
    ).toEqual([
      [
        [170, 40],
        [180, 40],
      ],
      [
        [-180, 40],
        [-170, 41],
      ],
    ]);
  });

  it("handles several crossings", () => {
    const parts = splitAtAntimeridian([
      [170, 0],
      [-170, 0],
      [170, 10],
      [-170, 10],
    ]);
    expect(parts).toHaveLength(4);
    for (const part of parts) for (const [lon] of part) expect(Math.abs(lon)).toBeLessThanOrEqual(180);
  });
});

describe("pathGeometry", () => {
  const graph = buildGraph({
    nodes: [
      { lon: 170, lat: 40 },
      { lon: 180, lat: 40 },
      { lon: -180, lat: 40 },
      { lon: -170, lat: 41 },
    ],
    links: [
      { from: 0, to: 1, lengthKm: 850, hours: 1, mode: "sea" },
      { from: 1, to: 2, lengthKm: 0, hours: 0, mode: "sea" },
      { from: 2, to: 3, lengthKm: 850, hours: 1, mode: "sea" },
    ],
  });
  const arcAt = (u: number, v: number) => [...graph.targets].findIndex((t, a) => graph.sources[a] === u && t === v);

  it("is a MultiLineString across ±180 and a LineString otherwise", () => {
    expect(pathGeometry(graph, [arcAt(0, 1), arcAt(1, 2), arcAt(2, 3)]).type).toBe("MultiLineString");
    expect(pathGeometry(graph, [arcAt(0, 1)])).toEqual({
      type: "LineString",
      coordinates: [
        [170, 40],
        [180, 40],
      ],
    });
  });
});
