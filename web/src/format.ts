import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { asLang, type Lang, LOCALES } from "./i18n/index.ts";

/** Formatters for the current UI language (numbers, money, partial dates), built once per language. */
export interface Format {
  readonly lang: Lang;
  readonly locale: string;
  number(n: number, maxFractionDigits?: number): string;
  compact(n: number): string;
  percent(fraction: number): string;
  /** An amount in its own currency, in full (`CN¥40,000,000,000`). */
  money(amount: number, currency: string): string;
  /** An amount in its own currency, short (`CN¥40bn`, `¥400亿`). */
  moneyShort(amount: number, currency: string): string;
  /** A date as precise as it is given: `2015`, `2015-11`, `2015-11-13`. */
  date(partial: string): string;
  currencyName(code: string): string;
}

const cache = new Map<Lang, Format>();

/** Formatters that do not need React (charts format their axes with them). */
export function formatFor(lang: Lang): Format {
  const cached = cache.get(lang);
  if (cached) return cached;
  const locale = LOCALES[lang];
  const numbers = new Map<number, Intl.NumberFormat>();
  const compact = new Intl.NumberFormat(locale, { notation: "compact", maximumSignificantDigits: 3 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const currencies = new Intl.DisplayNames([locale], { type: "currency" });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const month = new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", timeZone: "UTC" });
  const year = new Intl.DateTimeFormat(locale, { year: "numeric", timeZone: "UTC" });
  const format: Format = {
    lang,
    locale,
    number(n, maxFractionDigits = 0) {
      let f = numbers.get(maxFractionDigits);
      if (!f) {
        f = new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits });
        numbers.set(maxFractionDigits, f);
      }
      return f.format(n);
    },
    compact: (n) => compact.format(n),
    percent: (fraction) => percent.format(fraction),
    money: (amount, currency) =>
      safeCurrency(locale, currency, { maximumFractionDigits: 0 }, amount) ?? `${format.number(amount)} ${currency}`,
    moneyShort: (amount, currency) =>
      safeCurrency(locale, currency, { notation: "compact", maximumSignificantDigits: 3 }, amount) ??
      `${format.compact(amount)} ${currency}`,
    date(partial) {
      const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(partial);
      if (!m) return partial;
      const [, y, mo, d] = m;
      const t = Date.UTC(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1);
      return (d ? day : mo ? month : year).format(t);
    },
    currencyName(code) {
      try {
        return currencies.of(code) ?? code;
      } catch {
        return code;
      }
    },
  };
  cache.set(lang, format);
  return format;
}

const currencyFormats = new Map<string, Intl.NumberFormat | null>();

/** A currency formatter, made once per locale, currency and style; null for a code `Intl` does not know. */
function safeCurrency(
  locale: string,
  currency: string,
  options: Intl.NumberFormatOptions,
  amount: number,
): string | undefined {
  const key = `${locale}|${currency}|${options.notation ?? "standard"}`;
  let format = currencyFormats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(locale, { style: "currency", currency, ...options });
    } catch {
      format = null;
    }
    currencyFormats.set(key, format);
  }
  return format?.format(amount);
}

/** The formatters of the current UI language. */
export function useFormat(): Format {
  const { i18n } = useTranslation();
  const lang = asLang(i18n.language);
  return useMemo(() => formatFor(lang), [lang]);
}
