import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { referenceDerive } from "../../test/support/derive-reference.ts";
import { sampleRecords } from "../../test/support/import-helpers.ts";
import { hasReference } from "../../test/support/reference.ts";
import { DEFAULT_DATA_DIR, readDataFiles } from "../services/data-files.ts";
import { loadMoneyTables } from "../services/money.service.ts";
import { validateDataset } from "./dataset.ts";
import { derive } from "./derive.ts";
import type { AnyRecord } from "./domain/index.ts";

const money = loadMoneyTables(DEFAULT_DATA_DIR).tables!.converter;

/** The records whose derived facets differ from the reference's, with the fields that differ (compared deeply and as JSON, so in key order too). */
function differences(records: readonly AnyRecord[]): Array<{ id: string; got: unknown; want: unknown }> {
  const out: Array<{ id: string; got: unknown; want: unknown }> = [];
  for (const r of records) {
    const got = derive(r, money) as unknown as Record<string, unknown>;
    const want = referenceDerive(r, money) as unknown as Record<string, unknown>;
    if (JSON.stringify(got) === JSON.stringify(want) && isDeepStrictEqual(got, want)) continue;
    const keys = [...new Set([...Object.keys(got), ...Object.keys(want)])].filter(
      (k) => !isDeepStrictEqual(got[k], want[k]),
    );
    const pick = (o: Record<string, unknown>) => (keys.length ? Object.fromEntries(keys.map((k) => [k, o[k]])) : o);
    if (out.length < 5) out.push({ id: r.id, got: pick(got), want: pick(want) });
  }
  return out;
}

/** A copy with its lists repeated and shuffled, more than 16 participants, and codes again with other percentages. */
function withRepeats(record: AnyRecord): AnyRecord {
  const r = structuredClone(record) as Record<string, unknown> & { tags: string[] };
  // Three copies, the later two changed (so the first and the last of a code differ) and the middle one reversed.
  const again = <T>(xs: T[], change: (x: T, i: number) => T = (x) => x): T[] => [
    ...xs,
    ...xs.map(change).reverse(),
    ...xs.map((x, i) => change(x, i + 1)),
  ];
  r.tags = again(r.tags);
  for (const key of ["countries", "sectors"] as const) {
    const xs = r[key] as Array<{ code: string; percentage?: number }> | undefined;
    if (xs) r[key] = again(xs, (x, i) => ({ ...x, percentage: i % 2 ? undefined : 7 }));
  }
  const participants = r.participants as Array<{ partner: string; role: string }> | undefined;
  if (participants)
    r.participants = again([
      ...participants,
      ...Array.from({ length: 18 }, (_, i) => ({ partner: `p-${i % 9}`, role: String(1 + (i % 4)), sources: [] })),
    ]);
  for (const key of ["parties", "operators"] as const) if (Array.isArray(r[key])) r[key] = again(r[key] as string[]);
  for (const key of ["sites", "stops"] as const)
    if (Array.isArray(r[key])) r[key] = again(r[key] as Array<{ country: string }>, (s) => ({ ...s, country: "FRA" }));
  return r as unknown as AnyRecord;
}

describe("derive gives the same as the reference implementation", () => {
  const read = readDataFiles(DEFAULT_DATA_DIR);
  const { records } = validateDataset(read.files);

  it("for every record of the demo dataset", () => {
    expect(records.length).toBeGreaterThan(300);
    expect(new Set(records.map((r) => r.kind)).size).toBe(6);
    expect(differences(records)).toEqual([]);
  });

  it("for the demo records with repeated countries, sectors, tags, participants, parties, sites and stops", () => {
    expect(differences(records.map(withRepeats))).toEqual([]);
  });

  it("for a record without names, descriptions or tags that normalise to anything", () => {
    const [first] = records;
    const bare = { ...first!, id: "x", names: { en: "—", zh: "’" }, descriptions: { en: "" }, tags: [] } as AnyRecord;
    expect(differences([bare])).toEqual([]);
  });

  it.skipIf(!hasReference())("for every record the AidData samples and the IATI fixture import as", async () => {
    const imported = await sampleRecords();
    expect(imported.filter((r) => r.kind === "project").length).toBeGreaterThanOrEqual(166);
    expect(imported.filter((r) => r.kind === "partner").length).toBeGreaterThan(0);
    expect(differences(imported)).toEqual([]);
    expect(differences(imported.map(withRepeats))).toEqual([]);
  });
});
