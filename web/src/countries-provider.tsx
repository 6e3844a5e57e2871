import { type ReactNode, useMemo } from "react";
import type { CountrySummary } from "./api/types.ts";
import { useApi } from "./api/use-api.ts";
import { type Countries, CountriesContext, EMPTY_COUNTRIES } from "./countries-context.ts";

/** Loads `GET /api/v1/countries` once for the whole portal. */
export function CountriesProvider({ children }: { children: ReactNode }) {
  const { data } = useApi<{ data: CountrySummary[] }>("/api/v1/countries");
  const value = useMemo<Countries>(
    () =>
      data ? { list: data.data, byCode: new Map(data.data.map((c) => [c.code, c])), loaded: true } : EMPTY_COUNTRIES,
    [data],
  );
  return <CountriesContext.Provider value={value}>{children}</CountriesContext.Provider>;
}
