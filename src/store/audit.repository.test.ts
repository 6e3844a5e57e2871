import { describe, expect, it } from "vitest";
import { chainHash, entryDigest, sha256 } from "./audit.repository.ts";
import { AUDIT_GENESIS } from "./migrations/0003-governance.ts";

describe("audit hashing", () => {
  it("is a fixed function of the entry's fields and the previous hash (the same on every engine)", () => {
    const entry = {
      seq: 1,
      at: "2025-01-01T00:00:00.000Z",
      actor: "seed",
      action: "record.create",
      entity: "record",
      entityId: "test-port",
      detail: '{"kind":"project","version":1}',
    };
    const digest = entryDigest(entry);
    expect(digest).toBe(
      sha256(
        '[1,"2025-01-01T00:00:00.000Z","seed","record.create","record","test-port","{\\"kind\\":\\"project\\",\\"version\\":1}"]',
      ),
    );
    expect(chainHash(AUDIT_GENESIS, digest)).toBe(sha256(`${AUDIT_GENESIS}\n${digest}`));
    expect(entryDigest({ ...entry, detail: '{"kind":"project","version":2}' })).not.toBe(digest);
  });
});
