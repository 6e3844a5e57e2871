import { isCode } from "../../core/codelists/index.ts";
import { attr, child, type XNode } from "../xml/tree.ts";
import { datePart, decimal, localized, type MapContext, narratives, type OrgRef } from "./map-context.ts";
import type { Mapped } from "./map-places.ts";

const SRC = ["iati"];

/** An amount in a known currency from a `value` element (its own currency, else the activity's default). */
function amountOf(node: XNode | undefined, ctx: MapContext) {
  const amount = decimal(node?.text);
  const currency = (attr(node, "currency") || ctx.defaultCurrency || "").toUpperCase();
  const valueDate = attr(node, "value-date");
  return { amount, currency, valueDate, ok: amount !== undefined && isCode("Currency", currency) };
}

/** The organisation of a provider-org / receiver-org / participating-org element. */
export function orgOf(node: XNode | undefined, ctx: MapContext): OrgRef | undefined {
  if (!node) return undefined;
  const ref = attr(node, "ref") || undefined;
  const names = narratives(node, ctx.lang);
  if (!ref && Object.keys(names).length === 0) return undefined;
  return { ref, names, type: attr(node, "type") || undefined };
}

const TRANSACTION_PARTS = new Set([
  "transaction-type",
  "transaction-date",
  "value",
  "description",
  "provider-org",
  "receiver-org",
  "flow-type",
  "finance-type",
]);

/** transaction → transactions (non-negative amounts in a known currency); the rest is kept verbatim. */
export function mapTransactions(nodes: XNode[], ctx: MapContext): Mapped<Record<string, unknown>> {
  const out: Mapped<Record<string, unknown>> = { items: [], raw: [] };
  nodes.forEach((n, i) => {
    const path = `transaction[${i + 1}]`;
    const type = attr(child(n, "transaction-type"), "code") ?? "";
    const date = attr(child(n, "transaction-date"), "iso-date");
    const value = amountOf(child(n, "value"), ctx);
    const problem = !isCode("TransactionType", type)
      ? `transaction-type "${type}" is not an IATI TransactionType code`
      : !value.ok
        ? `value needs an amount and an ISO 4217 currency (its own or the activity's default-currency)`
        : (value.amount ?? 0) < 0
          ? "a negative amount (a reversal) has no place in Beltroad's transactions"
          : !datePart(date) || (value.valueDate && !datePart(value.valueDate))
            ? "transaction-date and value-date must be dates from year 1000 to 9999"
            : undefined;
    if (problem) {
      ctx.warn(path, `${problem}; kept verbatim`);
      out.raw.push(n);
      return;
    }
    for (const c of n.children)
      if (c.uri === "" && !TRANSACTION_PARTS.has(c.local)) ctx.warn(`transaction/${c.local}`, "not kept");
    const flowType = attr(child(n, "flow-type"), "code");
    const financeType = attr(child(n, "finance-type"), "code");
    const provider = orgOf(child(n, "provider-org"), ctx);
    const receiver = orgOf(child(n, "receiver-org"), ctx);
    out.items.push({
      type,
      date: datePart(date),
      amount: value.amount,
      currency: value.currency,
      valueDate: datePart(value.valueDate),
      provider: provider && ctx.resolveOrg(provider),
      receiver: receiver && ctx.resolveOrg(receiver),
      description: localized(narratives(child(n, "description"), ctx.lang), false)?.text.en,
      flowType: flowType && isCode("FlowType", flowType) ? flowType : undefined,
      financeType: financeType && isCode("FinanceType", financeType) ? financeType : undefined,
      sources: SRC,
    });
  });
  return out;
}

/** budget → budgets (period, amount, currency, value date); the rest is kept verbatim. */
export function mapBudgets(nodes: XNode[], ctx: MapContext): Mapped<Record<string, unknown>> {
  const out: Mapped<Record<string, unknown>> = { items: [], raw: [] };
  nodes.forEach((n, i) => {
    const value = amountOf(child(n, "value"), ctx);
    const type = attr(n, "type");
    const status = attr(n, "status");
    const codesOk = (!type || isCode("BudgetType", type)) && (!status || isCode("BudgetStatus", status));
    const dates = [
      attr(child(n, "period-start"), "iso-date"),
      attr(child(n, "period-end"), "iso-date"),
      value.valueDate,
    ];
    if (!value.ok || !codesOk || dates.some((d) => !datePart(d))) {
      ctx.warn(`budget[${i + 1}]`, "a budget needs IATI codes, an amount and an ISO 4217 currency; kept verbatim");
      out.raw.push(n);
      return;
    }
    out.items.push({
      type,
      status,
      periodStart: datePart(attr(child(n, "period-start"), "iso-date")),
      periodEnd: datePart(attr(child(n, "period-end"), "iso-date")),
      amount: value.amount,
      currency: value.currency,
      valueDate: datePart(value.valueDate),
      sources: SRC,
    });
  });
  return out;
}
