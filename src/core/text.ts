/**
 * Text normalisation shared by search indexing, search queries and name
 * matching, so that `Xi'an`, `Xi’an` and `xian` are one word and Chinese
 * names can be searched by any run of characters.
 */

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

/**
 * Lower case, accents removed, apostrophes dropped, dashes and punctuation
 * turned into spaces, each CJK character a word of its own.
 *
 * @example
 *   normalizeText("Xi’an–Duisburg 中老铁路") // "xian duisburg 中 老 铁 路"
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’ʼ`´]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .replace(/([\u3400-\u9fff\uf900-\ufaff])/gu, " $1 ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The words of a search query, normalised; CJK runs become single characters (matched as a sequence by AND). */
export function ftsQueryTerms(q: string): string[] {
  return normalizeText(q)
    .split(" ")
    .filter((t) => t.length > 0)
    .slice(0, 16);
}

/** True when the text contains Chinese characters. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}
