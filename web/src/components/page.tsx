import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client.ts";

/** Sets the document title (`… · Beltroad`). */
export function usePageTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Beltroad` : "Beltroad";
  }, [title]);
}

/** A polite "loading" note for screen readers and eyes. */
export function Loading({ what }: { what?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {what ? t("common.loadingWhat", { what }) : t("common.loading")}
    </p>
  );
}

/** An API failure told plainly; a 404 says the record does not exist. */
export function ErrorNotice({ error }: { error: Error }) {
  const { t } = useTranslation();
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div className="notice notice-error" role="alert">
      <p>{notFound ? t("common.notFound") : t("common.loadFailed")}</p>
      {!notFound && <p className="muted">{error.message}</p>}
    </div>
  );
}

/** The page heading with an optional line above it (the record's kind) and badges beside it. */
export function PageHeader({
  kicker,
  title,
  sub,
  children,
}: {
  kicker?: string;
  title: string;
  sub?: string;
  children?: ReactNode;
}) {
  return (
    <header className="page-header">
      {kicker && <p className="kicker">{kicker}</p>}
      <h1>{title}</h1>
      {sub && <p className="page-sub">{sub}</p>}
      {children}
    </header>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t("common.pageNotFound"));
  return (
    <PageHeader title={t("common.pageNotFound")}>
      <p>{t("common.pageNotFoundText")}</p>
    </PageHeader>
  );
}
