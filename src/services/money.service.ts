import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import type { DatasetIssue } from "../core/dataset.ts";
import { fieldPath } from "../core/dataset.ts";
import { createMoneyConverter, type MoneyConverter } from "../core/money/convert.ts";
import { DeflatorTable, ExchangeRateTable } from "../core/money/tables.ts";

export interface MoneyTables {
  readonly rates: ExchangeRateTable;
  readonly deflator: DeflatorTable;
  readonly converter: MoneyConverter;
}

/**
 * Reads and validates `money/exchange-rates.json` and `money/deflator.json`
 * under `dataDir`; problems come back as issues naming file and field.
 */
export function loadMoneyTables(dataDir: string): { tables?: MoneyTables; issues: DatasetIssue[] } {
  const issues: DatasetIssue[] = [];
  const read = <T>(name: string, schema: z.ZodType<T>): T | undefined => {
    const file = join(dataDir, "money", name);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      issues.push({ file, message: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    for (const i of parsed.error.issues) issues.push({ file, field: fieldPath(i.path), message: i.message });
    return undefined;
  };
  const rates = read("exchange-rates.json", ExchangeRateTable);
  const deflator = read("deflator.json", DeflatorTable);
  if (!rates || !deflator) return { issues };
  if (deflator.index[String(deflator.baseYear)] === undefined) {
    issues.push({
      file: join(dataDir, "money/deflator.json"),
      field: "index",
      message: `no value for the base year ${deflator.baseYear}`,
    });
    return { issues };
  }
  return { tables: { rates, deflator, converter: createMoneyConverter(rates, deflator) }, issues };
}
