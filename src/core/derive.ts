import type { AnyRecord, Connectivity } from "./domain/index.ts";
import { type MoneyConverter, yearOf } from "./money/convert.ts";
import { normalizeText, normalizeTexts } from "./text.ts";

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

/** Shares of unique codes, in first-seen order (a code again is dropped): percentage / 100 when all have one, else equal. */
function withShares(codes: readonly string[], percentages: ReadonlyArray<number | null>): Share[] {
  const given = codes.length > 0 && percentages.every((p) => p !== null);
  return codes.map((code, i) => {
    const percentage = percentages[i] ?? null;
    return { code, percentage, share: given ? (percentage ?? 0) / 100 : 1 / codes.length };
  });
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
  /** How many sources the record cites. */
  readonly sourceCount: number;
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
  const nameEn = record.names.en;
  const nameSort = normalizeText(nameEn);
  // The searched texts are normalised in parts: normalizing `a b` gives the words of `a`, then those of `b`.
  const title: string[] = [];
  for (const name of Object.values(record.names)) {
    const words = name === nameEn ? nameSort : normalizeText(name);
    if (words !== "") title.push(words);
  }
  // The old `id.replace(/-/g, " ")` is not needed: a hyphen is a word break like a space.
  const id = normalizeText(record.id);
  if (id !== "") title.push(id);
  const body: string[] = [];
  if (record.descriptions) for (const d of Object.values(record.descriptions)) body.push(d);
  for (const t of record.tags) body.push(t);
  if (record.kind === "agreement") for (const s of Object.values(record.summary)) body.push(s);
  const nameZh = record.names.zh ?? null;
  const type = recordType(record);
  const tags = unique(record.tags);
  const searchTitle = title.join(" ");
  const searchBody = normalizeTexts(body);
  if (record.kind === "partner") {
    // The same keys in the same order as for other kinds.
    return {
      nameEn,
      nameZh,
      nameSort,
      recordType: type,
      tags,
      searchTitle,
      searchBody,
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
  const countryCodes: string[] = [];
  const countryPercentages: Array<number | null> = [];
  const addCountry = (code: string, percentage: number | null) => {
    if (countryCodes.includes(code)) return;
    countryCodes.push(code);
    countryPercentages.push(percentage);
  };
  // A country listed twice keeps its first place and its last percentage.
  for (const c of record.countries) {
    const at = countryCodes.indexOf(c.code);
    if (at >= 0) countryPercentages[at] = c.percentage ?? null;
    else {
      countryCodes.push(c.code);
      countryPercentages.push(c.percentage ?? null);
    }
  }
  if (record.kind === "programme") for (const s of record.sites) addCountry(s.country, null);
  if (record.kind === "service") for (const s of record.stops) addCountry(s.country, null);
  const sectorCodes: string[] = [];
  const sectorPercentages: Array<number | null> = [];
  for (const s of record.sectors)
    if (!sectorCodes.includes(s.code)) {
      sectorCodes.push(s.code);
      sectorPercentages.push(s.percentage ?? null);
    }
  const participants: Array<{ partner: string; role: string }> = [];
  // A linear search is cheaper than a set of keys for the few participants most records have.
  let seen: Set<string> | undefined;
  const addParticipant = (partner: string, role: string) => {
    if (participants.length >= 16) {
      seen ??= new Set(participants.map((p) => `${p.partner}|${p.role}`));
      const key = `${partner}|${role}`;
      if (seen.has(key)) return;
      seen.add(key);
    } else for (const p of participants) if (p.partner === partner && p.role === role) return;
    participants.push({ partner, role });
  };
  for (const p of record.participants) addParticipant(p.partner, p.role);
  if (record.kind === "agreement") for (const p of record.parties) addParticipant(p, "party");
  if (record.kind === "service") for (const p of record.operators) addParticipant(p, "operator");

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
    nameEn,
    nameZh,
    nameSort,
    recordType: type,
    tags,
    searchTitle,
    searchBody,
    status: record.status,
    connectivity: connectivityBits(record.connectivity),
    startYear: startYear(record),
    endYear: endYear(record),
    countries: withShares(countryCodes, countryPercentages),
    sectors: withShares(sectorCodes, sectorPercentages),
    participants,
    transactions,
    committedUsdConstant: committed,
    unconvertedTransactions: unconverted,
    sourceCount: record.sources.length,
  };
}

/** The items without repeats, in first-seen order. */
function unique(items: readonly string[]): string[] {
  if (items.length > 16) return [...new Set(items)];
  const out: string[] = [];
  for (const i of items) if (!out.includes(i)) out.push(i);
  return out;
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
