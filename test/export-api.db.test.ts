import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/http/app.ts";
import { seed } from "../src/services/seed.service.ts";
import { writeFixture } from "./support/fixture.ts";
import { importInto } from "./support/import-helpers.ts";
import { hasReference, hasXmllint, xmllintVerdicts } from "./support/reference.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

describe.skipIf(engineUnavailable())(`list downloads as XLSX and IATI on ${ENGINE}`, () => {
  let t: TestDb;
  let app: ReturnType<typeof createApp>;
  const dataDir = writeFixture();
  const dir = mkdtempSync(join(tmpdir(), "beltroad-export-api-"));
  beforeAll(async () => {
    t = await createTestDb();
    await seed(t.store, dataDir);
    app = createApp(t.store, { dataDir, webDir: "/nonexistent" });
  });
  afterAll(async () => {
    await t.drop();
  });

  const download = async (path: string) => {
    const res = await app.request(path);
    return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
  };

  it("gives a filtered list as a workbook in the template layout that imports back as updates of the same records", async () => {
    const all = (await (await app.request("/api/v1/projects?limit=200")).json()) as { meta: { total: number } };
    const res = await download("/api/v1/projects?format=xlsx");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    expect(res.headers.get("content-disposition")).toContain('filename="beltroad-projects.xlsx"');
    // An XLSX file is a zip: it starts with "PK".
    expect(String.fromCharCode(res.bytes[0]!, res.bytes[1]!)).toBe("PK");
    const file = join(dir, "projects.xlsx");
    writeFileSync(file, res.bytes);
    const report = await importInto(t.store, file, { format: "xlsx", dryRun: true });
    expect(report.errors).toEqual([]);
    expect(report.skipped).toBe(0);
    expect(report.imported + report.updated + report.unchanged).toBe(all.meta.total);
    expect(report.imported).toBe(0); // the same records, unchanged: a round trip that loses nothing
  });

  it("honours the list's filters in the workbook", async () => {
    const filtered = (await (await app.request("/api/v1/projects?country=LAO")).json()) as { meta: { total: number } };
    expect(filtered.meta.total).toBeGreaterThan(0);
    const res = await download("/api/v1/projects?format=xlsx&country=LAO");
    const file = join(dir, "lao.xlsx");
    writeFileSync(file, res.bytes);
    const report = await importInto(t.store, file, { format: "xlsx", dryRun: true });
    expect(report.imported + report.updated + report.unchanged).toBe(filtered.meta.total);
  });

  it("gives projects as an IATI 2.03 file and refuses IATI for other kinds and for an empty selection", async () => {
    const res = await download("/api/v1/projects?format=iati");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/xml");
    const xml = new TextDecoder().decode(res.bytes);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<iati-activities version="2.03"/);
    expect(xml.trimEnd().endsWith("</iati-activities>")).toBe(true);
    expect((xml.match(/<iati-activity\b/g) ?? []).length).toBeGreaterThan(0);
    if (hasReference() && hasXmllint()) {
      const file = join(dir, "projects.xml");
      writeFileSync(file, xml);
      expect(xmllintVerdicts([file]).get(file)).toBe(true);
    }

    const partners = await app.request("/api/v1/partners?format=iati");
    expect(partners.status).toBe(400);
    expect(((await partners.json()) as { error: { code: string } }).error.code).toBe("invalid_request");

    const none = await app.request("/api/v1/projects?format=iati&country=ATA");
    expect(none.status).toBeGreaterThanOrEqual(400);
    expect(none.status).toBeLessThan(500);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe("nothing_to_export");
  });
});
