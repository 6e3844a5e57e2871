import type { AnyRecord, Connectivity } from "./domain/index.ts";
import { type MoneyConverter, yearOf } from "./money/convert.ts";
import { normalizeText } from "./text.ts";

/** Transaction types that commit money (IATI: 2 outgoing commitment, 11 incoming commitment). */
export const COMMITMENT_TYPES: ReadonlySet<string> = new Set(["2", "11"]);

const CONNECTIVITY_BITS: Record<Connectivity, number> = { hard: 1, soft: 2, heart: 4 };

/** Bit set of connectivity kinds (1 hard, 2 soft, 4 heart). */
export function connectivityBits(kinds: readonly Connectivity[]): number {
  return kinds.reduce((bits, k) => bits | CONNECTIVITY_BITS[k], 0);
}

/** A country or sector of a record with its share for aggregates (percentage / 100, else split equally). */
export interface Share {
  readonly code: string;
  readonly percentage: number | null;
  readonly share: number;
}

function withShares(items: ReadonlyArray<{ code: string; percentage: number | null }>): Share[] {
  const given = items.every((i) => i.percentage !== null) && items.length > 0;
  return items.map((i) => ({ ...i, share: given ? (i.percentage ?? 0) / 100 : 1 / items.length }));
}

/** The kind's own type field (projectType, agreementType, programmeType, partnerType, service mode). */
export function recordType(record: AnyRecord): string | null {
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

export interface DerivedTransaction {
  readonly seq: number;
  readonly type: string;
  readonly date: string;
  readonly year: number;
  readonly amount: number;
  readonly currency: string;
  readonly valueDate: string | null;
  readonly usdNominal: number | null;
  readonly usdConstant: number | null;
  readonly aggregate: boolean;
  readonly provider: string | null;
  readonly receiver: string | null;
  readonly conversionProblem: string | null;
}

/** The facets of a record that the store indexes for filtering, aggregation and search. */
export interface Derived {
  readonly nameEn: string;
  readonly nameZh: string | null;
  readonly nameSort: string;
  readonly recordType: string | null;
  readonly status: string | null;
  readonly connectivity: number;
  readonly startYear: number | null;
  readonly endYear: number | null;
  readonly countries: readonly Share[];
  readonly sectors: readonly Share[];
  readonly tags: readonly string[];
  readonly participants: ReadonlyArray<{ partner: string; role: string }>;
  readonly transactions: readonly DerivedTransaction[];
  /** Sum of the converted commitments that are recommended for aggregates. */
  readonly committedUsdConstant: number;
  readonly unconvertedTransactions: number;
  readonly searchTitle: string;
  readonly searchBody: string;
}

/**
 * Computes the indexed facets of a record. Pure: money conversion comes in as an argument.
 *
 * @example
 *   derive(project, money).committedUsdConstant
 */
export function derive(record: AnyRecord, money: MoneyConverter): Derived {
  const names = Object.values(record.names).join(" ");
  const body = [
    ...Object.values(record.descriptions ?? {}),
    ...record.tags,
    ...(record.kind === "agreement" ? Object.values(record.summary) : []),
  ].join(" ");
  const common = {
    nameEn: record.names.en,
    nameZh: record.names.zh ?? null,
    nameSort: normalizeText(record.names.en),
    recordType: recordType(record),
    tags: [...new Set(record.tags)],
    searchTitle: normalizeText(`${names} ${record.id.replace(/-/g, " ")}`),
    searchBody: normalizeText(body),
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
