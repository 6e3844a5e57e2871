import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import type { RecordKind } from "../../../src/core/domain/index.ts";
import { authJson, failureMessage, roleAtLeast, useAuthApi, useSession } from "../api/session.ts";
import { ErrorNotice, Loading, PageHeader, usePageTitle } from "../components/page.tsx";
import { KIND_PATHS, recordPath } from "../kinds.ts";
import { useLocalText } from "../names.ts";
import { type Change, ChangesTable, type CommentNode, Comments, useOrgName, useWhen, Value } from "./history-page.tsx";
import "./workspace-page.css";

/** `GET /api/v1/proposals/{id}`'s `data`. */
export interface Proposal {
  id: string;
  record: { id: string; kind: RecordKind; names?: { en: string; zh?: string } };
  operation: "update" | "publish" | "withdraw" | "statistic";
  status: "open" | "applied" | "withdrawn" | "conflict";
  baseVersion: number;
  note: string | null;
  createdBy: { id: string; email: string | null };
  organisation: string | null;
  createdAt: string;
  closedAt: string | null;
  resultVersion: number | null;
  consents: Array<{
    organisation: string;
    decision: "pending" | "consent" | "object";
    by: string | null;
    at: string | null;
    comment: string | null;
  }>;
  changes?: Change[];
  statistic?: unknown;
}

function flatten(nodes: readonly CommentNode[]): CommentNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.replies)]);
}

/**
 * `/proposals/:id`: what a proposal changes (field by field), who proposed it, when and why, each party's
 * decision, Consent / Object for the approvers asked, Withdraw for its author, and its comment threads.
 */
export function ProposalPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const { text } = useLocalText();
  const when = useWhen();
  const org = useOrgName();
  const { user, status: session } = useSession();
  const { data, error, reload } = useAuthApi<{ data: Proposal }>(
    user ? `/api/v1/proposals/${encodeURIComponent(id)}` : null,
  );
  const p = data?.data;
  const plural = p ? KIND_PATHS[p.record.kind] : undefined;
  const comments = useAuthApi<{ data: CommentNode[] }>(
    p && plural ? `/api/v1/${plural}/${encodeURIComponent(p.record.id)}/comments` : null,
  );
  // Remounting the threads after a decision shows the comment an objection (or consent) added.
  const [decided, setDecided] = useState(0);
  const name = p ? text(p.record.names) || p.record.id : id;
  usePageTitle(t("account.proposalTitle", { name }));

  if (session === "signed-out")
    return (
      <p className="notice">
        <Link to={`/signin?next=${encodeURIComponent(`/proposals/${id}`)}`}>{t("account.signIn")}</Link>{" "}
        {t("account.signInForProposal")}
      </p>
    );
  if (error) return <ErrorNotice error={error} />;
  if (!p || !plural) return <Loading />;
  const byId = new Map(flatten(comments.data?.data ?? []).map((c) => [c.id, c]));
  const refresh = () => {
    reload();
    comments.reload();
    setDecided((n) => n + 1);
  };

  return (
    <div className="account-page">
      <PageHeader kicker={t(`account.operation.${p.operation}`)} title={t("account.proposalTitle", { name })}>
        <p className="badges">
          <span className={`badge status-${p.status}`}>{t(`account.proposalStatus.${p.status}`)}</span>
        </p>
      </PageHeader>
      <dl className="facts">
        <dt>{t("account.record")}</dt>
        <dd>
          <Link to={recordPath(p.record.kind, p.record.id)}>{name}</Link> ·{" "}
          <Link to={`/history/${plural}/${encodeURIComponent(p.record.id)}`}>{t("account.historyLink")}</Link>
        </dd>
        <dt>{t("account.proposedBy")}</dt>
        <dd>
          {p.createdBy.email ?? p.createdBy.id}
          {p.organisation && <span className="muted"> · {org(p.organisation)}</span>}
        </dd>
        <dt>{t("account.when")}</dt>
        <dd>
          <time dateTime={p.createdAt}>{when(p.createdAt)}</time>
        </dd>
        <dt>{t("account.why")}</dt>
        <dd>{p.note ?? <span className="muted">{t("account.noNote")}</span>}</dd>
        <dt>{t("account.baseVersion")}</dt>
        <dd>
          v{p.baseVersion}
          {p.resultVersion !== null && ` → v${p.resultVersion}`}
        </dd>
      </dl>

      <section aria-labelledby="change-title">
        <h2 id="change-title">{t("account.proposedChange")}</h2>
        {p.changes ? (
          <ChangesTable changes={p.changes} caption={t("account.proposedChange")} />
        ) : p.statistic !== undefined ? (
          <Value value={p.statistic} />
        ) : (
          <p>{t(`account.operationExplain.${p.operation}`)}</p>
        )}
      </section>

      <section aria-labelledby="decisions-title">
        <h2 id="decisions-title">{t("account.decisions")}</h2>
        <table className="data-table decisions">
          <thead>
            <tr>
              <th scope="col">{t("account.organisation")}</th>
              <th scope="col">{t("account.decision")}</th>
              <th scope="col">{t("account.when")}</th>
              <th scope="col">{t("account.comment")}</th>
            </tr>
          </thead>
          <tbody>
            {p.consents.map((c) => (
              <tr key={c.organisation} className={`decision-${c.decision}`}>
                <th scope="row">{org(c.organisation)}</th>
                <td>
                  <span className={`badge decision-${c.decision}`}>{t(`account.decisionState.${c.decision}`)}</span>
                </td>
                <td>{c.at ? <time dateTime={c.at}>{when(c.at)}</time> : "—"}</td>
                <td>{c.comment ? (byId.get(c.comment)?.body ?? "…") : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {p.status === "open" && <Decide proposal={p} onDone={refresh} />}
      </section>

      <section aria-labelledby="comments-title">
        <h2 id="comments-title">{t("account.comments")}</h2>
        <Comments kind={plural} id={p.record.id} proposal={p.id} key={decided} />
      </section>
    </div>
  );
}

/** Consent / Object (approvers of an organisation asked) and Withdraw (the author, platform admins). */
function Decide({ proposal: p, onDone }: { proposal: Proposal; onDone: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const org = useOrgName();
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const mine = p.consents.filter((c) =>
    roleAtLeast(user?.memberships.find((m) => m.organisation === c.organisation)?.role, "approver"),
  );
  const mayWithdraw = user && (user.id === p.createdBy.id || user.platformAdmin);
  if (mine.length === 0 && !mayWithdraw) return <p className="muted">{t("account.notAskedYou")}</p>;

  const act = async (action: "consent" | "object" | "withdraw") => {
    if (action === "object" && !comment.trim()) {
      setError(t("account.objectNeedsComment"));
      return;
    }
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      await authJson(`/api/v1/proposals/${p.id}/${action}`, {
        method: "POST",
        json: action === "withdraw" ? undefined : comment.trim() ? { comment: comment.trim() } : {},
      });
      setComment("");
      setDone(t(`account.done.${action}`));
      onDone();
    } catch (err) {
      setError(failureMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="decide panel">
      {mine.length > 0 && (
        <>
          <h3>{t("account.yourDecision", { orgs: mine.map((c) => org(c.organisation)).join(", ") })}</h3>
          <div className="field">
            <label htmlFor="decision-comment">{t("account.decisionComment")}</label>
            <textarea
              id="decision-comment"
              rows={3}
              maxLength={10_000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              aria-describedby="decision-help"
              aria-invalid={error === t("account.objectNeedsComment") ? true : undefined}
            />
            <span id="decision-help" className="muted small">
              {t("account.decisionHelp")}
            </span>
          </div>
        </>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <div className="form-actions">
        {mine.length > 0 && (
          <>
            <button type="button" disabled={busy} onClick={() => void act("consent")}>
              {t("account.consent")}
            </button>
            <button type="button" className="button-danger" disabled={busy} onClick={() => void act("object")}>
              {t("account.object")}
            </button>
          </>
        )}
        {mayWithdraw && (
          <button type="button" className="button-secondary" disabled={busy} onClick={() => void act("withdraw")}>
            {t("account.withdraw")}
          </button>
        )}
      </div>
    </div>
  );
}
