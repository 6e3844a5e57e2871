import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Project } from "../src/core/domain/index.ts";
import { validateIatiXml } from "../src/io/iati/validate.ts";
import { DEFAULT_DATA_DIR } from "../src/services/data-files.ts";
import { exportIati } from "../src/services/export-iati.service.ts";
import { seed } from "../src/services/seed.service.ts";
import { findRun, provenanceOf } from "../src/store/import.repository.ts";
import { migrateToLatest } from "../src/store/migrate.ts";
import { findRecord, listRecordsOfKind } from "../src/store/record.repository.ts";
import { importInto, storeSnapshot } from "./support/import-helpers.ts";
import { filesUnder, hasReference, hasXmllint, IATI_DIR, xmllintVerdicts } from "./support/reference.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

const SAMPLE = join(import.meta.dirname, "fixtures/iati-sample.xml");
const withReference = hasReference();
const strip = ({ version: _v, createdAt: _c, updatedAt: _u, ...rest }: Record<string, unknown>) => rest;

describe.skipIf(engineUnavailable())(`IATI import and export on ${ENGINE}`, () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await createTestDb();
  });
  afterEach(async () => {
    await t.drop();
  });

  it("imports valid activities, skips invalid ones naming element and rule, keeps provenance", async () => {
    const report = await importInto(t.store, SAMPLE, { format: "iati" });
    expect(report).toMatchObject({ ok: false, imported: 1, skipped: 2, partnersCreated: 3 });
    expect(report.errors).toEqual([
      expect.objectContaining({
        row: 2,
        field: "activity-status/@code",
        message: expect.stringMatching(/ActivityStatus/),
      }),
      expect.objectContaining({
        row: 3,
        path: "iati-activities/iati-activity[3]/activity-status",
        line: expect.any(Number),
        message: expect.stringMatching(/not expected here; expected <description> or <participating-org>/),
      }),
    ]);
    const [project] = (await listRecordsOfKind(t.store.db, "project")) as Project[];
    expect(project).toMatchObject({
      identifiers: { iati: "XM-TEST-1001" },
      names: { en: "Test Valley Railway", zh: "测试谷铁路", fr: "Chemin de fer de test" },
      status: "2",
      projectType: "rail",
      countries: [
        { code: "KEN", percentage: 60 },
        { code: "UGA", percentage: 40 },
      ],
      regions: [{ code: "289", vocabulary: "1", percentage: 100 }],
      sectors: [{ code: "21030", percentage: 80 }],
      otherSectors: [{ code: "210", vocabulary: "2", percentage: 20 }],
    });
    expect(project!.transactions.map((x) => [x.type, x.amount, x.currency])).toEqual([
      ["2", 25000000, "USD"],
      ["3", 35000000, "CNY"],
    ]);
    expect(project!.locations[0]).toMatchObject({
      name: "Test Junction",
      geometry: { coordinates: [36.8219, -1.2921] },
    });
    expect(project!.sources[1]).toMatchObject({
      url: "https://example.org/docs/appraisal.pdf",
      published: "2018-11-30",
    });
    expect(project!.indicators[0]?.iati?.periods).toHaveLength(2);
    expect(project!.iati?.raw?.some((x) => x.startsWith("<contact-info"))).toBe(true);
    const provenance = await provenanceOf(t.store.db, project!.id);
    expect(provenance).toEqual([
      expect.objectContaining({ file: SAMPLE, by: "test", outcome: "inserted", format: "iati" }),
    ]);
    const run = await findRun(t.store.db, report.runId!);
    expect(run).toMatchObject({ status: "completed-with-errors", imported: 1, skipped: 2, mode: "per-batch" });
  });

  it("re-imports idempotently: the same activity updates its record, never duplicates it", async () => {
    await importInto(t.store, SAMPLE, { format: "iati" });
    const before = await storeSnapshot(t.store);
    const again = await importInto(t.store, SAMPLE, { format: "iati" });
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 1, partnersCreated: 0 });
    const after = await storeSnapshot(t.store);
    expect({ ...after, provenance: [] }).toEqual({ ...before, provenance: [] });
    const changed = readFileSync(SAMPLE, "utf8").replace("Test Valley Railway", "Test Valley Railway II");
    const third = await importInto(t.store, { name: "changed.xml", content: [changed] }, { format: "iati" });
    expect(third).toMatchObject({ imported: 0, updated: 1 });
    expect(await listRecordsOfKind(t.store.db, "project")).toHaveLength(1);
  });

  it("exports valid IATI 2.03 and keeps every field through import → export → import", async () => {
    await importInto(t.store, SAMPLE, { format: "iati" });
    let xml = "";
    const report = await exportIati(t.store, (s) => {
      xml += s;
    });
    expect(report.count).toBe(1);
    expect((await validateIatiXml([xml])).issues).toEqual([]);
    if (withReference && hasXmllint()) {
      const file = join(mkdtempSync(join(tmpdir(), "beltroad-export-")), "export.xml");
      writeFileSync(file, xml);
      expect(xmllintVerdicts([file]).get(file)).toBe(true);
    }
    const second = await createTestDb();
    try {
      const again = await importInto(second.store, { name: "export.xml", content: [xml] }, { format: "iati" });
      expect(again).toMatchObject({ ok: true, imported: 1 });
      for (const kind of ["project", "partner"] as const) {
        const a = (await listRecordsOfKind(t.store.db, kind)).map(strip);
        const b = (await listRecordsOfKind(second.store.db, kind)).map(strip);
        expect(b).toEqual(a);
      }
    } finally {
      await second.drop();
    }
  });

  it("all-or-nothing: any error and nothing is written; dry run writes nothing", async () => {
    await migrateToLatest(t.store);
    const before = await storeSnapshot(t.store);
    const strict = await importInto(t.store, SAMPLE, { format: "iati", allOrNothing: true });
    expect(strict).toMatchObject({ ok: false, rolledBack: true, imported: 0, skipped: 2 });
    expect(await storeSnapshot(t.store)).toEqual(before);
    expect((await findRun(t.store.db, strict.runId!))?.status).toBe("rolled-back");
    const older = await importInto(
      t.store,
      { name: "v202.xml", content: [readFileSync(SAMPLE, "utf8").replace('version="2.03"', 'version="2.02"')] },
      { format: "iati", dryRun: true },
    );
    expect(older.warnings[0]?.message).toMatch(/declares IATI 2\.02; it is read and validated as 2\.03/);
    const dry = await importInto(t.store, SAMPLE, { format: "iati", dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, imported: 1, skipped: 2 });
    expect(dry.runId).toBeUndefined();
    expect(await storeSnapshot(t.store)).toEqual(before);
    const fine = await importInto(
      t.store,
      { name: "one.xml", content: [readActivities(SAMPLE, 1)] },
      { format: "iati", allOrNothing: true },
    );
    expect(fine).toMatchObject({ ok: true, imported: 1, rolledBack: false });
  });

  it("exports the demo dataset as IATI that validates against the official schema", async () => {
    await seed(t.store, DEFAULT_DATA_DIR);
    let xml = "";
    const report = await exportIati(t.store, (s) => {
      xml += s;
    });
    expect(report.count).toBeGreaterThan(70);
    expect(report.skipped.every((s) => /participating organisation|activity date/.test(s.reason))).toBe(true);
    expect((await validateIatiXml([xml])).issues).toEqual([]);
    if (withReference && hasXmllint()) {
      const file = join(mkdtempSync(join(tmpdir(), "beltroad-demo-")), "demo.xml");
      writeFileSync(file, xml);
      expect(xmllintVerdicts([file]).get(file)).toBe(true);
    }
    const again = await importInto(t.store, { name: "demo.xml", content: [xml] }, { format: "iati", dryRun: true });
    expect(again).toMatchObject({ ok: true, imported: report.count, skipped: 0 });
  }, 120_000);

  it.skipIf(!withReference)("rejects every should-fail file of the official suite with element and rule", async () => {
    const files = filesUnder(join(IATI_DIR, "tests/activity-tests/should-fail"));
    for (const file of files) {
      const r = await importInto(t.store, file, { format: "iati", dryRun: true });
      expect(r.ok, relative(IATI_DIR, file)).toBe(false);
      const e = r.errors[0]!;
      expect(e.message.length, file).toBeGreaterThan(10);
      expect(e.path ?? e.line ?? e.field, file).toBeDefined();
    }
  });

  it.skipIf(!withReference)("recognises IATI 1.x sample files and refuses them with a clear message", async () => {
    for (const file of filesUnder(join(IATI_DIR, "test-data/activities"))) {
      const r = await importInto(t.store, file, { format: "iati", dryRun: true });
      expect(r.ok, file).toBe(false);
      expect(r.errors[0]?.message, file).toMatch(/IATI 1\.x|IATI version 1/);
    }
    expect(await findRecord(t.store.db, "anything")).toBeUndefined();
  });
});

/** The sample with only its first `n` activities. */
function readActivities(file: string, n: number): string {
  const text = readFileSync(file, "utf8");
  const parts = text.split("<iati-activity");
  return `${parts
    .slice(0, n + 1)
    .join("<iati-activity")
    .replace(/\s*$/, "")}\n</iati-activities>\n`.replace(
    /<\/iati-activity>[\s\S]*<\/iati-activities>/,
    "</iati-activity>\n</iati-activities>",
  );
}
