import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Project } from "../src/core/domain/index.ts";
import { columnsFor } from "../src/io/tabular/template-columns.ts";
import { toCsv } from "../src/services/export.service.ts";
import { exportTable, writeTemplate } from "../src/services/export-table.service.ts";
import { findRecord } from "../src/store/record.repository.ts";
import { importInto } from "./support/import-helpers.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

/** Runs a streaming writer into memory. */
async function collect(run: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => out.on("end", r));
  await run(out);
  out.end();
  await done;
  return Buffer.concat(chunks);
}

const HEADER =
  "id,kind,name_en,name_zh,status,connectivity,countries,sectors,start_date,project_type,funders,commitment_amount,commitment_currency,commitment_date,source1_title,source1_publisher,source1_url,partner_type";

describe.skipIf(engineUnavailable())(`CSV and XLSX templates on ${ENGINE}`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t.drop();
  });

  it("writes a template per kind: CSV header, XLSX with a sheet explaining the columns", async () => {
    const csv = (await collect((out) => writeTemplate("project", "csv", out))).toString("utf8");
    expect(csv.trim()).toBe(
      columnsFor("project")
        .map((c) => c.name)
        .join(","),
    );
    const xlsx = await collect((out) => writeTemplate("agreement", "xlsx", out));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(["agreements", "columns"]);
    expect(wb.worksheets[0]!.getRow(1).values).toContain("parties");
  });

  it("imports a filled CSV template, reporting bad rows with row, field and reason", async () => {
    const csv = [
      HEADER,
      'test-bank,partner,Test Bank,测试银行,,,,,,,,,,,"Bank register",Test registry,https://example.org/bank,financier',
      "test-line,project,Test Line,,2,hard,LAO;CHN,21030,2016-12,rail,test-bank,62,CNY,2015-11,Test source,Beltroad tests,https://example.org/a,",
      "bad-line,project,Bad Line,,9,hard,LAO,21030,,rail,,,,,Test source,Beltroad tests,,",
      "no-source,project,No Source,,2,hard,LAO,,,rail,,,,,,,,",
    ].join("\n");
    const r = await importInto(t.store, { name: "filled.csv", content: [csv] }, { format: "csv" });
    expect(r).toMatchObject({ imported: 2, skipped: 2 });
    expect(r.errors).toContainEqual(
      expect.objectContaining({ row: 4, field: "status", message: "not a code of the IATI ActivityStatus codelist" }),
    );
    expect(r.errors).toContainEqual(expect.objectContaining({ row: 5, field: "sources" }));
    const line = (await findRecord(t.store.db, "test-line")) as Project;
    expect(line).toMatchObject({
      names: { en: "Test Line", zh: "Test Line" },
      textFallbacks: { names: { zh: "en" } },
      countries: [{ code: "LAO" }, { code: "CHN" }],
      participants: [{ partner: "test-bank", role: "1", sources: ["s1"] }],
      transactions: [{ type: "2", amount: 62, currency: "CNY", date: "2015-11" }],
      dates: [{ type: "2", date: "2016-12" }],
    });
  });

  it("exports a filtered list as XLSX that imports back unchanged, and an edited cell updates only that record", async () => {
    const xlsx = await collect((out) => exportTable(t.store, { kind: "project", country: ["CHN"] }, "xlsx", out));
    const same = await importInto(t.store, { name: "list.xlsx", content: [xlsx] }, { format: "xlsx" });
    expect(same).toMatchObject({ ok: true, imported: 0, updated: 0, unchanged: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const col = (sheet.getRow(1).values as string[]).indexOf("name_en");
    sheet.getRow(2).getCell(col).value = "Test Line (renamed)";
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const changed = await importInto(t.store, { name: "edited.xlsx", content: [edited] }, { format: "xlsx" });
    expect(changed).toMatchObject({ updated: 1, unchanged: 0 });
    expect(((await findRecord(t.store.db, "test-line")) as Project).transactions).toHaveLength(1);
  });

  it("escapes a formula in a CSV export and keeps it as text in XLSX", async () => {
    const csv = `${HEADER}\nformula,project,"=HYPERLINK(""http://evil.example/"",""click"")",,2,hard,KEN,,,port,,,,,Test source,Beltroad tests,,\n`;
    expect((await importInto(t.store, { name: "f.csv", content: [csv] }, { format: "csv" })).imported).toBe(1);
    const record = await findRecord(t.store.db, "formula");
    expect(toCsv([record!])).toContain(`"'=HYPERLINK(""http://evil.example/"",""click"")"`);
    const templateCsv = (
      await collect((out) => exportTable(t.store, { kind: "project", country: ["KEN"] }, "csv", out))
    ).toString();
    expect(templateCsv).toContain("'=HYPERLINK");
    const xlsx = await collect((out) => exportTable(t.store, { kind: "project", country: ["KEN"] }, "xlsx", out));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const cell = wb.worksheets[0]!.getRow(2).getCell(3);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
  });
});
