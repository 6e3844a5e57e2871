import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router-dom";
import type { Params } from "./api/client.ts";

/** The list filters of the API contract; the portal keeps them in the URL under the same names. */
export const FILTER_KEYS = [
  "q",
  "country",
  "sector",
  "kind",
  "status",
  "type",
  "partner",
  "tag",
  "from",
  "to",
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** A comma-separated URL value as a list (`"LAO,THA"` → `["LAO", "THA"]`). */
export function splitList(value: string | undefined): string[] {
  return value ? value.split(",").filter(Boolean) : [];
}

/**
 * The filters, sort and cursor kept in the URL's query string, and a way to change them. Changing a filter
 * drops the cursor (the page starts again at the first record).
 *
 * @example
 *   const { filters, set } = useUrlFilters();
 *   set({ country: "LAO" });
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const out: Filters = {};
    for (const key of FILTER_KEYS) {
      const v = params.get(key);
      if (v) out[key] = v;
    }
    return out;
  }, [params]);
  const sort = params.get("sort") ?? undefined;
  const cursor = params.get("cursor") ?? undefined;
  const limit = params.get("limit") ?? undefined;
  // Changes may be worked out from the URL as it is when they apply (quick successive clicks build on each other).
  const set = useCallback(
    (
      changes:
        | Readonly<Record<string, string | undefined>>
        | ((prev: URLSearchParams) => Readonly<Record<string, string | undefined>>),
      keepCursor = false,
    ) => {
      setParams(
        () => {
          // The address bar, not the hook's `prev`: React Router hands the functional form the parameters of the last
          // render, so two clicks before a re-render would lose the first one.
          const prev = new URLSearchParams(window.location.search);
          const next = new URLSearchParams(prev);
          if (!keepCursor) next.delete("cursor");
          for (const [k, v] of Object.entries(typeof changes === "function" ? changes(prev) : changes)) {
            if (v === undefined || v === "") next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );
  const clear = useCallback(() => {
    setParams((prev) => {
      const next = new URLSearchParams();
      for (const k of ["sort", "limit"]) {
        const v = prev.get(k);
        if (v) next.set(k, v);
      }
      return next;
    });
  }, [setParams]);
  return { filters, sort, cursor, limit, set, clear, params };
}

/** The filters as API parameters, without `omit` (a facet counts its own options without itself). */
export function filterParams(filters: Filters, omit?: FilterKey): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(filters)) if (k !== omit) out[k] = v;
  return out;
}
