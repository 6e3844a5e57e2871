import { rmSync } from "node:fs";
import Sqlite from "better-sqlite3";
import { derive } from "../../src/core/derive.ts";
import type { AnyRecord } from "../../src/core/domain/index.ts";
import type { MoneyConverter } from "../../src/core/money/convert.ts";
import { startCheckpointer } from "../../src/store/checkpointer.ts";
import { configureSqlite, openDatabase } from "../../src/store/database.ts";
import { migrateToLatest } from "../../src/store/migrate.ts";

/** Tables with one or more rows per record, and the column naming the record. */
const PER_RECORD: ReadonlyArray<readonly [table: string, key: string, where?: string]> = [
  ["record_versions", "record_id"],
  ["record_countries", "record_id"],
  ["record_sectors", "record_id"],
  ["record_tags", "record_id"],
  ["record_participants", "record_id"],
  ["transactions", "record_id"],
  ["audit_log", "entity_id", "entity = 'record'"],
  ["record_provenance", "record_id"],
];

type Row = unknown[];

/**
 * The schema's floor: what storing exactly what an import stored costs SQLite
 * alone, the lower bound of any importer of this schema on this machine. The
 * rows the import wrote into `source` (records, versions, facets, audit entries,
 * provenance; the full-text entries worked out again from the documents, as the
 * import did) are read back `batch` records at a time and inserted into a fresh
 * database at `target` — same migrations, same pragmas — with prepared
 * single-row statements, one transaction per batch, in the order they were
 * written, and no application code in between: no parsing, validation,
 * mapping, JSON, hashing, query building or thread hand-over. Returns the time
 * of those inserts and commits only (reading the batches back is not counted).
 * The log is checkpointed by another thread, as imports do, unless
 * `backgroundCheckpoints` is false (then by the writing connection, SQLite's default).
 *
 * @example
 *   const { seconds } = await schemaFloor("/tmp/bench/aiddata-worker.db", "/tmp/bench/floor-schema.db", money);
 */
export async function schemaFloor(
  source: string,
  target: string,
  money: MoneyConverter,
  batch = 500,
  backgroundCheckpoints = true,
): Promise<{ seconds: number; cpuSeconds: number; records: number }> {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${target}${suffix}`, { force: true });
  const store = openDatabase({ sqlite: target });
  await migrateToLatest(store);
  await store.close();
  const from = new Sqlite(source, { readonly: true });
  const db = configureSqlite(new Sqlite(target));
  // As imports do (`withBackgroundCheckpoints`): the log is checkpointed by another thread.
  if (backgroundCheckpoints) db.pragma("wal_autocheckpoint = 0");
  const checkpointer = backgroundCheckpoints ? startCheckpointer(target) : undefined;
  const columnsOf = (table: string) =>
    from
      .prepare(`SELECT * FROM ${table} LIMIT 1`)
      .columns()
      .map((c) => c.name);
  const insert = (table: string, columns: readonly string[]) =>
    db.prepare(
      `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    );
  const insertRun = insert("import_runs", columnsOf("import_runs"));
  for (const run of from.prepare("SELECT * FROM import_runs").raw().all() as Row[]) insertRun.run(run);
  const recordColumns = columnsOf("records");
  const docAt = recordColumns.indexOf("doc");
  const readRecords = from.prepare("SELECT * FROM records WHERE rowid > ? ORDER BY rowid LIMIT ?").raw();
  const insertRecord = insert("records", recordColumns);
  const insertText = db.prepare("INSERT INTO records_fts (rowid, id, kind, title, body) VALUES (?, ?, ?, ?, ?)");
  const tables = PER_RECORD.map(([table, key, where]) => {
    const columns = columnsOf(table);
    // Read a batch's rows by the records' rowid range, in the order the import wrote them.
    const read = from
      .prepare(
        `SELECT t.* FROM ${table} t WHERE ${where ?? "1"} AND t.${key} IN (SELECT id FROM records WHERE rowid > ? AND rowid <= ?)${table === "audit_log" ? " ORDER BY seq" : ""}`,
      )
      .raw();
    return { at: columns.indexOf(key), read, statement: insert(table, columns) };
  });
  const head = db.prepare("UPDATE audit_head SET seq = seq + 1 WHERE id = 1");

  let seconds = 0;
  let cpuMicros = 0;
  let count = 0;
  for (let after = 0; ; ) {
    // Reading the batch back and working out its full text is not timed.
    const records = readRecords.all(after, batch) as Row[];
    if (records.length === 0) break;
    const last = Number(
      from.prepare("SELECT rowid FROM records WHERE id = ?").pluck().get(records.at(-1)![0]) as number,
    );
    const texts = records.map((r) => {
      const record = JSON.parse(r[docAt] as string) as AnyRecord;
      const d = derive(record, money);
      return [record.id, record.kind, d.searchTitle, d.searchBody];
    });
    const rows = tables.map(({ at, read }) => {
      const byRecord = new Map<unknown, Row[]>();
      for (const row of read.all(after, last) as Row[]) {
        const list = byRecord.get(row[at]);
        if (list) list.push(row);
        else byRecord.set(row[at], [row]);
      }
      return byRecord;
    });
    after = last;
    count += records.length;

    const cpu = process.cpuUsage();
    const started = performance.now();
    db.transaction(() => {
      records.forEach((row, i) => {
        const rowid = insertRecord.run(row).lastInsertRowid;
        insertText.run(rowid, ...texts[i]!);
        tables.forEach(({ statement }, t) => {
          for (const r of rows[t]!.get(row[0]) ?? []) statement.run(r);
        });
      });
      head.run();
    })();
    seconds += (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    cpuMicros += used.user + used.system;
  }
  await checkpointer?.stop();
  from.close();
  db.close();
  return { seconds, cpuSeconds: cpuMicros / 1e6, records: count };
}
