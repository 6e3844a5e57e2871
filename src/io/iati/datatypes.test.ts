import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../bench/lib/timing.ts";
import { hasReference, hasXmllint, IATI_XSD } from "../../../test/support/reference.ts";
import { isValidValue } from "./datatypes.ts";
import type { Datatype } from "./schema-types.ts";
import { validateIatiXml } from "./validate.ts";

describe("XSD datatypes as libxml2 reads them", () => {
  const cases: Array<[Datatype, string, boolean]> = [
    ["decimal", " 1.5\t", true],
    ["decimal", ".", false],
    ["decimal", "5.", true],
    ["decimal", "1e5", false],
    ["decimal", "9".repeat(24), true],
    ["decimal", "9".repeat(25), false],
    ["decimal", `${"1".repeat(24)}.`, false],
    ["date", "2012-02-29", true],
    ["date", "2013-02-29", false],
    ["date", " 2013-01-01", false],
    ["date", "2013-11-27+14:01", false],
    ["dateTime", "2011-06-01T24:00:00", true],
    ["dateTime", "2011-06-01T24:00:01", false],
    ["dateTime", "2011-06-01", false],
    ["int", " 1", false],
    ["int", "2147483648", false],
    ["boolean", " true ", true],
    ["boolean", "TRUE", false],
    ["positiveInteger", "-0", false],
    ["nonNegativeInteger", "-0", true],
    ["anyURI", "http://a b", true],
    ["anyURI", "%zz", false],
    ["anyURI", "::", false],
    ["NMTOKEN", " abc ", true],
    ["NMTOKEN", "a b", false],
    ["xml-lang", "en-GB", true],
    ["xml-lang", "en_GB", false],
  ];
  it.each(cases)("%s %j → %s", (type, value, valid) => {
    expect(isValidValue(type, value)).toBe(valid);
  });
});

const withXmllint = hasReference() && hasXmllint();

/** Hosts that may repeat inside one activity, each carrying the value once (`{v}`). */
const HOSTS: Partial<Record<Datatype, string>> = {
  decimal: '<sector code="1" percentage="{v}"/>',
  date: '<activity-date type="1" iso-date="{v}"/>',
  boolean:
    '<result type="1" aggregation-status="{v}"><title><narrative>t</narrative></title><indicator measure="1"><title><narrative>t</narrative></title></indicator></result>',
  anyURI:
    '<document-link url="{v}" format="x"><title><narrative>t</narrative></title><category code="A01"/></document-link>',
  positiveInteger:
    '<result type="1"><title><narrative>t</narrative></title><indicator measure="1"><title><narrative>t</narrative></title><baseline year="{v}"/></indicator></result>',
  nonNegativeInteger: '<location><administrative vocabulary="G1" code="1" level="{v}"/></location>',
  NMTOKEN: '<legacy-data name="a" value="b" iati-equivalent="{v}"/>',
  "xml-lang": '<sector code="1"><narrative xml:lang="{v}">x</narrative></sector>',
  dateTime: `</iati-activity><iati-activity last-updated-datetime="{v}">${"{body}"}`,
  int: `</iati-activity><iati-activity hierarchy="{v}">${"{body}"}`,
};
const ALPHABETS: Partial<Record<Datatype, string>> = {
  decimal: "0123456789.+- \t00",
  date: "0123456789-:TZ+ 1",
  boolean: "truefals01 \t",
  anyURI: "ab:/?#[]@%20!$&'()*+,;=.-_~ {}|\\^`<>\"é19",
  positiveInteger: "0123456789+- ",
  nonNegativeInteger: "0123456789+- ",
  NMTOKEN: "ab:.-_ é·0",
  "xml-lang": "abcdefghiEN-0123 ",
  dateTime: "0123456789-:TZ+. ",
  int: "0123456789+- ",
};
const SEEDS: Partial<Record<Datatype, string[]>> = {
  decimal: ["1", "-1.5", ".5", "0.", "00012.3400"],
  date: ["2013-11-27", "-0004-02-29", "2000-02-29Z", "2013-01-01+14:00", "10000-01-01"],
  anyURI: ["http://example.org/a?b=c#d", "http://[::1]:80/", "urn:x:y", "../a/b", "mailto:a@b.c", "http://256.1.1.1"],
  "xml-lang": ["en", "zh-Hans", "x-klingon", ""],
  dateTime: ["2011-06-01T00:00:00", "2011-06-01T24:00:00Z", "2011-06-01T23:59:59.5-05:00"],
  int: ["1", "-2147483648", "2147483647", "0012"],
};

function randomValues(type: Datatype, n: number): string[] {
  const rand = seededRandom(type.length * 7919 + Number(process.env.XSD_SEED ?? 0));
  const alphabet = ALPHABETS[type]!;
  const seeds = SEEDS[type] ?? ["1", "true", "abc"];
  const out = [...seeds];
  while (out.length < n) {
    const base = [...(rand() < 0.6 ? seeds[Math.floor(rand() * seeds.length)]! : "")];
    for (let k = Math.floor(rand() * 4) + 1; k > 0; k--) {
      const at = Math.floor(rand() * (base.length + 1));
      const ch = alphabet[Math.floor(rand() * alphabet.length)]!;
      const op = rand();
      if (op < 0.4) base.splice(at, 0, ch);
      else if (op < 0.7) base.splice(at, 1);
      else base.splice(at, 1, ch);
    }
    out.push(base.join(""));
  }
  return out;
}

const escapeAttr = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

describe.skipIf(!withXmllint)("datatypes agree with xmllint on generated values", () => {
  const dir = withXmllint ? mkdtempSync(join(tmpdir(), "beltroad-xsd-")) : "";
  it.each(Object.keys(HOSTS) as Datatype[])("%s", async (type) => {
    const values = randomValues(type, Number(process.env.XSD_N ?? 400));
    const body =
      '<iati-identifier>A</iati-identifier><reporting-org type="1" ref="A"><narrative>O</narrative></reporting-org><title><narrative>T</narrative></title><description><narrative>D</narrative></description><participating-org role="1"/><activity-status code="2"/><activity-date type="1" iso-date="2013-11-27"/>';
    const host = HOSTS[type]!.replace("{body}", body);
    const lines = values.map((v) => host.replace("{v}", () => escapeAttr(v)));
    const xml = `<iati-activities version="2.03"><iati-activity>${body}\n${lines.join("\n")}\n</iati-activity></iati-activities>\n`;
    const file = join(dir, `${type}.xml`);
    writeFileSync(file, xml);
    const run = spawnSync("xmllint", ["--noout", "--schema", IATI_XSD, file], { encoding: "utf8", maxBuffer: 1 << 28 });
    const theirs = new Set(
      run.stderr
        .split("\n")
        .map((l) => /^[^:]+:(\d+):/.exec(l)?.[1])
        .filter((x): x is string => !!x)
        .map(Number),
    );
    const ours = new Set((await validateIatiXml([xml], { maxIssues: 100_000 })).issues.map((i) => i.line));
    const differ = values.filter((_v, i) => theirs.has(i + 2) !== ours.has(i + 2));
    expect(differ.map((v) => `${JSON.stringify(v)} is ${isValidValue(type, v) ? "valid" : "invalid"} for us`)).toEqual(
      [],
    );
  });
});
