import { useContext, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { apiUrl } from "../api/client.ts";
import type { AggregateResponse, ListResponse, ProgrammeRecord, PublishedFigure, StatsResponse } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { type Bar, BarPanel } from "../charts/bar-panel.tsx";
import { ErrorNotice, Loading, PageHeader, usePageTitle } from "../components/page.tsx";
import { CountriesContext } from "../countries-context.ts";
import { type Format, useFormat } from "../format.ts";
import { useLabels, useLocalText } from "../names.ts";
import { latestCount } from "../records.ts";

type Stats = StatsResponse["stats"];
type FigureKey = keyof Stats;

/** The headline figures in the order shown, each with the list it is computed from. */
const HEADLINES: ReadonlyArray<{ key: FigureKey; drilldown: string }> = [
  { key: "projects", drilldown: "/projects" },
  { key: "committedUsdConstant", drilldown: "/projects?sort=-committed" },
  { key: "cooperationCountries", drilldown: "/countries?documents=in-force" },
  { key: "partnerCountries", drilldown: "/countries" },
  { key: "agreements", drilldown: "/agreements" },
  { key: "programmes", drilldown: "/programmes" },
  { key: "peopleTrained", drilldown: "/programmes" },
  { key: "freightTripsByYear", drilldown: "/services" },
];

/**
 * A drill-down given by the API as an API URL becomes the portal page of the same list; where the portal's own
 * drill-down is that page narrowed further (countries with documents in force), the portal's wins.
 */
function portalPath(drilldown: string | undefined, fallback: string): string {
  const path = drilldown?.replace(/^\/api\/v1(?=\/)/, "");
  if (!path?.startsWith("/") || path.startsWith("/stats") || path.startsWith("/aggregate")) return fallback;
  const base = (p: string) => p.split("?")[0];
  return base(path) === base(fallback) && !path.includes("?") ? fallback : path;
}

export function DashboardPage() {
  const { t } = useTranslation();
  usePageTitle(t("dashboard.title"));
  const stats = useApi<StatsResponse | Stats>("/api/v1/stats");
  return (
    <>
      <PageHeader title={t("dashboard.title")} sub={t("dashboard.intro")} />
      <section aria-labelledby="headline-heading">
        <h2 id="headline-heading">{t("dashboard.headline")}</h2>
        {stats.error && <ErrorNotice error={stats.error} />}
        {stats.loading && !stats.data && <Loading />}
        {stats.data && <Headlines response={stats.data} />}
      </section>
      <section aria-labelledby="charts-heading">
        <h2 id="charts-heading">{t("dashboard.charts")}</h2>
        <div className="chart-grid">
          <MoneyByYear />
          <MoneyBySector />
          <MoneyByRegion />
          <FreightTrips stats={stats.data && ("stats" in stats.data ? stats.data.stats : stats.data)} />
          <ProgrammeReach />
          <DocumentsOverTime />
        </div>
      </section>
    </>
  );
}

function Headlines({ response }: { response: StatsResponse | Stats }) {
  // The contract wraps the figures as { stats, figures }; an older server answered with the figures alone.
  const stats = "stats" in response ? response.stats : response;
  const figures = "stats" in response ? (response.figures ?? []) : [];
  return (
    <ul className="headline-grid">
      {HEADLINES.map(({ key, drilldown }) => {
        const figure = figures.find((f) => f.key === key);
        return (
          <HeadlineCard
            key={key}
            figureKey={key}
            stats={stats}
            drilldown={portalPath(figure?.drilldown, drilldown)}
            published={figure?.published ?? []}
          />
        );
      })}
    </ul>
  );
}

function headlineValue(key: FigureKey, stats: Stats, f: Format): { value: string; note?: string } {
  if (key === "freightTripsByYear") {
    const years = Object.keys(stats.freightTripsByYear).sort();
    const last = years.at(-1);
    if (!last) return { value: "—" };
    return { value: f.number(stats.freightTripsByYear[last] ?? 0), note: last };
  }
  if (key === "committedUsdConstant") return { value: f.moneyShort(stats.committedUsdConstant, "USD") };
  return { value: f.number(stats[key]) };
}

function HeadlineCard({
  figureKey,
  stats,
  drilldown,
  published,
}: {
  figureKey: FigureKey;
  stats: Stats;
  drilldown: string;
  published: readonly PublishedFigure[];
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const { value, note } = headlineValue(figureKey, stats, f);
  const id = `headline-${figureKey}`;
  const latest = [...published].sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""));
  return (
    <li className="headline-card" aria-labelledby={id}>
      <p className="headline-label" id={id}>
        {t(`headline.${figureKey}`, { year: note })}
      </p>
      <p className="headline-value">{value}</p>
      <p className="headline-help">{t(`headlineHelp.${figureKey}`)}</p>
      <Link className="drilldown" to={drilldown}>
        {t("dashboard.drilldown")}
        <span className="visually-hidden">: {t(`headline.${figureKey}`, { year: note })}</span>
      </Link>
      {published.length > 0 && (
        <div className="published">
          <p className="published-title">{t("dashboard.published")}</p>
          <PublishedItem figure={latest[0]} />
          {latest.length > 1 && (
            <details>
              <summary>{t("dashboard.morePublished", { count: latest.length - 1 })}</summary>
              <ul>
                {latest.slice(1).map((p) => (
                  <li key={`${p.text}-${p.source.title}`}>
                    <PublishedItem figure={p} />
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </li>
  );
}

/** A published figure in its own words, with its source. */
function PublishedItem({ figure: p }: { figure: PublishedFigure | undefined }) {
  const f = useFormat();
  if (!p) return null;
  const date = p.date ?? p.source.published;
  return (
    <p className="published-item">
      <q>{p.text}</q>{" "}
      <span className="muted">
        —{" "}
        {p.source.url ? (
          <a href={p.source.url} rel="noreferrer noopener" target="_blank">
            {p.source.title}
          </a>
        ) : (
          <cite>{p.source.title}</cite>
        )}
        , {p.source.publisher}
        {date && <>, {f.date(date)}</>}
      </span>
    </p>
  );
}

function useAggregate(by: string) {
  return useApi<AggregateResponse>(
    apiUrl("/api/v1/aggregate", { by, measure: "committedUsdConstant", of: "projects" }),
  );
}

function MoneyByYear() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data, error } = useAggregate("year");
  const bars = useMemo<Bar[]>(
    () =>
      (data?.data ?? [])
        .filter((d) => d.value > 0)
        .sort((a, b) => Number(a.key) - Number(b.key))
        .map((d) => ({ key: d.key, label: d.key, value: d.value })),
    [data],
  );
  return (
    <BarPanel
      title={t("charts.moneyByYear")}
      note={t("charts.constantUsd")}
      bars={bars}
      money
      years
      error={error}
      loading={!data && !error}
      onSelect={(bar) => void navigate(`/projects?from=${bar.key}&to=${bar.key}&sort=-committed`)}
    />
  );
}

function MoneyBySector() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { text } = useLocalText();
  const label = useLabels();
  const { i18n } = useTranslation();
  const { data, error } = useAggregate("sector");
  const bars = useMemo<Bar[]>(() => {
    const sorted = [...(data?.data ?? [])].filter((d) => d.value > 0).sort((a, b) => b.value - a.value);
    const top = sorted.slice(0, 10).map((d) => ({
      key: d.key,
      // The UI's own sector names first: the API's Chinese labels may be the English ones.
      label: i18n.exists(`sector.${d.key}`) || !d.label ? label("sector", d.key, "Sector") : text(d.label),
      value: d.value,
    }));
    const rest = sorted.slice(10).reduce((sum, d) => sum + d.value, 0);
    return rest > 0 ? [...top, { key: "", label: t("charts.otherSectors"), value: rest }] : top;
  }, [data, text, label, t, i18n]);
  return (
    <BarPanel
      title={t("charts.moneyBySector")}
      note={t("charts.constantUsd")}
      bars={bars}
      money
      horizontal
      error={error}
      loading={!data && !error}
      onSelect={(bar) => {
        if (bar.key) void navigate(`/projects?sector=${bar.key}&sort=-committed`);
      }}
    />
  );
}

function MoneyByRegion() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { text } = useLocalText();
  const countries = useContext(CountriesContext);
  const { data, error } = useAggregate("region");
  const bars = useMemo<Bar[]>(
    () =>
      [...(data?.data ?? [])]
        .filter((d) => d.value > 0)
        .sort((a, b) => b.value - a.value)
        .map((d) => ({
          key: d.key,
          label: d.label ? text(d.label) : t(`region.${d.key.replace(/^region-/, "")}`, { defaultValue: d.key }),
          value: d.value,
        })),
    [data, text, t],
  );
  const regionCountries = (region: string) =>
    countries.list.filter((c) => c.region === region || `region-${c.region}` === region).map((c) => c.code);
  return (
    <BarPanel
      title={t("charts.moneyByRegion")}
      note={t("charts.constantUsd")}
      bars={bars}
      money
      horizontal
      error={error}
      loading={!data && !error}
      onSelect={(bar) => {
        const codes = regionCountries(bar.key);
        if (codes.length > 0) void navigate(`/projects?country=${codes.join(",")}&sort=-committed`);
      }}
    />
  );
}

function FreightTrips({ stats }: { stats: Stats | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const bars = useMemo<Bar[]>(
    () =>
      Object.entries(stats?.freightTripsByYear ?? {})
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([year, trips]) => ({ key: year, label: year, value: trips })),
    [stats],
  );
  return (
    <BarPanel
      title={t("charts.freightTrips")}
      note={t("charts.freightTripsNote")}
      bars={bars}
      years
      loading={!stats}
      valueLabel={t("charts.trips")}
      onSelect={() => void navigate("/services")}
    />
  );
}

function ProgrammeReach() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { text } = useLocalText();
  const { data, error } = useApi<ListResponse<ProgrammeRecord>>(apiUrl("/api/v1/programmes", { limit: 50 }));
  const bars = useMemo<Bar[]>(
    () =>
      (data?.data ?? [])
        .map((p) => ({ key: p.id, label: text(p.names), value: latestCount(p, "people-trained")?.value ?? 0 }))
        .filter((b) => b.value > 0)
        .sort((a, b) => b.value - a.value),
    [data, text],
  );
  return (
    <BarPanel
      title={t("charts.programmeReach")}
      note={t("charts.programmeReachNote")}
      bars={bars}
      horizontal
      error={error}
      loading={!data && !error}
      valueLabel={t("charts.peopleTrained")}
      onSelect={(bar) => void navigate(`/programmes/${bar.key}`)}
    />
  );
}

function DocumentsOverTime() {
  const { t } = useTranslation();
  const countries = useContext(CountriesContext);
  const bars = useMemo<Bar[]>(() => {
    const byYear = new Map<number, number>();
    for (const c of countries.list) {
      if (!c.firstDocument || c.code === "CHN") continue;
      const y = Number(c.firstDocument.slice(0, 4));
      byYear.set(y, (byYear.get(y) ?? 0) + 1);
    }
    let total = 0;
    return [...byYear.keys()]
      .sort((a, b) => a - b)
      .map((y) => {
        total += byYear.get(y) ?? 0;
        return { key: String(y), label: String(y), value: total };
      });
  }, [countries]);
  return (
    <BarPanel
      title={t("charts.documentsOverTime")}
      note={t("charts.documentsOverTimeNote")}
      bars={bars}
      line
      years
      loading={!countries.loaded}
      valueLabel={t("charts.countries")}
    />
  );
}
