import { createReadStream } from "node:fs";
import type { RecordKind } from "../core/domain/index.ts";
import { AppError } from "../core/errors.ts";
import type { Db } from "../store/database.ts";
import type { Principal } from "./access.ts";
import type { ImportFormat } from "./import/formats.ts";
import { importStream } from "./import/import.service.ts";
import type { FileReport } from "./import/report.ts";
import { importAuthorizer, requireImporter } from "./import-rights.ts";
import type { Upload } from "./import-upload.ts";
import { cancelJob, findOwnedJob, type JobState, listOwnedJobs, startJob } from "./jobs.ts";

/** The job kind of imports in the shared job runner. */
export const IMPORT_JOB = "import";

export interface ImportRequest {
  readonly format: ImportFormat;
  readonly dryRun: boolean;
  readonly allOrNothing: boolean;
  readonly kind?: RecordKind;
  /** Shown in the report and kept as provenance. */
  readonly file: string;
  readonly dataDir: string;
  /** The readers' own size limit (the upload limit). */
  readonly maxBytes: number;
}

/**
 * Queues the import of an uploaded file as a background job owned by `p`
 * (see `requireImporter` for who may); progress is bytes read / file size.
 * For someone who is not a platform admin every record is checked against the
 * write rule (`importAuthorizer`) — refused ones are skipped and reported, as
 * in a dry run — and written as a draft of its parties, to go through
 * consultation. The upload is deleted when the job ends.
 *
 * @example
 *   const job = startImport(store, principal, upload, { format: "aiddata", dryRun: true, … });
 */
export function startImport(store: Db, p: Principal, upload: Upload, request: ImportRequest): JobState<FileReport> {
  requireImporter(p);
  const meta = {
    file: request.file,
    format: request.format,
    dryRun: request.dryRun,
    allOrNothing: request.allOrNothing,
    bytes: upload.bytes,
    ...(request.kind ? { kind: request.kind } : {}),
  };
  return startJob<FileReport>(
    IMPORT_JOB,
    async (progress, { signal }) => {
      const fraction = (bytes: number) => (upload.bytes > 0 ? Math.min(1, bytes / upload.bytes) : 1);
      return importStream(store, createReadStream(upload.path), {
        format: request.format,
        kind: request.kind,
        limits: { maxBytes: request.maxBytes },
        signal,
        file: request.file,
        dataDir: request.dataDir,
        dryRun: request.dryRun,
        allOrNothing: request.allOrNothing,
        by: p.userId,
        totalBytes: upload.bytes,
        authorize: importAuthorizer(p),
        asDrafts: !p.platformAdmin,
        onProgress: (x) => progress(fraction(x.bytes)),
      });
    },
    { owner: p.userId, meta, cleanup: upload.remove },
  );
}

/** An import job `p` may see (theirs, or any for a platform admin); `not_found` otherwise. */
export function importJob(p: Principal, id: string): JobState<FileReport> {
  const job = findOwnedJob(id, IMPORT_JOB, { userId: p.userId, admin: p.platformAdmin });
  if (!job)
    throw new AppError("not_found", `no import job "${id}" of yours (jobs are kept in memory: a restart forgets them)`);
  return job as JobState<FileReport>;
}

/** `p`'s recent import jobs, newest first. */
export function myImportJobs(p: Principal): JobState<FileReport>[] {
  return listOwnedJobs(IMPORT_JOB, p.userId) as JobState<FileReport>[];
}

/** Cancels one of `p`'s import jobs (see `cancelJob`); `conflict` when it has already ended. */
export function cancelImport(p: Principal, id: string): JobState<FileReport> {
  const job = importJob(p, id);
  if (!cancelJob(id)) throw new AppError("conflict", `the import job has already ended (${job.status})`);
  return job;
}
