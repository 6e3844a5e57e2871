/** Moved to src/services/jobs.ts (shared with imports); kept so the network code keeps its import path. */
export * from "../jobs.ts";
