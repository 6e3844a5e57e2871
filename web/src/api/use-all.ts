import { useEffect, useState } from "react";
import { apiUrl, getJson, type Params } from "./client.ts";
import type { ListResponse } from "./types.ts";

/**
 * Every record of a selection, following `meta.nextCursor` up to `max` records (the map draws them all).
 * `truncated` says when the selection had more.
 */
export function useAllRecords<T>(
  path: string,
  params: Params,
  max = 2000,
): {
  records: T[] | undefined;
  total: number | undefined;
  truncated: boolean;
  error: Error | undefined;
  loading: boolean;
} {
  const key = apiUrl(path, params);
  const [state, setState] = useState<{ key: string; records?: T[]; total?: number; error?: Error }>({ key });
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const records: T[] = [];
      let cursor: string | undefined;
      let total = 0;
      do {
        const sep = key.includes("?") ? "&" : "?";
        const page = await getJson<ListResponse<T>>(
          `${key}${sep}${apiUrl("", { limit: 200, cursor }).slice(1)}`,
          controller.signal,
        );
        records.push(...page.data);
        total = page.meta.total;
        cursor = page.meta.nextCursor ?? undefined;
      } while (cursor && records.length < max);
      return { records, total };
    })().then(
      ({ records, total }) => setState({ key, records, total }),
      (error: unknown) => {
        if (!controller.signal.aborted)
          setState({ key, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
  }, [key, max]);
  const current = state.key === key;
  return {
    records: state.records,
    total: state.total,
    truncated: (state.total ?? 0) > (state.records?.length ?? 0),
    error: current ? state.error : undefined,
    loading: !current || (!state.records && !state.error),
  };
}
