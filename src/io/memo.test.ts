import { describe, expect, it } from "vitest";
import { detach, Memo } from "./memo.ts";

describe("Memo", () => {
  it("computes each key once, undefined values included, and starts over when full", () => {
    const calls: string[] = [];
    const memo = new Memo((key: string) => {
      calls.push(key);
      return key === "none" ? undefined : key.toUpperCase();
    }, 3);
    expect([memo.get("a"), memo.get("none"), memo.get("a"), memo.get("none")]).toEqual([
      "A",
      undefined,
      "A",
      undefined,
    ]);
    expect(calls).toEqual(["a", "none"]);
    memo.get("b");
    memo.get("c"); // the fourth key: the cache is cleared first
    memo.get("a");
    expect(calls).toEqual(["a", "none", "b", "c", "a"]);
  });

  it("detach keeps the text", () => {
    const text = `${"x".repeat(100)}|https://example.org/page|y`;
    const url = text.split("|")[1]!;
    expect(detach(url)).toBe("https://example.org/page");
    expect(detach("")).toBe("");
  });
});
