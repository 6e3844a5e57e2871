import { describe, expect, it } from "vitest";
import { validateDataset } from "../src/core/dataset.ts";
import type { AnyRecord } from "../src/core/domain/index.ts";
import { DEFAULT_DATA_DIR, readDataFiles } from "../src/services/data-files.ts";
import { loadMoneyTables } from "../src/services/money.service.ts";
import { cooperationCountries } from "../src/services/stats.service.ts";

/** The curated demo dataset in data/: every record passes its schema and cites its sources. */
describe("demo dataset", () => {
  const read = readDataFiles(DEFAULT_DATA_DIR);
  const { records, statistics, issues } = validateDataset(read.files);
  const of = <K extends AnyRecord["kind"]>(kind: K) =>
    records.filter((r): r is Extract<AnyRecord, { kind: K }> => r.kind === kind);

  it("has no invalid file, record, code, reference or source key", () => {
    expect([...read.issues, ...issues]).toEqual([]);
  });

  it("has at least one source on every record and statistic, each with a publisher and a title", () => {
    for (const r of [...records, ...statistics]) {
      expect(r.sources.length, r.id).toBeGreaterThan(0);
      for (const s of r.sources) expect(s.title && s.publisher, `${r.id} ${s.key}`).toBeTruthy();
    }
  });

  it("covers at least 60 projects in at least 30 countries, with financing where sources give it", () => {
    const projects = of("project");
    expect(projects.length).toBeGreaterThanOrEqual(60);
    const countries = new Set(projects.flatMap((p) => p.countries.map((c) => c.code)));
    expect(countries.size).toBeGreaterThanOrEqual(30);
    expect(projects.filter((p) => p.transactions.length > 0).length).toBeGreaterThanOrEqual(30);
  });

  it("has the flagship systems PRODUCT.md names", () => {
    const ids = new Set(records.map((r) => r.id));
    for (const id of [
      "china-laos-railway",
      "jakarta-bandung-hsr",
      "mombasa-nairobi-sgr",
      "addis-djibouti-railway",
      "budapest-belgrade-railway",
      "piraeus-port",
      "hambantota-port",
      "gwadar-port",
      "phoenix-park",
      "luban-workshops",
      "juncao",
      "hybrid-rice",
      "china-europe-railway-express",
      "lancang-mekong-express",
      "xian-europe-express",
      "hefei-europe-express",
      "lianyungang-europe-express",
      "chifeng-europe-express",
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
    expect(
      of("commitment")
        .map((c) => c.step)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const maldives = of("agreement").filter((a) => a.parties.includes("country-mdv"));
    expect(maldives.length).toBeGreaterThanOrEqual(2);
  });

  it("counts at least 140 countries with a Belt and Road cooperation document", () => {
    expect(cooperationCountries(of("agreement")).size).toBeGreaterThanOrEqual(140);
  });

  it("has China–Europe Railway Express trips for every year it gives, 2013–2024", () => {
    const years = new Set(
      statistics
        .filter((s) => s.service === "china-europe-railway-express" && s.trips !== undefined)
        .map((s) => s.period.start.slice(0, 4)),
    );
    for (const y of ["2013", "2016", "2017", "2018", "2019", "2020", "2021", "2024"])
      expect(years.has(y), y).toBe(true);
  });

  it("has an exchange rate for every currency and year of an aggregated commitment", () => {
    const money = loadMoneyTables(DEFAULT_DATA_DIR);
    expect(money.issues).toEqual([]);
    const missing: string[] = [];
    for (const r of records) {
      if (r.kind === "partner") continue;
      r.transactions.forEach((t, i) => {
        if (!t.recommendedForAggregates) return;
        const c = money.tables!.converter.convert(t.amount, t.currency, Number((t.valueDate ?? t.date).slice(0, 4)));
        if (!c.ok) missing.push(`${r.id} transactions[${i}]: ${c.reason}`);
      });
    }
    expect(missing).toEqual([]);
  });
});
