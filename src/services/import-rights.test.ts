import { describe, expect, it } from "vitest";
import type { AnyRecord } from "../core/domain/index.ts";
import type { Principal } from "./access.ts";
import { importAuthorizer } from "./import-rights.ts";

const principal = (
  memberships: Record<string, "viewer" | "editor" | "approver">,
  platformAdmin = false,
): Principal => ({
  userId: "u1",
  email: "u1@example.org",
  platformAdmin,
  memberships: new Map(Object.entries(memberships)),
  scopes: new Set(["read", "write"]),
  via: "token",
  mustChangePassword: false,
});

const project = (partners: string[]) =>
  ({
    id: "p1",
    kind: "project",
    participants: partners.map((partner) => ({ partner, role: "implementing" })),
  }) as unknown as AnyRecord;

describe("the write rule of an editor's import", () => {
  const editor = importAuthorizer(principal({ "country-lao": "editor", "country-chn": "viewer" }))!;

  it("lets a platform admin import anything", () => {
    expect(importAuthorizer(principal({}, true))).toBeUndefined();
  });

  it("takes a new record that names an organisation the importer edits for", () => {
    expect(editor(project(["country-lao", "country-chn"]), undefined)).toBeUndefined();
  });

  it("refuses a record naming no organisation the importer edits for (a viewer's role is not enough)", () => {
    expect(editor(project(["country-chn"]), undefined)).toMatch(
      /no organisation in which you are an editor \(country-chn\)/,
    );
  });

  it("replaces a draft of the importer's organisation, but no record of others and nothing already published", () => {
    const doc = (partners: string[]) => JSON.stringify(project(partners));
    expect(editor(project(["country-lao"]), { doc: doc(["country-lao"]), workflow: "draft" })).toBeUndefined();
    expect(editor(project(["country-lao"]), { doc: doc(["country-chn"]), workflow: "draft" })).toMatch(
      /no organisation/,
    );
    expect(editor(project(["country-lao"]), { doc: doc(["country-lao"]), workflow: "published" })).toMatch(
      /is published: changing it is a proposal/,
    );
    expect(editor(project(["country-lao"]), { doc: doc(["country-lao"]), workflow: "in_consultation" })).toMatch(
      /is in consultation/,
    );
  });
});
