import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };
import zh from "i18n-iso-countries/langs/zh.json" with { type: "json" };

countries.registerLocale(en);
countries.registerLocale(zh);

/**
 * True for an ISO 3166-1 alpha-3 code (upper case).
 *
 * @example
 *   isCountryCode("LAO") // true
 */
export function isCountryCode(value: string): boolean {
  return /^[A-Z]{3}$/.test(value) && countries.isValid(value);
}

/** The country's name in `lang` ("en" or "zh"), from i18n-iso-countries. */
export function countryName(alpha3: string, lang: "en" | "zh" = "en"): string | undefined {
  return countries.getName(alpha3, lang);
}

/** ISO 3166-1 numeric code (as a zero-padded string, the id used by world-atlas). */
export function countryNumeric(alpha3: string): string | undefined {
  return countries.alpha3ToNumeric(alpha3);
}

/** Every ISO 3166-1 alpha-3 code. */
export function allCountryCodes(): string[] {
  return Object.keys(countries.getAlpha3Codes());
}
