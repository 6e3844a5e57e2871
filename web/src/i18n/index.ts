import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { RESOURCES } from "./resources.ts";

export const LANGUAGES = ["en", "zh"] as const;
export type Lang = (typeof LANGUAGES)[number];

const STORAGE_KEY = "beltroad.lang";

/** The BCP 47 tag of each UI language: `<html lang>` and the `Intl` formatters use it. */
export const LOCALES: Record<Lang, string> = { en: "en-GB", zh: "zh-CN" };

function initialLanguage(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "en" || saved === "zh") return saved;
  } catch {
    // storage may be disabled; fall back to the browser's language
  }
  return navigator.language.toLowerCase().startsWith("zh") ? "zh" : "en";
}

function reflect(lang: Lang) {
  document.documentElement.lang = LOCALES[lang];
}

/** Switches the UI language, remembers it, and sets `<html lang>`. */
export async function setLanguage(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not persisted: the switch still applies to this page
  }
  await i18next.changeLanguage(lang);
}

/** Narrows i18next's language to ours. */
export function asLang(language: string | undefined): Lang {
  return language === "zh" ? "zh" : "en";
}

const lang = initialLanguage();
reflect(lang);
i18next.on("languageChanged", (l) => reflect(asLang(l)));
void i18next.use(initReactI18next).init({
  resources: { en: { translation: RESOURCES.en }, zh: { translation: RESOURCES.zh } },
  lng: lang,
  fallbackLng: "en",
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18next };
