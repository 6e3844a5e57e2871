import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import type { DataFile, DatasetIssue } from "../core/dataset.ts";
import { KIND_FOLDERS } from "../core/dataset.ts";

/** Where the demo dataset lives in the repository. */
export const DEFAULT_DATA_DIR = join(import.meta.dirname, "../../data");

/**
 * Reads every `*.json` file in the kind folders of `dir`. A file that is not
 * valid JSON becomes an issue naming the file, line and column.
 */
export function readDataFiles(dir: string): { files: DataFile[]; issues: DatasetIssue[] } {
  const files: DataFile[] = [];
  const issues: DatasetIssue[] = [];
  for (const folder of Object.values(KIND_FOLDERS)) {
    const path = join(dir, folder);
    let names: string[];
    try {
      names = readdirSync(path)
        .filter((n) => n.endsWith(".json"))
        .sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const file = join(path, name);
      const shown = shownPath(file);
      if (statSync(file).size > 50 * 1024 * 1024) {
        issues.push({ file: shown, message: "larger than 50 MB; split it" });
        continue;
      }
      const text = readFileSync(file, "utf8");
      try {
        files.push({ path: shown, data: JSON.parse(text) });
      } catch (error) {
        issues.push({ file: shown, message: `not valid JSON: ${jsonErrorWhere(text, error)}` });
      }
    }
  }
  return { files, issues };
}

function jsonErrorWhere(text: string, error: unknown): string {
  // Node 20's JSON.parse does not say where; jsonc-parser (strict settings) does.
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (!first) return error instanceof Error ? error.message : String(error);
  const before = text.slice(0, first.offset);
  const line = before.split("\n").length;
  const column = first.offset - before.lastIndexOf("\n");
  return `${printParseErrorCode(first.error)} at line ${line}, column ${column}`;
}

/** A path for messages: relative to the working directory when inside it. */
function shownPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") ? rel : file;
}
