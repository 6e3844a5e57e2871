import { createReadStream } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { filesUnder, hasReference, hasXmllint, IATI_DIR, xmllintVerdicts } from "../../../test/support/reference.ts";
import { validateIatiXml } from "./validate.ts";

const SUITE = join(IATI_DIR, "tests/activity-tests");
const withReference = hasReference();
const withXmllint = withReference && hasXmllint();

describe.skipIf(!withReference)("IATI 2.03 schema test suite", () => {
  const pass = withReference ? filesUnder(join(SUITE, "should-pass")) : [];
  const fail = withReference ? filesUnder(join(SUITE, "should-fail")) : [];
  const xmllint = withXmllint ? xmllintVerdicts([...pass, ...fail]) : new Map<string, boolean>();

  it("has the official files (58 should-pass, 225 should-fail plus one without an .xml extension)", () => {
    expect(pass).toHaveLength(58);
    expect(fail.filter((f) => f.endsWith(".xml"))).toHaveLength(225);
  });

  it("accepts every should-pass file", async () => {
    for (const file of pass) {
      const r = await validateIatiXml(createReadStream(file));
      expect(r.issues, relative(SUITE, file)).toEqual([]);
      expect(r.valid).toBe(true);
    }
  });

  it("rejects every should-fail file, naming the element or attribute and the rule", async () => {
    for (const file of fail) {
      const r = await validateIatiXml(createReadStream(file));
      expect(r.valid, relative(SUITE, file)).toBe(false);
      const first = r.issues[0]!;
      expect(first.line).toBeGreaterThan(0);
      expect(first.path).toMatch(/iati-activit|document/);
      expect(first.message).toMatch(
        /not allowed|not expected|missing|not a valid|not declared|duplicate attribute|is not accepted/,
      );
    }
  });

  it.skipIf(!withXmllint)("agrees with xmllint --schema on every file of the suite", async () => {
    const disagreements: string[] = [];
    for (const file of [...pass, ...fail]) {
      const ours = (await validateIatiXml(createReadStream(file))).valid;
      if (ours !== xmllint.get(file))
        disagreements.push(`${relative(SUITE, file)}: ours ${ours}, xmllint ${xmllint.get(file)}`);
    }
    expect(disagreements).toEqual([]);
  });

  it.skipIf(!withXmllint)("agrees with xmllint on the older-version sample files (all invalid as 2.03)", async () => {
    const files = filesUnder(join(IATI_DIR, "test-data/activities"));
    const verdicts = xmllintVerdicts(files);
    for (const file of files) {
      const ours = await validateIatiXml(createReadStream(file));
      expect(ours.valid, file).toBe(verdicts.get(file));
    }
  });
});
