import type { Writable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import type ExcelJS from "exceljs";

/** Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection). */
export function escapeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Writes rows somewhere: a header first, then rows of the same columns, then `end`. */
export interface TableWriter {
  row(cells: readonly string[]): Promise<void>;
  end(): Promise<void>;
}

/**
 * A streaming CSV writer (RFC 4180, UTF-8 with a byte-order mark so spreadsheets read it as UTF-8),
 * formula-like cells escaped.
 *
 * @example
 *   const w = csvWriter(process.stdout); await w.row(["id", "name_en"]); await w.end();
 */
export function csvWriter(out: Writable, bom = false): TableWriter {
  let first = true;
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.write(text)) resolve();
      else out.once("drain", resolve).once("error", reject);
    });
  return {
    async row(cells) {
      const text = stringify([cells.map(escapeFormula)]);
      await write(first && bom ? `\uFEFF${text}` : text);
      first = false;
    },
    async end() {},
  };
}

/**
 * A streaming XLSX writer: one sheet, cells stored as text (never formulas), and an optional
 * second sheet documenting the columns.
 */
export function xlsxWriter(out: Writable, sheetName: string, help?: ReadonlyArray<readonly string[]>): TableWriter {
  // exceljs takes about 0.35 s to load: loaded when a workbook is written, not with every command.
  let opened: Promise<{ workbook: ExcelJS.stream.xlsx.WorkbookWriter; sheet: ExcelJS.Worksheet }> | undefined;
  const open = () =>
    (opened ??= import("exceljs").then(({ default: excel }) => {
      const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
      return { workbook, sheet: workbook.addWorksheet(sheetName) };
    }));
  return {
    async row(cells) {
      (await open()).sheet.addRow([...cells]).commit();
    },
    async end() {
      const { workbook, sheet } = await open();
      sheet.commit();
      if (help) {
        const doc = workbook.addWorksheet("columns");
        for (const r of help) doc.addRow([...r]).commit();
        doc.commit();
      }
      await workbook.commit();
    },
  };
}
