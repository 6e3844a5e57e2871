import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCodelist } from "../../../scripts/codelist-xml.ts";
import { codeLabel, codelist, isCode } from "./index.ts";
import { CODELIST_NAMES } from "./names.ts";

const XML_DIR = join(import.meta.dirname, "../../../../shared/reference/iati/codelists");
const haveXml = existsSync(XML_DIR);
if (!haveXml) console.warn(`codelist check against the IATI XML SKIPPED: ${XML_DIR} not found`);

describe("IATI codelists", () => {
  it("answers lookups", () => {
    expect(isCode("ActivityStatus", "2")).toBe(true);
    expect(isCode("ActivityStatus", "9")).toBe(false);
    expect(isCode("Sector", "21030")).toBe(true);
    expect(codeLabel("Sector", "21030")).toBe("Rail transport");
    expect(isCode("Currency", "CNY")).toBe(true);
    expect(codeLabel("OrganisationRole", "1")).toBe("Funding");
  });

  describe.skipIf(!haveXml)("match the official XML in ../shared/reference/iati/codelists", () => {
    it.each(CODELIST_NAMES)("%s", (name) => {
      const rows = parseCodelist(readFileSync(join(XML_DIR, `${name}.xml`), "utf8"));
      expect(rows.length).toBeGreaterThan(0);
      const ours = codelist(name);
      expect(ours.size).toBe(rows.length);
      for (const [code, label, withdrawn] of rows) {
        expect(ours.get(code), `${name} ${code}`).toEqual({ code, name: label, withdrawn });
      }
    });
  });
});
