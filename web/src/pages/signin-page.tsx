import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { changePassword, failureMessage, useSession } from "../api/session.ts";
import { PageHeader, usePageTitle } from "../components/page.tsx";
import "./workspace-page.css";

/** Only a path of this site: `?next=//evil.example` or `https://…` would send the user elsewhere. */
export function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/workspace";
}

/**
 * `/signin`: email and password; errors read out as they appear (the server's one message for any wrong
 * credential, so nobody learns whether an email has an account); a one-time password is changed here before going
 * on to `?next=`.
 */
export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t("account.signInTitle"));
  const { user, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get("next"));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [password, setPassword] = useState("");

  if (user?.mustChangePassword) return <ChangePassword current={password} next={next} />;

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const secret = String(form.get("password") ?? "");
    setBusy(true);
    setError(undefined);
    try {
      const signedIn = await signIn(email, secret);
      setPassword(secret);
      if (!signedIn.mustChangePassword) void navigate(next, { replace: true });
    } catch (err) {
      setError(failureMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="account-page narrow-form">
      <PageHeader title={t("account.signInTitle")} sub={t("account.signInIntro")} />
      {user && (
        <p className="notice">
          {t("account.alreadySignedIn", { email: user.email })} <Link to={next}>{t("account.continue")}</Link>
        </p>
      )}
      <form
        className="account-form"
        onSubmit={(e) => void submit(e)}
        aria-describedby={error ? "signin-error" : undefined}
      >
        <div className="field">
          <label htmlFor="signin-email">{t("account.email")}</label>
          <input id="signin-email" name="email" type="email" autoComplete="username" required maxLength={320} />
        </div>
        <div className="field">
          <label htmlFor="signin-password">{t("account.password")}</label>
          <input
            id="signin-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={1024}
          />
        </div>
        {error && (
          <p id="signin-error" className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t("account.signingIn") : t("account.signIn")}
        </button>
      </form>
    </div>
  );
}

function ChangePassword({ current, next }: { current: string; next: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const old = current || String(form.get("current") ?? "");
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("repeat") ?? "")) {
      setError(t("account.passwordsDiffer"));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await changePassword(old, password);
      void navigate(next, { replace: true });
    } catch (err) {
      setError(failureMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="account-page narrow-form">
      <PageHeader title={t("account.changePasswordTitle")} sub={t("account.changePasswordIntro")} />
      <form className="account-form" onSubmit={(e) => void submit(e)}>
        {!current && (
          <div className="field">
            <label htmlFor="pw-current">{t("account.currentPassword")}</label>
            <input id="pw-current" name="current" type="password" autoComplete="current-password" required />
          </div>
        )}
        <div className="field">
          <label htmlFor="pw-new">{t("account.newPassword")}</label>
          <input
            id="pw-new"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            maxLength={1024}
            aria-describedby="pw-help"
          />
          <span id="pw-help" className="muted small">
            {t("account.passwordHelp")}
          </span>
        </div>
        <div className="field">
          <label htmlFor="pw-repeat">{t("account.repeatPassword")}</label>
          <input id="pw-repeat" name="repeat" type="password" autoComplete="new-password" required minLength={12} />
        </div>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t("account.changePassword")}
        </button>
      </form>
    </div>
  );
}
