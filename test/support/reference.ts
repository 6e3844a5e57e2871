import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** `../shared/reference` next to the repository (tests may read it; the product never does). */
export const REFERENCE_DIR = join(import.meta.dirname, "../../../shared/reference");
export const IATI_DIR = join(REFERENCE_DIR, "iati");
export const IATI_XSD = join(IATI_DIR, "iati-activities-schema.xsd");
export const AIDDATA_DIR = join(REFERENCE_DIR, "aiddata");

/** True when the reference folder is there; tests that need it skip with a message otherwise. */
export function hasReference(): boolean {
  const ok = existsSync(IATI_XSD);
  if (!ok)
    console.warn(`*** ${REFERENCE_DIR} is absent: tests against the official IATI/AidData files are SKIPPED ***`);
  return ok;
}

/** True when `xmllint` (Debian libxml2-utils) can run. */
export function hasXmllint(): boolean {
  try {
    execFileSync("xmllint", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    console.warn(
      "*** xmllint not installed: comparisons with libxml2's verdict are SKIPPED (apt-get install libxml2-utils) ***",
    );
    return false;
  }
}

/** xmllint's verdict on each file (one process for all of them): path → valid ("FILE validates"). */
export function xmllintVerdicts(files: readonly string[]): Map<string, boolean> {
  const run = spawnSync("xmllint", ["--noout", "--schema", IATI_XSD, ...files], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const valid = new Set(run.stderr.split("\n").filter((l) => l.endsWith(" validates")));
  return new Map(files.map((f) => [f, valid.has(`${f} validates`)]));
}

/** Every file under `dir`, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? filesUnder(p) : [p];
    })
    .sort();
}
