import type { ActivityDate } from "../../src/core/domain/index.ts";
import type { ProgrammeRecord } from "./api/types.ts";

type Count = ProgrammeRecord["counts"][number];

/** A programme's latest count of a metric (cumulative counts preferred; ties: the larger). */
export function latestCount(p: Pick<ProgrammeRecord, "counts">, metric: Count["metric"]): Count | undefined {
  return [...(p.counts ?? [])]
    .filter((c) => c.metric === metric)
    .sort(
      (a, b) => Number(b.cumulative) - Number(a.cumulative) || b.date.localeCompare(a.date) || b.value - a.value,
    )[0];
}

/** The year a record began, as the API's `start` sort sees it: actual start, else planned start. */
export function startDate(dates: readonly ActivityDate[] | undefined): string | undefined {
  return dates?.find((d) => d.type === "2")?.date ?? dates?.find((d) => d.type === "1")?.date;
}

/** Dates in time order; partial dates sort before fuller ones of the same period. */
export function byDate<T extends { date: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.date.localeCompare(b.date));
}
