import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Objective, ObjectiveFactors, RouteFilter } from "../../core/routing/index.ts";
import type { MatrixJobMessage } from "./matrix-worker.ts";

/**
 * What a matrix is computed for.
 *
 * @example
 *   { objective: "time", filter: { disableProjects: ["china-laos-railway"] } }
 */
export interface MatrixRequest {
  readonly objective?: Objective;
  readonly filter?: RouteFilter;
  readonly factors?: ObjectiveFactors;
  /** A per-arc mask to use instead of the filter's (the filter is then ignored). */
  readonly mask?: Uint8Array;
}

type Reply = { id: number; result?: Float64Array; error?: string };

/**
 * Worker threads that share one graph (the artifact bytes in a
 * SharedArrayBuffer, so memory is not copied per worker) and compute
 * many-to-many matrices by splitting the sources into chunks handed out as
 * workers free up. Rows come back in source order.
 *
 * @example
 *   const pool = await MatrixPool.start(writeArtifact(graph), 2);
 *   const hours = await pool.matrix(sources, targets, { objective: "time", filter: { avoidPassages: ["suez"] } });
 *   await pool.close();
 */
export class MatrixPool {
  private nextId = 0;

  private constructor(private readonly workers: readonly Worker[]) {}

  /** Starts `size` workers (default: the machine's parallelism) and waits until each has loaded the graph. */
  static async start(artifact: Uint8Array, size: number = availableParallelism()): Promise<MatrixPool> {
    const shared = new Uint8Array(new SharedArrayBuffer(artifact.byteLength));
    shared.set(artifact);
    const workers = Array.from({ length: Math.max(1, size) }, () => startWorker(shared));
    await Promise.all(workers.map((w) => once(w, (m) => (m as { ready?: boolean }).ready === true)));
    return new MatrixPool(workers);
  }

  /** Row-major weights, `result[i * targets.length + j]` for sources[i] → targets[j] (Infinity = unreachable). */
  async matrix(
    sources: Int32Array,
    targets: Int32Array,
    request: MatrixRequest = {},
    onRows?: (done: number, total: number) => void,
  ): Promise<Float64Array> {
    const result = new Float64Array(sources.length * targets.length);
    const chunk = Math.max(1, Math.ceil(sources.length / (this.workers.length * 8)));
    let next = 0;
    let done = 0;
    const drain = async (worker: Worker) => {
      while (next < sources.length) {
        const start = next;
        next = Math.min(sources.length, next + chunk);
        const job: MatrixJobMessage = {
          id: this.nextId++,
          sources: sources.slice(start, next),
          targets,
          objective: request.objective ?? "time",
          filter: request.filter ?? {},
          factors: request.factors ?? {},
          ...(request.mask === undefined ? {} : { mask: request.mask }),
        };
        worker.postMessage(job);
        const reply = (await once(worker, (m) => (m as Reply).id === job.id)) as Reply;
        if (reply.result === undefined) throw new Error(`matrix worker failed: ${reply.error ?? "no result"}`);
        result.set(reply.result, start * targets.length);
        done += next - start === 0 ? 0 : reply.result.length / Math.max(1, targets.length);
        onRows?.(done, sources.length);
      }
    };
    await Promise.all(this.workers.map(drain));
    return result;
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Starts the worker; when running from TypeScript sources, the worker registers tsx first. */
function startWorker(artifact: Uint8Array): Worker {
  const url = new URL(import.meta.url.endsWith(".ts") ? "./matrix-worker.ts" : "./matrix-worker.js", import.meta.url);
  if (!url.pathname.endsWith(".ts")) return new Worker(url, { workerData: { artifact } });
  const tsx = pathToFileURL(
    join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/esm/api/index.mjs"),
  );
  const code = `import(${JSON.stringify(tsx.href)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { eval: true, workerData: { artifact } });
}

/** The next message from `worker` that `match` accepts; rejects on a worker error or exit. */
function once(worker: Worker, match: (message: unknown) => boolean): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (!match(message)) return;
      cleanup();
      resolve(message);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`matrix worker exited with code ${code}`));
    };
    const cleanup = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
  });
}
