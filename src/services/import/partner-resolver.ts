import { isCode } from "../../core/codelists/index.ts";
import { countryName } from "../../core/countries.ts";
import type { Partner, Source } from "../../core/domain/index.ts";
import { normalizeText } from "../../core/text.ts";
import type { OrgRef } from "../../io/iati/map-context.ts";
import { localized } from "../../io/iati/map-context.ts";
import { detach } from "../../io/memo.ts";
import { shortHash, slugify } from "../../io/slug.ts";

type PartnerType = Partner["partnerType"];

/** The partner type an IATI OrganisationType code or an AidData agency type suggests. */
export function partnerTypeOf(type: string | undefined): PartnerType {
  if (!type) return "other";
  if (type === "40" || /multilateral|intergovernmental|international organi[sz]ation/i.test(type))
    return "international-organisation";
  if (/^7\d$/.test(type) || /company|private sector|corporation|enterprise/i.test(type)) return "company";
  if (/bank|fund|financ|insur/i.test(type)) return "financier";
  return "other";
}

/** Name variants that identify an organisation: the full name, without a trailing "(ABBR)", and the abbreviation. */
function variants(name: string): string[] {
  const out = [name];
  const m = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(name);
  if (m?.[1]) out.push(m[1]);
  if (m?.[2] && m[2].length >= 3) out.push(m[2]);
  return out.map(normalizeText).filter((n) => n.length > 0);
}

/**
 * Matches organisations named in imported files to partner records — by IATI
 * organisation identifier, else by normalised name (full, without its
 * abbreviation, or the abbreviation) — and makes a new partner (`org-<slug>`,
 * or `country-<iso3>` for a country) for those it cannot match. Pure and in
 * memory: the import service loads the existing partners and writes the new ones.
 *
 * @example
 *   const resolver = new PartnerResolver(existingPartners, ["aiddata"]);
 *   resolver.resolve({ names: { en: "Export-Import Bank of China (China Eximbank)" } }, source) // "china-exim-bank"
 */
export class PartnerResolver {
  private readonly byRef = new Map<string, string>();
  private readonly byName = new Map<string, string>();
  private readonly ids = new Set<string>();
  /** Names already matched, as written (skips normalising the same name again). */
  private readonly seen = new Map<string, string>();
  private created: Array<Record<string, unknown>> = [];
  /** Number of partners made so far. */
  createdCount = 0;

  constructor(
    existing: ReadonlyArray<Pick<Partner, "id" | "names" | "identifiers">>,
    private readonly tags: readonly string[],
  ) {
    for (const p of existing) this.index(p.id, p.names, p.identifiers?.iati);
  }

  /** The partner id for an organisation, matched or newly made; undefined when it has no name and no ref. */
  resolve(org: OrgRef, source: Source): string | undefined {
    if (org.country) return this.country(org.country, source);
    const ref = org.ref?.trim();
    if (ref && this.byRef.has(ref)) return this.byRef.get(ref);
    // most names were seen before: look them up before building anything
    for (const key of Object.keys(org.names)) {
      const name = org.names[key]!;
      if (name.trim() === "") continue;
      const known = this.seen.get(name);
      if (known) return known;
      for (const v of variants(name)) {
        const id = this.byName.get(v);
        if (id) {
          this.seen.set(detach(name), id);
          return id;
        }
      }
    }
    const names = Object.fromEntries(Object.entries(org.names).filter(([, v]) => v.trim() !== ""));
    const text = localized(Object.keys(names).length ? names : ref ? { en: ref } : {}, true);
    if (!text) return undefined;
    const base = `org-${slugify(text.text.en, 90) ?? shortHash(text.text.en)}`;
    const id = this.ids.has(base) ? `${base}-${shortHash(ref ?? text.text.en)}` : base;
    const fallbacks = Object.keys(text.fallbacks).length ? { names: text.fallbacks } : undefined;
    this.add({
      id,
      kind: "partner",
      partnerType: partnerTypeOf(org.type),
      organisationType: org.type && isCode("OrganisationType", org.type) ? org.type : undefined,
      names: text.text,
      textFallbacks: fallbacks,
      identifiers: ref ? { iati: ref } : undefined,
      tags: [...this.tags],
      sources: [source],
    });
    this.index(id, names, ref);
    return id;
  }

  /** The country partner `country-<iso3>` (made from the ISO names in English and Chinese when missing). */
  country(alpha3: string, source: Source): string {
    const id = `country-${alpha3.toLowerCase()}`;
    if (this.ids.has(id)) return id;
    const en = countryName(alpha3, "en") ?? alpha3;
    this.add({
      id,
      kind: "partner",
      partnerType: "country",
      country: alpha3,
      names: { en, zh: countryName(alpha3, "zh") ?? en },
      tags: [...this.tags],
      sources: [source],
    });
    this.index(id, { en });
    return id;
  }

  /** Partners made since the last call, to be written before the records that refer to them. */
  takeCreated(): Array<Record<string, unknown>> {
    const out = this.created;
    this.created = [];
    return out;
  }

  private add(partner: Record<string, unknown>): void {
    this.created.push(partner);
    this.createdCount += 1;
  }

  private index(id: string, names: Readonly<Record<string, string>>, ref?: string): void {
    this.ids.add(id);
    if (ref) this.byRef.set(ref, id);
    for (const name of Object.values(names))
      for (const v of variants(name)) if (!this.byName.has(v)) this.byName.set(v, id);
  }
}
