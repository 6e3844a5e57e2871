import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RESOURCES } from "../../web/src/i18n/resources.ts";

const { en, zh } = RESOURCES;

// Plural forms differ by language (English one/other, Chinese other): compare the keys without them.
const PLURAL = /_(zero|one|two|few|many|other)$/;
// Sector names come from the IATI codelist in English; only Chinese needs them in the file.
const CHINESE_ONLY = /^sector\./;

function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "object" && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`.replace(PLURAL, "")],
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe("UI strings", () => {
  const enKeys = new Set(keys(en));
  const zhKeys = new Set(keys(zh));

  it("has every English string in Chinese and no Chinese string without an English one", () => {
    expect([...enKeys].filter((k) => !zhKeys.has(k))).toEqual([]);
    expect([...zhKeys].filter((k) => !enKeys.has(k) && !CHINESE_ONLY.test(k))).toEqual([]);
  });

  it("has a string for every literal key the portal asks for", () => {
    const src = join(import.meta.dirname, "../../web/src");
    const used = new Set<string>();
    for (const file of sourceFiles(src)) {
      for (const m of readFileSync(file, "utf8").matchAll(/\bt\(\s*"([a-zA-Z][\w.-]*)"/g)) used.add(m[1] ?? "");
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((k) => !enKeys.has(k))).toEqual([]);
  });
});
