import { AppError } from "../../core/errors.ts";

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * An RFC 4180 CSV parser fed with text chunks: quoted cells may hold commas,
 * doubled quotes and line breaks, and may span chunks; LF, CRLF and CR end
 * rows; empty lines are skipped. Lenient where RFC 4180 is strict but the
 * meaning is plain (a quote inside an unquoted cell is kept). Written for
 * speed — a few times faster than csv-parse, which the import benchmark needs.
 *
 * @example
 *   const p = new CsvParser(); for (const row of p.push(text)) …; p.end();
 */
export class CsvParser {
  private rest = "";
  /** Line on which the next row starts (1-based). */
  private line = 1;

  constructor(private readonly maxRowChars = 16 * 1024 * 1024) {}

  /** Parses what is complete in `text` (after what was left over) and returns those rows with their first line. */
  push(text: string): Array<{ line: number; cells: string[] }> {
    const s = this.rest + text;
    const rows: Array<{ line: number; cells: string[] }> = [];
    let start = 0;
    for (;;) {
      const r = this.row(s, start, false);
      if (!r) break;
      if (!(r.cells.length === 1 && r.cells[0] === "")) rows.push({ line: this.line, cells: r.cells });
      this.line += r.lines;
      start = r.next;
    }
    this.rest = s.slice(start);
    if (this.rest.length > this.maxRowChars)
      throw new AppError(
        "invalid_csv",
        `line ${this.line}: a row longer than ${this.maxRowChars.toLocaleString("en")} characters`,
        { line: this.line },
      );
    return rows;
  }

  /** The last row (without a final line break), or an error when a quoted cell was never closed. */
  end(): Array<{ line: number; cells: string[] }> {
    if (this.rest === "") return [];
    const r = this.row(this.rest, 0, true);
    this.rest = "";
    if (!r || (r.cells.length === 1 && r.cells[0] === "")) return [];
    return [{ line: this.line, cells: r.cells }];
  }

  /** One row from `start`, or undefined when it is not complete yet (`final`: end of input ends it). */
  private row(s: string, start: number, final: boolean): { cells: string[]; next: number; lines: number } | undefined {
    const n = s.length;
    const cells: string[] = [];
    let i = start;
    let lines = 1;
    for (;;) {
      if (i >= n) {
        if (!final) return undefined;
        cells.push("");
        return { cells, next: n, lines };
      }
      let cell: string;
      if (s.charCodeAt(i) === QUOTE) {
        let j = i + 1;
        cell = "";
        for (;;) {
          const q = s.indexOf('"', j);
          if (q < 0) {
            if (!final) return undefined;
            throw new AppError("invalid_csv", `line ${this.line}: a quoted cell is never closed`, { line: this.line });
          }
          if (q + 1 >= n && !final) return undefined;
          if (s.charCodeAt(q + 1) === QUOTE) {
            cell += s.slice(j, q + 1);
            j = q + 2;
            continue;
          }
          cell += s.slice(j, q);
          i = q + 1;
          break;
        }
        for (let k = cell.indexOf("\n"); k >= 0; k = cell.indexOf("\n", k + 1)) lines += 1;
        // text after the closing quote (not RFC 4180) is kept as part of the cell
        let j2 = i;
        while (j2 < n && !isEnd(s.charCodeAt(j2))) j2++;
        if (j2 > i) cell += s.slice(i, j2);
        i = j2;
      } else {
        let j = i;
        while (j < n && !isEnd(s.charCodeAt(j))) j++;
        cell = s.slice(i, j);
        i = j;
      }
      if (i >= n && !final) return undefined;
      cells.push(cell);
      const c = s.charCodeAt(i);
      if (c === COMMA) {
        i += 1;
        continue;
      }
      if (i >= n) return { cells, next: n, lines };
      if (c === CR) {
        if (i + 1 >= n && !final) return undefined;
        i += s.charCodeAt(i + 1) === LF ? 2 : 1;
      } else i += 1;
      return { cells, next: i, lines };
    }
  }
}

function isEnd(c: number): boolean {
  return c === COMMA || c === LF || c === CR;
}
