import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router-dom";
import type { AnyRecord } from "../../../src/core/domain/index.ts";
import { partiesOf } from "../../../src/core/parties.ts";
import { roleAtLeast, useSession } from "../api/session.ts";
import "../pages/workspace-page.css";

/**
 * The header's account corner: a "Sign in" link (back to this page afterwards) when signed out; when signed in,
 * the user's email opening a menu with their workspace, the import page and "Sign out".
 */
export function AccountMenu() {
  const { t } = useTranslation();
  const { status, user, signOut } = useSession();
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const menu = useRef<HTMLDetailsElement>(null);
  if (status === "unknown") return <span className="account-menu" aria-hidden="true" />;
  if (!user) {
    if (pathname === "/signin") return <span className="account-menu" />;
    const next = encodeURIComponent(`${pathname}${search}`);
    return (
      <Link className="account-menu account-signin" to={`/signin?next=${next}`}>
        {t("account.signIn")}
      </Link>
    );
  }
  const close = () => menu.current?.removeAttribute("open");
  const out = async () => {
    close();
    await signOut();
    void navigate("/");
  };
  return (
    <details className="account-menu" ref={menu}>
      <summary>
        <span className="visually-hidden">{t("account.signedInAs")} </span>
        {user.email}
      </summary>
      <ul>
        <li>
          <Link to="/workspace" onClick={close}>
            {t("account.workspace")}
          </Link>
        </li>
        <li>
          <Link to="/import" onClick={close}>
            {t("account.import")}
          </Link>
        </li>
        <li>
          <button type="button" className="link-button" onClick={() => void out()}>
            {t("account.signOut")}
          </button>
        </li>
      </ul>
    </details>
  );
}

/**
 * A record page's links to its history and comments and, for signed-in editors, to its edit form.
 *
 * @example
 *   <RecordActions kind="projects" id={p.id} />
 */
export function RecordActions({ kind, record }: { kind: string; record: AnyRecord }) {
  const { t } = useTranslation();
  const { user } = useSession();
  // The server decides in the end; the link is offered to platform admins and editors of one of the record's parties.
  const parties = new Set(partiesOf(record));
  const editor =
    user &&
    (user.platformAdmin || user.memberships.some((m) => parties.has(m.organisation) && roleAtLeast(m.role, "editor")));
  const path = `${kind}/${encodeURIComponent(record.id)}`;
  return (
    <p className="record-actions">
      <Link to={`/history/${path}`}>{t("account.historyLink")}</Link>
      {editor && (
        <Link className="button-link" to={`/edit/${path}`}>
          {t("account.edit")}
        </Link>
      )}
    </p>
  );
}
