import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importInto } from "./support/import-helpers.ts";
import { createTestDb, ENGINE, engineUnavailable, type TestDb } from "./support/test-db.ts";

const SAMPLE = readFileSync(join(import.meta.dirname, "fixtures/iati-sample.xml"), "utf8");
/** The fixture's first (complete) activity. */
const ACTIVITY = SAMPLE.slice(SAMPLE.indexOf("<iati-activity "), SAMPLE.indexOf("</iati-activity>") + 16);

/** An IATI file of the fixture's first activity under each identifier, naming organisations no store knows yet. */
function file(identifiers: readonly string[]): string {
  const activities = identifiers.map((id) =>
    ACTIVITY.replace("XM-TEST-1001", id)
      .replaceAll("XM-TEST", "XM-ZORB")
      .replaceAll("Test Development Bank", "Zorbland Development Bank")
      .replaceAll("Test Rail Builders Ltd", "Zorbland Rail Builders Ltd"),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" xmlns:bx="http://example.org/beltroad-test">\n${activities.join("\n")}\n</iati-activities>\n`;
}

describe.skipIf(engineUnavailable())(`partners made by an import on ${ENGINE}`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t.drop();
  });
  const partnerIds = async () =>
    (await t.store.db.selectFrom("records").select("id").where("kind", "=", "partner").execute()).map((r) => r.id);
  const refuse = (prefix: string) => (record: { id: string }) =>
    record.id.includes(prefix) ? "refused for the test" : undefined;

  it("writes none when every record naming them is refused", async () => {
    const report = await importInto(
      t.store,
      { name: "refused.xml", content: [file(["XM-ZORB-A"])] },
      { format: "iati", authorize: refuse("zorb-a") },
    );
    expect(report).toMatchObject({ imported: 0, skipped: 1, partnersCreated: 0 });
    expect((await partnerIds()).filter((id) => id.includes("zorbland"))).toEqual([]);
  });

  it("writes them with a later record that names them when the row that made them was refused", async () => {
    // The first activity makes the partners and is refused; the second names the same ones and is written.
    const before = await partnerIds();
    const report = await importInto(
      t.store,
      { name: "later.xml", content: [file(["XM-ZORB-A", "XM-ZORB-B"])] },
      { format: "iati", authorize: refuse("zorb-a"), batchSize: 1 },
    );
    expect(report).toMatchObject({ imported: 1, skipped: 1 });
    const made = (await partnerIds()).filter((id) => !before.includes(id));
    expect(made).toEqual(expect.arrayContaining(["org-zorbland-rail-builders-ltd", "org-zorbland-development-bank"]));
    expect(report.partnersCreated).toBe(made.length);
  });
});
