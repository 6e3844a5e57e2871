import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateIatiXml } from "../src/io/iati/validate.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

const run = promisify(execFile);
const BIN = join(import.meta.dirname, "../bin/beltroad.js");
const SAMPLE = join(import.meta.dirname, "fixtures/iati-sample.xml");

async function beltroad(t: TestDb, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...t.cliTarget.args, ...args], {
      env: { ...process.env, DATABASE_URL: "", ...t.cliTarget.env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe.skipIf(engineUnavailable())(`beltroad import / template / export on ${ENGINE}`, () => {
  let t: TestDb;
  const dir = mkdtempSync(join(tmpdir(), "beltroad-cli-import-"));
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t.drop();
  });

  it("--dry-run --json reports per file and writes nothing; exit code 3 when a file has problems", async () => {
    const r = await beltroad(t, "import", "iati", SAMPLE, "--dry-run", "--json");
    expect(r.code).toBe(3);
    const { files } = JSON.parse(r.stdout);
    expect(files).toEqual([
      expect.objectContaining({ file: SAMPLE, ok: false, dryRun: true, imported: 1, updated: 0, skipped: 2 }),
    ]);
    expect(files[0].errors[0]).toMatchObject({ row: 2, field: "activity-status/@code" });
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const stats = JSON.parse((await beltroad(t, "stats", "--json")).stdout);
    expect(stats.projects).toBe(0);
  }, 120_000);

  it("imports several files, a clean one with exit code 0, and prints a human summary", async () => {
    const one = join(dir, "one.xml");
    const text = readFileSync(SAMPLE, "utf8");
    writeFileSync(one, `${text.slice(0, text.indexOf("</iati-activity>") + 16)}\n</iati-activities>\n`);
    const r = await beltroad(t, "import", "iati", one);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/one\.xml: imported 1, updated 0, unchanged 0, skipped 0; 3 new partners/);
    const again = await beltroad(t, "import", "iati", one, "--json");
    expect(JSON.parse(again.stdout).files[0]).toMatchObject({ ok: true, imported: 0, unchanged: 1 });
    const missing = await beltroad(t, "import", "csv", join(dir, "nope.csv"), "--json");
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stdout).files[0].errors[0].message).toMatch(/cannot read the file/);
  }, 120_000);

  it("writes a template, imports it filled, and exports filtered lists as IATI, XLSX and CSV", async () => {
    const template = join(dir, "projects.csv");
    expect((await beltroad(t, "template", "--kind", "projects", "--format", "csv", "--out", template)).code).toBe(0);
    const header = readFileSync(template, "utf8").trim();
    const cols = header.split(",");
    const row = Object.fromEntries(cols.map((c) => [c, ""]));
    Object.assign(row, {
      id: "cli-port",
      kind: "project",
      name_en: "CLI Port",
      status: "2",
      connectivity: "hard",
      countries: "KEN",
      start_date: "2020-01-01",
      funders: "org-test-development-bank",
      project_type: "port",
      source1_title: "Test",
      source1_publisher: "Beltroad tests",
    });
    writeFileSync(template, `${header}\n${cols.map((c) => row[c]).join(",")}\n`);
    const imported = await beltroad(t, "import", "csv", template, "--json");
    expect(imported.code, imported.stdout).toBe(0);
    const xml = join(dir, "ken.xml");
    const iati = await beltroad(
      t,
      "export",
      "--kind",
      "projects",
      "--format",
      "iati",
      "--country",
      "KEN",
      "--out",
      xml,
    );
    expect(iati.code, iati.stderr).toBe(0);
    expect(iati.stderr).toMatch(/wrote 2 projects/);
    expect((await validateIatiXml([readFileSync(xml)])).valid).toBe(true);
    const csv = await beltroad(t, "export", "--kind", "projects", "--format", "csv", "--q", "CLI Port");
    expect(csv.stdout.trim().split("\n")).toHaveLength(2);
    const xlsx = await beltroad(t, "export", "--kind", "projects", "--format", "xlsx", "--out", join(dir, "p.xlsx"));
    expect(xlsx.code).toBe(0);
    for (const cmd of ["import", "template", "export"])
      expect((await beltroad(t, cmd, "--help")).stdout).toMatch(/^Usage: beltroad /);
  }, 180_000);
});
