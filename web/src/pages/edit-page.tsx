import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import type { RecordKind } from "../../../src/core/domain/index.ts";
import { type ApiFailure, authFetch, failureMessage, useSession } from "../api/session.ts";
import { ErrorNotice, Loading, PageHeader, usePageTitle } from "../components/page.tsx";
import { KIND_PATHS, recordPath, STATUSES } from "../kinds.ts";
import { useLocalText } from "../names.ts";
import { useOrgName } from "./history-page.tsx";
import "./workspace-page.css";

type Texts = { en?: string; zh?: string } & Record<string, string | undefined>;
interface DateEntry {
  type: string;
  date: string;
  note?: string;
  sources: string[];
}
/** The fields this form edits; every kind has names, activity-like kinds also a status and dates. */
interface Editable {
  id: string;
  kind: RecordKind;
  names: Texts;
  descriptions?: Texts;
  status?: string;
  dates?: DateEntry[];
}

interface Loaded {
  record: Editable;
  etag: string;
}

type Outcome =
  | { kind: "saved"; version: number }
  | { kind: "proposed"; proposal: { id: string; consents: Array<{ organisation: string; decision: string }> } }
  | { kind: "stale"; currentVersion?: number }
  | { kind: "error"; message: string };

const KIND_OF_PATH = new Map<string, RecordKind>(
  Object.entries(KIND_PATHS).map(([kind, path]) => [path, kind as RecordKind]),
);
const PARTIAL_DATE = "\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?";

/** The JSON merge patch (RFC 7396) from `before` to the form's values: only what changed. */
export function mergePatch(before: Editable, after: Editable): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const texts = (a: Texts | undefined, b: Texts | undefined) => {
    const out: Record<string, string | null> = {};
    for (const lang of ["en", "zh"] as const) {
      const was = a?.[lang] ?? "";
      const now = b?.[lang] ?? "";
      if (was !== now) out[lang] = now === "" ? null : now;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const names = texts(before.names, after.names);
  if (names) patch.names = names;
  const descriptions = texts(before.descriptions, after.descriptions);
  // Descriptions need an English text: with none left the whole member goes.
  if (descriptions) patch.descriptions = after.descriptions?.en ? descriptions : null;
  if (after.status !== undefined && after.status !== before.status) patch.status = after.status;
  if (after.dates && JSON.stringify(after.dates) !== JSON.stringify(before.dates ?? [])) patch.dates = after.dates;
  return patch;
}

/**
 * `/edit/:kind/:id`: a form for a record's names, description, status and dates that sends a JSON merge patch
 * with `If-Match`. A published record's change becomes a proposal (202) its parties consent to; a stale version
 * (412) is explained with an offer to reload.
 */
export function EditPage() {
  const { t } = useTranslation();
  const { kind: path = "", id = "" } = useParams();
  const kind = KIND_OF_PATH.get(path);
  const { text } = useLocalText();
  const org = useOrgName();
  const { user, status } = useSession();
  const [loaded, setLoaded] = useState<Loaded>();
  const [form, setForm] = useState<Editable>();
  const [loadError, setLoadError] = useState<Error>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);
  usePageTitle(t("account.editTitle", { name: loaded ? text(loaded.record.names as { en: string }) : id }));

  const load = useCallback(async () => {
    setLoadError(undefined);
    try {
      const res = await authFetch(`/api/v1/${path}/${encodeURIComponent(id)}`);
      const body = (await res.json()) as { data: Editable };
      setLoaded({ record: body.data, etag: res.headers.get("ETag") ?? "" });
      setForm(structuredClone(body.data));
    } catch (err) {
      setLoadError(err instanceof Error ? err : new Error(String(err)));
    }
  }, [path, id]);
  useEffect(() => {
    if (kind && user) void load();
  }, [kind, user, load]);

  if (status === "unknown") return <Loading />;
  if (!user)
    return (
      <p className="notice">
        <Link to={`/signin?next=${encodeURIComponent(`/edit/${path}/${id}`)}`}>{t("account.signIn")}</Link>{" "}
        {t("account.signInToEdit")}
      </p>
    );
  if (!kind) return <ErrorNotice error={new Error(path)} />;
  if (loadError) return <ErrorNotice error={loadError} />;
  if (!loaded || !form) return <Loading />;

  const setText = (field: "names" | "descriptions", lang: "en" | "zh", value: string) =>
    setForm({ ...form, [field]: { ...form[field], [lang]: value } });
  const setDate = (i: number, date: string) =>
    setForm({ ...form, dates: form.dates?.map((d, j) => (j === i ? { ...d, date } : d)) });

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const patch = mergePatch(loaded.record, form);
    if (Object.keys(patch).length === 0) {
      setOutcome({ kind: "error", message: t("account.nothingChanged") });
      return;
    }
    const note = String(new FormData(e.currentTarget).get("note") ?? "").trim();
    setBusy(true);
    setOutcome(undefined);
    try {
      const res = await authFetch(
        `/api/v1/${path}/${encodeURIComponent(id)}${note ? `?note=${encodeURIComponent(note)}` : ""}`,
        {
          method: "PATCH",
          headers: { "Content-Type": "application/merge-patch+json", "If-Match": loaded.etag },
          body: JSON.stringify(patch),
        },
      );
      const body = (await res.json()) as {
        version: number;
        proposal?: { id: string; consents: Array<{ organisation: string; decision: string }> };
      };
      if (res.status === 202 && body.proposal) setOutcome({ kind: "proposed", proposal: body.proposal });
      else {
        setOutcome({ kind: "saved", version: body.version });
        setLoaded({ record: structuredClone(form), etag: res.headers.get("ETag") ?? loaded.etag });
      }
    } catch (err) {
      const failure = err as ApiFailure;
      if (failure.status === 412)
        setOutcome({
          kind: "stale",
          currentVersion: (failure.details as { currentVersion?: number } | null)?.currentVersion,
        });
      else setOutcome({ kind: "error", message: failureMessage(t, err) });
    } finally {
      setBusy(false);
    }
  };

  const name = text(loaded.record.names as { en: string });
  return (
    <div className="account-page narrow-form">
      <PageHeader kicker={t(`kind.${kind}`)} title={t("account.editTitle", { name })} sub={t("account.editIntro")}>
        <p>
          <Link to={recordPath(kind, id)}>{t("account.backToRecord")}</Link>
        </p>
      </PageHeader>
      <form className="account-form edit-form" onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>{t("account.field.names")}</legend>
          <TextField
            id="name-en"
            label={t("account.sub.en")}
            value={form.names.en}
            onChange={(v) => setText("names", "en", v)}
            required
          />
          <TextField
            id="name-zh"
            label={t("account.sub.zh")}
            value={form.names.zh}
            onChange={(v) => setText("names", "zh", v)}
            required
            lang="zh-CN"
          />
        </fieldset>
        <fieldset>
          <legend>{t("account.field.descriptions")}</legend>
          <TextField
            id="desc-en"
            label={t("account.sub.en")}
            value={form.descriptions?.en}
            onChange={(v) => setText("descriptions", "en", v)}
            multiline
          />
          <TextField
            id="desc-zh"
            label={t("account.sub.zh")}
            value={form.descriptions?.zh}
            onChange={(v) => setText("descriptions", "zh", v)}
            multiline
            lang="zh-CN"
          />
        </fieldset>
        {form.status !== undefined && (
          <div className="field">
            <label htmlFor="edit-status">{t("account.field.status")}</label>
            <select id="edit-status" value={form.status} onChange={(e) => setForm({ ...form, status: e.target.value })}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        {form.dates && form.dates.length > 0 && (
          <fieldset>
            <legend>{t("account.field.dates")}</legend>
            {form.dates.map((d, i) => (
              <TextField
                // biome-ignore lint/suspicious/noArrayIndexKey: the dates keep their order while editing
                key={i}
                id={`date-${i}`}
                label={t(`dateType.${d.type}`)}
                value={d.date}
                onChange={(v) => setDate(i, v)}
                pattern={PARTIAL_DATE}
                help={t("account.dateHelp")}
                required
              />
            ))}
          </fieldset>
        )}
        <div className="field">
          <label htmlFor="edit-note">{t("account.note")}</label>
          <input id="edit-note" name="note" type="text" maxLength={500} aria-describedby="edit-note-help" />
          <span id="edit-note-help" className="muted small">
            {t("account.noteHelp")}
          </span>
        </div>
        <div aria-live="polite">
          {outcome?.kind === "saved" && (
            <p className="notice" role="status">
              {t("account.saved", { version: outcome.version })}{" "}
              <Link to={recordPath(kind, id)}>{t("account.backToRecord")}</Link>
            </p>
          )}
          {outcome?.kind === "proposed" && (
            <div className="notice" role="status">
              <p>{t("account.proposalCreated")}</p>
              <p>
                {t("account.waitingFor", {
                  orgs: outcome.proposal.consents
                    .filter((c) => c.decision !== "consent")
                    .map((c) => org(c.organisation))
                    .join(", "),
                })}
              </p>
              <Link className="button-link" to={`/proposals/${outcome.proposal.id}`}>
                {t("account.seeProposal")}
              </Link>
            </div>
          )}
          {outcome?.kind === "stale" && (
            <div className="notice notice-error" role="alert">
              <p>{t("account.stale", { version: outcome.currentVersion ?? "?" })}</p>
              <button
                type="button"
                onClick={() => {
                  setOutcome(undefined);
                  void load();
                }}
              >
                {t("account.reload")}
              </button>
            </div>
          )}
          {outcome?.kind === "error" && (
            <p className="notice notice-error" role="alert">
              {outcome.message}
            </p>
          )}
        </div>
        <div className="form-actions">
          <button type="submit" disabled={busy || outcome?.kind === "proposed"}>
            {t("account.saveChange")}
          </button>
        </div>
      </form>
    </div>
  );
}

function TextField({
  id,
  label,
  value,
  onChange,
  multiline,
  required,
  lang,
  pattern,
  help,
}: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
  multiline?: boolean;
  required?: boolean;
  lang?: string;
  pattern?: string;
  help?: string;
}) {
  const helpId = help ? `${id}-help` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea id={id} rows={4} lang={lang} value={value ?? ""} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          id={id}
          type="text"
          lang={lang}
          value={value ?? ""}
          required={required}
          pattern={pattern}
          aria-describedby={helpId}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {help && (
        <span id={helpId} className="muted small">
          {help}
        </span>
      )}
    </div>
  );
}
