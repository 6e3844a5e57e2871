import { describe, expect, it } from "vitest";
import { componentsOf, connectFragments } from "./components.ts";
import { laneTopology } from "./lane-topology.ts";
import { passageOfSegment, segmentTouchesBox } from "./passages.ts";

describe("laneTopology", () => {
  it("joins -180 and +180 twins, merges near-duplicate vertices and drops repeated segments", () => {
    const topo = laneTopology(
      [
        [
          [170, 40],
          [180, 40],
        ],
        [
          [-180, 40],
          [-170, 40],
        ],
        [
          [-180, 10],
          [-170, 10],
        ], // no twin on +180: not joined
        [
          [10, 10],
          [11, 11],
        ],
        [
          [11.0005, 11.0005],
          [12, 12],
        ], // ~70 m from (11, 11): the same point
        [
          [11, 11],
          [10, 10],
        ], // the first segment again, reversed
      ],
      { mergeKm: 0.2 },
    );
    expect(topo.stats.antimeridianJoins).toBe(1);
    expect(topo.stats.mergedVertices).toBe(1);
    expect(topo.stats.duplicateSegments).toBe(1);
    expect(topo.links.filter((l) => l.kind === "join")).toEqual([{ from: 2, to: 1, kind: "join" }]);
    expect(topo.links.filter((l) => l.kind === "lane")).toHaveLength(5);
  });
});

describe("components", () => {
  it("labels components largest first", () => {
    const { label, sizes } = componentsOf(5, [
      { from: 3, to: 4, kind: "lane" },
      { from: 0, to: 3, kind: "lane" },
    ]);
    expect(sizes).toEqual([3, 1, 1]);
    expect(label[0]).toBe(0);
    expect(label[4]).toBe(0);
  });

  it("connects fragments within reach and drops the rest", () => {
    const lon = [0, 1, 2, 2.3, 2.4, 40, 41];
    const lat = [0, 0, 0, 0, 0, 0, 0];
    const links = [
      { from: 0, to: 1, kind: "lane" as const },
      { from: 1, to: 2, kind: "lane" as const },
      { from: 3, to: 4, kind: "lane" as const }, // 33 km east of node 2: joined
      { from: 5, to: 6, kind: "lane" as const }, // 4,000 km away: dropped
    ];
    const { connectors, keep, report } = connectFragments(lon, lat, links, 50);
    expect(connectors).toHaveLength(1);
    expect(connectors[0]).toMatchObject({ from: 3, to: 2 });
    expect([...keep]).toEqual([1, 1, 1, 1, 1, 0, 0]);
    expect(report).toMatchObject({ before: 3, connected: 1, dropped: 1, droppedNodes: 2 });
  });

  it("reaches the largest component through a chain of fragments, and drops a pair that only reach each other", () => {
    const lon = [0, 1, 2, 2.3, 2.4, 2.7, 2.8, 30, 30.3, 30.6, 30.9];
    const lat = lon.map(() => 0);
    const lane = (from: number, to: number) => ({ from, to, kind: "lane" as const });
    const links = [lane(0, 1), lane(1, 2), lane(3, 4), lane(5, 6), lane(7, 8), lane(9, 10)];
    // 5–6 is 78 km from the largest (too far) but 33 km from 3–4, which is 33 km from it.
    const { keep, report } = connectFragments(lon, lat, links, 50);
    expect([...keep]).toEqual([1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
    expect(report).toMatchObject({ before: 5, connected: 2, dropped: 2, droppedNodes: 4 });
  });
});

describe("passage boxes", () => {
  it("clips segments against boxes", () => {
    expect(segmentTouchesBox([0, 0], [2, 2], [1, 1, 3, 3])).toBe(true);
    expect(segmentTouchesBox([0, 2], [2, 4], [1, 0, 3, 1])).toBe(false);
    expect(segmentTouchesBox([-1, 0.5], [5, 0.5], [1, 0, 2, 1])).toBe(true); // passes through
    expect(segmentTouchesBox([0, 0], [0, 5], [1, 0, 2, 5])).toBe(false); // vertical, beside
  });

  it("tags the lanes' canal and strait segments, and nothing in open water", () => {
    expect(passageOfSegment([32.6, 29.7], [32.1667, 30.95])).toBe("suez");
    expect(passageOfSegment([33.75, 27.9], [32.6, 29.7])).toBeUndefined(); // Gulf of Suez
    expect(passageOfSegment([-79.667, 9.25], [-79.667, 9.2])).toBe("panama");
    expect(passageOfSegment([102, 2], [100.6, 3.2])).toBe("malacca");
    expect(passageOfSegment([56.4, 26.4], [57.1, 25.5])).toBe("hormuz");
    expect(passageOfSegment([51.6, 26.3], [56.4, 26.4])).toBeUndefined(); // inside the Gulf
    expect(passageOfSegment([-5.75, 35.95], [-4.7, 36])).toBe("gibraltar");
    expect(passageOfSegment([22, -35], [18, -35])).toBe("cape_of_good_hope");
    expect(passageOfSegment([-150, 20], [-140, 20])).toBeUndefined();
  });

  it("takes a segment across ±180 the short way, not across the world", () => {
    // Drawn naively this sweeps 357° of longitude at 50 S, through the Cape of Good Hope box.
    expect(passageOfSegment([178.5, -50], [-178.5, -50])).toBeUndefined();
    expect(passageOfSegment([-178.5, -50], [178.5, -50])).toBeUndefined();
    expect(passageOfSegment([179.95, 70], [-179.95, 70])).toBe("arctic");
  });
});
