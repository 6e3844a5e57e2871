/**
 * Worker side of MatrixPool: loads the graph from the shared artifact bytes
 * once, then answers matrix jobs. Not imported by anything: MatrixPool starts it.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Objective, ObjectiveFactors, RouteFilter } from "../../core/routing/index.ts";
import { arcWeights, distanceMatrix, edgeMask, readArtifact, Workspace } from "../../core/routing/index.ts";

/**
 * A job sent to a worker.
 *
 * @example
 *   { id: 3, sources, targets, objective: "time", filter: {}, factors: {} }
 */
export interface MatrixJobMessage {
  readonly id: number;
  readonly sources: Int32Array;
  readonly targets: Int32Array;
  readonly objective: Objective;
  readonly filter: RouteFilter;
  readonly factors: ObjectiveFactors;
  readonly mask?: Uint8Array;
}

const port = parentPort;
if (port !== null) {
  const graph = readArtifact((workerData as { artifact: Uint8Array }).artifact);
  const workspace = new Workspace(graph.nodeCount);
  port.on("message", (job: MatrixJobMessage) => {
    try {
      const result = distanceMatrix(graph, job.sources, job.targets, {
        weights: arcWeights(graph, job.objective, job.factors),
        mask: job.mask ?? edgeMask(graph, job.filter),
        workspace,
      });
      port.postMessage({ id: job.id, result }, [result.buffer as ArrayBuffer]);
    } catch (error) {
      port.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  port.postMessage({ ready: true });
}
