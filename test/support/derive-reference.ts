import type { Derived, DerivedTransaction, Share } from "../../src/core/derive.ts";
import type { AnyRecord, Connectivity } from "../../src/core/domain/index.ts";
import { type MoneyConverter, yearOf } from "../../src/core/money/convert.ts";

/**
 * The implementations of `normalizeText` and `derive` before they were made
 * fast, kept verbatim as the reference that the equivalence tests and
 * `bench/derive.ts` compare the fast ones with. Not used by the product.
 */

/**
 * `normalizeText` as it was: NFKD, marks dropped, lower case, apostrophes
 * dropped, other non-letters/digits as spaces, CJK characters spaced out.
 *
 * @example
 *   referenceNormalizeText("Xi’an–Duisburg 中老铁路") // "xian duisburg 中 老 铁 路"
 */
export function referenceNormalizeText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’ʼ`´]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .replace(/([\u3400-\u9fff\uf900-\ufaff])/gu, " $1 ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * `derive` as it was.
 *
 * @example
 *   expect(derive(record, money)).toEqual(referenceDerive(record, money))
 */
export function referenceDerive(record: AnyRecord, money: MoneyConverter): Derived {
  const names = Object.values(record.names).join(" ");
  const body = [
    ...Object.values(record.descriptions ?? {}),
    ...record.tags,
    ...(record.kind === "agreement" ? Object.values(record.summary) : []),
  ].join(" ");
  const common = {
    nameEn: record.names.en,
    nameZh: record.names.zh ?? null,
    nameSort: referenceNormalizeText(record.names.en),
    recordType: recordType(record),
    tags: [...new Set(record.tags)],
    searchTitle: referenceNormalizeText(`${names} ${record.id.replace(/-/g, " ")}`),
    searchBody: referenceNormalizeText(body),
  };
  if (record.kind === "partner") {
    return {
      ...common,
      status: null,
      connectivity: 0,
      startYear: null,
      endYear: null,
      countries: record.country ? [{ code: record.country, percentage: null, share: 1 }] : [],
      sectors: [],
      participants: [],
      transactions: [],
      committedUsdConstant: 0,
      unconvertedTransactions: 0,
      sourceCount: record.sources.length,
    };
  }
  const countries = new Map<string, number | null>();
  for (const c of record.countries) countries.set(c.code, c.percentage ?? null);
  if (record.kind === "programme")
    for (const s of record.sites) if (!countries.has(s.country)) countries.set(s.country, null);
  if (record.kind === "service")
    for (const s of record.stops) if (!countries.has(s.country)) countries.set(s.country, null);
  const participants = new Map<string, { partner: string; role: string }>();
  for (const p of record.participants) participants.set(`${p.partner}|${p.role}`, { partner: p.partner, role: p.role });
  if (record.kind === "agreement")
    for (const p of record.parties) participants.set(`${p}|party`, { partner: p, role: "party" });
  if (record.kind === "service")
    for (const p of record.operators) participants.set(`${p}|operator`, { partner: p, role: "operator" });

  let committed = 0;
  let unconverted = 0;
  const transactions = record.transactions.map((t, seq): DerivedTransaction => {
    const year = yearOf(t.valueDate ?? t.date);
    const c = money.convert(t.amount, t.currency, year);
    const aggregate = t.recommendedForAggregates;
    if (aggregate && COMMITMENT_TYPES.has(t.type)) {
      if (c.ok) committed += c.usdConstant;
      else unconverted += 1;
    }
    return {
      seq,
      type: t.type,
      date: t.date,
      year: yearOf(t.date),
      amount: t.amount,
      currency: t.currency,
      valueDate: t.valueDate ?? null,
      usdNominal: c.ok ? c.usdNominal : null,
      usdConstant: c.ok ? c.usdConstant : null,
      aggregate,
      provider: t.provider ?? null,
      receiver: t.receiver ?? null,
      conversionProblem: c.ok ? null : c.reason,
    };
  });
  return {
    ...common,
    status: record.status,
    connectivity: connectivityBits(record.connectivity),
    startYear: startYear(record),
    endYear: endYear(record),
    countries: withShares([...countries].map(([code, percentage]) => ({ code, percentage }))),
    sectors: withShares(dedupe(record.sectors.map((s) => ({ code: s.code, percentage: s.percentage ?? null })))),
    participants: [...participants.values()],
    transactions,
    committedUsdConstant: committed,
    unconvertedTransactions: unconverted,
    sourceCount: record.sources.length,
  };
}

function dedupe<T extends { code: string }>(items: T[]): T[] {
  const seen = new Map<string, T>();
  for (const i of items) if (!seen.has(i.code)) seen.set(i.code, i);
  return [...seen.values()];
}

/** The year a record began: actual start, else planned start, else signing/announcement, else first commitment. */
function startYear(record: Exclude<AnyRecord, { kind: "partner" }>): number | null {
  const pick = (type: string) => record.dates.find((d) => d.type === type)?.date;
  const date =
    pick("2") ??
    pick("1") ??
    (record.kind === "agreement" ? record.signed : undefined) ??
    (record.kind === "commitment" ? record.announced : undefined) ??
    record.transactions.find((t) => COMMITMENT_TYPES.has(t.type))?.date;
  return date ? yearOf(date) : null;
}

function endYear(record: Exclude<AnyRecord, { kind: "partner" }>): number | null {
  const date = record.dates.find((d) => d.type === "4")?.date ?? record.dates.find((d) => d.type === "3")?.date;
  return date ? yearOf(date) : null;
}

/** Transaction types that commit money (IATI: 2 outgoing commitment, 11 incoming commitment). */
const COMMITMENT_TYPES: ReadonlySet<string> = new Set(["2", "11"]);

const CONNECTIVITY_BITS: Record<Connectivity, number> = { hard: 1, soft: 2, heart: 4 };

/** Bit set of connectivity kinds (1 hard, 2 soft, 4 heart). */
function connectivityBits(kinds: readonly Connectivity[]): number {
  return kinds.reduce((bits, k) => bits | CONNECTIVITY_BITS[k], 0);
}

function withShares(items: ReadonlyArray<{ code: string; percentage: number | null }>): Share[] {
  const given = items.every((i) => i.percentage !== null) && items.length > 0;
  return items.map((i) => ({ ...i, share: given ? (i.percentage ?? 0) / 100 : 1 / items.length }));
}

/** The kind's own type field (projectType, agreementType, programmeType, partnerType, service mode). */
function recordType(record: AnyRecord): string | null {
  switch (record.kind) {
    case "partner":
      return record.partnerType;
    case "project":
      return record.projectType;
    case "agreement":
      return record.agreementType;
    case "programme":
      return record.programmeType;
    case "service":
      return record.mode;
    case "commitment":
      return null;
  }
}
