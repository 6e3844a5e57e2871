export * from "./common.ts";
export * from "./freight-statistic.ts";
export * from "./interop.ts";
export * from "./kinds.ts";
export * from "./record.ts";
