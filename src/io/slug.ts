import { hash } from "node:crypto";
import { Memo } from "./memo.ts";

/**
 * A record id (lower-case slug) from any text, at most `max` characters; undefined when nothing is left
 * (a name in Chinese characters only, for instance).
 *
 * @example
 *   slugify("XM-DAC-41114-PROJECT-00089") // "xm-dac-41114-project-00089"
 */
export function slugify(text: string, max = 100): string | undefined {
  let memo = slugs.get(max);
  if (!memo) {
    memo = new Memo((t) => makeSlug(t, max));
    slugs.set(max, memo);
  }
  return memo.get(text);
}

// Imports slugify the same few texts (intents, agency names) again and again, and the unicode
// normalisation and property regex are what a slug costs: slugs are kept, by maximum length.
const slugs = new Map<number, Memo<string | undefined>>();

function makeSlug(text: string, max: number): string | undefined {
  // ASCII text is its own NFKD form and has no combining marks
  const folded = isAscii(text) ? text : text.normalize("NFKD").replace(/\p{M}/gu, "");
  const slug = folded
    .toLowerCase()
    .replace(/['’ʼ`´]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/, "");
  return slug === "" ? undefined : slug;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Eight hex digits identifying `text` (to keep ids from different texts apart). */
export function shortHash(text: string): string {
  // one-shot hash(): the same digest as createHash().update().digest(), several times cheaper
  return hash("sha256", text, "hex").slice(0, 8);
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
