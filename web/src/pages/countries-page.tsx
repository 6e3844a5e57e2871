import { useContext, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import type { CountrySummary } from "../api/types.ts";
import { ErrorNotice, Loading, PageHeader, usePageTitle } from "../components/page.tsx";
import { CountriesContext } from "../countries-context.ts";
import { toCsv } from "../csv.ts";
import { useFormat } from "../format.ts";
import { useLocalText } from "../names.ts";

const DOCUMENT_FILTERS = ["any", "in-force", "ended", "none"] as const;
type DocumentFilter = (typeof DOCUMENT_FILTERS)[number];
const SORTS = ["name", "firstDocument", "-projects", "-committed"] as const;
type Sort = (typeof SORTS)[number];

function matchesDocuments(c: CountrySummary, filter: DocumentFilter): boolean {
  const has = c.hasDocument ?? c.firstDocument !== null;
  if (filter === "in-force") return has && c.ended === null;
  if (filter === "ended") return c.ended !== null;
  if (filter === "none") return !has;
  return true;
}

/** Every country partner: region, first cooperation document, projects, money; filters live in the URL. */
export function CountriesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { text } = useLocalText();
  const countries = useContext(CountriesContext);
  const [params, setParams] = useSearchParams();
  usePageTitle(t("countries.title"));
  const region = params.get("region") ?? "";
  const documents = (DOCUMENT_FILTERS as readonly string[]).includes(params.get("documents") ?? "")
    ? (params.get("documents") as DocumentFilter)
    : "any";
  const sort = (SORTS as readonly string[]).includes(params.get("sort") ?? "") ? (params.get("sort") as Sort) : "name";
  const q = params.get("q") ?? "";
  const update = (key: string, value: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value && value !== "any") next.set(key, value);
      else next.delete(key);
      return next;
    });

  const regions = useMemo(
    () => [...new Set(countries.list.map((c) => c.region).filter((r): r is string => !!r))].sort(),
    [countries],
  );
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const list = countries.list.filter(
      (c) =>
        c.code !== "CHN" &&
        (!region || c.region === region) &&
        matchesDocuments(c, documents) &&
        (!needle ||
          c.names.en.toLowerCase().includes(needle) ||
          (c.names.zh ?? "").includes(needle) ||
          c.code.toLowerCase() === needle),
    );
    const by: Record<Sort, (a: CountrySummary, b: CountrySummary) => number> = {
      name: (a, b) => text(a.names).localeCompare(text(b.names), t("locale")),
      firstDocument: (a, b) => (a.firstDocument ?? "9999").localeCompare(b.firstDocument ?? "9999"),
      "-projects": (a, b) => b.projects - a.projects,
      "-committed": (a, b) => b.committedUsdConstant - a.committedUsdConstant,
    };
    return list.sort((a, b) => by[sort](a, b) || a.code.localeCompare(b.code));
  }, [countries, region, documents, q, sort, text, t]);
  const regionName = (r: string) => t(`region.${r.replace(/^region-/, "")}`, { defaultValue: r });

  const download = () => {
    const csv = toCsv(
      ["code", "name_en", "name_zh", "region", "first_document", "ended", "projects", "committed_usd_constant_2021"],
      rows.map((c) => [
        c.code,
        c.names.en,
        c.names.zh ?? "",
        c.region ?? "",
        c.firstDocument ?? "",
        c.ended ?? "",
        String(c.projects),
        String(Math.round(c.committedUsdConstant)),
      ]),
    );
    const url = URL.createObjectURL(new Blob([`\uFEFF${csv}`], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "beltroad-countries.csv";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <>
      <PageHeader title={t("countries.title")} sub={t("countries.intro")} />
      <div className="list-layout">
        <aside className="panel" aria-labelledby="country-filters">
          <h2 id="country-filters">{t("filters.title")}</h2>
          <div className="filter-panel">
            <div className="field">
              <label htmlFor="country-q">{t("filters.q")}</label>
              <input id="country-q" type="search" value={q} onChange={(e) => update("q", e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="country-region">{t("countries.region")}</label>
              <select id="country-region" value={region} onChange={(e) => update("region", e.target.value)}>
                <option value="">{t("filters.any")}</option>
                {regions.map((r) => (
                  <option key={r} value={r}>
                    {regionName(r)}
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="field">
              <legend>{t("countries.documents")}</legend>
              {DOCUMENT_FILTERS.map((d) => (
                <label key={d} className="check">
                  <input
                    type="radio"
                    name="documents"
                    value={d}
                    checked={documents === d}
                    onChange={() => update("documents", d)}
                  />
                  <span>{t(`countries.documentFilter.${d}`)}</span>
                </label>
              ))}
            </fieldset>
          </div>
        </aside>
        <section className="list-results" aria-labelledby="countries-count">
          <div className="results-bar">
            <h2 id="countries-count" aria-live="polite">
              {t("countries.count", { count: rows.length, formatted: f.number(rows.length) })}
            </h2>
            <div className="field inline">
              <label htmlFor="country-sort">{t("list.sortBy")}</label>
              <select
                id="country-sort"
                value={sort}
                onChange={(e) => update("sort", e.target.value === "name" ? "" : e.target.value)}
              >
                {SORTS.map((s) => (
                  <option key={s} value={s}>
                    {t(`countries.sort.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="downloads">
            <button type="button" onClick={download} disabled={rows.length === 0}>
              {t("download.csv")}
            </button>
          </div>
          {!countries.loaded && <Loading />}
          {countries.loaded && countries.list.length === 0 && <ErrorNotice error={new Error(t("countries.none"))} />}
          {rows.length > 0 && (
            <div className="table-scroll">
              <table className="data-table">
                <caption className="visually-hidden">{t("countries.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("columns.name")}</th>
                    <th scope="col">{t("countries.region")}</th>
                    <th scope="col">{t("country.firstDocument")}</th>
                    <th scope="col" className="num">
                      {t("country.projects")}
                    </th>
                    <th scope="col" className="num">
                      {t("columns.committed")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((c) => (
                    <tr key={c.code}>
                      <td>
                        <Link to={`/countries/${c.code}`}>{text(c.names)}</Link>
                      </td>
                      <td>{c.region ? regionName(c.region) : "—"}</td>
                      <td>
                        {c.firstDocument ? f.date(c.firstDocument) : c.hasDocument ? t("country.undated") : "—"}
                        {c.ended && (
                          <span className="badge small">{t("agreement.endedOn", { date: f.date(c.ended) })}</span>
                        )}
                      </td>
                      <td className="num">{f.number(c.projects)}</td>
                      <td className="num">
                        {c.committedUsdConstant ? f.moneyShort(c.committedUsdConstant, "USD") : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
