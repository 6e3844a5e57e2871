import { useCallback, useContext } from "react";
import { useTranslation } from "react-i18next";
import { codeLabel } from "../../src/core/codelists/index.ts";
import { countryName as isoCountryName } from "../../src/core/countries.ts";
import { CountriesContext } from "./countries-context.ts";
import { asLang, type Lang } from "./i18n/index.ts";

type Localized = { en: string; zh?: string } & Record<string, string | undefined>;

/** A record's name (or any localised text) in `lang`, falling back to English. */
export function pickText(text: Localized | undefined, lang: Lang): string {
  if (!text) return "";
  return (lang === "zh" ? text.zh : undefined) ?? text.en;
}

/** The current language and a function that picks a name in it. */
export function useLocalText(): { lang: Lang; text: (t: Localized | undefined) => string } {
  const { i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const text = useCallback((t: Localized | undefined) => pickText(t, lang), [lang]);
  return { lang, text };
}

/** A country's name by ISO alpha-3: its partner record's name, else the ISO name, else the code. */
export function useCountryName(): (code: string) => string {
  const { lang } = useLocalText();
  const countries = useContext(CountriesContext);
  return useCallback(
    (code: string) => {
      const c = countries.byCode.get(code);
      if (c) return pickText(c.names, lang);
      return isoCountryName(code, lang) ?? code;
    },
    [countries, lang],
  );
}

/**
 * Labels of codes and enums: the UI's own translation when it has one (`sector.21030`), else the IATI
 * codelist's English label, else the code.
 */
export function useLabels() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (group: string, code: string, codelist?: Parameters<typeof codeLabel>[0]) => {
      const key = `${group}.${code}`;
      if (i18n.exists(key)) return t(key);
      return codelist ? codeLabel(codelist, code) : code;
    },
    [t, i18n],
  );
}
