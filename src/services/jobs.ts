import { randomUUID } from "node:crypto";

/**
 * A background job's state, as GET /api/v1/jobs/{id} (network) or
 * GET /api/v1/imports/{id} (imports) shows it.
 *
 * @example
 *   { id: "…", kind: "whatif", status: "running", progress: 0.42, createdAt: "…" }
 */
export interface JobState<T = unknown> {
  readonly id: string;
  readonly kind: string;
  status: "queued" | "running" | "done" | "failed" | "cancelled";
  /** 0..1. */
  progress: number;
  readonly createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  result?: T;
  error?: { code: string; message: string; details?: unknown };
  /** Who started it (a user id); owned jobs are shown to their owner (and platform admins) only. */
  readonly owner?: string;
  /** Anything the starter wants to show with the job (file name, options). */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** What a job's body receives: a progress callback and the signal `cancelJob` aborts. */
export interface JobContext {
  progress(fraction: number): void;
  readonly signal: AbortSignal;
}

export interface JobOptions {
  readonly owner?: string;
  readonly meta?: Readonly<Record<string, unknown>>;
  /** Runs once the job has ended, however it ended (cancelled while queued included): frees temp files. */
  readonly cleanup?: () => void | Promise<void>;
}

const MAX_JOBS = 100;
const jobs = new Map<string, JobState>();
const controllers = new Map<string, AbortController>();
let queue: Promise<unknown> = Promise.resolve();

/**
 * Starts `run` in the background (one job at a time, in order, so matrices
 * and imports do not compete for the two cores) and returns its state at once.
 * Keeps the last 100 finished jobs in memory; a restart forgets them. `run` receives a
 * progress callback and an AbortSignal (see `cancelJob`); a job whose signal
 * was aborted ends `cancelled`, keeping whatever result `run` returned.
 *
 * @example
 *   const job = startJob("whatif", ({ progress }) => runWhatIf(graph, bytes, request, (d, t) => progress(d / t)));
 */
export function startJob<T>(
  kind: string,
  run: (progress: (fraction: number) => void, ctx: JobContext) => Promise<T>,
  options: JobOptions = {},
): JobState<T> {
  const job: JobState<T> = {
    id: randomUUID(),
    kind,
    status: "queued",
    progress: 0,
    createdAt: new Date().toISOString(),
    ...(options.owner ? { owner: options.owner } : {}),
    ...(options.meta ? { meta: options.meta } : {}),
  };
  const controller = new AbortController();
  jobs.set(job.id, job as JobState);
  controllers.set(job.id, controller);
  prune();
  const progress = (fraction: number) => {
    job.progress = Math.max(job.progress, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
  };
  queue = queue.then(async () => {
    try {
      if (controller.signal.aborted) return; // cancelled while queued: already marked
      job.status = "running";
      job.startedAt = new Date().toISOString();
      try {
        job.result = await run(progress, { progress, signal: controller.signal });
        job.status = controller.signal.aborted ? "cancelled" : "done";
        if (job.status === "done") job.progress = 1;
      } catch (error) {
        job.status = controller.signal.aborted ? "cancelled" : "failed";
        const e = error as { code?: string; message?: string; details?: unknown };
        job.error = {
          code: typeof e.code === "string" ? e.code : "internal",
          message: e.message ?? String(error),
          ...(e.details !== undefined ? { details: e.details } : {}),
        };
        if (job.error.code === "internal") console.error(error);
      }
      job.finishedAt = new Date().toISOString();
    } finally {
      controllers.delete(job.id);
      await Promise.resolve(options.cleanup?.()).catch((e: unknown) => console.error(e));
    }
  });
  return job;
}

function prune(): void {
  for (const [id, job] of jobs) {
    if (jobs.size <= MAX_JOBS) return;
    if (job.status !== "queued" && job.status !== "running") jobs.delete(id);
  }
}

/**
 * A job nobody owns (the network's what-if jobs) by id, or undefined; owned
 * jobs are reached through `findOwnedJob` only.
 *
 * @example getJob(id)?.status
 */
export function getJob(id: string): JobState | undefined {
  const job = jobs.get(id);
  return job && job.owner === undefined ? job : undefined;
}

/**
 * A job of `kind` that `viewer` may see: their own, or any when `admin`.
 *
 * @example findOwnedJob(id, "import", { userId, admin: false })
 */
export function findOwnedJob(
  id: string,
  kind: string,
  viewer: { readonly userId: string; readonly admin: boolean },
): JobState | undefined {
  const job = jobs.get(id);
  if (!job || job.kind !== kind || job.owner === undefined) return undefined;
  return viewer.admin || job.owner === viewer.userId ? job : undefined;
}

/** The jobs of `kind` an owner started, newest first. @example listOwnedJobs("import", userId) */
export function listOwnedJobs(kind: string, owner: string): JobState[] {
  return [...jobs.values()].filter((j) => j.kind === kind && j.owner === owner).reverse();
}

/**
 * Asks a job to stop: a queued job ends `cancelled` at once; a running one
 * gets its signal aborted and ends `cancelled` when its body returns.
 * Returns false when the job had already ended.
 *
 * @example cancelJob(job.id)
 */
export function cancelJob(id: string): boolean {
  const job = jobs.get(id);
  const controller = controllers.get(id);
  if (!job || !controller || (job.status !== "queued" && job.status !== "running")) return false;
  controller.abort();
  if (job.status === "queued") {
    job.status = "cancelled";
    job.finishedAt = new Date().toISOString();
  }
  return true;
}

/** Resolves when every job started so far has ended (tests, shutdown). @example await jobsIdle() */
export function jobsIdle(): Promise<void> {
  return queue.then(() => undefined);
}
