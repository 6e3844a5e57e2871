import type { AnyRecord } from "../../core/domain/index.ts";
import { DATE_TYPES, ROLES } from "./template-record.ts";

/** A record as template cells (the inverse of `rowToRecord` for the fields the template carries). */
export function recordToRow(r: AnyRecord): Record<string, string> {
  const a = r.kind === "partner" ? undefined : r;
  const row: Record<string, string> = {
    id: r.id,
    kind: r.kind,
    name_en: r.names.en,
    name_zh: r.textFallbacks?.names?.zh ? "" : (r.names.zh ?? ""),
    description_en: r.descriptions?.en ?? "",
    tags: r.tags.join(";"),
  };
  r.sources.slice(0, 3).forEach((s, i) => {
    Object.assign(row, {
      [`source${i + 1}_title`]: s.title,
      [`source${i + 1}_publisher`]: s.publisher,
      [`source${i + 1}_url`]: s.url ?? "",
      [`source${i + 1}_published`]: s.published ?? "",
    });
  });
  if (r.kind === "partner")
    Object.assign(row, {
      partner_type: r.partnerType,
      country: r.country ?? "",
      organisation_type: r.organisationType ?? "",
      website: r.website ?? "",
      iati_ref: r.identifiers?.iati ?? "",
    });
  if (a) {
    Object.assign(row, {
      status: a.status,
      connectivity: a.connectivity.join(";"),
      countries: a.countries.map((c) => c.code).join(";"),
      sectors: a.sectors.map((s) => s.code).join(";"),
      ...Object.fromEntries(DATE_TYPES.map(([col, type]) => [col, a.dates.find((d) => d.type === type)?.date ?? ""])),
      ...Object.fromEntries(
        ROLES.map(([col, role]) => [
          col,
          a.participants
            .filter((p) => p.role === role)
            .map((p) => p.partner)
            .join(";"),
        ]),
      ),
    });
  }
  if (r.kind === "project") {
    const c = r.transactions.find((t) => t.type === "2");
    Object.assign(row, {
      project_type: r.projectType,
      commitment_amount: c ? String(c.amount) : "",
      commitment_currency: c?.currency ?? "",
      commitment_date: c?.date ?? "",
    });
  }
  if (r.kind === "agreement")
    Object.assign(row, {
      agreement_type: r.agreementType,
      belt_and_road: r.beltAndRoad ? "yes" : "no",
      parties: r.parties.join(";"),
      signed: r.signed ?? "",
      place: r.place ?? "",
      summary_en: r.summary.en,
    });
  if (r.kind === "programme") row.programme_type = r.programmeType;
  if (r.kind === "service")
    Object.assign(row, {
      mode: r.mode,
      corridor: r.corridor,
      stops: r.stops.map((s) => `${s.name}:${s.country}:${s.role}`).join(";"),
    });
  if (r.kind === "commitment") Object.assign(row, { forum: r.forum, step: String(r.step), announced: r.announced });
  return row;
}
