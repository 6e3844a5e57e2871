import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { sampleRecords } from "../../../test/support/import-helpers.ts";
import { hasReference } from "../../../test/support/reference.ts";
import { validateDataset } from "../../core/dataset.ts";
import { type Derived, derive } from "../../core/derive.ts";
import type { AnyRecord } from "../../core/domain/index.ts";
import { DEFAULT_DATA_DIR, readDataFiles } from "../data-files.ts";
import { loadMoneyTables } from "../money.service.ts";
import { packDerived, unpackDerived } from "./wire-derived.ts";

const money = loadMoneyTables(DEFAULT_DATA_DIR).tables!.converter;

/** The ids of the records whose facets do not come back equal, in value and key order, after packing and a structured clone. */
function mismatches(records: readonly AnyRecord[]): string[] {
  return records
    .filter((r) => {
      const derived = derive(r, money);
      const back = unpackDerived(structuredClone(packDerived(derived)));
      return !(isDeepStrictEqual(back, derived) && JSON.stringify(back) === JSON.stringify(derived));
    })
    .map((r) => r.id);
}

describe("derived facets packed for the reader worker's hand-over", () => {
  const { records } = validateDataset(readDataFiles(DEFAULT_DATA_DIR).files);

  it("come back equal for every record of the demo dataset, all kinds", () => {
    expect(records.length).toBeGreaterThan(300);
    expect(new Set(records.map((r) => r.kind)).size).toBe(6);
    expect(mismatches(records)).toEqual([]);
  });

  it("are primitives only, and keep empty lists, nulls, booleans and the lists' order", () => {
    const derived: Derived = {
      ...derive(records.find((r) => r.kind === "project")!, money),
      nameZh: null,
      tags: ["b", "a", "b"],
      countries: [],
      sectors: [
        { code: "210", percentage: null, share: 0.5 },
        { code: "220", percentage: 50, share: 0.5 },
      ],
      participants: [{ partner: "org-x", role: "1" }],
      transactions: [
        {
          seq: 0,
          type: "2",
          date: "2020-01-01",
          year: 2020,
          amount: 1.5,
          currency: "USD",
          valueDate: null,
          usdNominal: null,
          usdConstant: 2,
          aggregate: false,
          provider: null,
          receiver: "org-y",
          conversionProblem: "no rate",
        },
      ],
    };
    const packed = packDerived(derived);
    expect(packed.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v))).toBe(true);
    expect(unpackDerived(packed)).toStrictEqual(derived);
  });

  it.skipIf(!hasReference())(
    "come back equal for the records the AidData samples and the IATI fixture import as",
    async () => {
      const imported = await sampleRecords();
      expect(imported.filter((r) => r.kind === "project").length).toBeGreaterThanOrEqual(166);
      expect(imported.some((r) => derive(r, money).transactions.length > 0)).toBe(true);
      expect(mismatches(imported)).toEqual([]);
    },
  );
});
