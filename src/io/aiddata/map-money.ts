import { isCode } from "../../core/codelists/index.ts";
import type { FieldNote } from "../iati/map-context.ts";
import type { AidDataColumn } from "./columns.ts";
import type { Cells } from "./map-row.ts";
import { FLOW_CLASS, FLOW_TYPE, LOAN_COLUMNS } from "./vocab.ts";

const SRC = ["aiddata"];
const LOAN_ENTRIES = Object.entries(LOAN_COLUMNS) as Array<[AidDataColumn, string]>;

/** A number from a cell (thousands separators allowed), or undefined. */
export function num(v: string): number | undefined {
  if (v === "") return undefined;
  const n = Number(v.includes(",") ? v.replace(/,/g, "") : v);
  return Number.isFinite(n) ? n : undefined;
}
/** Yes/No (and true/1) as a boolean; undefined when empty. */
export const yes = (v: string) => (v === "" ? undefined : /^(yes|true|1)$/i.test(v));
/** A `|`-separated list, each item trimmed. */
export function split(v: string): string[] {
  if (v === "") return [];
  const items = v.split("|");
  for (let i = 0; i < items.length; i++) items[i] = items[i]!.trim();
  return items;
}

/** `2019-12-03`, `12/03/2019` or `2019.0` as a partial ISO date; undefined when it is none of those. */
export function aiddataDate(v: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (us) return `${us[3]}-${us[1]!.padStart(2, "0")}-${us[2]!.padStart(2, "0")}`;
  const year = /^(\d{4})(\.0+)?$/.exec(v);
  return year ? year[1] : undefined;
}

/** The commitment: original currency when AidData gives one in ISO 4217, else nominal USD. */
export function transaction(get: Cells, warnings: FieldNote[], parties: { provider?: string; receiver?: string }) {
  const date = aiddataDate(get("Commitment Date (MM/DD/YYYY)")) ?? aiddataDate(get("Commitment Year"));
  const original = num(get("Amount (Original Currency)"));
  const currency = get("Original Currency").toUpperCase();
  const usd = num(get("Amount (Nominal USD)"));
  const inOriginal = original !== undefined && original >= 0 && isCode("Currency", currency);
  const amount = inOriginal ? original : usd;
  if (amount === undefined || amount < 0) return undefined;
  if (!date) {
    warnings.push({ path: "Commitment Year", message: "an amount without a commitment date or year: no transaction" });
    return undefined;
  }
  const usdNote = inOriginal ? undefined : "nominal USD as published by AidData (no original-currency amount)";
  const estimatedNote = yes(get("Amount Estimated")) ? "amount estimated by AidData" : undefined;
  return {
    type: "2",
    date,
    amount,
    currency: inOriginal ? currency : "USD",
    valueDate: date,
    provider: parties.provider,
    receiver: parties.receiver,
    description: usdNote && estimatedNote ? `${usdNote}; ${estimatedNote}` : (usdNote ?? estimatedNote),
    flowType: FLOW_CLASS[get("Flow Class")],
    financeType: FLOW_TYPE[get("Flow Type")],
    recommendedForAggregates: yes(get("Recommended For Aggregates")) ?? true,
    sources: SRC,
  };
}

/** Loan terms from their columns, or undefined when the row has none. */
export function loanTerms(get: Cells) {
  const terms: Record<string, unknown> = {};
  for (const [col, key] of LOAN_ENTRIES) {
    const v = num(get(col));
    if (v !== undefined) terms[key] = v;
  }
  const first = aiddataDate(get("First Loan Repayment Date"));
  const last = aiddataDate(get("Last Loan Repayment Date"));
  if (first) terms.firstRepayment = first;
  if (last) terms.lastRepayment = last;
  const grant = {
    oecdCashFlow: num(get("Grant Element (OECD Cash-Flow)")),
    oecdGrantEquivalent: num(get("Grant Element (OECD Grant-Equiv)")),
    imf: num(get("Grant Element (IMF)")),
  };
  if (grant.oecdCashFlow !== undefined || grant.oecdGrantEquivalent !== undefined || grant.imf !== undefined)
    terms.grantElement = grant;
  const lenders = num(get("Number of Lenders"));
  if (lenders !== undefined && Number.isInteger(lenders) && lenders > 0) terms.lenders = lenders;
  if (Object.keys(terms).length === 0) return undefined;
  terms.sources = SRC;
  return terms;
}
