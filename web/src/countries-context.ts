import { createContext } from "react";
import type { CountrySummary } from "./api/types.ts";

/** Every country partner (`GET /api/v1/countries`), loaded once for names, regions and the map's shading. */
export interface Countries {
  readonly list: readonly CountrySummary[];
  readonly byCode: ReadonlyMap<string, CountrySummary>;
  readonly loaded: boolean;
}

export const EMPTY_COUNTRIES: Countries = { list: [], byCode: new Map(), loaded: false };
export const CountriesContext = createContext<Countries>(EMPTY_COUNTRIES);
