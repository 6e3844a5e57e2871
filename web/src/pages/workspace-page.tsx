import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { RecordKind } from "../../../src/core/domain/index.ts";
import { authFetch, authJson, failureMessage, ROLES, type Role, useAuthApi, useSession } from "../api/session.ts";
import { ErrorNotice, Loading, PageHeader, usePageTitle } from "../components/page.tsx";
import { KIND_PATHS, recordPath } from "../kinds.ts";
import { useLocalText } from "../names.ts";
import { useOrgName, useWhen } from "./history-page.tsx";
import type { Proposal } from "./proposal-page.tsx";
import "./workspace-page.css";

interface Draft {
  data: { id: string; kind: RecordKind; names: { en: string; zh?: string } };
  workflow: string;
  version: number;
}

type Group = "toDecide" | "objected" | "ours" | "other";
const GROUPS: readonly Group[] = ["toDecide", "objected", "ours", "other"];

/**
 * `/workspace`: my organisations and roles, the open proposals that wait for my consent, were objected to or were
 * raised by us, my organisations' drafts (edit, submit for consultation, publish), and the members of the
 * organisations I administer.
 */
export function WorkspacePage() {
  const { t } = useTranslation();
  usePageTitle(t("account.workspace"));
  const { user, status } = useSession();
  const org = useOrgName();
  if (status === "unknown") return <Loading />;
  if (!user)
    return (
      <div className="account-page">
        <PageHeader title={t("account.workspace")} />
        <p className="notice">
          <Link to="/signin?next=%2Fworkspace">{t("account.signIn")}</Link> {t("account.signInForWorkspace")}
        </p>
      </div>
    );
  const adminOf = user.memberships.filter((m) => m.role === "admin").map((m) => m.organisation);
  return (
    <div className="account-page">
      <PageHeader title={t("account.workspace")} sub={t("account.signedInAsEmail", { email: user.email })} />
      <section aria-labelledby="orgs-title">
        <h2 id="orgs-title">{t("account.myOrganisations")}</h2>
        {user.memberships.length === 0 ? (
          <p className="muted">{user.platformAdmin ? t("account.platformAdminNoOrg") : t("account.noOrganisations")}</p>
        ) : (
          <ul className="org-list">
            {user.memberships.map((m) => (
              <li key={m.organisation}>
                <strong>{org(m.organisation)}</strong> <span className="badge">{t(`account.role.${m.role}`)}</span>
              </li>
            ))}
          </ul>
        )}
        {user.platformAdmin && <p className="badge">{t("account.platformAdmin")}</p>}
      </section>
      <Proposals userId={user.id} myOrgs={user.memberships} />
      <Drafts />
      {adminOf.map((o) => (
        <Members key={o} organisation={o} />
      ))}
    </div>
  );
}

function groupOf(p: Proposal, userId: string, myOrgs: ReadonlyArray<{ organisation: string; role: Role }>): Group {
  const approverOf = new Set(
    myOrgs.filter((m) => m.role === "approver" || m.role === "admin").map((m) => m.organisation),
  );
  if (p.consents.some((c) => approverOf.has(c.organisation) && c.decision === "pending")) return "toDecide";
  if (p.consents.some((c) => c.decision === "object")) return "objected";
  if (p.createdBy.id === userId || myOrgs.some((m) => m.organisation === p.organisation)) return "ours";
  return "other";
}

function Proposals({
  userId,
  myOrgs,
}: {
  userId: string;
  myOrgs: ReadonlyArray<{ organisation: string; role: Role }>;
}) {
  const { t } = useTranslation();
  const { text } = useLocalText();
  const when = useWhen();
  const org = useOrgName();
  const { data, error } = useAuthApi<{ data: Proposal[] }>("/api/v1/me/proposals?status=open");
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <Loading />;
  const grouped = new Map<Group, Proposal[]>(GROUPS.map((g) => [g, []]));
  for (const p of data.data) grouped.get(groupOf(p, userId, myOrgs))?.push(p);
  return (
    <section aria-labelledby="proposals-title">
      <h2 id="proposals-title">{t("account.openProposals")}</h2>
      {data.data.length === 0 && <p className="muted">{t("account.noProposals")}</p>}
      {GROUPS.map((g) => {
        const items = grouped.get(g) ?? [];
        if (items.length === 0) return null;
        return (
          <div key={g} className="proposal-group">
            <h3>{t(`account.group.${g}`, { count: items.length })}</h3>
            <ul className="item-list">
              {items.map((p) => (
                <li key={p.id}>
                  <Link to={`/proposals/${p.id}`}>
                    {t(`account.operation.${p.operation}`)}: {text(p.record.names) || p.record.id}
                  </Link>
                  <span className="muted small">
                    {" "}
                    · {p.createdBy.email ?? p.createdBy.id} · <time dateTime={p.createdAt}>{when(p.createdAt)}</time>
                  </span>
                  <span className="decision-summary">
                    {p.consents.map((c) => (
                      <span key={c.organisation} className={`badge decision-${c.decision}`}>
                        {org(c.organisation)}: {t(`account.decisionState.${c.decision}`)}
                      </span>
                    ))}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

function Drafts() {
  const { t } = useTranslation();
  const { text } = useLocalText();
  const { data, error, reload } = useAuthApi<{ data: Draft[] }>("/api/v1/me/drafts");
  const [message, setMessage] = useState<{ text: string; proposal?: string; error?: boolean }>();
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <Loading />;
  const act = async (d: Draft, action: "submit" | "publish") => {
    setMessage(undefined);
    try {
      const res = await authJson<{ proposal?: { id: string } }>(
        `/api/v1/${KIND_PATHS[d.data.kind]}/${encodeURIComponent(d.data.id)}/${action}`,
        { method: "POST", headers: { "If-Match": `W/"v${d.version}"` } },
      );
      setMessage({ text: t(`account.done.${action}`), proposal: res.proposal?.id });
      reload();
    } catch (err) {
      setMessage({ text: failureMessage(t, err), error: true });
    }
  };
  return (
    <section aria-labelledby="drafts-title">
      <h2 id="drafts-title">{t("account.drafts")}</h2>
      {message && (
        <p className={message.error ? "notice notice-error" : "notice"} role={message.error ? "alert" : "status"}>
          {message.text}{" "}
          {message.proposal && <Link to={`/proposals/${message.proposal}`}>{t("account.seeProposal")}</Link>}
        </p>
      )}
      {data.data.length === 0 ? (
        <p className="muted">{t("account.noDrafts")}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("account.record")}</th>
              <th scope="col">{t("account.field.workflow")}</th>
              <th scope="col">{t("account.version")}</th>
              <th scope="col">{t("account.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {data.data.map((d) => {
              const path = `${KIND_PATHS[d.data.kind]}/${encodeURIComponent(d.data.id)}`;
              return (
                <tr key={d.data.id}>
                  <th scope="row">
                    <Link to={recordPath(d.data.kind, d.data.id)}>{text(d.data.names)}</Link>{" "}
                    <span className="muted small">{t(`kind.${d.data.kind}`)}</span>
                  </th>
                  <td>{t(`account.workflow.${d.workflow}`, { defaultValue: d.workflow })}</td>
                  <td>v{d.version}</td>
                  <td className="row-actions">
                    {d.workflow === "draft" && <Link to={`/edit/${path}`}>{t("account.edit")}</Link>}
                    <Link to={`/history/${path}`}>{t("account.historyShort")}</Link>
                    {d.workflow === "draft" && (
                      <button type="button" className="link-button" onClick={() => void act(d, "submit")}>
                        {t("account.submit")}
                      </button>
                    )}
                    {d.workflow === "approved" && (
                      <button type="button" className="link-button" onClick={() => void act(d, "publish")}>
                        {t("account.publish")}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface Member {
  id: string;
  email: string;
  role: Role;
  since: string;
}

function Members({ organisation }: { organisation: string }) {
  const { t } = useTranslation();
  const org = useOrgName();
  const url = `/api/v1/organisations/${encodeURIComponent(organisation)}/members`;
  const { data, error, reload } = useAuthApi<{ data: Member[] }>(url);
  const [failure, setFailure] = useState<string>();
  const run = async (request: () => Promise<unknown>) => {
    setFailure(undefined);
    try {
      await request();
      reload();
    } catch (err) {
      setFailure(failureMessage(t, err));
    }
  };
  const add = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    void run(async () => {
      await authFetch(url, {
        method: "PUT",
        json: { email: String(f.get("email") ?? "").trim(), role: f.get("role") },
      });
      form.reset();
    });
  };
  const titleId = `members-${organisation}`;
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>{t("account.membersOf", { org: org(organisation) })}</h2>
      {error && <ErrorNotice error={error} />}
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      {data && (
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{t("account.email")}</th>
              <th scope="col">{t("account.roleLabel")}</th>
              <th scope="col">{t("account.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {data.data.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.email}</th>
                <td>{t(`account.role.${m.role}`)}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => void run(() => authFetch(`${url}/${m.id}`, { method: "DELETE" }))}
                  >
                    {t("account.removeMember")}
                    <span className="visually-hidden"> {m.email}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="member-form" onSubmit={add}>
        <div className="field inline">
          <label htmlFor={`${titleId}-email`}>{t("account.email")}</label>
          <input id={`${titleId}-email`} name="email" type="email" required />
        </div>
        <div className="field inline">
          <label htmlFor={`${titleId}-role`}>{t("account.roleLabel")}</label>
          <select id={`${titleId}-role`} name="role" defaultValue="viewer">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`account.role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("account.setMember")}</button>
      </form>
    </section>
  );
}
