import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type { ProgrammeRecord } from "../api/types.ts";
import { type Bar, BarPanel } from "../charts/bar-panel.tsx";
import { RecordActions } from "../components/account-menu.tsx";
import { ErrorNotice, Loading, usePageTitle } from "../components/page.tsx";
import { RecordLink } from "../components/record-link.tsx";
import {
  CountriesAndSectors,
  Description,
  FiguresTable,
  Indicators,
  Participants,
  RecordHeader,
  type RelatedMap,
  RelatedRecords,
  Section,
  Timeline,
} from "../components/record-parts.tsx";
import { Cite, SourceList, SourcesProvider } from "../components/sources.tsx";
import { useFormat } from "../format.ts";
import { toPlaces } from "../map/project-layers.ts";
import { RecordMap } from "../map/record-map.tsx";
import { useCountryName, useLocalText } from "../names.ts";
import { byDate } from "../records.ts";
import { useRecord } from "./use-record.ts";

/** A people-to-people programme: its dated counts (reach), sites and countries. */
export function ProgrammePage() {
  const { t } = useTranslation();
  const { text } = useLocalText();
  const { data, error, loading } = useRecord<ProgrammeRecord>("programmes");
  const p = data?.data;
  usePageTitle(p ? text(p.names) : undefined);
  if (error) return <ErrorNotice error={error} />;
  if (loading || !p || !data) return <Loading />;
  return (
    <SourcesProvider sources={p.sources}>
      <article className="record">
        <RecordHeader
          kind="programme"
          typeLabel={t(`type.programme.${p.programmeType}`)}
          names={p.names}
          status={p.status}
          connectivity={p.connectivity}
        />
        <RecordActions kind="programmes" record={p} />
        <div className="detail-grid">
          <div className="detail-main">
            <Description descriptions={p.descriptions} />
            <CountriesAndSectors countries={p.countries} sectors={p.sectors} tags={p.tags} />
            <Reach programme={p} />
            {p.dates.length > 0 && (
              <Section id="timeline" title={t("detail.timeline")}>
                <Timeline dates={p.dates} />
              </Section>
            )}
            {p.participants.length > 0 && (
              <Section id="participants" title={t("detail.participants")}>
                <Participants participants={p.participants} related={data.related} />
              </Section>
            )}
            {p.figures.length > 0 && (
              <Section id="figures" title={t("figures.title")}>
                <FiguresTable figures={p.figures} />
              </Section>
            )}
            {p.indicators.length > 0 && (
              <Section id="indicators" title={t("indicators.title")}>
                <Indicators indicators={p.indicators} />
              </Section>
            )}
            {p.related.length > 0 && (
              <Section id="related" title={t("detail.related")}>
                <RelatedRecords items={p.related} related={data.related} />
              </Section>
            )}
          </div>
          <aside className="detail-side">
            <Sites programme={p} related={data.related} />
          </aside>
        </div>
        <SourceList sources={p.sources} />
      </article>
    </SourcesProvider>
  );
}

function Reach({ programme: p }: { programme: ProgrammeRecord }) {
  const { t } = useTranslation();
  const f = useFormat();
  const metrics = [...new Set(p.counts.map((c) => c.metric))];
  const [metric, setMetric] = useState(metrics.includes("people-trained") ? "people-trained" : metrics[0]);
  const bars = useMemo<Bar[]>(
    () =>
      byDate(p.counts.filter((c) => c.metric === metric && c.cumulative)).map((c, i) => ({
        key: `${c.date}-${i}`,
        label: f.date(c.date),
        value: c.value,
      })),
    [p, metric, f],
  );
  if (p.counts.length === 0) return null;
  return (
    <Section id="reach" title={t("programme.reach")}>
      {metrics.length > 1 && (
        <div className="field inline">
          <label htmlFor="metric">{t("programme.metric")}</label>
          <select id="metric" value={metric} onChange={(e) => setMetric(e.target.value as typeof metric)}>
            {metrics.map((m) => (
              <option key={m} value={m}>
                {t(`metric.${m}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      {bars.length > 0 && (
        <BarPanel
          title={t(`metric.${metric}`)}
          note={t("programme.cumulative")}
          bars={bars}
          valueLabel={t(`metric.${metric}`)}
        />
      )}
      <table className="data-table">
        <caption className="visually-hidden">{t("programme.counts")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("programme.metric")}</th>
            <th scope="col">{t("money.date")}</th>
            <th scope="col" className="num">
              {t("chart.value")}
            </th>
            <th scope="col">{t("figures.note")}</th>
          </tr>
        </thead>
        <tbody>
          {byDate(p.counts).map((c) => (
            <tr key={`${c.metric}-${c.date}-${c.value}-${c.cumulative}`}>
              <td>{t(`metric.${c.metric}`)}</td>
              <td>{f.date(c.date)}</td>
              <td className="num">
                {c.qualifier !== "exact" && `${t(`qualifier.${c.qualifier}`)} `}
                {f.number(c.value)}
                {!c.cumulative && <span className="muted small"> ({t("programme.notCumulative")})</span>}
              </td>
              <td>
                {c.note && <span className="small">{c.note}</span>} <Cite keys={c.sources} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function Sites({ programme: p, related }: { programme: ProgrammeRecord; related?: RelatedMap }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { text } = useLocalText();
  const country = useCountryName();
  const places = useMemo(
    () =>
      toPlaces([
        {
          id: p.id,
          kind: "programme",
          names: p.names,
          type: p.programmeType,
          status: p.status,
          geometries: p.sites.flatMap((s) => (s.geometry ? [s.geometry] : [])),
        },
      ]),
    [p],
  );
  const countries = useMemo(() => [...new Set(p.sites.map((s) => s.country))], [p]);
  if (p.sites.length === 0) return null;
  return (
    <Section id="sites" title={t("programme.sites")}>
      <RecordMap places={places} highlight={countries} label={t("detail.mapOf", { name: text(p.names) })} />
      <ul className="sites">
        {p.sites.map((s) => (
          <li key={s.name}>
            {s.record && related?.[s.record] ? (
              <RecordLink kind={related[s.record]?.kind ?? "project"} id={s.record} names={related[s.record]?.names} />
            ) : s.record ? (
              <RecordLink kind="project" id={s.record} names={{ en: s.name }} />
            ) : (
              s.name
            )}{" "}
            <span className="muted small">
              (<Link to={`/countries/${s.country}`}>{country(s.country)}</Link>
              {s.opened && <>, {t("programme.opened", { date: f.date(s.opened) })}</>})
            </span>{" "}
            <Cite keys={s.sources} />
          </li>
        ))}
      </ul>
    </Section>
  );
}
