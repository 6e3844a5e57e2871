import { useContext, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { apiUrl } from "../api/client.ts";
import type { AgreementRecord, CountryDetail, ListResponse, ProgrammeRecord, ProjectRecord } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { type Bar, BarPanel } from "../charts/bar-panel.tsx";
import { ErrorNotice, Loading, usePageTitle } from "../components/page.tsx";
import { RecordLink } from "../components/record-link.tsx";
import { Description, Section } from "../components/record-parts.tsx";
import { SourceList, SourcesProvider } from "../components/sources.tsx";
import { CountriesContext } from "../countries-context.ts";
import { useFormat } from "../format.ts";
import { toPlaces } from "../map/project-layers.ts";
import { RecordMap } from "../map/record-map.tsx";
import { useCountryName, useLabels, useLocalText } from "../names.ts";
import { latestCount, startDate } from "../records.ts";
import { toSeries } from "../series.ts";

/** A country: its cooperation documents over time, its projects on a map, money by year, and programmes. */
export function CountryPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { text } = useLocalText();
  const label = useLabels();
  const countryName = useCountryName();
  const countries = useContext(CountriesContext);
  const code = (useParams().code ?? "").toUpperCase();
  const detail = useApi<CountryDetail>(`/api/v1/countries/${encodeURIComponent(code)}`);
  const agreements = useApi<ListResponse<AgreementRecord>>(
    apiUrl("/api/v1/agreements", { country: code, sort: "start", limit: 200 }),
  );
  const projects = useApi<ListResponse<ProjectRecord>>(
    apiUrl("/api/v1/projects", { country: code, sort: "-committed", limit: 200 }),
  );
  const programmes = useApi<ListResponse<ProgrammeRecord>>(apiUrl("/api/v1/programmes", { country: code, limit: 50 }));
  const partner = detail.data?.data;
  const summary = countries.byCode.get(code);
  usePageTitle(partner ? text(partner.names) : countryName(code));

  const places = useMemo(
    () =>
      toPlaces(
        (projects.data?.data ?? []).map((p) => ({
          id: p.id,
          kind: "project",
          names: p.names,
          type: p.projectType,
          status: p.status,
          geometries: (p.locations ?? []).filter((l) => !l.country || l.country === code).map((l) => l.geometry),
        })),
      ),
    [projects.data, code],
  );
  const highlight = useMemo(() => [code], [code]);
  // The API orders by start year; within a year the signing dates say the order.
  const signedOrder = useMemo(
    () =>
      [...(agreements.data?.data ?? [])].sort((a, b) =>
        (a.signed ?? startDate(a.dates) ?? "9999").localeCompare(b.signed ?? startDate(b.dates) ?? "9999"),
      ),
    [agreements.data],
  );
  const documents = useMemo<Bar[]>(() => {
    let total = 0;
    const byYear = new Map<string, number>();
    for (const a of agreements.data?.data ?? []) {
      const year = (a.signed ?? startDate(a.dates))?.slice(0, 4);
      if (year) byYear.set(year, (byYear.get(year) ?? 0) + 1);
    }
    return [...byYear.keys()].sort().map((y) => {
      total += byYear.get(y) ?? 0;
      return { key: y, label: y, value: total };
    });
  }, [agreements.data]);
  const money = useMemo<Bar[]>(
    () => toSeries(detail.data?.money).map((m) => ({ key: m.key, label: m.key.slice(0, 4), value: m.value })),
    [detail.data],
  );

  if (detail.error) return <ErrorNotice error={detail.error} />;
  if (!partner) return <Loading />;
  const name = text(partner.names);
  return (
    <SourcesProvider sources={partner.sources}>
      <article className="record">
        <header className="page-header">
          <p className="kicker">
            {t("kind.country")}
            {summary?.region && (
              <> · {t(`region.${summary.region.replace(/^region-/, "")}`, { defaultValue: summary.region })}</>
            )}
          </p>
          <h1>{name}</h1>
          {partner.names.en !== name && (
            <p className="page-sub" lang="en">
              {partner.names.en}
            </p>
          )}
          {partner.names.zh && partner.names.zh !== name && (
            <p className="page-sub" lang="zh-CN">
              {partner.names.zh}
            </p>
          )}
        </header>
        <div className="detail-grid">
          <div className="detail-main">
            <Description descriptions={partner.descriptions} />
            <dl className="facts">
              <dt>{t("country.firstDocument")}</dt>
              <dd>
                {summary?.firstDocument
                  ? f.date(summary.firstDocument)
                  : summary?.hasDocument
                    ? t("country.undated")
                    : t("country.noDocument")}
              </dd>
              {summary?.ended && (
                <>
                  <dt>{t("country.ended")}</dt>
                  <dd>{f.date(summary.ended)}</dd>
                </>
              )}
              <dt>{t("country.projects")}</dt>
              <dd>{f.number(projects.data?.meta.total ?? summary?.projects ?? 0)}</dd>
              <dt>{t("detail.committed")}</dt>
              <dd>
                {summary ? f.moneyShort(summary.committedUsdConstant, "USD") : "—"}{" "}
                <span className="muted small">{t("charts.constantUsd")}</span>
              </dd>
            </dl>
            <div className="chart-grid two">
              <BarPanel
                title={t("country.documentsOverTime")}
                note={t("country.documentsNote")}
                bars={documents}
                line
                years
                loading={!agreements.data && !agreements.error}
                error={agreements.error}
                valueLabel={t("country.documents")}
              />
              <BarPanel
                title={t("country.moneyByYear")}
                note={t("charts.constantUsd")}
                bars={money}
                money
                years
                loading={detail.loading}
              />
            </div>
            <Section id="agreements" title={t("country.agreements")}>
              {agreements.data && agreements.data.data.length === 0 && <p className="muted">{t("common.none")}</p>}
              <ol className="timeline">
                {signedOrder.map((a) => (
                  <li key={a.id}>
                    <time dateTime={a.signed}>{a.signed ? f.date(a.signed) : "—"}</time>
                    <span className="timeline-what">
                      <RecordLink kind="agreement" id={a.id} names={a.names} />{" "}
                      <span className="muted small">
                        {t(`type.agreement.${a.agreementType}`)}
                        {a.ended && <> · {t("agreement.endedOn", { date: f.date(a.ended.date) })}</>}
                      </span>
                    </span>
                  </li>
                ))}
              </ol>
            </Section>
            <Section id="projects" title={t("country.projectsTitle")}>
              {projects.data && projects.data.data.length === 0 && <p className="muted">{t("common.none")}</p>}
              {(projects.data?.data.length ?? 0) > 0 && (
                <table className="data-table">
                  <caption className="visually-hidden">{t("country.projectsTitle")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("columns.name")}</th>
                      <th scope="col">{t("columns.type")}</th>
                      <th scope="col">{t("columns.status")}</th>
                      <th scope="col" className="num">
                        {t("columns.committed")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {(projects.data?.data ?? []).map((p) => (
                      <tr key={p.id}>
                        <td>
                          <RecordLink kind="project" id={p.id} names={p.names} />
                        </td>
                        <td>{t(`type.project.${p.projectType}`)}</td>
                        <td>{label("status", p.status, "ActivityStatus")}</td>
                        <td className="num">
                          {p.committedUsdConstant ? f.moneyShort(p.committedUsdConstant, "USD") : "—"}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Section>
            <Section id="programmes" title={t("country.programmes")}>
              {programmes.data && programmes.data.data.length === 0 && <p className="muted">{t("common.none")}</p>}
              <ul>
                {(programmes.data?.data ?? []).map((p) => {
                  const sites = (p.sites ?? []).filter((s) => s.country === code).length;
                  const trained = latestCount(p, "people-trained");
                  return (
                    <li key={p.id}>
                      <RecordLink kind="programme" id={p.id} names={p.names} />{" "}
                      <span className="muted small">
                        {sites > 0 && t("country.sitesHere", { count: sites })}
                        {trained && <> · {t("country.trainedOverall", { n: f.number(trained.value) })}</>}
                      </span>
                    </li>
                  );
                })}
              </ul>
            </Section>
          </div>
          <aside className="detail-side">
            <Section id="map" title={t("detail.locations")}>
              <RecordMap places={places} highlight={highlight} fit="highlight" label={t("detail.mapOf", { name })} />
            </Section>
          </aside>
        </div>
        <SourceList sources={partner.sources} />
      </article>
    </SourcesProvider>
  );
}
