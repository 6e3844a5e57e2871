import { randomUUID } from "node:crypto";

/**
 * A background job's state, as GET /api/v1/jobs/{id} shows it.
 *
 * @example
 *   { id: "…", kind: "whatif", status: "running", progress: 0.42, createdAt: "…" }
 */
export interface JobState<T = unknown> {
  readonly id: string;
  readonly kind: string;
  status: "queued" | "running" | "done" | "failed";
  /** 0..1. */
  progress: number;
  readonly createdAt: string;
  finishedAt?: string;
  result?: T;
  error?: { code: string; message: string };
}

const MAX_JOBS = 50;
const jobs = new Map<string, JobState>();
let queue: Promise<unknown> = Promise.resolve();

/**
 * Starts `run` in the background (one job at a time, in order, so matrices
 * do not compete for the two cores) and returns its state at once. Keeps the
 * last 50 jobs in memory; a restart forgets them.
 *
 * @example
 *   const job = startJob("whatif", (progress) => runWhatIf(graph, bytes, request, (d, t) => progress(d / t)));
 */
export function startJob<T>(kind: string, run: (progress: (fraction: number) => void) => Promise<T>): JobState<T> {
  const job: JobState<T> = {
    id: randomUUID(),
    kind,
    status: "queued",
    progress: 0,
    createdAt: new Date().toISOString(),
  };
  jobs.set(job.id, job as JobState);
  while (jobs.size > MAX_JOBS) jobs.delete(jobs.keys().next().value as string);
  queue = queue.then(async () => {
    job.status = "running";
    try {
      job.result = await run((fraction) => {
        job.progress = Math.max(job.progress, Math.min(1, fraction));
      });
      job.status = "done";
      job.progress = 1;
    } catch (error) {
      job.status = "failed";
      const e = error as { code?: string; message?: string };
      job.error = { code: typeof e.code === "string" ? e.code : "internal", message: e.message ?? String(error) };
    } finally {
      job.finishedAt = new Date().toISOString();
    }
  });
  return job;
}

/** A job by id, or undefined. @example getJob(id)?.status */
export function getJob(id: string): JobState | undefined {
  return jobs.get(id);
}
