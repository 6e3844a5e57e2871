import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { apiUrl } from "../api/client.ts";
import type { AnyApiRecord, ListResponse } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { DownloadLinks } from "../components/download.tsx";
import { FilterPanel } from "../components/filter-panel.tsx";
import { ErrorNotice, Loading, PageHeader, usePageTitle } from "../components/page.tsx";
import { filterParams, useUrlFilters } from "../filters.ts";
import { useFormat } from "../format.ts";
import { KIND_PATHS, type ListKind } from "../kinds.ts";
import { useCountryName, useLabels } from "../names.ts";
import { COLUMNS, type Column, type ColumnContext, SORTS } from "./list-columns.tsx";

const PAGE_SIZES = ["25", "50", "100", "200"] as const;

/** A list of one kind: faceted filters, sortable table, cursor pages, and downloads of the whole selection. */
export function ListPage({ kind }: { kind: ListKind }) {
  const { t } = useTranslation();
  const f = useFormat();
  const label = useLabels();
  const country = useCountryName();
  const { filters, sort, cursor, limit, set, clear } = useUrlFilters();
  const path = `/api/v1/${KIND_PATHS[kind]}`;
  const pageSize = PAGE_SIZES.includes(limit as (typeof PAGE_SIZES)[number]) ? (limit as string) : "50";
  const sortKey = sort && SORTS[kind].includes(sort) ? sort : undefined;
  const params = useMemo(() => ({ ...filterParams(filters), sort: sortKey }), [filters, sortKey]);
  const { data, error, loading } = useApi<ListResponse<AnyApiRecord>>(
    apiUrl(path, { ...params, limit: pageSize, cursor }),
  );
  usePageTitle(t(`list.${kind}.title`));

  // Cursors of the pages before this one, for "Previous"; a new selection starts again.
  const selection = JSON.stringify([params, pageSize]);
  const [trail, setTrail] = useState<{ selection: string; cursors: Array<string | undefined> }>({
    selection,
    cursors: [],
  });
  useEffect(() => {
    setTrail((tr) => (tr.selection === selection ? tr : { selection, cursors: [] }));
  }, [selection]);
  const cursors = trail.selection === selection ? trail.cursors : [];
  const pageIndex = cursors.length;
  const next = () => {
    if (!data?.meta.nextCursor) return;
    setTrail({ selection, cursors: [...cursors, cursor] });
    set({ cursor: data.meta.nextCursor }, true);
  };
  const previous = () => {
    const prev = cursors.at(-1);
    setTrail({ selection, cursors: cursors.slice(0, -1) });
    set({ cursor: prev }, true);
  };

  const columns = COLUMNS[kind] as Array<Column<AnyApiRecord>>;
  const context: ColumnContext = { f, t, label, country };
  const rows = data?.data ?? [];
  const total = data?.meta.total;
  const first = pageIndex * Number(pageSize) + 1;

  const sortBy = (column: string) => {
    const current = sortKey ?? "name";
    const descending = current === `-${column}`;
    const ascending = current === column;
    set({ sort: ascending ? `-${column}` : descending ? column : column === "name" ? "name" : `-${column}` });
  };
  const ariaSort = (column: string) =>
    (sortKey ?? "name") === column ? "ascending" : (sortKey ?? "name") === `-${column}` ? "descending" : undefined;

  return (
    <>
      <PageHeader title={t(`list.${kind}.title`)} sub={t(`list.${kind}.intro`)} />
      <div className="list-layout">
        <aside className="panel" aria-labelledby="filters-heading">
          <h2 id="filters-heading">{t("filters.title")}</h2>
          <FilterPanel kind={kind} filters={filters} onChange={(c) => set(c)} onClear={clear} />
        </aside>
        <section className="list-results" aria-labelledby="results-heading">
          <div className="results-bar">
            <h2 id="results-heading" aria-live="polite">
              {total === undefined ? t("list.results") : t("list.count", { count: total, formatted: f.number(total) })}
            </h2>
            <div className="field inline">
              <label htmlFor="sort">{t("list.sortBy")}</label>
              <select id="sort" value={sortKey ?? ""} onChange={(e) => set({ sort: e.target.value || undefined })}>
                <option value="">{t("sort.default")}</option>
                {SORTS[kind].map((s) => (
                  <option key={s} value={s}>
                    {t(`sort.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <DownloadLinks path={path} params={params} total={total} />
          {error && <ErrorNotice error={error} />}
          {loading && !data && <Loading />}
          {data && rows.length === 0 && <p className="notice">{t("list.none")}</p>}
          {rows.length > 0 && (
            <div className="table-scroll">
              <table className="data-table" aria-busy={loading}>
                <caption className="visually-hidden">{t(`list.${kind}.title`)}</caption>
                <thead>
                  <tr>
                    {columns.map((c) => (
                      <th
                        key={c.header}
                        scope="col"
                        className={c.num ? "num" : undefined}
                        aria-sort={c.sort ? ariaSort(c.sort) : undefined}
                      >
                        {c.sort && SORTS[kind].some((s) => s.replace("-", "") === c.sort) ? (
                          <button type="button" className="sort-button" onClick={() => c.sort && sortBy(c.sort)}>
                            {t(c.header)}
                            <span aria-hidden="true" className="sort-mark">
                              {ariaSort(c.sort) === "ascending" ? "▲" : ariaSort(c.sort) === "descending" ? "▼" : "↕"}
                            </span>
                          </button>
                        ) : (
                          t(c.header)
                        )}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id}>
                      {columns.map((c) => (
                        <td key={c.header} className={c.num ? "num" : undefined}>
                          {c.cell(r, context)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {data && (
            <nav className="pager" aria-label={t("list.pages")}>
              <button type="button" onClick={previous} disabled={pageIndex === 0 && !cursor}>
                {pageIndex === 0 && cursor ? t("list.firstPage") : t("list.previous")}
              </button>
              <span>
                {rows.length > 0 &&
                  // a page opened from a link with a cursor does not know its place in the list
                  !(pageIndex === 0 && cursor) &&
                  t("list.range", {
                    from: f.number(first),
                    to: f.number(first + rows.length - 1),
                    total: f.number(total ?? 0),
                  })}
              </span>
              <button type="button" onClick={next} disabled={!data.meta.nextCursor}>
                {t("list.next")}
              </button>
              <label htmlFor="page-size">{t("list.pageSize")}</label>
              <select id="page-size" value={pageSize} onChange={(e) => set({ limit: e.target.value })}>
                {PAGE_SIZES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </nav>
          )}
        </section>
      </div>
    </>
  );
}
