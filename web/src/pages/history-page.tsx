import { type FormEvent, type ReactNode, useContext, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router-dom";
import type { RecordKind } from "../../../src/core/domain/index.ts";
import { ApiError } from "../api/client.ts";
import { authJson, failureMessage, useAuthApi, useSession } from "../api/session.ts";
import { ErrorNotice, Loading, PageHeader, usePageTitle } from "../components/page.tsx";
import { CountriesContext } from "../countries-context.ts";
import { countryOfPartnerId, KIND_PATHS, recordPath } from "../kinds.ts";
import { pickText, useLocalText } from "../names.ts";
import "./workspace-page.css";

/** One change between two versions, as the API gives it (JSON Pointer path). */
export interface Change {
  op: "add" | "remove" | "replace";
  path: string;
  from?: unknown;
  to?: unknown;
}

export interface CommentNode {
  id: string;
  body: string;
  by: { id: string; email: string | null };
  organisation: string | null;
  proposal: string | null;
  createdAt: string;
  replies: CommentNode[];
}

interface VersionMeta {
  version: number;
  at: string;
  by: { id: string; email?: string | null };
  organisation: string | null;
  note: string | null;
  workflow: string | null;
  proposal?: string | null;
}

const KIND_OF_PATH = new Map<string, RecordKind>(
  Object.entries(KIND_PATHS).map(([kind, path]) => [path, kind as RecordKind]),
);

/** A timestamp in the reader's language: `27 Nov 2026, 14:05`. */
export function useWhen(): (iso: string | null | undefined) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const f = new Intl.DateTimeFormat(i18n.language === "zh" ? "zh-CN" : "en-GB", {
      dateStyle: "medium",
      timeStyle: "short",
    });
    return (iso) => (iso ? f.format(new Date(iso)) : "—");
  }, [i18n.language]);
}

/** An organisation (a partner id) by name: a country's name for `country-xxx`, else the id. */
export function useOrgName(): (id: string | null | undefined) => string {
  const { lang } = useLocalText();
  const countries = useContext(CountriesContext);
  return (id) => {
    if (!id) return "—";
    const code = countryOfPartnerId(id);
    const c = code ? countries.byCode.get(code) : undefined;
    return c ? pickText(c.names, lang) : id;
  };
}

/** `/names/en` → "Name › English"; `#workflow` → "State". */
function usePathLabel(): (path: string) => string {
  const { t } = useTranslation();
  return (path) => {
    if (path === "#workflow") return t("account.field.workflow");
    return path
      .split("/")
      .slice(1)
      .map((seg, i) => {
        const s = seg.replace(/~1/g, "/").replace(/~0/g, "~");
        if (/^\d+$/.test(s)) return `#${Number(s) + 1}`;
        return i === 0 ? t(`account.field.${s}`, { defaultValue: s }) : t(`account.sub.${s}`, { defaultValue: s });
      })
      .join(" › ");
  };
}

/** A JSON value for people: text as is, lists as lists, objects as label–value pairs. */
export function Value({ value, depth = 0 }: { value: unknown; depth?: number }): ReactNode {
  const { t } = useTranslation();
  if (value === undefined || value === null) return <span className="muted">—</span>;
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (typeof value !== "object") return String(value);
  if (depth > 3) return <code>{JSON.stringify(value)}</code>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">[]</span>;
    if (value.every((v) => typeof v !== "object" || v === null)) return value.map(String).join(", ");
    return (
      <ol className="value-list">
        {value.map((v, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a snapshot of a value, never reordered
          <li key={i}>
            <Value value={v} depth={depth + 1} />
          </li>
        ))}
      </ol>
    );
  }
  return (
    <dl className="value-object">
      {Object.entries(value).map(([k, v]) => (
        <div key={k}>
          <dt>{t(`account.sub.${k}`, { defaultValue: k })}</dt>
          <dd>
            <Value value={v} depth={depth + 1} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Changes as a table: the field, what it was, what it becomes. */
export function ChangesTable({ changes, caption }: { changes: readonly Change[]; caption: string }) {
  const { t } = useTranslation();
  const label = usePathLabel();
  if (changes.length === 0) return <p className="muted">{t("account.noChanges")}</p>;
  // Codes read as words: a state, an activity status, a kind of date.
  const shown = (path: string, v: unknown) => {
    if (typeof v !== "string") return v;
    if (path === "#workflow") return t(`account.workflow.${v}`, { defaultValue: v });
    if (path === "/status") return t(`status.${v}`, { defaultValue: v });
    if (/^\/dates\/\d+\/type$/.test(path)) return t(`dateType.${v}`, { defaultValue: v });
    return v;
  };
  return (
    <div className="table-scroll">
      <table className="data-table changes">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("account.field.label")}</th>
            <th scope="col">{t("account.before")}</th>
            <th scope="col">{t("account.after")}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={`${c.op}${c.path}`} className={`change-${c.op}`}>
              <th scope="row">
                {label(c.path)}
                {c.op !== "replace" && <span className="badge small">{t(`account.op.${c.op}`)}</span>}
              </th>
              <td className="before">
                {c.op === "add" ? <span className="muted">—</span> : <Value value={shown(c.path, c.from)} />}
              </td>
              <td className="after">
                {c.op === "remove" ? (
                  <span className="muted">{t("account.removed")}</span>
                ) : (
                  <Value value={shown(c.path, c.to)} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A record's comment threads with reply forms for signed-in users; `proposal` limits them to the threads about
 * one proposal (new comments are attached to it).
 */
export function Comments({ kind, id, proposal }: { kind: string; id: string; proposal?: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const url = user ? `/api/v1/${kind}/${encodeURIComponent(id)}/comments` : null;
  const { data, error, loading, reload } = useAuthApi<{ data: CommentNode[] }>(url);
  if (!user) {
    return (
      <p className="muted">
        <Link to={`/signin?next=${encodeURIComponent(window.location.pathname)}`}>{t("account.signIn")}</Link>{" "}
        {t("account.signInForComments")}
      </p>
    );
  }
  if (error) {
    const hidden = error instanceof ApiError && (error.status === 403 || error.status === 404);
    return hidden ? <p className="muted">{t("account.commentsPartiesOnly")}</p> : <ErrorNotice error={error} />;
  }
  if (loading && !data) return <Loading />;
  const threads = (data?.data ?? []).filter((c) => proposal === undefined || c.proposal === proposal);
  return (
    <div className="comments">
      {threads.length === 0 ? (
        <p className="muted">{t("account.noComments")}</p>
      ) : (
        <ul className="thread">
          {threads.map((c) => (
            <CommentItem key={c.id} comment={c} kind={kind} id={id} onPosted={reload} />
          ))}
        </ul>
      )}
      <CommentForm kind={kind} id={id} proposal={proposal} onPosted={reload} />
    </div>
  );
}

function CommentItem({
  comment: c,
  kind,
  id,
  onPosted,
}: {
  comment: CommentNode;
  kind: string;
  id: string;
  onPosted: () => void;
}) {
  const { t } = useTranslation();
  const when = useWhen();
  const org = useOrgName();
  const [replying, setReplying] = useState(false);
  return (
    <li className="comment" id={c.id}>
      <p className="comment-meta">
        <strong>{c.by.email ?? c.by.id}</strong>
        {c.organisation && <span className="muted"> · {org(c.organisation)}</span>}
        <span className="muted">
          {" "}
          · <time dateTime={c.createdAt}>{when(c.createdAt)}</time>
        </span>
      </p>
      <p className="comment-body">{c.body}</p>
      {replying ? (
        <CommentForm
          kind={kind}
          id={id}
          parentId={c.id}
          proposal={c.proposal ?? undefined}
          onPosted={() => {
            setReplying(false);
            onPosted();
          }}
          onCancel={() => setReplying(false)}
        />
      ) : (
        <button type="button" className="link-button small" onClick={() => setReplying(true)}>
          {t("account.reply")}
        </button>
      )}
      {c.replies.length > 0 && (
        <ul className="thread">
          {c.replies.map((r) => (
            <CommentItem key={r.id} comment={r} kind={kind} id={id} onPosted={onPosted} />
          ))}
        </ul>
      )}
    </li>
  );
}

function CommentForm({
  kind,
  id,
  parentId,
  proposal,
  onPosted,
  onCancel,
}: {
  kind: string;
  id: string;
  parentId?: string;
  proposal?: string;
  onPosted: () => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const fieldId = `comment-${parentId ?? "new"}`;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const body = String(new FormData(form).get("body") ?? "").trim();
    if (!body) {
      setError(t("account.commentEmpty"));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await authJson(`/api/v1/${kind}/${encodeURIComponent(id)}/comments`, {
        method: "POST",
        json: { body, ...(parentId ? { parentId } : {}), ...(proposal ? { proposalId: proposal } : {}) },
      });
      form.reset();
      onPosted();
    } catch (err) {
      setError(failureMessage(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="comment-form" onSubmit={(e) => void submit(e)}>
      <label htmlFor={fieldId}>{parentId ? t("account.replyLabel") : t("account.newComment")}</label>
      <textarea id={fieldId} name="body" rows={parentId ? 2 : 3} maxLength={10_000} />
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {parentId ? t("account.postReply") : t("account.postComment")}
        </button>
        {onCancel && (
          <button type="button" className="link-button" onClick={onCancel}>
            {t("account.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

/**
 * `/history/:kind/:id`: every version of a record (who, when, why, state), the differences between any two, and
 * the record's comment threads.
 */
export function HistoryPage() {
  const { t } = useTranslation();
  const { kind: path = "", id = "" } = useParams();
  const kind = KIND_OF_PATH.get(path);
  const { text } = useLocalText();
  const when = useWhen();
  const org = useOrgName();
  const base = `/api/v1/${path}/${encodeURIComponent(id)}`;
  const record = useAuthApi<{ data: { names?: { en: string; zh?: string } } }>(kind ? base : null);
  const versions = useAuthApi<{ current: number; data: VersionMeta[] }>(kind ? `${base}/versions` : null);
  const [params, setParams] = useSearchParams();
  const list = versions.data?.data ?? [];
  const last = list.at(-1)?.version ?? 1;
  const to = Number(params.get("to")) || last;
  const from = Number(params.get("from")) || Math.max(1, to - 1);
  const diff = useAuthApi<{ changes: Change[] }>(
    list.length > 1 && from !== to ? `${base}/diff?from=${from}&to=${to}` : null,
  );
  const name = record.data ? text(record.data.data.names) : id;
  // No email: an outsider is not told who (`email` absent), or the change was not a person's (seeding, imports).
  const who = (by: VersionMeta["by"]) =>
    by.email === undefined ? t("account.hiddenPerson") : by.id.startsWith("usr_") ? by.id : t("account.systemChange");
  usePageTitle(t("account.historyOf", { name }));

  if (!kind) return <ErrorNotice error={new ApiError(404, "not_found", path)} />;
  if (versions.error) return <ErrorNotice error={versions.error} />;
  if (!versions.data) return <Loading />;
  const pick = (key: "from" | "to", v: string) => {
    const next = new URLSearchParams(params);
    next.set(key, v);
    if (key === "to" && !next.has("from")) next.set("from", String(from));
    if (key === "from" && !next.has("to")) next.set("to", String(to));
    setParams(next, { replace: true });
  };

  return (
    <div className="account-page">
      <PageHeader kicker={t(`kind.${kind}`)} title={t("account.historyOf", { name })}>
        <p>
          <Link to={recordPath(kind, id)}>{t("account.backToRecord")}</Link>
        </p>
      </PageHeader>
      <section aria-labelledby="versions-title">
        <h2 id="versions-title">{t("account.versions")}</h2>
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("account.version")}</th>
                <th scope="col">{t("account.when")}</th>
                <th scope="col">{t("account.who")}</th>
                <th scope="col">{t("account.organisation")}</th>
                <th scope="col">{t("account.field.workflow")}</th>
                <th scope="col">{t("account.why")}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((v) => (
                <tr key={v.version} aria-current={v.version === versions.data?.current ? "true" : undefined}>
                  <th scope="row">v{v.version}</th>
                  <td>
                    <time dateTime={v.at}>{when(v.at)}</time>
                  </td>
                  <td>{v.by.email ?? <span className="muted">{who(v.by)}</span>}</td>
                  <td>{org(v.organisation)}</td>
                  <td>{v.workflow ? t(`account.workflow.${v.workflow}`, { defaultValue: v.workflow }) : "—"}</td>
                  <td>
                    {v.note ?? <span className="muted">—</span>}
                    {v.proposal && (
                      <>
                        {" "}
                        <Link to={`/proposals/${v.proposal}`}>{t("account.proposalLink")}</Link>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="diff-title">
        <h2 id="diff-title">{t("account.compare")}</h2>
        {list.length < 2 ? (
          <p className="muted">{t("account.oneVersion")}</p>
        ) : (
          <>
            <div className="compare-pickers">
              {(["from", "to"] as const).map((key) => (
                <div className="field inline" key={key}>
                  <label htmlFor={`diff-${key}`}>{t(`account.${key}Version`)}</label>
                  <select
                    id={`diff-${key}`}
                    value={key === "from" ? from : to}
                    onChange={(e) => pick(key, e.target.value)}
                  >
                    {list.map((v) => (
                      <option key={v.version} value={v.version}>
                        v{v.version} · {when(v.at)}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </div>
            {from === to ? (
              <p className="muted">{t("account.sameVersion")}</p>
            ) : diff.error ? (
              <ErrorNotice error={diff.error} />
            ) : !diff.data ? (
              <Loading />
            ) : (
              <ChangesTable changes={diff.data.changes} caption={t("account.diffCaption", { from, to })} />
            )}
          </>
        )}
      </section>
      <section aria-labelledby="comments-title">
        <h2 id="comments-title">{t("account.comments")}</h2>
        <Comments kind={path} id={id} />
      </section>
    </div>
  );
}
