/**
 * The multimodal part of the routing benchmark: build, artifact load, single
 * route queries, and the 1,000 × 1,000 base + scenario what-if matrix.
 */
import { availableParallelism } from "node:os";
import { edgeMask, readArtifact, shortestPath, writeArtifact } from "../../src/core/routing/index.ts";
import { MatrixPool } from "../../src/services/network/matrix-pool.ts";
import { buildMultimodalNetwork } from "../../src/services/network/multimodal-network.ts";
import { planRoute, scenarioFilter } from "../../src/services/network/route.service.ts";
import { builtProjects, whatIfCities } from "../../src/services/network/whatif.service.ts";
import { summarise, timeQueries } from "./timing.ts";

export async function runMultimodal(options: {
  readonly log: (...parts: unknown[]) => void;
  readonly random: () => number;
  readonly cities: number;
  readonly workers: number;
  readonly pairs: number;
  readonly matrix: boolean;
}): Promise<Record<string, unknown>> {
  const { log, random } = options;
  let t = performance.now();
  const { graph: built, stats } = buildMultimodalNetwork();
  const buildMs = performance.now() - t;
  const bytes = writeArtifact(built);
  t = performance.now();
  const graph = readArtifact(bytes);
  const loadMs = performance.now() - t;
  log(
    `\nmultimodal network: ${graph.nodeCount} nodes, ${graph.arcCount} arcs (${stats.cities} cities, ${stats.ports} ports, ` +
      `${stats.railLinks} rail links, ${stats.roadLinks} road links); build ${(buildMs / 1000).toFixed(1)} s, ` +
      `artifact ${(bytes.byteLength / 1024).toFixed(0)} KiB loads in ${loadMs.toFixed(1)} ms`,
  );

  const cities = whatIfCities(graph, options.cities);
  const pick = () => cities[Math.floor(random() * cities.length)]!;
  const pairs = Array.from({ length: options.pairs }, () => [pick().node, pick().node] as const);
  const base = scenarioFilter(graph, {});
  const mask = edgeMask(graph, base.filter);
  const raw = timeQueries(
    pairs,
    (a, b) => shortestPath(graph, a, b, { weights: graph.hours, mask })?.weight,
    Math.min(300, pairs.length),
  );
  const full = timeQueries(
    pairs.slice(0, Math.min(300, pairs.length)),
    (a, b) => planRoute(graph, { from: `node:${a}`, to: `node:${b}` }).durationHours,
    50,
  );
  const rawStats = summarise(raw.ms);
  const fullStats = summarise(full.ms);
  log(`${pairs.length} city-to-city queries (time, multimodal):`);
  log(`  shortest path           median ${rawStats.medianMs.toFixed(3)} ms, p95 ${rawStats.p95Ms.toFixed(3)} ms`);
  log(
    `  planRoute (result JSON) median ${fullStats.medianMs.toFixed(3)} ms, p95 ${fullStats.p95Ms.toFixed(3)} ms (${full.ms.length} queries)`,
  );

  let whatif: Record<string, unknown> | undefined;
  if (options.matrix) {
    const projects = builtProjects(graph);
    const scenario = scenarioFilter(graph, { without: projects });
    const nodes = Int32Array.from(cities, (c) => c.node);
    const t0 = performance.now();
    const pool = await MatrixPool.start(bytes, options.workers);
    const t1 = performance.now();
    const baseTimes = await pool.matrix(nodes, nodes, { objective: "time", filter: base.filter });
    const t2 = performance.now();
    const scenarioTimes = await pool.matrix(nodes, nodes, { objective: "time", filter: scenario.filter });
    const t3 = performance.now();
    await pool.close();
    let bad = 0;
    const scenarioMask = edgeMask(graph, scenario.filter);
    for (let k = 0; k < 50; k++) {
      const i = Math.floor(random() * nodes.length);
      const j = Math.floor(random() * nodes.length);
      const b = shortestPath(graph, nodes[i]!, nodes[j]!, { weights: graph.hours, mask })?.weight ?? Infinity;
      const s =
        shortestPath(graph, nodes[i]!, nodes[j]!, { weights: graph.hours, mask: scenarioMask })?.weight ?? Infinity;
      const cell = i * nodes.length + j;
      if (
        Math.abs(b - baseTimes[cell]!) > 1e-9 * Math.max(1, b) ||
        Math.abs(s - scenarioTimes[cell]!) > 1e-9 * Math.max(1, s)
      )
        bad++;
    }
    let slower = 0;
    for (let c = 0; c < baseTimes.length; c++) if (scenarioTimes[c]! > baseTimes[c]! + 1e-9) slower++;
    const seconds = (t3 - t0) / 1000;
    log(
      `what-if matrix ${nodes.length} × ${nodes.length} shipment hours, base + ${projects.length} projects off, ` +
        `${options.workers} worker threads (machine has ${availableParallelism()} cores):`,
    );
    log(
      `  workers start ${((t1 - t0) / 1000).toFixed(2)} s, base ${((t2 - t1) / 1000).toFixed(2)} s, scenario ${((t3 - t2) / 1000).toFixed(2)} s, total ${seconds.toFixed(2)} s`,
    );
    log(`  ${slower} of ${baseTimes.length} cells slower without the projects; spot checks failed: ${bad} of 50`);
    if (bad > 0) process.exitCode = 1;
    whatif = {
      cities: nodes.length,
      projectsOff: projects.length,
      seconds,
      startSeconds: (t1 - t0) / 1000,
      baseSeconds: (t2 - t1) / 1000,
      scenarioSeconds: (t3 - t2) / 1000,
      cellsSlower: slower,
      spotChecksFailed: bad,
    };
  }
  return {
    network: { nodes: graph.nodeCount, arcs: graph.arcCount, artifactBytes: bytes.byteLength, buildMs, loadMs },
    query: { ...rawStats, planRoute: fullStats },
    ...(whatif === undefined ? {} : { whatif }),
  };
}
