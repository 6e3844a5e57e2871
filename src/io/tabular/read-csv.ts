import { AppError } from "../../core/errors.ts";
import { type ByteSource, decodeText, type InputLimits, sniffBom } from "../text/decode.ts";
import { CsvParser } from "./csv-parser.ts";

/** A data row: its number as a spreadsheet shows it (header = 1), the line it starts on, its cells. */
export interface CsvRow {
  readonly row: number;
  readonly line: number;
  readonly cells: readonly string[];
}

/**
 * Reads a CSV file (RFC 4180; UTF-8, or UTF-16 with a byte-order mark) as a
 * stream: the header once, then each row. Multi-line quoted cells are fine; a
 * row with another number of cells than the header is still yielded (the
 * caller reports it). Binary data, bad encodings, unclosed quotes and
 * oversized files end it with an `AppError` (`invalid_csv`, `invalid_encoding`,
 * `input_too_large`).
 *
 * @example
 *   for await (const r of readCsv(createReadStream(file))) if (r.row === 1) header = r.cells;
 */
export async function* readCsv(source: ByteSource, limits: InputLimits = {}): AsyncGenerator<CsvRow> {
  const parser = new CsvParser();
  let row = 0;
  for await (const text of decodeText(source, sniffBom, limits)) {
    if (text.includes("\u0000"))
      throw new AppError("invalid_csv", "the file holds binary data (NUL bytes): not a CSV file");
    for (const r of parser.push(text)) yield { row: ++row, line: r.line, cells: r.cells };
  }
  for (const r of parser.end()) yield { row: ++row, line: r.line, cells: r.cells };
}
