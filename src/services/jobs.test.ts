import { describe, expect, it } from "vitest";
import { cancelJob, findOwnedJob, getJob, jobsIdle, listOwnedJobs, startJob } from "./jobs.ts";

describe("the job runner", () => {
  it("runs jobs one at a time and reports progress", async () => {
    const order: string[] = [];
    const a = startJob("test", async (progress) => {
      order.push("a");
      progress(0.5);
      await new Promise((r) => setTimeout(r, 20));
      order.push("a-end");
      return 1;
    });
    const b = startJob("test", async () => {
      order.push("b");
      return 2;
    });
    await jobsIdle();
    expect(order).toEqual(["a", "a-end", "b"]);
    expect(a).toMatchObject({ status: "done", progress: 1, result: 1 });
    expect(getJob(b.id)).toMatchObject({ status: "done", result: 2 });
  });

  it("cancels a running job through its signal, and a queued one at once", async () => {
    const running = startJob(
      "test",
      (_p, { signal }) => new Promise((resolve) => signal.addEventListener("abort", () => resolve("stopped"))),
      { owner: "u1" },
    );
    const queued = startJob("test", async () => "never", { owner: "u1" });
    await new Promise((r) => setTimeout(r, 10));
    expect(running.status).toBe("running");
    expect(cancelJob(queued.id)).toBe(true);
    expect(queued.status).toBe("cancelled");
    expect(cancelJob(running.id)).toBe(true);
    await jobsIdle();
    expect(running).toMatchObject({ status: "cancelled", result: "stopped" });
    expect(queued.result).toBeUndefined();
    expect(cancelJob(running.id)).toBe(false);
  });

  it("shows an owned job to its owner and admins only, never through getJob", async () => {
    const job = startJob("secret", async () => "x", { owner: "u1" });
    await jobsIdle();
    expect(getJob(job.id)).toBeUndefined();
    expect(findOwnedJob(job.id, "secret", { userId: "u2", admin: false })).toBeUndefined();
    expect(findOwnedJob(job.id, "other", { userId: "u1", admin: false })).toBeUndefined();
    expect(findOwnedJob(job.id, "secret", { userId: "u1", admin: false })).toBe(job);
    expect(findOwnedJob(job.id, "secret", { userId: "u2", admin: true })).toBe(job);
    expect(listOwnedJobs("secret", "u1")).toEqual([job]);
  });

  it("keeps a failure's code and message", async () => {
    const job = startJob("test", async () => {
      throw Object.assign(new Error("bad file"), { code: "invalid_xml" });
    });
    await jobsIdle();
    expect(job).toMatchObject({ status: "failed", error: { code: "invalid_xml", message: "bad file" } });
  });
});
