import type { Derived, DerivedTransaction, Share } from "../../core/derive.ts";

type Value = string | number | boolean | null;

/**
 * `Derived` as one flat array of primitives, to cross from the reader worker
 * to the writing thread. Structured cloning writes every object's keys out
 * and reads them back one object at a time: a record's facets as objects took
 * 11 µs to send and 20 µs to receive, most of the hand-over, and the receiving
 * side is the busy writing thread. Layout: `Derived`'s members in `FIELDS`
 * order, a list as its length followed by its members' fields in order. A
 * member missing from `FIELDS` would be dropped: the round-trip tests on every
 * demo and sample record catch it.
 */
export type PackedDerived = readonly Value[];

const FIELDS = [
  "nameEn",
  "nameZh",
  "nameSort",
  "recordType",
  "tags",
  "searchTitle",
  "searchBody",
  "status",
  "connectivity",
  "startYear",
  "endYear",
  "countries",
  "sectors",
  "participants",
  "transactions",
  "committedUsdConstant",
  "unconvertedTransactions",
  "sourceCount",
] as const satisfies ReadonlyArray<keyof Derived>;

const TRANSACTION_FIELDS = [
  "seq",
  "type",
  "date",
  "year",
  "amount",
  "currency",
  "valueDate",
  "usdNominal",
  "usdConstant",
  "aggregate",
  "provider",
  "receiver",
  "conversionProblem",
] as const satisfies ReadonlyArray<keyof DerivedTransaction>;

/** `derived` flattened; `unpackDerived` gives it back, equal in value and key order. */
export function packDerived(derived: Derived): PackedDerived {
  const out: Value[] = [];
  for (const key of FIELDS) {
    switch (key) {
      case "tags":
        out.push(derived.tags.length, ...derived.tags);
        break;
      case "countries":
      case "sectors":
        out.push(derived[key].length);
        for (const s of derived[key]) out.push(s.code, s.percentage, s.share);
        break;
      case "participants":
        out.push(derived.participants.length);
        for (const p of derived.participants) out.push(p.partner, p.role);
        break;
      case "transactions":
        out.push(derived.transactions.length);
        for (const t of derived.transactions) for (const f of TRANSACTION_FIELDS) out.push(t[f]);
        break;
      default:
        out.push(derived[key]);
    }
  }
  return out;
}

/** The `Derived` that `packDerived` flattened. */
export function unpackDerived(packed: PackedDerived): Derived {
  let at = 0;
  const next = () => packed[at++] as never;
  const count = () => packed[at++] as number;
  const shares = (): Share[] => {
    const list: Share[] = [];
    for (let n = count(); n > 0; n--) list.push({ code: next(), percentage: next(), share: next() });
    return list;
  };
  const out: Record<string, unknown> = {};
  for (const key of FIELDS) {
    switch (key) {
      case "tags": {
        const n = count();
        out.tags = packed.slice(at, at + n);
        at += n;
        break;
      }
      case "countries":
      case "sectors":
        out[key] = shares();
        break;
      case "participants": {
        const list: Array<{ partner: string; role: string }> = [];
        for (let n = count(); n > 0; n--) list.push({ partner: next(), role: next() });
        out.participants = list;
        break;
      }
      case "transactions": {
        const list: Record<string, unknown>[] = [];
        for (let n = count(); n > 0; n--) {
          const t: Record<string, unknown> = {};
          for (const f of TRANSACTION_FIELDS) t[f] = next();
          list.push(t);
        }
        out.transactions = list;
        break;
      }
      default:
        out[key] = next();
    }
  }
  return out as unknown as Derived;
}
