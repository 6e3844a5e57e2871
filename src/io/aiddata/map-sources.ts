import { z } from "zod";
import type { FieldNote } from "../iati/map-context.ts";

const Url = z.url();

/** The source every AidData record cites first: the dataset row itself. */
export function datasetSource(recordId: string) {
  return {
    key: "aiddata",
    title: `AidData Global Chinese Development Finance Dataset, Version 3.0, record ${recordId}`,
    publisher: "AidData at William & Mary",
  };
}

const split = (v: string) => (v === "" ? [] : v.split("|").map((s) => s.trim()));

function host(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

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
  const lengths = [u, t, p].map((l) => l.length).filter((n) => n > 0);
  const aligned = lengths.every((n) => n === lengths[0]);
  if (!aligned)
    warn({
      path: "Source Titles",
      message: `${u.length} URLs, ${t.length} titles and ${p.length} publishers do not line up; URLs kept with their host as publisher`,
    });
  const seen = new Set<string>();
  const out: Array<Record<string, string>> = [];
  const count = aligned ? (lengths[0] ?? 0) : u.length;
  for (let i = 0; i < count; i++) {
    const url = u[i] ?? "";
    const valid = url !== "" && Url.safeParse(url).success;
    const title = (aligned ? t[i] : undefined) || (valid ? url : "") || url;
    const publisher = (aligned ? p[i] : undefined) || (valid ? host(url) : undefined) || "not stated";
    if (!title || seen.has(url + title)) continue;
    seen.add(url + title);
    const note = [aligned ? r[i] : undefined, !valid && url ? `URL as given: ${url}` : undefined]
      .filter(Boolean)
      .join("; ");
    const source: Record<string, string> = { key: `s${out.length + 1}`, title, publisher };
    if (valid) source.url = url;
    if (note) source.note = note;
    out.push(source);
  }
  return out;
}
