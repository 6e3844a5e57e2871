import type Database from "better-sqlite3";
import { normalizeText } from "../../src/core/text.ts";

/** A small deterministic PRNG (mulberry32), so every run generates the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks index i with probability ∝ 1/(i+1)^s: a few countries and sectors dominate, as in AidData. */
function zipf(random: () => number, n: number, s = 1.05): () => number {
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
  const total = weights.reduce((a, b) => a + b, 0);
  const cdf: number[] = [];
  let acc = 0;
  for (const w of weights) {
    acc += w / total;
    cdf.push(acc);
  }
  return () => {
    const x = random();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] ?? 1) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const SECTORS = [
  "21030",
  "21020",
  "21040",
  "23210",
  "23230",
  "23220",
  "23630",
  "32130",
  "32110",
  "22040",
  "25010",
  "33120",
  "11330",
  "31161",
  "31182",
  "43040",
  "41010",
  "21050",
  "21061",
  "23110",
  "23640",
  "12220",
  "14020",
  "15110",
  "16010",
];
const TYPES = [
  "rail",
  "road",
  "port",
  "power",
  "power",
  "power",
  "power",
  "industrial-park",
  "industrial-park",
  "digital",
  "other",
  "other",
  "livelihood",
  "livelihood",
  "livelihood",
  "livelihood",
  "other",
  "other",
  "other",
  "power",
  "pipeline",
  "livelihood",
  "other",
  "other",
  "other",
];
const WORDS = [
  "railway",
  "highway",
  "port",
  "bridge",
  "hydropower",
  "solar",
  "wind",
  "grid",
  "industrial",
  "park",
  "fibre",
  "hospital",
  "school",
  "water",
  "irrigation",
  "housing",
  "airport",
  "terminal",
  "pipeline",
  "stadium",
  "training",
  "agriculture",
  "logistics",
  "expressway",
  "metro",
  "tunnel",
  "dam",
  "substation",
  "cement",
  "steel",
];
const STATUS = ["1", "2", "2", "2", "3", "3", "3", "3", "4", "5", "6"];

/**
 * Fills an empty, migrated SQLite database with `n` synthetic projects with realistic skew
 * (countries and sectors Zipf-distributed, lognormal amounts, 1–3 countries each), plus
 * their facets, one commitment transaction and the full-text index. Clearly fake names.
 */
export function generateProjects(
  db: Database.Database,
  n: number,
  countries: readonly string[],
  onProgress?: (done: number) => void,
): void {
  const random = rng(20261126);
  const pickCountry = zipf(random, countries.length);
  const pickSector = zipf(random, SECTORS.length, 0.9);
  const now = new Date().toISOString();
  const insRecord = db.prepare(
    `INSERT INTO records (id, kind, name_en, name_zh, name_sort, record_type, status, connectivity, start_year, end_year,
      committed_usd_constant, unconverted_transactions, source_count, workflow, doc, version, created_at, updated_at)
     VALUES (?, 'project', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1, 'published', ?, 1, ?, ?)`,
  );
  const insCountry = db.prepare(
    "INSERT INTO record_countries (record_id, country, percentage, share) VALUES (?, ?, NULL, ?)",
  );
  const insSector = db.prepare(
    "INSERT INTO record_sectors (record_id, sector, percentage, share) VALUES (?, ?, NULL, 1)",
  );
  const insTag = db.prepare("INSERT INTO record_tags (record_id, tag) VALUES (?, ?)");
  const insTx = db.prepare(
    `INSERT INTO transactions (record_id, seq, type, date, year, amount, currency, value_date, usd_nominal, usd_constant, aggregate, provider, receiver)
     VALUES (?, 0, '2', ?, ?, ?, 'USD', NULL, ?, ?, 1, NULL, NULL)`,
  );
  // The full-text entry shares the record's rowid (migration 0004), as the engine writes it.
  const insFts = db.prepare("INSERT INTO records_fts (rowid, id, kind, title, body) VALUES (?, ?, 'project', ?, ?)");
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = `synthetic-${i}`;
      const codes = new Set<string>();
      const howMany = random() < 0.85 ? 1 : random() < 0.7 ? 2 : 3;
      while (codes.size < howMany) codes.add(countries[pickCountry()] ?? "KEN");
      const sector = pickSector();
      const type = TYPES[sector] ?? "other";
      const w1 = WORDS[Math.floor(random() * WORDS.length)] ?? "project";
      const w2 = WORDS[Math.floor(random() * WORDS.length)] ?? "works";
      const first = [...codes][0] ?? "KEN";
      const name = `${first} ${w1} ${w2} project ${i}`;
      const year = 2000 + Math.floor(random() * 26);
      const usd = Math.exp(15 + random() * 6 + random() * 2);
      const status = STATUS[Math.floor(random() * STATUS.length)] ?? "2";
      const connectivity = type === "livelihood" ? (random() < 0.5 ? 4 : 6) : 1;
      const description = `Synthetic ${w1} ${w2} works in ${[...codes].join(", ")} for benchmarking; commitment year ${year}.`;
      const doc = JSON.stringify({
        id,
        kind: "project",
        projectType: type,
        names: { en: name, zh: `合成项目 ${i}` },
        descriptions: { en: description },
        connectivity: connectivity === 1 ? ["hard"] : connectivity === 4 ? ["heart"] : ["soft", "heart"],
        status,
        tags: ["synthetic"],
        countries: [...codes].map((code) => ({ code })),
        sectors: [{ code: SECTORS[sector] }],
        dates: [{ type: "2", date: String(year), sources: ["s1"] }],
        transactions: [
          {
            type: "2",
            date: String(year),
            amount: Math.round(usd),
            currency: "USD",
            recommendedForAggregates: true,
            sources: ["s1"],
          },
        ],
        sources: [{ key: "s1", title: "Synthetic benchmark record", publisher: "Beltroad bench" }],
      });
      const { lastInsertRowid } = insRecord.run(
        id,
        name,
        `合成项目 ${i}`,
        normalizeText(name),
        type,
        status,
        connectivity,
        year,
        null,
        usd,
        doc,
        now,
        now,
      );
      for (const c of codes) insCountry.run(id, c, 1 / codes.size);
      insSector.run(id, SECTORS[sector]);
      insTag.run(id, "synthetic");
      insTx.run(id, String(year), year, Math.round(usd), usd, usd);
      insFts.run(
        lastInsertRowid,
        id,
        normalizeText(`${name} 合成项目 ${i} ${id.replace(/-/g, " ")}`),
        normalizeText(description),
      );
    }
  });
  const step = 5_000;
  for (let from = 0; from < n; from += step) {
    batch(from, Math.min(n, from + step));
    onProgress?.(Math.min(n, from + step));
  }
}

export const BENCH_WORDS = WORDS;
