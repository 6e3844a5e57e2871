import type { AnyRecord, RecordKind } from "../../core/domain/index.ts";
import type { FieldNote } from "../iati/map-context.ts";
import { slugify } from "../slug.ts";

type Get = (column: string) => string;
type Doc = Record<string, unknown> & { sources?: unknown[] };

const list = (v: string) =>
  v
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
export const DATE_TYPES: Array<[string, string]> = [
  ["planned_start", "1"],
  ["start_date", "2"],
  ["planned_end", "3"],
  ["end_date", "4"],
];
export const ROLES: Array<[string, string]> = [
  ["funders", "1"],
  ["implementers", "4"],
];

function sourcesOf(get: Get): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [];
  for (const n of [1, 2, 3]) {
    const s: Record<string, string> = {
      key: `s${n}`,
      title: get(`source${n}_title`),
      publisher: get(`source${n}_publisher`),
    };
    if (!s.title && !s.publisher) continue;
    if (get(`source${n}_url`)) s.url = get(`source${n}_url`);
    if (get(`source${n}_published`)) s.published = get(`source${n}_published`);
    out.push(s);
  }
  return out;
}

/**
 * One template row as a record of `kind`. With `existing` (a record of that
 * id), the row's non-empty cells are laid over it, so a template that does
 * not carry a field never erases it; parts taken from the row cite the row's
 * first source. The result is validated by the caller against the kind's schema.
 *
 * @example
 *   const { record } = rowToRecord((c) => cells[c] ?? "", "project");
 */
export function rowToRecord(get: Get, kind: RecordKind, existing?: AnyRecord): { record?: Doc; errors: FieldNote[] } {
  const errors: FieldNote[] = [];
  const nameEn = get("name_en");
  const id = get("id") || (nameEn ? slugify(nameEn) : undefined);
  if (!id) return { errors: [{ path: "id", message: "empty, and no name_en to make one from" }] };
  const doc: Doc = existing ? structuredClone(existing) : { id, kind, tags: [], sources: [] };
  delete doc.version;
  delete doc.createdAt;
  delete doc.updatedAt;
  // Row sources already on the record keep their key; new ones get the next free sN. None is ever removed.
  const sources = (doc.sources ?? []) as Array<Record<string, string>>;
  const keys: string[] = [];
  for (const s of sourcesOf(get)) {
    const same = sources.find(
      (x) => x.title === s.title && x.publisher === s.publisher && (x.url ?? "") === (s.url ?? ""),
    );
    if (same) keys.push(same.key!);
    else {
      let n = 1;
      while (sources.some((x) => x.key === `s${n}`)) n += 1;
      sources.push({ ...s, key: `s${n}` });
      keys.push(`s${n}`);
    }
  }
  doc.sources = sources;
  const cite = [keys[0] ?? sources[0]?.key ?? "s1"];
  const set = (field: string, value: unknown) => {
    if (value !== "" && value !== undefined) doc[field] = value;
  };
  if (nameEn || get("name_zh")) {
    const en = nameEn || (doc.names as { en?: string } | undefined)?.en || "";
    doc.names = { ...(doc.names as object), en, zh: get("name_zh") || en };
    doc.textFallbacks = get("name_zh") ? undefined : { names: { zh: "en" } };
  }
  if (get("description_en")) doc.descriptions = { ...(doc.descriptions as object), en: get("description_en") };
  if (get("tags")) doc.tags = list(get("tags"));
  if (kind === "partner") {
    set("partnerType", get("partner_type"));
    set("country", get("country").toUpperCase());
    set("organisationType", get("organisation_type"));
    set("website", get("website"));
    if (get("iati_ref")) doc.identifiers = { ...(doc.identifiers as object), iati: get("iati_ref") };
    return { record: doc, errors };
  }
  set("status", get("status"));
  if (get("connectivity")) doc.connectivity = list(get("connectivity"));
  if (get("countries")) doc.countries = list(get("countries")).map((code) => ({ code: code.toUpperCase() }));
  if (get("sectors")) doc.sectors = list(get("sectors")).map((code) => ({ code }));
  // A date, party list or commitment equal to what the record has is left as it is (with its notes and sources).
  for (const [column, type] of DATE_TYPES) {
    const dates = (doc.dates ?? []) as Array<{ type: string; date: string }>;
    if (!get(column) || dates.find((d) => d.type === type)?.date === get(column)) continue;
    doc.dates = [...dates.filter((d) => d.type !== type), { type, date: get(column), sources: cite }];
  }
  for (const [column, role] of ROLES) {
    const parts = (doc.participants ?? []) as Array<{ role: string; partner: string }>;
    const now = parts.filter((p) => p.role === role).map((p) => p.partner);
    if (!get(column) || now.join(";") === list(get(column)).join(";")) continue;
    doc.participants = [
      ...parts.filter((p) => p.role !== role),
      ...list(get(column)).map((partner) => ({ partner, role, sources: cite })),
    ];
  }
  if (kind === "project") {
    set("projectType", get("project_type"));
    if (get("commitment_amount")) {
      const amount = Number(get("commitment_amount").replace(/,/g, ""));
      if (!Number.isFinite(amount)) errors.push({ path: "commitment_amount", message: "not a number" });
      const all = (doc.transactions ?? []) as Array<{ type: string; amount: number; currency: string; date: string }>;
      const date = get("commitment_date");
      const currency = get("commitment_currency").toUpperCase();
      const now = all.find((t) => t.type === "2");
      if (!now || now.amount !== amount || now.currency !== currency || now.date !== date)
        doc.transactions = [{ type: "2", date, amount, currency, sources: cite }, ...all.filter((t) => t.type !== "2")];
    }
  }
  if (kind === "agreement") {
    set("agreementType", get("agreement_type"));
    if (get("belt_and_road")) doc.beltAndRoad = /^(yes|true|1)$/i.test(get("belt_and_road"));
    if (get("parties")) doc.parties = list(get("parties"));
    set("signed", get("signed"));
    set("place", get("place"));
    if (get("summary_en")) doc.summary = { ...(doc.summary as object), en: get("summary_en") };
  }
  if (kind === "programme") set("programmeType", get("programme_type"));
  if (kind === "service") {
    set("mode", get("mode"));
    set("corridor", get("corridor"));
    if (get("stops"))
      doc.stops = list(get("stops")).map((s) => {
        const [name = "", country = "", role = "stop"] = s.split(":").map((x) => x.trim());
        return { name, country: country.toUpperCase(), role };
      });
  }
  if (kind === "commitment") {
    set("forum", get("forum"));
    if (get("step")) doc.step = Number(get("step"));
    set("announced", get("announced"));
  }
  return { record: doc, errors };
}
