import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../bench/lib/timing.ts";
import { CsvParser } from "./csv-parser.ts";

function all(text: string, chunk: number): string[][] {
  const p = new CsvParser();
  const rows: string[][] = [];
  for (let i = 0; i < text.length; i += chunk) rows.push(...p.push(text.slice(i, i + chunk)).map((r) => r.cells));
  rows.push(...p.end().map((r) => r.cells));
  return rows;
}

describe("CsvParser", () => {
  it("reads quotes, doubled quotes, line breaks in cells, CRLF and a missing final newline", () => {
    const text = 'a,b,c\r\n"x, y","he said ""hi""","two\nlines"\n\n1,,3';
    for (const size of [1, 2, 3, 7, 1000])
      expect(all(text, size)).toEqual([
        ["a", "b", "c"],
        ["x, y", 'he said "hi"', "two\nlines"],
        ["1", "", "3"],
      ]);
  });

  it("gives each row the line it starts on", () => {
    const p = new CsvParser();
    const rows = [...p.push('h\n"a\nb"\nc\n'), ...p.end()];
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it("agrees with csv-parse on generated well-formed files, whatever the chunking", () => {
    const rand = seededRandom(7);
    const cell = () => {
      const raw = Array.from({ length: Math.floor(rand() * 6) }, () => 'ab ,"\n\r|é'[Math.floor(rand() * 10)]).join("");
      return /[",\n\r]/.test(raw) ? `"${raw.replace(/"/g, '""')}"` : raw;
    };
    for (let k = 0; k < 200; k++) {
      const text = Array.from({ length: 5 }, () => Array.from({ length: 4 }, cell).join(",")).join("\r\n");
      const expected = (parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][]).filter(
        (r) => !(r.length === 1 && r[0] === ""),
      );
      expect(all(text, 1 + Math.floor(rand() * 9)), text).toEqual(expected);
    }
  });

  it("keeps text after a closing quote and counts lines in quoted cells, LF, CR and CRLF alike, whatever the chunking", () => {
    const text = 'a"b,"x"y,"q""r"\r"s\nt"\rz\r\n\r\n"u"""\n';
    for (const size of [1, 2, 3, 5, 100]) {
      const p = new CsvParser();
      const rows = [];
      for (let i = 0; i < text.length; i += size) rows.push(...p.push(text.slice(i, i + size)));
      rows.push(...p.end());
      expect(rows).toEqual([
        { line: 1, cells: ['a"b', "xy", 'q"r'] },
        { line: 2, cells: ["s\nt"] },
        { line: 4, cells: ["z"] },
        { line: 6, cells: ['u"'] },
      ]);
    }
  });

  it("refuses an unclosed quoted cell with its line", () => {
    const p = new CsvParser();
    p.push('a\n"never closed');
    expect(() => p.end()).toThrow(/line 2: a quoted cell is never closed/);
  });
});
