import { AppError } from "../../core/errors.ts";
import { type ByteSource, DEFAULT_MAX_BYTES, type InputLimits } from "../text/decode.ts";
import type { CsvRow } from "./read-csv.ts";

/** Rows one sheet may hold before the file is refused (a guard against decompression bombs). */
const MAX_ROWS = 1_000_000;

/** A cell as text: numbers as written, dates as YYYY-MM-DD, rich text joined; a formula's cached result, never evaluated. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const v = value as {
      richText?: Array<{ text: string }>;
      text?: unknown;
      result?: unknown;
      hyperlink?: string;
      error?: string;
    };
    if (v.richText) return v.richText.map((t) => t.text).join("");
    if ("result" in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    if (v.hyperlink) return v.hyperlink;
    if (v.error) return "";
    return "";
  }
  return String(value);
}

/** XLSX files are read whole (the streaming reader can hang on a damaged zip): this caps them. */
export const MAX_XLSX_BYTES = 50 * 1024 * 1024;

async function readAll(source: ByteSource, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of source) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk);
    total += bytes.length;
    if (total > max)
      throw new AppError(
        "input_too_large",
        `the file is larger than the limit of ${max.toLocaleString("en")} bytes for XLSX (use CSV for bigger lists)`,
      );
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/**
 * The rows of the first worksheet of an XLSX file (the header is row 1).
 * The file is read whole, up to 50 MB (XLSX is for templates; big lists go
 * through CSV): exceljs's streaming reader was found to hang on damaged
 * files by the fuzz test, its whole-file reader fails cleanly. Files that are
 * not XLSX end it with `invalid_xlsx`.
 *
 * @example
 *   for await (const r of readXlsx(createReadStream("filled-template.xlsx"))) …
 */
export async function* readXlsx(source: ByteSource, limits: InputLimits = {}): AsyncGenerator<CsvRow> {
  const buffer = await readAll(source, Math.min(limits.maxBytes ?? DEFAULT_MAX_BYTES, MAX_XLSX_BYTES));
  // exceljs is loaded only when an XLSX file is read: it is big and the other formats do not need it.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (err) {
    throw new AppError("invalid_xlsx", `not a readable XLSX file: ${(err as Error)?.message ?? String(err)}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError("invalid_xlsx", "the workbook has no worksheet");
  if (sheet.rowCount > MAX_ROWS)
    throw new AppError("input_too_large", `the sheet has more than ${MAX_ROWS.toLocaleString("en")} rows`);
  for (let r = 1; r <= sheet.rowCount; r++) {
    const values = ((sheet.getRow(r).values ?? []) as unknown[]).slice(1).map(cellText);
    if (values.every((v) => v.trim() === "")) continue;
    yield { row: r, line: r, cells: values };
  }
}
