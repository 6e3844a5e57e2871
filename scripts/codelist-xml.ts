/** Reading the IATI codelist XML format (development scripts and tests only). */

function decode(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** Reads one codelist file into `[code, englishName, withdrawn]` rows. */
export function parseCodelist(xml: string): Array<[string, string, boolean]> {
  const rows: Array<[string, string, boolean]> = [];
  for (const m of xml.matchAll(/<codelist-item([^>]*)>([\s\S]*?)<\/codelist-item>/g)) {
    const attrs = m[1] ?? "";
    const body = m[2] ?? "";
    const code = /<code>([\s\S]*?)<\/code>/.exec(body)?.[1];
    const nameBlock = /<name>([\s\S]*?)<\/name>/.exec(body)?.[1] ?? "";
    const name = /<narrative>([\s\S]*?)<\/narrative>/.exec(nameBlock)?.[1] ?? "";
    if (code === undefined) continue;
    rows.push([decode(code), decode(name), /status="withdrawn"/.test(attrs)]);
  }
  return rows;
}
