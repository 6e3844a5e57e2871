import { createHash } from "node:crypto";

/**
 * A record id (lower-case slug) from any text, at most `max` characters; undefined when nothing is left
 * (a name in Chinese characters only, for instance).
 *
 * @example
 *   slugify("XM-DAC-41114-PROJECT-00089") // "xm-dac-41114-project-00089"
 */
export function slugify(text: string, max = 100): string | undefined {
  const slug = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’ʼ`´]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/, "");
  return slug === "" ? undefined : slug;
}

/** Eight hex digits identifying `text` (to keep ids from different texts apart). */
export function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 8);
}

/**
 * The record id of an IATI activity: the slug of its identifier, with a hash of
 * the identifier appended when the slug alone could stand for another one
 * (upper case, punctuation other than "-", or cut short).
 *
 * @example
 *   activityId("GB-1-203175") // "gb-1-203175-…" (hash, because of the upper case)
 *   activityId("xm-dac-41114") // "xm-dac-41114"
 */
export function activityId(identifier: string): string | undefined {
  const slug = slugify(identifier, 100);
  if (!slug) return undefined;
  return slug === identifier ? slug : `${slug}-${shortHash(identifier)}`;
}
