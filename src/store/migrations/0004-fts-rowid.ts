import type { Kysely, Migration } from "kysely";
import type { Engine } from "../engine.ts";

/**
 * Full text keyed for cheap writes. On SQLite the index of 0001 was keyed by
 * an unindexed `id` column, so replacing one record's entry scanned the whole
 * index (quadratic imports); it is rebuilt keyed by the records' rowid, with
 * its entries carried over. PostgreSQL's table is keyed by id already.
 */
export function ftsRowidMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await engine.rekeyFullTextIndex(db);
    },
  };
}
