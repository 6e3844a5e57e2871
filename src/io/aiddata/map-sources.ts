import { z } from "zod";
import type { FieldNote } from "../iati/map-context.ts";
import { Memo } from "../memo.ts";
import { split } from "./map-money.ts";

const Url = z.url();

/** The source every AidData record cites first: the dataset row itself. */
export function datasetSource(recordId: string) {
  return {
    key: "aiddata",
    title: `AidData Global Chinese Development Finance Dataset, Version 3.0, record ${recordId}`,
    publisher: "AidData at William & Mary",
  };
}

function host(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

/** What a source URL is worth: whether it is a URL (as the `Source` schema decides) and its host. */
interface UrlInfo {
  readonly valid: boolean;
  readonly host: string | undefined;
}

const NOT_A_URL: UrlInfo = { valid: false, host: undefined };
// The same URLs recur across rows (a ministry's page cited by many projects): parsing each once saves most
// of the URL work.
const urlInfos = new Memo(
  (url): UrlInfo => (Url.safeParse(url).success ? { valid: true, host: host(url) } : NOT_A_URL),
);
const urlInfo = (url: string): UrlInfo => (url === "" ? NOT_A_URL : urlInfos.get(url));

/**
 * The row's own sources (`Source URLs`, `Source Titles`, `Source Publishers`,
 * `Source Resource Types`, `|`-separated and aligned) as `s1`, `s2`…; a URL
 * that does not parse is kept in the note. When the lists do not line up
 * (a title holding a "|"), titles and publishers cannot be trusted to belong
 * to their URL: the URLs are kept with their host as publisher, and a warning says so.
 */
export function rowSources(
  urls: string,
  titles: string,
  publishers: string,
  types: string,
  warn: (note: FieldNote) => void,
): Array<Record<string, string>> {
  const u = split(urls);
  const t = split(titles);
  const p = split(publishers);
  const r = split(types);
  // the lists line up when the non-empty ones have the same length
  const first = u.length || t.length || p.length;
  const aligned =
    (u.length === 0 || u.length === first) &&
    (t.length === 0 || t.length === first) &&
    (p.length === 0 || p.length === first);
  if (!aligned)
    warn({
      path: "Source Titles",
      message: `${u.length} URLs, ${t.length} titles and ${p.length} publishers do not line up; URLs kept with their host as publisher`,
    });
  const seen = new Set<string>();
  const out: Array<Record<string, string>> = [];
  const count = aligned ? first : u.length;
  for (let i = 0; i < count; i++) {
    const url = u[i] ?? "";
    const info = urlInfo(url);
    const valid = info.valid;
    const title = (aligned ? t[i] : undefined) || (valid ? url : "") || url;
    const publisher = (aligned ? p[i] : undefined) || (valid ? info.host : undefined) || "not stated";
    if (!title || seen.has(url + title)) continue;
    seen.add(url + title);
    const type = aligned ? r[i] : undefined;
    const given = !valid && url ? `URL as given: ${url}` : undefined;
    const note = type && given ? `${type}; ${given}` : type || given || "";
    const source: Record<string, string> = { key: `s${out.length + 1}`, title, publisher };
    if (valid) source.url = url;
    if (note) source.note = note;
    out.push(source);
  }
  return out;
}
