import { type DatasetIssue, validateDataset } from "../core/dataset.ts";
import { derive } from "../core/derive.ts";
import { AppError } from "../core/errors.ts";
import type { Db } from "../store/database.ts";
import { upsertStatistic } from "../store/freight-statistic.repository.ts";
import { migrateToLatest } from "../store/migrate.ts";
import { upsertRecords, type WriteOutcome } from "../store/record.repository.ts";
import { readDataFiles } from "./data-files.ts";
import { loadMoneyTables } from "./money.service.ts";

export interface SeedReport {
  readonly files: number;
  readonly records: Record<WriteOutcome, number>;
  readonly statistics: Record<WriteOutcome, number>;
  /** Commitments whose currency or year has no exchange rate: kept in original currency, left out of USD totals. */
  readonly unconverted: Array<{ record: string; transaction: number; reason: string }>;
}

/** Reads and validates the whole dataset; throws `invalid_dataset` with every issue, touching nothing. */
export function loadDataset(dataDir: string) {
  const read = readDataFiles(dataDir);
  const money = loadMoneyTables(dataDir);
  const dataset = validateDataset(read.files);
  const issues: DatasetIssue[] = [...read.issues, ...money.issues, ...dataset.issues];
  if (issues.length > 0 || !money.tables) {
    throw new AppError("invalid_dataset", `the dataset in ${dataDir} has ${issues.length} problem(s)`, { issues });
  }
  return { ...dataset, money: money.tables, files: read.files.length };
}

/**
 * Migrates, validates the dataset in `dataDir`, then writes every record and
 * statistic in one transaction. Any problem stops it before the first write;
 * a failure during the writes rolls everything back. Running it twice
 * changes nothing the second time.
 *
 * @example
 *   const report = await seed(store, DEFAULT_DATA_DIR);
 */
export async function seed(store: Db, dataDir: string, by = "seed"): Promise<SeedReport> {
  const { records, statistics, money, files } = loadDataset(dataDir);
  const migrated = await migrateToLatest(store);
  if (migrated.error)
    throw new AppError("migration_failed", "database migration failed", undefined, { cause: migrated.error });
  const now = new Date().toISOString();
  const counts = (): Record<WriteOutcome, number> => ({ inserted: 0, updated: 0, unchanged: 0 });
  const report = { files, records: counts(), statistics: counts(), unconverted: [] as SeedReport["unconverted"] };
  await store.db.transaction().execute(async (tx) => {
    const writes = records.map((record) => {
      const derived = derive(record, money.converter);
      derived.transactions.forEach((t) => {
        if (t.conversionProblem && t.aggregate)
          report.unconverted.push({ record: record.id, transaction: t.seq, reason: t.conversionProblem });
      });
      return { record, derived };
    });
    for (const outcome of await upsertRecords(tx, store.engine, writes, { by, now })) report.records[outcome] += 1;
    for (const stat of statistics) report.statistics[await upsertStatistic(tx, stat, now, by)] += 1;
  });
  return report;
}
