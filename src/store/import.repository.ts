import type { Kysely, Transaction } from "kysely";
import { type Engine, insertRows } from "./engine.ts";
import type { Database } from "./schema.ts";

/** Tables of migration 0002-imports (a type alias: Kysely needs an index-signature-compatible type). */
export type ImportTables = {
  import_runs: {
    id: string;
    format: string;
    file: string;
    by: string;
    mode: string;
    started_at: string;
    finished_at: string | null;
    status: string;
    imported: number;
    updated: number;
    unchanged: number;
    skipped: number;
    report: string | null;
  };
  /** A record's part in a run; the run's file, time and importer are in `import_runs` (0005-lean-writes). */
  record_provenance: {
    record_id: string;
    run_id: string;
    position: string;
    outcome: string;
  };
};

type Tx = Kysely<Database> | Transaction<Database>;
const t = (db: Tx) => db.withTables<ImportTables>();

/** A run as it starts: what, from where, by whom, how. */
export interface RunStart {
  readonly id: string;
  readonly format: string;
  readonly file: string;
  readonly by: string;
  readonly mode: "per-batch" | "all-or-nothing";
  readonly startedAt: string;
}

/** How a run ended: all rows in; some rows skipped; stopped by a fatal problem; rolled back (all-or-nothing). */
export type RunStatus = "completed" | "completed-with-errors" | "failed" | "rolled-back";

/** How a run ended, with its counts and (JSON) report. */
export interface RunEnd {
  readonly status: RunStatus;
  readonly finishedAt: string;
  readonly imported: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly report: string;
}

/** Records that an import began (outside the import's own transactions, so a failed run is still listed). */
export async function startRun(db: Tx, run: RunStart): Promise<void> {
  await t(db)
    .insertInto("import_runs")
    .values({
      ...pick(run),
      started_at: run.startedAt,
      finished_at: null,
      status: "running",
      imported: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      report: null,
    })
    .execute();
}

function pick(run: RunStart) {
  return { id: run.id, format: run.format, file: run.file, by: run.by, mode: run.mode };
}

/** Records how an import ended. */
export async function finishRun(db: Tx, id: string, end: RunEnd): Promise<void> {
  const { finishedAt, ...rest } = end;
  await t(db)
    .updateTable("import_runs")
    .set({ ...rest, finished_at: finishedAt })
    .where("id", "=", id)
    .execute();
}

/** One provenance row per record an import wrote or found unchanged. */
export interface ProvenanceRow {
  readonly recordId: string;
  readonly position: string;
  readonly outcome: string;
}

/** Adds provenance rows for a run (inside the batch's transaction, so they commit or roll back with it). */
export async function addProvenance(
  tx: Tx,
  engine: Engine,
  run: { readonly id: string },
  rows: readonly ProvenanceRow[],
): Promise<void> {
  await insertRows(
    tx,
    engine,
    "record_provenance",
    ["record_id", "run_id", "position", "outcome"],
    rows.map((r) => [r.recordId, run.id, r.position, r.outcome]),
    "ON CONFLICT (record_id, run_id) DO NOTHING",
  );
}

/** Where a record came from: every import run that wrote or confirmed it, newest first. */
export async function provenanceOf(db: Tx, recordId: string) {
  return t(db)
    .selectFrom("record_provenance")
    .innerJoin("import_runs", "import_runs.id", "record_provenance.run_id")
    .select([
      "record_provenance.run_id as runId",
      "import_runs.file as file",
      "record_provenance.position as position",
      "record_provenance.outcome as outcome",
      "import_runs.started_at as importedAt",
      "import_runs.by as by",
      "import_runs.format as format",
    ])
    .where("record_provenance.record_id", "=", recordId)
    .orderBy("import_runs.started_at", "desc")
    .execute();
}

/** An import run by id. */
export async function findRun(db: Tx, id: string) {
  return t(db).selectFrom("import_runs").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The stored documents (and kinds) of the given ids, for matching and dry runs. */
export async function existingDocs(
  db: Tx,
  ids: readonly string[],
): Promise<Map<string, { kind: string; doc: string; workflow: string }>> {
  const out = new Map<string, { kind: string; doc: string; workflow: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom("records")
      .select(["id", "kind", "doc", "workflow"])
      .where("id", "in", ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, { kind: r.kind, doc: r.doc, workflow: r.workflow });
  }
  return out;
}
