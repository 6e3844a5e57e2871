import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.ts";
import { partiesOf, roleAtLeast, versionsIn, versionTag } from "./governance.ts";
import { diffJson } from "./json-diff.ts";
import { applyMergePatch } from "./merge-patch.ts";
import { RateLimiter } from "./rate-limiter.ts";

describe("JSON merge patch (RFC 7396)", () => {
  it("follows the RFC's examples", () => {
    const cases: Array<[unknown, unknown, unknown]> = [
      [{ a: "b" }, { a: "c" }, { a: "c" }],
      [{ a: "b" }, { b: "c" }, { a: "b", b: "c" }],
      [{ a: "b" }, { a: null }, {}],
      [{ a: "b", b: "c" }, { a: null }, { b: "c" }],
      [{ a: ["b"] }, { a: "c" }, { a: "c" }],
      [{ a: "c" }, { a: ["b"] }, { a: ["b"] }],
      [{ a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }],
      [{ a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
      [
        ["a", "b"],
        ["c", "d"],
        ["c", "d"],
      ],
      [{ a: "b" }, ["c"], ["c"]],
      [{ a: "foo" }, null, null],
      [{ e: null }, { a: 1 }, { e: null, a: 1 }],
      [[1, 2], { a: "b", c: null }, { a: "b" }],
      [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
    ];
    for (const [target, patch, result] of cases) expect(applyMergePatch(target, patch)).toEqual(result);
  });

  it("leaves its inputs alone", () => {
    const target = { a: { b: 1 } };
    applyMergePatch(target, { a: { b: 2 } });
    expect(target).toEqual({ a: { b: 1 } });
  });
});

describe("diffJson", () => {
  it("names each change by JSON Pointer", () => {
    expect(
      diffJson(
        { names: { en: "A", zh: "甲" }, tags: ["x", "y"], gone: 1, "a/b": 1 },
        { names: { en: "B", zh: "甲" }, tags: ["x"], added: true, "a/b": 2 },
      ),
    ).toEqual([
      { op: "replace", path: "/a~1b", from: 1, to: 2 },
      { op: "add", path: "/added", to: true },
      { op: "remove", path: "/gone", from: 1 },
      { op: "replace", path: "/names/en", from: "A", to: "B" },
      { op: "remove", path: "/tags/1", from: "y" },
    ]);
    expect(diffJson({ a: [1] }, { a: [1] })).toEqual([]);
    expect(diffJson({ a: [1] }, { a: { 0: 1 } })).toEqual([{ op: "replace", path: "/a", from: [1], to: { 0: 1 } }]);
  });
});

describe("canonicalJson", () => {
  it("sorts keys at every depth and is stable", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "é" }, u: undefined })).toBe(
      '{"a":{"c":"é","d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(() => canonicalJson({ x: Number.NaN })).toThrow();
  });
});

describe("versions as ETags", () => {
  it("reads the versions an If-Match names", () => {
    expect(versionTag(3)).toBe('W/"v3"');
    expect(versionsIn('W/"v3"')).toEqual([3]);
    expect(versionsIn('"v12", W/"v4-1a2b3c"')).toEqual([12, 4]);
    expect(versionsIn("*")).toEqual([]);
    expect(versionsIn('"3"')).toEqual([]);
    expect(versionsIn(undefined)).toBeUndefined();
  });
});

describe("roles and parties", () => {
  it("orders roles", () => {
    expect(roleAtLeast("admin", "approver")).toBe(true);
    expect(roleAtLeast("editor", "approver")).toBe(false);
  });
  it("finds the parties of a record", () => {
    const src = [{ key: "s1", title: "t", publisher: "p" }];
    const agreement = {
      id: "a",
      kind: "agreement",
      parties: ["country-lao", "country-chn"],
      participants: [{ partner: "bank", role: "1", sources: ["s1"] }],
      sources: src,
    } as never;
    expect(partiesOf(agreement)).toEqual(["bank", "country-chn", "country-lao"]);
    expect(partiesOf({ id: "country-lao", kind: "partner" } as never)).toEqual(["country-lao"]);
  });
});

describe("RateLimiter", () => {
  it("counts per key in fixed windows and stays bounded", () => {
    const l = new RateLimiter({ max: 2, windowMs: 100, maxKeys: 3 });
    expect(l.hit("a", 0).allowed).toBe(true);
    expect(l.hit("a", 10).allowed).toBe(true);
    expect(l.hit("a", 20)).toMatchObject({ allowed: false, remaining: 0, resetMs: 80 });
    expect(l.blocked("a", 50).blocked).toBe(true);
    expect(l.hit("a", 100).allowed).toBe(true);
    l.reset("a");
    expect(l.blocked("a", 100).blocked).toBe(false);
    for (const k of ["b", "c", "d", "e"]) l.hit(k, 200);
    expect((l as unknown as { windows: Map<string, unknown> }).windows.size).toBeLessThanOrEqual(3);
  });
});
