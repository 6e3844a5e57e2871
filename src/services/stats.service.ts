import type { Agreement, Programme, Service } from "../core/domain/index.ts";
import type { Db } from "../store/database.ts";
import { yearlyServiceTotals } from "../store/freight-statistic.repository.ts";
import { countByKind, distinctCountries, listRecordsOfKind, sumCommitted } from "../store/record.repository.ts";
import { publishedFigures } from "./published.service.ts";

/** The headline figures, computed from the records (never typed in). Keys are a public contract. */
export interface HeadlineStats {
  projects: number;
  partnerCountries: number;
  cooperationCountries: number;
  agreements: number;
  programmes: number;
  committedUsdConstant: number;
  peopleTrained: number;
  freightTripsByYear: Record<string, number>;
}

const CHINA = "CHN";

/**
 * Computes the headline figures:
 * - `partnerCountries`: countries other than China attached to any project, agreement, programme, service or commitment;
 * - `cooperationCountries`: countries other than China party to a Belt and Road cooperation document still in force;
 * - `committedUsdConstant`: commitments of projects recommended for aggregates, in constant USD (rounded);
 * - `peopleTrained`: per programme, the latest cumulative "people-trained" count, summed;
 * - `freightTripsByYear`: whole-year trip totals of services that are not part of another service, one figure per
 *   service and year (the most recently published where sources differ).
 */
export async function headlineStats(store: Db): Promise<HeadlineStats> {
  const { db } = store;
  const counts = await countByKind(db);
  const countries = await distinctCountries(db, ["project", "agreement", "programme", "service", "commitment"]);
  const agreements = await listRecordsOfKind(db, "agreement");
  const programmes = await listRecordsOfKind(db, "programme");
  const services = await listRecordsOfKind(db, "service");
  const committed = await sumCommitted(db, "project");
  return {
    projects: counts.project ?? 0,
    partnerCountries: countries.filter((c) => c !== CHINA).length,
    cooperationCountries: cooperationCountries(agreements).size,
    agreements: counts.agreement ?? 0,
    programmes: counts.programme ?? 0,
    committedUsdConstant: Math.round(committed.usd),
    peopleTrained: peopleTrained(programmes),
    freightTripsByYear: await tripsByYear(store, new Set(services.filter(isPartOfAnother).map((s) => s.id))),
  };
}

/** Countries (not China) with a Belt and Road cooperation document that has not ended. */
export function cooperationCountries(agreements: readonly Agreement[]): Set<string> {
  const out = new Set<string>();
  for (const a of agreements) {
    if (!a.beltAndRoad || a.ended) continue;
    for (const c of a.countries) if (c.code !== CHINA) out.add(c.code);
    for (const p of a.parties) {
      const code = /^country-([a-z]{3})$/.exec(p)?.[1]?.toUpperCase();
      if (code && code !== CHINA) out.add(code);
    }
  }
  return out;
}

/** Sum over programmes of each one's latest cumulative people-trained count. */
export function peopleTrained(programmes: readonly Programme[]): number {
  let total = 0;
  for (const p of programmes) {
    const latest = p.counts
      .filter((c) => c.metric === "people-trained" && c.cumulative)
      .sort((a, b) => b.date.localeCompare(a.date) || b.value - a.value)[0];
    total += latest?.value ?? 0;
  }
  return total;
}

function isPartOfAnother(service: Service): boolean {
  return service.related.some((r) => r.type === "1");
}

async function tripsByYear(store: Db, excluded: ReadonlySet<string>): Promise<Record<string, number>> {
  const rows = await yearlyServiceTotals(store.db);
  // One figure per service and year: the most recently published (ties: the larger, as "over N" figures are floors).
  const best = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    if (excluded.has(r.service_id)) continue;
    const key = `${r.service_id}|${r.year}`;
    const seen = best.get(key);
    const newer = (r.published ?? "") > (seen?.published ?? "");
    const same = (r.published ?? "") === (seen?.published ?? "");
    if (!seen || newer || (same && r.trips > seen.trips)) best.set(key, r);
  }
  const out: Record<string, number> = {};
  for (const r of [...best.values()].sort((a, b) => a.year - b.year)) out[r.year] = (out[r.year] ?? 0) + r.trips;
  return out;
}

const FIGURE_META: Record<string, { unit: string; drilldown: string }> = {
  projects: { unit: "projects", drilldown: "/api/v1/projects" },
  partnerCountries: { unit: "countries", drilldown: "/api/v1/countries" },
  cooperationCountries: { unit: "countries", drilldown: "/api/v1/countries" },
  agreements: { unit: "agreements", drilldown: "/api/v1/agreements" },
  programmes: { unit: "programmes", drilldown: "/api/v1/programmes" },
  committedUsdConstant: {
    unit: "USD (constant 2021)",
    drilldown: "/api/v1/aggregate?by=year&measure=committedUsdConstant",
  },
  peopleTrained: { unit: "people", drilldown: "/api/v1/programmes" },
  freightTrips: { unit: "trips", drilldown: "/api/v1/services/china-europe-railway-express" },
  povertyReduction: { unit: "people", drilldown: "" },
};

/**
 * The headline figures with, beside each, the figures sources published (`data/published/figures.json`).
 * A published figure Beltroad cannot compute from records (people out of poverty) has `value: null`.
 */
export async function headlineFigures(store: Db, dataDir: string) {
  const stats = await headlineStats(store);
  const published = publishedFigures(dataDir);
  const years = Object.keys(stats.freightTripsByYear).sort();
  const latestYear = years.at(-1);
  const computed: Record<string, number | null> = {
    projects: stats.projects,
    partnerCountries: stats.partnerCountries,
    cooperationCountries: stats.cooperationCountries,
    agreements: stats.agreements,
    programmes: stats.programmes,
    committedUsdConstant: stats.committedUsdConstant,
    peopleTrained: stats.peopleTrained,
    freightTrips: latestYear ? (stats.freightTripsByYear[latestYear] ?? null) : null,
    povertyReduction: null,
  };
  const figures = Object.entries(computed).map(([key, value]) => ({
    key,
    value,
    ...(key === "freightTrips" && latestYear ? { year: Number(latestYear) } : {}),
    unit: FIGURE_META[key]?.unit ?? "",
    drilldown: FIGURE_META[key]?.drilldown || null,
    published: published.filter((p) => p.key === key).sort((a, b) => b.date.localeCompare(a.date)),
  }));
  return { stats, figures };
}
