import { IATI_CODELIST_DATA } from "./iati-data.ts";
import type { CodelistName } from "./names.ts";

export { CODELIST_NAMES, type CodelistName } from "./names.ts";

/** One entry of a codelist. */
export interface CodelistEntry {
  readonly code: string;
  readonly name: string;
  readonly withdrawn: boolean;
}

const cache = new Map<CodelistName, ReadonlyMap<string, CodelistEntry>>();

/**
 * The entries of an IATI codelist, keyed by code.
 *
 * @example
 *   codelist("ActivityStatus").get("2")?.name // "Implementation"
 */
export function codelist(name: CodelistName): ReadonlyMap<string, CodelistEntry> {
  let map = cache.get(name);
  if (!map) {
    map = new Map(IATI_CODELIST_DATA[name].map(([code, label, withdrawn]) => [code, { code, name: label, withdrawn }]));
    cache.set(name, map);
  }
  return map;
}

/**
 * True when `code` is an active (not withdrawn) code of the list.
 *
 * @example
 *   isCode("Sector", "21030") // true: Rail transport
 */
export function isCode(name: CodelistName, code: string): boolean {
  const entry = codelist(name).get(code);
  return entry !== undefined && !entry.withdrawn;
}

/** The English label of a code, or the code itself when unknown. */
export function codeLabel(name: CodelistName, code: string): string {
  return codelist(name).get(code)?.name ?? code;
}
