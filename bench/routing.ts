/**
 * Routing benchmark: `npm run bench:routing [-- --json] [--pairs 1000] [--seed 7] [--cities 1000] [--workers 2] [--no-matrix]`.
 *
 * 1. Builds the sea network, writes and reloads its artifact (the graph every engine uses).
 * 2. Times the same random single-pair queries (fixed seed, distance weights, every arc
 *    usable) with our bidirectional and one-way Dijkstra, ngraph.path (A* without a
 *    heuristic = Dijkstra, and NBA*; its greedy mode is not exact and is left out) and
 *    graphology-shortest-path (bidirectional Dijkstra), and checks all return the same
 *    lengths (1e-6 relative).
 * 3. Times a cities × cities shipment-time matrix, base and a scenario (Suez avoided),
 *    one-to-all Dijkstra per source over worker threads, and spot-checks cells.
 * 4. The multimodal network (`--no-multimodal` skips it): build and artifact load times,
 *    single route queries between random cities (time objective, multimodal, and the full
 *    planRoute with result JSON), and the what-if matrix: 1,000 × 1,000 cities, base and
 *    the scenario with every Belt and Road project that built links switched off.
 */
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { edgeMask, forwardPath, readArtifact, shortestPath, writeArtifact } from "../src/core/routing/index.ts";
import { MatrixPool } from "../src/services/network/matrix-pool.ts";
import { buildSeaNetwork } from "../src/services/network/sea-network.ts";
import { createSnapper } from "../src/services/network/snap.ts";
import { runMultimodal } from "./lib/multimodal.ts";
import { buildPeers } from "./lib/peers.ts";
import { seededRandom, summarise, timeQueries } from "./lib/timing.ts";

const { values: args } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    pairs: { type: "string", default: "1000" },
    seed: { type: "string", default: "20240501" },
    cities: { type: "string", default: "1000" },
    workers: { type: "string", default: "2" },
    "no-matrix": { type: "boolean", default: false },
    "no-multimodal": { type: "boolean", default: false },
  },
});
const log = (...parts: unknown[]) => {
  if (!args.json) console.log(...parts);
};
const random = seededRandom(Number(args.seed));

let t = performance.now();
const { graph: built, stats } = buildSeaNetwork();
const buildMs = performance.now() - t;
const bytes = writeArtifact(built);
t = performance.now();
const graph = readArtifact(bytes);
const loadMs = performance.now() - t;
log(
  `sea network: ${graph.nodeCount} nodes, ${graph.arcCount} arcs, ${stats.components.before} components in the data; ` +
    `build ${buildMs.toFixed(0)} ms, artifact ${(bytes.byteLength / 1024).toFixed(0)} KiB loads in ${loadMs.toFixed(2)} ms`,
);

// Distance weights, every arc usable (Arctic opened), so all pairs are connected and every engine sees the same arcs.
const weights = graph.lengthKm;
const mask = edgeMask(graph, { openPassages: ["arctic"] });
const pick = () => Math.floor(random() * graph.nodeCount);
const pairs = Array.from({ length: Number(args.pairs) }, () => [pick(), pick()] as const);
const peers = buildPeers(graph, weights, mask);
log(
  `peer graphs built: ngraph ${peers.buildMs.ngraph.toFixed(0)} ms, graphology ${peers.buildMs.graphology.toFixed(0)} ms`,
);

const warmup = Math.min(300, pairs.length);
const engines = {
  ours: (a: number, b: number) => shortestPath(graph, a, b, { weights, mask })?.weight,
  oursOneWay: (a: number, b: number) => forwardPath(graph, a, b, { weights, mask })?.weight,
  ngraphAStar: peers.ngraphAStar,
  ngraphNba: peers.ngraphNba,
  graphology: peers.graphology,
};
const results = Object.fromEntries(
  Object.entries(engines).map(([name, run]) => {
    const { ms, answers } = timeQueries(pairs, run, warmup);
    return [name, { ...summarise(ms), answers }];
  }),
) as Record<keyof typeof engines, ReturnType<typeof summarise> & { answers: (number | undefined)[] }>;

const reference = results.ours.answers;
const mismatches = Object.fromEntries(
  Object.entries(results).map(([name, r]) => [
    name,
    r.answers.filter((x, i) => {
      const y = reference[i];
      if (x === undefined || y === undefined) return x !== y;
      return Math.abs(x - y) > 1e-6 * Math.max(1, Math.abs(y));
    }).length,
  ]),
);
const ngraphBest = results.ngraphNba.medianMs <= results.ngraphAStar.medianMs ? "nba" : "aStar";
const ngraphMedian = Math.min(results.ngraphNba.medianMs, results.ngraphAStar.medianMs);

log(`\n${pairs.length} single-pair queries (seed ${args.seed}), after ${warmup} warm-up queries each:`);
log("engine                          median ms    p95 ms   mean ms   differing lengths");
const label = {
  ours: "ours (bidirectional Dijkstra)",
  oursOneWay: "ours (one-way Dijkstra)",
  ngraphAStar: "ngraph.path aStar (no heur.)",
  ngraphNba: "ngraph.path nba (no heur.)",
  graphology: "graphology bidirectional",
};
for (const [name, r] of Object.entries(results) as [keyof typeof engines, (typeof results)["ours"]][]) {
  log(
    `${label[name].padEnd(31)} ${r.medianMs.toFixed(4).padStart(9)} ${r.p95Ms.toFixed(4).padStart(9)} ${r.meanMs.toFixed(4).padStart(9)}   ${mismatches[name]}`,
  );
}
log(
  `speed-up: ${(ngraphMedian / results.ours.medianMs).toFixed(1)}× ngraph.path (${ngraphBest}), ` +
    `${(results.graphology.medianMs / results.ours.medianMs).toFixed(1)}× graphology`,
);

let matrix: Record<string, unknown> | undefined;
if (!args["no-matrix"]) matrix = await runMatrix();
let multimodal: Record<string, unknown> | undefined;
if (!args["no-multimodal"])
  multimodal = await runMultimodal({
    log,
    random,
    cities: Number(args.cities),
    workers: Number(args.workers),
    pairs: Number(args.pairs),
    matrix: !args["no-matrix"],
  });

if (args.json) {
  const pick3 = (r: (typeof results)["ours"]) => ({ medianMs: r.medianMs, p95Ms: r.p95Ms, meanMs: r.meanMs });
  console.log(
    JSON.stringify(
      {
        ours: { ...pick3(results.ours), algorithm: "bidirectional Dijkstra", oneWay: pick3(results.oursOneWay) },
        ngraph: {
          medianMs: ngraphMedian,
          mode: ngraphBest,
          aStar: pick3(results.ngraphAStar),
          nba: pick3(results.ngraphNba),
        },
        graphology: pick3(results.graphology),
        mismatches,
        queries: pairs.length,
        network: { nodes: graph.nodeCount, arcs: graph.arcCount, artifactBytes: bytes.byteLength, loadMs },
        ...(matrix === undefined ? {} : { matrix }),
        ...(multimodal === undefined ? {} : { multimodal }),
      },
      null,
      2,
    ),
  );
}
const failed = Object.values(mismatches).some((n) => n > 0);
process.exitCode = failed ? 1 : 0;

async function runMatrix(): Promise<Record<string, unknown>> {
  const cities = Number(args.cities);
  const workers = Number(args.workers);
  // "Cities": random coastal points (a random lane node moved up to 1° each way), snapped back to the lanes.
  const snapper = createSnapper(graph);
  const nodes = Int32Array.from({ length: cities }, () => {
    const v = pick();
    const lon = Math.max(-180, Math.min(180, graph.lon[v]! + (random() * 2 - 1)));
    const lat = Math.max(-85, Math.min(85, graph.lat[v]! + (random() * 2 - 1)));
    return snapper.nearest(lon, lat)!.node;
  });
  const t0 = performance.now();
  const pool = await MatrixPool.start(bytes, workers);
  const t1 = performance.now();
  const base = await pool.matrix(nodes, nodes, { objective: "time" });
  const t2 = performance.now();
  const scenario = await pool.matrix(nodes, nodes, { objective: "time", filter: { avoidPassages: ["suez"] } });
  const t3 = performance.now();
  await pool.close();

  // Spot-check cells against single-pair queries.
  let bad = 0;
  const suezMask = edgeMask(graph, { avoidPassages: ["suez"] });
  for (let k = 0; k < 50; k++) {
    const i = Math.floor(random() * cities);
    const j = Math.floor(random() * cities);
    const b = shortestPath(graph, nodes[i]!, nodes[j]!, { weights: graph.hours })?.weight ?? Infinity;
    const s = shortestPath(graph, nodes[i]!, nodes[j]!, { weights: graph.hours, mask: suezMask })?.weight ?? Infinity;
    const cell = i * cities + j;
    if (Math.abs(b - base[cell]!) > 1e-9 * Math.max(1, b) || Math.abs(s - scenario[cell]!) > 1e-9 * Math.max(1, s))
      bad++;
  }
  let longer = 0;
  for (let c = 0; c < base.length; c++) if (scenario[c]! > base[c]! + 1e-9) longer++;
  const seconds = (t3 - t0) / 1000;
  log(
    `\nmatrix ${cities} × ${cities} shipment hours, base + Suez avoided, ${workers} worker threads (machine has ${availableParallelism()} cores):`,
  );
  log(
    `  workers start ${((t1 - t0) / 1000).toFixed(2)} s, base ${((t2 - t1) / 1000).toFixed(2)} s, scenario ${((t3 - t2) / 1000).toFixed(2)} s, total ${seconds.toFixed(2)} s`,
  );
  log(`  ${longer} of ${base.length} cells longer without Suez; spot checks failed: ${bad} of 50`);
  if (bad > 0) process.exitCode = 1;
  return {
    cities,
    seconds,
    workers,
    startSeconds: (t1 - t0) / 1000,
    baseSeconds: (t2 - t1) / 1000,
    scenarioSeconds: (t3 - t2) / 1000,
    cellsLongerWithoutSuez: longer,
    spotChecksFailed: bad,
  };
}
