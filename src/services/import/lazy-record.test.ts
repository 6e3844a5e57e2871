import { describe, expect, it } from "vitest";
import { lazyRecord } from "./reader-thread.ts";

describe("lazyRecord", () => {
  const record = {
    kind: "project",
    id: "aiddata-1",
    names: { en: "A bridge" },
    identifiers: { aiddata: "1" },
    sources: [{ key: "aiddata", title: "GCDF 3.0", publisher: "AidData" }],
    tags: ["bridge"],
  };
  const doc = JSON.stringify(record);
  const head = { id: record.id, kind: "project" as const, identifiers: record.identifiers };

  it("answers the head without parsing and everything else from the document", () => {
    // A head that differs from the document shows which one answered.
    const lazy = lazyRecord(doc, { ...head, id: "from-head" }) as unknown as Record<string, unknown>;
    expect(lazy.id).toBe("from-head");
    expect(lazy.names).toEqual({ en: "A bridge" });
    expect(lazy.tags).toEqual(["bridge"]);
    // Not in the head: read from the document.
    expect(lazy.sources).toEqual(record.sources);
  });

  it("behaves as the parsed record for spreading, serialising and key checks", () => {
    const lazy = lazyRecord(doc, head);
    expect({ ...lazy }).toEqual(record);
    expect(JSON.stringify(lazy)).toBe(doc);
    expect(Object.keys(lazy)).toEqual(Object.keys(record));
    expect("names" in lazy).toBe(true);
    expect("missing" in lazy).toBe(false);
  });

  it("keeps a member absent from the record absent", () => {
    const bare = { kind: "project", id: "p", sources: [] };
    const lazy = lazyRecord(JSON.stringify(bare), { id: "p", kind: "project", identifiers: undefined });
    expect(lazy.identifiers).toBeUndefined();
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(bare));
  });
});
