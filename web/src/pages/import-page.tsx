import { type DragEvent, type FormEvent, useCallback, useEffect, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ApiError, apiUrl } from "../api/client.ts";
import { PageHeader, usePageTitle } from "../components/page.tsx";
import { toCsv } from "../csv.ts";
import { KIND_PATHS } from "../kinds.ts";
import "./import-page.css";

const FORMATS = ["iati", "aiddata", "csv", "xlsx"] as const;
type Format = (typeof FORMATS)[number];
const ACCEPT: Record<Format, string> = {
  iati: ".xml,application/xml,text/xml",
  aiddata: ".csv,text/csv",
  csv: ".csv,text/csv",
  xlsx: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};
const KINDS = Object.entries(KIND_PATHS) as Array<
  [keyof typeof KIND_PATHS, (typeof KIND_PATHS)[keyof typeof KIND_PATHS]]
>;

interface Me {
  user: { email: string; platformAdmin: boolean; memberships: Array<{ organisation: string; role: string }> };
  csrfToken?: string;
}
interface ReportItem {
  row?: number;
  path?: string;
  line?: number;
  field?: string;
  message: string;
  count?: number;
}
interface Report {
  file: string;
  ok: boolean;
  dryRun: boolean;
  rolledBack: boolean;
  imported: number;
  updated: number;
  unchanged: number;
  skipped: number;
  partnersCreated: number;
  writtenAs?: "draft";
  errors: ReportItem[];
  warnings: ReportItem[];
}
interface Job {
  id: string;
  status: "queued" | "running" | "done" | "failed" | "cancelled";
  progress: number;
  dryRun: boolean;
  report?: Report;
  error?: { code: string; message: string; details?: unknown };
}
type Phase = { step: "idle" } | { step: "uploading"; fraction?: number } | { step: "job"; job: Job; href: string };

/** The signed-in user and their session's CSRF token (undefined while asking; null when nobody is signed in). */
function useMe(): Me | null | undefined {
  const [me, setMe] = useState<Me | null>();
  useEffect(() => {
    if (!signedInHint()) {
      setMe(null);
      return;
    }
    const ctrl = new AbortController();
    fetch("/api/v1/me", { credentials: "same-origin", signal: ctrl.signal, headers: { Accept: "application/json" } })
      .then(async (res) => setMe(res.ok ? ((await res.json()) as Me) : null))
      .catch(() => !ctrl.signal.aborted && setMe(null));
    return () => ctrl.abort();
  }, []);
  return me;
}

/** The portal's "this browser signed in" hint (see api/session.ts): without it, nobody is asked GET /me (a 401). */
function signedInHint(): boolean {
  try {
    return localStorage.getItem("beltroad.session") === "1";
  } catch {
    return true;
  }
}

/** The server's upload limit (from GET /api/v1/imports), to refuse a too-large file before sending it. */
function useMaxBytes(): number | undefined {
  const [max, setMax] = useState<number>();
  useEffect(() => {
    const ctrl = new AbortController();
    fetch("/api/v1/imports", {
      credentials: "same-origin",
      signal: ctrl.signal,
      headers: { Accept: "application/json" },
    })
      .then(async (res) => res.ok && setMax(((await res.json()) as { maxBytes?: number }).maxBytes))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, []);
  return max;
}

const canImport = (me: Me) =>
  me.user.platformAdmin || me.user.memberships.some((m) => ["editor", "approver", "admin"].includes(m.role));

/** POSTs the file as the raw body, reporting upload progress; resolves with the job's href. */
function uploadFile(url: string, file: File, csrf: string | undefined, onProgress: (f: number) => void) {
  return new Promise<{ href: string; job: Job }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    if (csrf) xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, "network", "network error"));
    xhr.onload = () => {
      let body: { href?: string; job?: Job; error?: { code?: string; message?: string } } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: the status says it
      }
      if (xhr.status === 202 && body.href && body.job) resolve({ href: body.href, job: body.job });
      else reject(new ApiError(xhr.status, body.error?.code ?? "http_error", body.error?.message ?? xhr.statusText));
    };
    xhr.send(file);
  });
}

/**
 * `/import`: upload an IATI, AidData, CSV or XLSX file (dry run by default), watch the upload and the import job's
 * progress, then read the report (totals, a filterable table of errors to download as CSV) and, after a clean dry
 * run, import for real. Needs an editor's (or platform admin's) session.
 */
export function ImportPage() {
  const { t } = useTranslation();
  usePageTitle(t("importer.title"));
  const me = useMe();
  return (
    <div className="import-page">
      <PageHeader title={t("importer.title")} sub={t("importer.intro")} />
      {me === undefined && <p className="loading">{t("importer.checkingSession")}</p>}
      {me === null && (
        <div className="notice" role="note">
          <p>{t("importer.needAccount")}</p>
          <p>
            <Link to="/signin?next=%2Fimport">{t("importer.signIn")}</Link>
          </p>
        </div>
      )}
      {me && !canImport(me) && (
        <p className="notice" role="note">
          {t("importer.needEditor", { email: me.user.email })}
        </p>
      )}
      {me && canImport(me) && <Importer csrf={me.csrfToken} />}
    </div>
  );
}

function Importer({ csrf }: { csrf?: string }) {
  const { t } = useTranslation();
  const ids = useId();
  const [format, setFormat] = useState<Format>("iati");
  const [kind, setKind] = useState("");
  const [file, setFile] = useState<File>();
  const [dryRun, setDryRun] = useState(true);
  const [allOrNothing, setAllOrNothing] = useState(false);
  const [phase, setPhase] = useState<Phase>({ step: "idle" });
  const [failure, setFailure] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const maxBytes = useMaxBytes();
  const oversized = file !== undefined && maxBytes !== undefined && file.size > maxBytes;
  const busy = phase.step === "uploading" || (phase.step === "job" && isActive(phase.job));

  // Poll the job until it ends.
  const href = phase.step === "job" && isActive(phase.job) ? phase.href : undefined;
  useEffect(() => {
    if (!href) return;
    let stop = false;
    const timer = setInterval(() => {
      fetch(href, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(async (res) => {
          if (!res.ok) throw new ApiError(res.status, "http_error", res.statusText);
          const job = (await res.json()) as Job;
          if (!stop) setPhase({ step: "job", job, href });
        })
        .catch((e: Error) => !stop && setFailure(e.message));
    }, 750);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [href]);

  const start = useCallback(
    async (real: boolean) => {
      if (!file) return;
      setFailure(undefined);
      setPhase({ step: "uploading", fraction: 0 });
      const url = apiUrl("/api/v1/imports", {
        format,
        dryRun: String(!real),
        allOrNothing: String(allOrNothing),
        kind: format === "csv" || format === "xlsx" ? kind : undefined,
        name: file.name,
      });
      try {
        const { href, job } = await uploadFile(url, file, csrf, (fraction) =>
          setPhase({ step: "uploading", fraction }),
        );
        setPhase({ step: "job", job, href });
      } catch (e) {
        setPhase({ step: "idle" });
        const err = e as ApiError;
        setFailure(err.code === "input_too_large" ? t("importer.tooLarge", { message: err.message }) : err.message);
      }
    },
    [file, format, kind, allOrNothing, csrf, t],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void start(!dryRun);
  };
  const cancel = async () => {
    if (phase.step !== "job") return;
    await fetch(`${phase.href}/cancel`, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", ...(csrf ? { "X-CSRF-Token": csrf } : {}) },
    });
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped) setFile(dropped);
  };

  const job = phase.step === "job" ? phase.job : undefined;
  const report = job?.report;
  const clean = report?.dryRun && report.ok && report.errors.length === 0 && job?.status === "done";
  return (
    <>
      <form className="import-form panel" onSubmit={submit} aria-busy={busy}>
        <fieldset className="field import-formats">
          <legend>{t("importer.format")}</legend>
          {FORMATS.map((f) => (
            <label key={f} className="check import-format">
              <input
                type="radio"
                name="format"
                value={f}
                checked={format === f}
                onChange={() => setFormat(f)}
                disabled={busy}
              />
              <span>
                <strong>{t(`importer.formats.${f}.name`)}</strong>
                <span className="muted small"> {t(`importer.formats.${f}.help`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {(format === "csv" || format === "xlsx") && (
          <div className="import-templates">
            <div className="field">
              <label htmlFor={`${ids}-kind`}>{t("importer.kind")}</label>
              <select id={`${ids}-kind`} value={kind} onChange={(e) => setKind(e.target.value)} disabled={busy}>
                <option value="">{t("importer.kindFromFile")}</option>
                {KINDS.map(([k, plural]) => (
                  <option key={k} value={k}>
                    {t(`nav.${plural}`)}
                  </option>
                ))}
              </select>
            </div>
            <p className="small">{t("importer.templates")}</p>
            <ul className="inline-list import-template-links">
              {KINDS.map(([k, plural]) => (
                <li key={k}>
                  {t(`nav.${plural}`)}:{" "}
                  <a href={`/api/v1/templates/${plural}.csv`} download>
                    CSV
                  </a>{" "}
                  <a href={`/api/v1/templates/${plural}.xlsx`} download>
                    XLSX
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
        <fieldset
          className={`import-drop${dragging ? " dragging" : ""}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <label htmlFor={`${ids}-file`}>{t("importer.file")}</label>
          <input
            id={`${ids}-file`}
            type="file"
            accept={ACCEPT[format]}
            onChange={(e) => setFile(e.target.files?.[0])}
            disabled={busy}
            aria-describedby={`${ids}-drop`}
          />
          <p id={`${ids}-drop`} className="muted small">
            {file ? t("importer.chosen", { name: file.name, size: sizeText(file.size) }) : t("importer.dropHint")}
            {maxBytes !== undefined && ` ${t("importer.limit", { size: sizeText(maxBytes) })}`}
          </p>
          {oversized && (
            <p className="notice notice-error" role="alert">
              {t("importer.tooLarge", { message: t("importer.limit", { size: sizeText(maxBytes) }) })}
            </p>
          )}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} disabled={busy} />
          <span>
            {t("importer.dryRun")} <span className="muted small">{t("importer.dryRunHelp")}</span>
          </span>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={allOrNothing}
            onChange={(e) => setAllOrNothing(e.target.checked)}
            disabled={busy}
          />
          <span>
            {t("importer.allOrNothing")} <span className="muted small">{t("importer.allOrNothingHelp")}</span>
          </span>
        </label>
        <p className="import-actions">
          <button type="submit" disabled={!file || busy || oversized}>
            {dryRun ? t("importer.check") : t("importer.import")}
          </button>
          {job && isActive(job) && (
            <button type="button" className="secondary" onClick={() => void cancel()}>
              {t("importer.cancel")}
            </button>
          )}
        </p>
      </form>

      <div className="import-status" role="status" aria-live="polite">
        {phase.step === "uploading" && (
          <Progress label={t("importer.uploading")} fraction={phase.fraction} id={`${ids}-up`} />
        )}
        {job && isActive(job) && (
          <Progress
            label={job.status === "queued" ? t("importer.queued") : t("importer.running")}
            fraction={job.progress}
            id={`${ids}-job`}
          />
        )}
        {job && !isActive(job) && <p className="import-outcome">{outcomeText(t, job)}</p>}
      </div>
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      {job?.status === "failed" && job.error && (
        <div className="notice notice-error" role="alert">
          <p>{job.error.message}</p>
        </div>
      )}
      {job?.status === "failed" && Array.isArray(job.error?.details) && (
        <ErrorTable items={job.error.details as ReportItem[]} file={job.id} />
      )}
      {report && <ReportView report={report} />}
      {clean && (
        <p className="import-actions">
          <button type="button" onClick={() => void start(true)} disabled={busy}>
            {t("importer.runForReal")}
          </button>
        </p>
      )}
    </>
  );
}

const isActive = (job: Job) => job.status === "queued" || job.status === "running";

function outcomeText(t: (k: string, o?: Record<string, unknown>) => string, job: Job): string {
  if (job.status === "cancelled") return t("importer.cancelled");
  if (job.status === "failed") return t("importer.failed");
  if (!job.report) return t("importer.done");
  if (job.report.dryRun) return job.report.ok ? t("importer.dryRunClean") : t("importer.dryRunProblems");
  if (job.report.rolledBack) return t("importer.rolledBack");
  return job.report.ok ? t("importer.importedClean") : t("importer.importedProblems");
}

function Progress({ label, fraction, id }: { label: string; fraction?: number; id: string }) {
  return (
    <p className="progress">
      <label htmlFor={id}>{label}</label>
      <progress id={id} max={1} {...(fraction !== undefined ? { value: fraction } : {})} />
      {fraction !== undefined && <span>{Math.round(fraction * 100)}%</span>}
    </p>
  );
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} B`;
}

function ReportView({ report }: { report: Report }) {
  const { t } = useTranslation();
  const warnings = report.warnings.reduce((n, w) => n + (w.count ?? 1), 0);
  const totals = [
    ["imported", report.imported],
    ["updated", report.updated],
    ["unchanged", report.unchanged],
    ["skipped", report.skipped],
    ["partnersCreated", report.partnersCreated],
    ["warnings", warnings],
    ["errors", report.errors.length],
  ] as const;
  return (
    <section className="import-report" aria-labelledby="import-report-title">
      <h2 id="import-report-title">
        {report.dryRun ? t("importer.reportDry", { file: report.file }) : t("importer.report", { file: report.file })}
      </h2>
      {report.writtenAs === "draft" && (
        <p className="muted">
          {report.dryRun ? t("importer.asDraftsDry") : t("importer.asDrafts")}{" "}
          <Link to="/workspace">{t("importer.toWorkspace")}</Link>
        </p>
      )}
      <ul className="import-totals">
        {totals.map(([key, value]) => (
          <li key={key} className={`panel${key === "errors" && value > 0 ? " has-errors" : ""}`}>
            <span className="import-total-value">{value.toLocaleString()}</span>
            <span className="import-total-label">{t(`importer.totals.${key}`)}</span>
          </li>
        ))}
      </ul>
      {report.errors.length > 0 && <ErrorTable items={report.errors} file={report.file} />}
      {report.warnings.length > 0 && (
        <details className="import-warnings">
          <summary>{t("importer.warningsTitle", { count: warnings })}</summary>
          <ul>
            {report.warnings.map((w) => (
              <li key={`${w.field ?? ""}|${w.message}`}>
                {w.field && <code>{w.field}</code>} {w.message}
                {(w.count ?? 1) > 1 && <span className="muted"> ×{w.count}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function ErrorTable({ items, file }: { items: ReportItem[]; file: string }) {
  const { t } = useTranslation();
  const filterId = useId();
  const [filter, setFilter] = useState("");
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!q) return items;
    return items.filter((e) =>
      `${e.row ?? ""} ${e.path ?? ""} ${e.line ?? ""} ${e.field ?? ""} ${e.message}`.toLowerCase().includes(q),
    );
  }, [items, filter]);
  const csvHref = useMemo(() => {
    const rows = items.map((e) => [
      e.row?.toString() ?? "",
      e.path ?? "",
      e.line?.toString() ?? "",
      e.field ?? "",
      e.message,
    ]);
    return URL.createObjectURL(
      new Blob([toCsv(["row", "path", "line", "field", "message"], rows)], { type: "text/csv" }),
    );
  }, [items]);
  useEffect(() => () => URL.revokeObjectURL(csvHref), [csvHref]);
  return (
    <div className="import-errors">
      <h3>{t("importer.errorsTitle", { count: items.length })}</h3>
      <div className="import-error-tools">
        <div className="field inline">
          <label htmlFor={filterId}>{t("importer.filter")}</label>
          <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
        <span className="muted small" aria-live="polite">
          {t("importer.showing", { shown: shown.length, total: items.length })}
        </span>
        <a className="button-link" href={csvHref} download={`${file.replace(/\.[^.]*$/, "")}-errors.csv`}>
          {t("importer.downloadErrors")}
        </a>
      </div>
      <div className="table-scroll">
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col" className="num">
                {t("importer.row")}
              </th>
              <th scope="col">{t("importer.path")}</th>
              <th scope="col">{t("importer.field")}</th>
              <th scope="col">{t("importer.message")}</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, 500).map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: report items have no id and never reorder
              <tr key={i}>
                <td className="num">{e.row ?? "—"}</td>
                <td>
                  {e.path ?? "—"}
                  {e.line !== undefined && (
                    <span className="muted small"> {t("importer.lineAt", { line: e.line })}</span>
                  )}
                </td>
                <td>{e.field ? <code>{e.field}</code> : "—"}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length > 500 && <p className="muted small">{t("importer.firstRows", { count: 500 })}</p>}
    </div>
  );
}
