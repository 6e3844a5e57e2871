import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../bench/lib/timing.ts";
import { attr, textOf, type XNode } from "./tree.ts";

const node = (text: string, attributes: XNode["attributes"] = []): XNode => ({
  name: "x",
  uri: "",
  local: "x",
  prefix: "",
  attributes,
  ns: {},
  line: 1,
  children: [],
  text,
});

describe("tree", () => {
  it("textOf collapses whitespace as /\\s+/ → ' ' then trim does, for fuzzed Unicode whitespace", () => {
    const rand = seededRandom(5);
    const alphabet = "ab  \t\n\r\u00a0\u2003\u3000\ufeff\u200bx\u180e\u2028";
    for (let k = 0; k < 20_000; k++) {
      const text = Array.from(
        { length: Math.floor(rand() * 12) },
        () => alphabet[Math.floor(rand() * alphabet.length)],
      ).join("");
      expect(textOf(node(text)), JSON.stringify(text)).toBe(text.replace(/\s+/g, " ").trim());
    }
    expect(textOf(undefined)).toBe("");
  });

  it("attr finds the first no-namespace or qualified attribute, trimmed", () => {
    const n = node("", [
      { name: "bx:ref", uri: "http://example.org/", local: "ref", prefix: "bx", value: "other" },
      { name: "ref", uri: "", local: "ref", prefix: "", value: " A " },
      { name: "xml:lang", uri: "http://www.w3.org/XML/1998/namespace", local: "lang", prefix: "xml", value: "fr" },
      { name: "ref", uri: "", local: "ref", prefix: "", value: "B" },
    ]);
    expect(attr(n, "ref")).toBe("A");
    expect(attr(n, "xml:lang")).toBe("fr");
    expect(attr(n, "lang")).toBeUndefined();
    expect(attr(undefined, "ref")).toBeUndefined();
  });
});
