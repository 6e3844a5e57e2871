import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Partner, Project } from "../src/core/domain/index.ts";
import { provenanceOf } from "../src/store/import.repository.ts";
import { findRecord, listRecordsOfKind } from "../src/store/record.repository.ts";
import { importInto, storeSnapshot } from "./support/import-helpers.ts";
import { AIDDATA_DIR, hasReference } from "./support/reference.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

const PORTS = join(AIDDATA_DIR, "ports_projects.csv");
const MALAYSIA = join(AIDDATA_DIR, "malaysia_projects.csv");

describe.skipIf(engineUnavailable() || !hasReference())(`AidData GCDF 3.0 import on ${ENGINE}`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t.drop();
  });

  it("imports or reports every row of the real sample files", async () => {
    for (const [file, rows] of [
      [PORTS, 20],
      [MALAYSIA, 146],
    ] as const) {
      const r = await importInto(t.store, file, { format: "aiddata" });
      expect(r.imported + r.updated + r.unchanged + r.skipped, file).toBe(rows);
      expect(r.errors, file).toEqual([]);
    }
    const projects = (await listRecordsOfKind(t.store.db, "project")) as Project[];
    expect(projects).toHaveLength(166);
    expect(projects.every((p) => p.id.startsWith("aiddata-") && p.identifiers?.aiddata)).toBe(true);
  });

  it("maps financier, recipient, agencies by role, amounts, dates, status, flow, sector, sources and location", async () => {
    const p = (await findRecord(t.store.db, "aiddata-89653")) as Project;
    expect(p).toMatchObject({
      names: { en: expect.stringMatching(/^Chinese Government provides \$1\.5 million grant/) },
      status: "2",
      countries: [{ code: "SLV" }],
      otherSectors: [{ code: "160", vocabulary: "2", names: { en: "OTHER SOCIAL INFRASTRUCTURE AND SERVICES" } }],
      tags: expect.arrayContaining(["aiddata", "aiddata-parent-425", "intent-development"]),
      aiddata: {
        recordId: "89653",
        parentId: "425",
        status: "Implementation",
        intent: "Development",
        flowType: "Grant",
        flowClass: "ODA-like",
        amounts: { original: 1500000, constantUsd2021: 1685346.9183932, nominalUsd: 1500000 },
        geographicPrecision: "Precise",
        locationNarrative: expect.stringMatching(/restore and expand the pier/),
      },
    });
    expect(p.transactions).toEqual([
      expect.objectContaining({
        type: "2",
        date: "2019-12-03",
        amount: 1500000,
        currency: "USD",
        flowType: "10",
        financeType: "110",
        recommendedForAggregates: true,
      }),
    ]);
    expect(p.dates).toEqual([
      expect.objectContaining({ type: "2", date: "2019-02-27", note: "estimated (AidData)" }),
      expect.objectContaining({ type: "3", date: "2021-12-31" }),
      expect.objectContaining({ type: "4", date: "2022-08-26" }),
    ]);
    expect(p.participants.map((x) => [x.partner, x.role])).toContainEqual(["country-chn", "1"]);
    const funder = p.aiddata!.agencies.find((a) => a.role === "funding")!;
    expect(funder).toMatchObject({ name: "China Ministry of Commerce", type: "Government Agency" });
    expect(p.aiddata!.agencies.find((a) => a.role === "direct-receiving")).toMatchObject({
      name: "Government of El Salvador",
    });
    expect(((await findRecord(t.store.db, funder.partner)) as Partner).names.en).toBe("China Ministry of Commerce");
    expect(p.sources[0]).toMatchObject({ key: "aiddata", publisher: "AidData at William & Mary" });
    expect(p.sources.length).toBeGreaterThan(10);
    const recipient = (await findRecord(t.store.db, "country-slv")) as Partner;
    expect(recipient).toMatchObject({ partnerType: "country", country: "SLV", names: { en: "El Salvador" } });
  });

  it("keeps loan terms and original-currency amounts", async () => {
    const loans = ((await listRecordsOfKind(t.store.db, "project")) as Project[]).filter((p) => p.loanTerms);
    expect(loans.length).toBeGreaterThan(10);
    const withRate = loans.find((p) => p.loanTerms?.interestRate !== undefined)!;
    expect(withRate.loanTerms).toMatchObject({ interestRate: expect.any(Number), sources: ["aiddata"] });
    const myr = ((await listRecordsOfKind(t.store.db, "project")) as Project[]).filter(
      (p) => p.transactions[0]?.currency === "MYR",
    );
    expect(myr.length).toBeGreaterThan(5);
  });

  it("re-imports idempotently: the same Record ID updates its record, never duplicates it", async () => {
    const before = await storeSnapshot(t.store);
    const again = await importInto(t.store, PORTS, { format: "aiddata" });
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 20, skipped: 0, partnersCreated: 0 });
    const after = await storeSnapshot(t.store);
    expect({ ...after, provenance: [] }).toEqual({ ...before, provenance: [] });
    const edited = readFileSync(PORTS, "utf8").replace(
      "Port of La Libertad Pier Expansion and Restoration Project (Linked",
      "Port of La Libertad Pier Project (Linked",
    );
    const third = await importInto(t.store, { name: "edited.csv", content: [edited] }, { format: "aiddata" });
    expect(third).toMatchObject({ imported: 0, updated: 1, unchanged: 19 });
    expect(await listRecordsOfKind(t.store.db, "project")).toHaveLength(166);
    const prov = await provenanceOf(t.store.db, "aiddata-89653");
    expect(prov.map((x) => x.outcome).sort()).toEqual(["inserted", "unchanged", "updated"]);
  });

  it("reports rows it cannot read with row, field and reason", async () => {
    const header = readFileSync(PORTS, "utf8").split("\n")[0]!;
    const cells = header.split(",").map(() => "");
    const bad = [...cells];
    bad[0] = "x12";
    const short = "1,2,3";
    const csv = `${header}\n${bad.join(",")}\n${short}\n`;
    const r = await importInto(t.store, { name: "bad.csv", content: [csv] }, { format: "aiddata", dryRun: true });
    expect(r.skipped).toBe(2);
    expect(r.errors).toContainEqual(
      expect.objectContaining({
        row: 2,
        field: "AidData Record ID",
        message: expect.stringMatching(/not an AidData Record ID/),
      }),
    );
    expect(r.errors).toContainEqual(
      expect.objectContaining({ row: 3, message: "has 3 cells where the header has 126" }),
    );
    const notAidData = await importInto(
      t.store,
      { name: "other.csv", content: ["a,b\n1,2\n"] },
      { format: "aiddata", dryRun: true },
    );
    expect(notAidData.errors[0]?.message).toMatch(/not an AidData GCDF 3\.0 CSV/);
  });
});
