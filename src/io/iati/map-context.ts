import type { XNode } from "../xml/tree.ts";
import { attr, children, textOf } from "../xml/tree.ts";

/** An organisation named in a source, to be matched to a partner record or created as one. */
export interface OrgRef {
  /** IATI organisation identifier, when the source gives one. */
  readonly ref?: string;
  /** Names by language. */
  readonly names: Readonly<Record<string, string>>;
  /** IATI OrganisationType code, or the source's own type label. */
  readonly type?: string;
  /** ISO alpha-3, for a country. */
  readonly country?: string;
}

/** A problem with one part of a record: where (`transaction[2]/value`) and what. */
export interface FieldNote {
  readonly path: string;
  readonly message: string;
  /** Set for schema issues, whose `path` is then the element's full path in the document. */
  readonly line?: number;
}

/** What the IATI mapping needs from outside: partner matching and a place for warnings. */
export interface MapContext {
  /** The partner id for an organisation (matched or newly made), or undefined when it has neither name nor ref. */
  resolveOrg(org: OrgRef): string | undefined;
  warn(path: string, message: string): void;
  /** Language of narratives without xml:lang (the activity's xml:lang, else "en"). */
  readonly lang: string;
  readonly defaultCurrency?: string;
}

/** `en-GB` → `en`: the primary language subtag, lower case. */
export function languageKey(lang: string | undefined, fallback: string): string {
  const primary = (lang ?? "").trim().split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2,8}$/.test(primary) ? primary : fallback;
}

/** The narratives of an element by language (first per language wins; empty ones are skipped). */
export function narratives(node: XNode | undefined, lang: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of children(node, "narrative")) {
    const text = textOf(n);
    const key = languageKey(attr(n, "xml:lang"), lang);
    if (text && !(key in out)) out[key] = text;
  }
  return out;
}

/**
 * Text in every language the source has, with English (and, when `zh` is set,
 * Chinese) filled from another language where missing; `fallbacks` says which.
 *
 * @example
 *   localized({ fr: "Route" }, true) // { text: { en: "Route", fr: "Route", zh: "Route" }, fallbacks: { en: "fr", zh: "fr" } }
 */
export function localized(
  texts: Readonly<Record<string, string>>,
  zh: boolean,
): { text: Record<string, string> & { en: string }; fallbacks: Record<string, string> } | undefined {
  const base = texts.en ? "en" : Object.keys(texts)[0];
  if (!base) return undefined;
  const source = texts[base]!;
  const fallbacks: Record<string, string> = {};
  const text: Record<string, string> & { en: string } = { ...texts, en: source };
  if (base !== "en") fallbacks.en = base;
  if (zh && !texts.zh) {
    text.zh = source;
    fallbacks.zh = base;
  }
  return { text, fallbacks };
}

/** `2021-03-04T10:00:00Z` → `2021-03-04` when it starts with a full date. */
export function datePart(value: string | undefined): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value ?? "");
  return m?.[1];
}

/** A finite number from a decimal string, or undefined. */
export function decimal(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : undefined;
}
