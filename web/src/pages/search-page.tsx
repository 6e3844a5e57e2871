import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { apiUrl } from "../api/client.ts";
import type { SearchResponse } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { ErrorNotice, Loading, PageHeader, usePageTitle } from "../components/page.tsx";
import { RecordLink } from "../components/record-link.tsx";

/** Full-text search across every kind (`GET /api/v1/search`), best first. */
export function SearchPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const q = params.get("q")?.trim() ?? "";
  usePageTitle(t("search.title"));
  const { data, error, loading } = useApi<SearchResponse>(q ? apiUrl("/api/v1/search", { q, limit: 50 }) : null);
  return (
    <>
      <PageHeader title={t("search.title")} sub={q ? t("search.for", { q }) : t("search.empty")} />
      {error && <ErrorNotice error={error} />}
      {loading && <Loading />}
      {data && (
        <>
          <p aria-live="polite">{t("search.count", { count: data.data.length })}</p>
          <ol className="search-results">
            {data.data.map((r) => (
              <li key={r.id}>
                <RecordLink kind={r.kind} id={r.id} names={r.names} />{" "}
                <span className="muted small">{t(`kind.${r.kind}`)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}
