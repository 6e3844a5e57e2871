import type { Agreement, Partner } from "../core/domain/index.ts";
import { AppError } from "../core/errors.ts";
import { committedByCountry, committedByYearForCountry } from "../store/country.repository.ts";
import type { Db } from "../store/database.ts";
import { listRecordsOfKind } from "../store/record.repository.ts";
import { listRecords } from "./registry.service.ts";

const REGION_PREFIX = "region-";

/** The World Bank region slug of a country partner (from its `region-…` tag), if any. */
export function regionOf(partner: Partner): string | null {
  return partner.tags.find((t) => t.startsWith(REGION_PREFIX))?.slice(REGION_PREFIX.length) ?? null;
}

/**
 * Per country code: the date of its first Belt and Road document (null when none is dated) and, when every
 * one of its documents has ended, the latest end date.
 */
export function documentDates(
  agreements: readonly Agreement[],
): Map<string, { first: string | null; ended: string | null }> {
  const byCountry = new Map<string, Agreement[]>();
  for (const a of agreements) {
    if (!a.beltAndRoad) continue;
    for (const c of a.countries) if (c.code !== "CHN") byCountry.set(c.code, [...(byCountry.get(c.code) ?? []), a]);
  }
  const out = new Map<string, { first: string | null; ended: string | null }>();
  for (const [code, list] of byCountry) {
    const signed = list.flatMap((a) => (a.signed ? [a.signed] : [])).sort();
    const allEnded = list.every((a) => a.ended);
    const ends = list.flatMap((a) => (a.ended ? [a.ended.date] : [])).sort();
    out.set(code, { first: signed[0] ?? null, ended: allEnded ? (ends.at(-1) ?? null) : null });
  }
  return out;
}

/** Every country partner with its region, first cooperation document, projects and committed money. */
export async function listCountries(store: Db) {
  const partners = (await listRecordsOfKind(store.db, "partner")).filter((p) => p.partnerType === "country");
  const docs = documentDates(await listRecordsOfKind(store.db, "agreement"));
  const money = await committedByCountry(store.db);
  return {
    data: partners
      .filter((p): p is Partner & { country: string } => !!p.country)
      .map((p) => ({
        code: p.country,
        id: p.id,
        names: p.names,
        region: regionOf(p),
        firstDocument: docs.get(p.country)?.first ?? null,
        hasDocument: docs.has(p.country),
        ended: docs.get(p.country)?.ended ?? null,
        projects: money.get(p.country)?.projects ?? 0,
        committedUsdConstant: money.get(p.country)?.usd ?? 0,
      }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}

/** One country: its partner record, documents over time, projects, programmes and money by year. */
export async function getCountry(store: Db, code: string) {
  const partner = (await listRecordsOfKind(store.db, "partner")).find(
    (p) => p.partnerType === "country" && p.country === code,
  );
  if (!partner) throw new AppError("not_found", `no country with code "${code}"`);
  const agreements = (await listRecordsOfKind(store.db, "agreement"))
    .filter((a) => a.countries.some((c) => c.code === code) || a.parties.includes(partner.id))
    .sort((a, b) => (a.signed ?? "9999").localeCompare(b.signed ?? "9999"));
  const byName = { key: "name", desc: false } as const;
  const projects = await listRecords(store, { kind: "project", country: [code] }, byName, 200);
  const programmes = await listRecords(store, { kind: "programme", country: [code] }, byName, 200);
  const services = await listRecords(store, { kind: "service", country: [code] }, byName, 200);
  return {
    data: partner,
    region: regionOf(partner),
    agreements,
    documentsOverTime: agreements.map((a, i) => ({ id: a.id, signed: a.signed ?? null, cumulative: i + 1 })),
    projects: projects.data,
    programmes: programmes.data,
    services: services.data,
    money: await committedByYearForCountry(store.db, code),
  };
}
