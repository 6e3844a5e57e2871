import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A small synthetic dataset (clearly fictional names and numbers) whose
 * headline figures are known by hand, written to a temporary folder.
 * Tests mutate a copy of it to exercise bad input.
 */
export function fixtureFiles(): Record<string, unknown> {
  const src = [{ key: "s1", title: "Test source", publisher: "Beltroad tests", published: "2020-01-01" }];
  const country = (code: string, en: string, zh: string) => ({
    id: `country-${code.toLowerCase()}`,
    kind: "partner",
    partnerType: "country",
    country: code,
    names: { en, zh },
    sources: src,
  });
  const activity = {
    connectivity: ["hard"],
    status: "2",
    sources: src,
  };
  return {
    "partners/countries.json": [
      country("CHN", "China", "中国"),
      country("LAO", "Laos", "老挝"),
      country("KEN", "Kenya", "肯尼亚"),
      country("ITA", "Italy", "意大利"),
    ],
    "partners/organisations.json": [
      {
        id: "test-bank",
        kind: "partner",
        partnerType: "financier",
        country: "CHN",
        names: { en: "Test Bank", zh: "测试银行" },
        sources: src,
      },
    ],
    "projects/projects.json": [
      {
        ...activity,
        id: "test-railway",
        kind: "project",
        projectType: "rail",
        names: { en: "Xi’an–Test Railway", zh: "测试铁路" },
        descriptions: { en: "A fictional railway used by the tests." },
        countries: [{ code: "LAO" }, { code: "CHN" }],
        sectors: [{ code: "21030" }],
        tags: ["flagship"],
        dates: [{ type: "2", date: "2016-12", sources: ["s1"] }],
        participants: [{ partner: "test-bank", role: "1", sources: ["s1"] }],
        transactions: [
          {
            type: "2",
            date: "2015-11",
            amount: 62,
            currency: "CNY",
            valueDate: "2015",
            provider: "test-bank",
            sources: ["s1"],
          },
          {
            type: "2",
            date: "2015-11",
            amount: 99999,
            currency: "USD",
            recommendedForAggregates: false,
            sources: ["s1"],
          },
          { type: "3", date: "2016", amount: 31, currency: "CNY", sources: ["s1"] },
        ],
        locations: [
          {
            name: "Test line",
            geometry: {
              type: "LineString",
              coordinates: [
                [102.7, 25.0],
                [102.6, 17.9],
              ],
            },
            exactness: "2",
            sources: ["s1"],
          },
        ],
      },
      {
        ...activity,
        id: "test-port",
        kind: "project",
        projectType: "port",
        names: { en: "Test Port", zh: "测试港" },
        countries: [{ code: "KEN" }],
        sectors: [{ code: "21040" }],
        transactions: [
          { type: "2", date: "2021", amount: 100, currency: "USD", sources: ["s1"] },
          { type: "2", date: "2021", amount: 5, currency: "KES", sources: ["s1"] },
        ],
      },
    ],
    "agreements/agreements.json": [
      {
        ...activity,
        connectivity: ["soft"],
        id: "mou-lao",
        kind: "agreement",
        agreementType: "mou",
        beltAndRoad: true,
        parties: ["country-chn", "country-lao"],
        countries: [{ code: "LAO" }],
        signed: "2016-11",
        summary: { en: "Test memorandum." },
        names: { en: "China–Laos test MoU", zh: "中老测试备忘录" },
      },
      {
        ...activity,
        connectivity: ["soft"],
        status: "4",
        id: "mou-ita",
        kind: "agreement",
        agreementType: "mou",
        beltAndRoad: true,
        parties: ["country-chn", "country-ita"],
        countries: [{ code: "ITA" }],
        signed: "2019-03",
        ended: { date: "2023-12", note: "exit", sources: ["s1"] },
        summary: { en: "Test memorandum that ended." },
        names: { en: "China–Italy test MoU", zh: "中意测试备忘录" },
      },
    ],
    "programmes/programmes.json": [
      {
        ...activity,
        connectivity: ["heart"],
        id: "test-workshops",
        kind: "programme",
        programmeType: "luban-workshop",
        names: { en: "Test workshops", zh: "测试工坊" },
        sites: [{ name: "Site A", country: "KEN", sources: ["s1"] }],
        counts: [
          { metric: "people-trained", value: 100, date: "2020", sources: ["s1"] },
          { metric: "people-trained", value: 250, date: "2023-12", qualifier: "more-than", sources: ["s1"] },
          { metric: "workshops", value: 3, date: "2023-12", sources: ["s1"] },
        ],
      },
    ],
    "services/services.json": [
      {
        ...activity,
        id: "test-express",
        kind: "service",
        mode: "rail",
        corridor: "test",
        names: { en: "Test Express", zh: "测试班列" },
        stops: [
          { name: "Xi'an", country: "CHN", role: "origin", coordinates: [108.94, 34.26] },
          { name: "Duisburg", country: "DEU", role: "destination", coordinates: [6.76, 51.43] },
        ],
      },
      {
        ...activity,
        id: "test-city-express",
        kind: "service",
        mode: "rail",
        corridor: "test",
        names: { en: "Test City Express", zh: "测试城市班列" },
        related: [{ id: "test-express", type: "1" }],
        stops: [
          { name: "A", country: "CHN", role: "origin" },
          { name: "B", country: "POL", role: "destination" },
        ],
      },
    ],
    "freight-statistics/stats.json": [
      { id: "t-2019", service: "test-express", period: { start: "2019", end: "2019" }, trips: 10, sources: src },
      { id: "t-2020", service: "test-express", period: { start: "2020-01", end: "2020-12" }, trips: 20, sources: src },
      {
        id: "t-2021-part",
        service: "test-express",
        period: { start: "2021-01", end: "2021-11" },
        trips: 25,
        sources: src,
      },
      {
        id: "t-2020-city",
        service: "test-express",
        scope: { city: "A" },
        period: { start: "2020", end: "2020" },
        trips: 7,
        sources: src,
      },
      {
        id: "t-2020-child",
        service: "test-city-express",
        period: { start: "2020", end: "2020" },
        trips: 7,
        sources: src,
      },
    ],
    "commitments/commitments.json": [],
    "published/figures.json": {
      description: "test",
      figures: [
        {
          key: "projects",
          text: "more than 1 test project",
          value: 1,
          qualifier: "more-than",
          unit: "projects",
          date: "2020",
          source: { title: "Test", publisher: "Beltroad tests" },
        },
      ],
    },
    "money/exchange-rates.json": {
      description: "test rates",
      sources: src,
      currencies: { CNY: { unitsPerUsd: { "2015": 6.2, "2016": 6.5 }, sources: ["s1"] } },
    },
    "money/deflator.json": {
      description: "test deflator",
      series: "test",
      baseYear: 2021,
      sources: src,
      index: { "2015": 96, "2016": 100, "2021": 120 },
    },
  };
}

/** What `headlineStats` must give for the fixture, worked out by hand. */
export const FIXTURE_STATS = {
  projects: 2,
  // LAO, KEN (projects), ITA (agreement), DEU, POL (services); CHN excluded
  partnerCountries: 5,
  // LAO only: Italy's document ended
  cooperationCountries: 1,
  agreements: 2,
  programmes: 1,
  // 62 CNY / 6.2 = 10 USD (2015) × 120/96 = 12.5; + 100 USD (2021) = 112.5 → 113; KES has no rate; the 99,999 is not for aggregates
  committedUsdConstant: 113,
  peopleTrained: 250,
  // city-scoped, partial-year and child-service figures are not totals
  freightTripsByYear: { "2019": 10, "2020": 20 },
};

/** Writes the fixture (optionally changed by `edit`) to a new temporary folder and returns its path. */
export function writeFixture(edit?: (files: Record<string, unknown>) => void): string {
  const files = fixtureFiles();
  edit?.(files);
  const dir = mkdtempSync(join(tmpdir(), "beltroad-fixture-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}
