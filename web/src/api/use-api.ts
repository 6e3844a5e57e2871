import { useEffect, useState } from "react";
import { getJson } from "./client.ts";

export interface ApiState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
}

// Answers already received, so that going back to a page shows it at once. The data is read-only and small.
const cache = new Map<string, unknown>();
const CACHE_SIZE = 200;

function remember(url: string, value: unknown) {
  cache.delete(url);
  cache.set(url, value);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
}

/**
 * Fetches `url` (JSON) when it changes; `null` fetches nothing. A newer URL aborts the older request.
 *
 * @example
 *   const { data, error, loading } = useApi<StatsResponse>("/api/v1/stats");
 */
export function useApi<T>(url: string | null): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>(() =>
    url && cache.has(url)
      ? { data: cache.get(url) as T, error: undefined, loading: false }
      : { data: undefined, error: undefined, loading: url !== null },
  );
  useEffect(() => {
    if (url === null) {
      setState({ data: undefined, error: undefined, loading: false });
      return;
    }
    if (cache.has(url)) {
      setState({ data: cache.get(url) as T, error: undefined, loading: false });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ data: s.data, error: undefined, loading: true }));
    getJson<T>(url, controller.signal).then(
      (data) => {
        remember(url, data);
        if (!controller.signal.aborted) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ data: undefined, error: error instanceof Error ? error : new Error(String(error)), loading: false });
      },
    );
    return () => controller.abort();
  }, [url]);
  return state;
}
