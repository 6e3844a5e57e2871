import { describe, expect, it } from "vitest";
import { seededRandom } from "../../bench/lib/timing.ts";
import { slugify } from "./slug.ts";

/** `slugify` as first written: no cache, no ASCII shortcut (the oracle for the faster one). */
function reference(text: string, max = 100): string | undefined {
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

describe("slugify", () => {
  it("agrees with the uncached Unicode-normalising version on fuzzed text, twice (cache hits)", () => {
    const rand = seededRandom(11);
    const alphabet = "aZ09 -_'`’ʼ´.()|/éÉçßﬁ①中国Ⅻ\u0301\u0000\u007f\u0080ǅ";
    const texts = Array.from({ length: 3000 }, () =>
      Array.from({ length: Math.floor(rand() * 24) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(""),
    );
    for (const round of [1, 2])
      for (const text of texts)
        for (const max of [100, 90, 5])
          expect(slugify(text, max), `${round}: ${JSON.stringify(text)}`).toBe(reference(text, max));
  });
});
