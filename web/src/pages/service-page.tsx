import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { FreightStatistic } from "../../../src/core/domain/index.ts";
import type { ServiceRecord } from "../api/types.ts";
import { type Bar, BarPanel } from "../charts/bar-panel.tsx";
import { RecordActions } from "../components/account-menu.tsx";
import { ErrorNotice, Loading, usePageTitle } from "../components/page.tsx";
import {
  CountriesAndSectors,
  Description,
  FiguresTable,
  Participants,
  PartyLink,
  RecordHeader,
  RelatedRecords,
  Section,
  Timeline,
} from "../components/record-parts.tsx";
import { Cite, SourceList, SourcesProvider } from "../components/sources.tsx";
import { useFormat } from "../format.ts";
import { toPlaces } from "../map/project-layers.ts";
import { RecordMap } from "../map/record-map.tsx";
import { useCountryName, useLocalText } from "../names.ts";
import { useRecord } from "./use-record.ts";

/** A freight service: stops on a map, transit times, trips per year and every statistic with its source. */
export function ServicePage() {
  const { t } = useTranslation();
  const { text } = useLocalText();
  const { data, error, loading } = useRecord<ServiceRecord>("services");
  const s = data?.data;
  usePageTitle(s ? text(s.names) : undefined);
  if (error) return <ErrorNotice error={error} />;
  if (loading || !s || !data) return <Loading />;
  const statistics = data.statistics ?? s.statistics ?? [];
  return (
    <SourcesProvider sources={s.sources}>
      <article className="record">
        <RecordHeader
          kind="service"
          typeLabel={t(`type.service.${s.mode}`)}
          names={s.names}
          status={s.status}
          connectivity={s.connectivity}
        />
        <RecordActions kind="services" record={s} />
        <div className="detail-grid">
          <div className="detail-main">
            <Description descriptions={s.descriptions} />
            <dl className="facts">
              <dt>{t("service.corridor")}</dt>
              <dd>{t(`corridor.${s.corridor}`, { defaultValue: s.corridor })}</dd>
              {s.operators.length > 0 && (
                <>
                  <dt>{t("service.operators")}</dt>
                  <dd>
                    <ul className="inline-list">
                      {s.operators.map((o) => (
                        <li key={o}>
                          <PartyLink id={o} related={data.related} />
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              )}
              {s.cargo.length > 0 && (
                <>
                  <dt>{t("service.cargo")}</dt>
                  <dd>{s.cargo.join(", ")}</dd>
                </>
              )}
            </dl>
            <CountriesAndSectors countries={s.countries} sectors={s.sectors} tags={s.tags} />
            <Trips statistics={statistics} />
            <TransitTimes service={s} />
            {s.dates.length > 0 && (
              <Section id="timeline" title={t("detail.timeline")}>
                <Timeline dates={s.dates} />
              </Section>
            )}
            {s.participants.length > 0 && (
              <Section id="participants" title={t("detail.participants")}>
                <Participants participants={s.participants} related={data.related} />
              </Section>
            )}
            {s.figures.length > 0 && (
              <Section id="figures" title={t("figures.title")}>
                <FiguresTable figures={s.figures} />
              </Section>
            )}
            {s.related.length > 0 && (
              <Section id="related" title={t("detail.related")}>
                <RelatedRecords items={s.related} related={data.related} />
              </Section>
            )}
            <Statistics statistics={statistics} />
          </div>
          <aside className="detail-side">
            <Stops service={s} />
          </aside>
        </div>
        <SourceList sources={s.sources} />
      </article>
    </SourcesProvider>
  );
}

function Stops({ service: s }: { service: ServiceRecord }) {
  const { t } = useTranslation();
  const { text } = useLocalText();
  const country = useCountryName();
  const places = useMemo(() => {
    const coords = s.stops.flatMap((stop) => (stop.coordinates ? [stop.coordinates] : []));
    const geometries = [
      ...(coords.length >= 2 ? [{ type: "LineString" as const, coordinates: coords }] : []),
      ...coords.map((c) => ({ type: "Point" as const, coordinates: c })),
    ];
    return toPlaces([{ id: s.id, kind: "service", names: s.names, type: s.mode, status: s.status, geometries }]);
  }, [s]);
  // The countries it runs through are shaded, so that the route shows even where stops have no coordinates.
  const countries = useMemo(() => [...new Set(s.stops.map((stop) => stop.country))], [s]);
  const unplaced = s.stops.filter((stop) => !stop.coordinates).length;
  return (
    <Section id="stops" title={t("service.stops")}>
      <RecordMap places={places} highlight={countries} label={t("detail.mapOf", { name: text(s.names) })} />
      {unplaced > 0 && <p className="muted small">{t("service.unplaced", { count: unplaced })}</p>}
      <ol className="stops">
        {s.stops.map((stop) => (
          <li key={`${stop.name}-${stop.role}`}>
            <strong>{stop.name}</strong> <span className="muted">({country(stop.country)})</span>{" "}
            <span className="badge small">{t(`stopRole.${stop.role}`)}</span>
            {stop.gaugeChange && (
              <div className="small">
                {t("service.gauge", { from: stop.gaugeChange.fromMm, to: stop.gaugeChange.toMm })}
              </div>
            )}
            {stop.note && <div className="muted small">{stop.note}</div>}
          </li>
        ))}
      </ol>
    </Section>
  );
}

function TransitTimes({ service: s }: { service: ServiceRecord }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (s.transitTimes.length === 0) return null;
  const days = (h: number) => f.number(h / 24, 1);
  return (
    <Section id="transit" title={t("service.transitTimes")}>
      <table className="data-table">
        <caption className="visually-hidden">{t("service.transitTimes")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("service.from")}</th>
            <th scope="col">{t("service.to")}</th>
            <th scope="col" className="num">
              {t("service.days")}
            </th>
            <th scope="col">{t("figures.note")}</th>
          </tr>
        </thead>
        <tbody>
          {s.transitTimes.map((tt) => (
            <tr key={`${tt.from}-${tt.to}-${tt.asOf ?? ""}`}>
              <td>{tt.from}</td>
              <td>{tt.to}</td>
              <td className="num">
                {tt.minHours === tt.maxHours ? days(tt.minHours) : `${days(tt.minHours)}–${days(tt.maxHours)}`}
              </td>
              <td>
                {tt.asOf && <span className="small">{f.date(tt.asOf)} </span>}
                {tt.note && <span className="small muted">{tt.note}</span>} <Cite keys={tt.sources} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

const isTotal = (s: FreightStatistic) => !s.scope.city && !s.scope.direction && !s.scope.corridor && !s.scope.country;
const isWholeYear = (s: FreightStatistic) =>
  s.period.start.slice(0, 4) === s.period.end.slice(0, 4) &&
  (s.period.start.length === 4 || s.period.start.endsWith("-01") || s.period.start.endsWith("-01-01")) &&
  (s.period.end.length === 4 || s.period.end.endsWith("-12") || s.period.end.endsWith("-12-31"));

/** Trips per whole year, the service's own totals (the most recently published where sources differ). */
function Trips({ statistics }: { statistics: readonly FreightStatistic[] }) {
  const { t } = useTranslation();
  const bars = useMemo<Bar[]>(() => {
    const best = new Map<string, { trips: number; published: string }>();
    for (const s of statistics) {
      if (s.trips === undefined || !isTotal(s) || !isWholeYear(s)) continue;
      const year = s.period.start.slice(0, 4);
      const published =
        s.sources
          .map((x) => x.published ?? "")
          .sort()
          .at(-1) ?? "";
      const seen = best.get(year);
      if (!seen || published > seen.published || (published === seen.published && s.trips > seen.trips))
        best.set(year, { trips: s.trips, published });
    }
    return [...best.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([year, v]) => ({ key: year, label: year, value: v.trips }));
  }, [statistics]);
  if (bars.length === 0) return null;
  return <BarPanel title={t("service.tripsPerYear")} bars={bars} valueLabel={t("charts.trips")} />;
}

function Statistics({ statistics }: { statistics: readonly FreightStatistic[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const country = useCountryName();
  if (statistics.length === 0) return null;
  const sorted = [...statistics].sort((a, b) => a.period.start.localeCompare(b.period.start));
  return (
    <Section id="statistics" title={t("service.statistics")}>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{t("service.statistics")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("service.period")}</th>
              <th scope="col">{t("service.scope")}</th>
              <th scope="col" className="num">
                {t("charts.trips")}
              </th>
              <th scope="col" className="num">
                TEU
              </th>
              <th scope="col" className="num">
                {t("service.value")}
              </th>
              <th scope="col">{t("sources.title")}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.period.start === s.period.end
                    ? f.date(s.period.start)
                    : `${f.date(s.period.start)} – ${f.date(s.period.end)}`}
                </td>
                <td>
                  {[
                    s.scope.city,
                    s.scope.country && country(s.scope.country),
                    s.scope.corridor,
                    s.scope.direction && t(`direction.${s.scope.direction}`),
                  ]
                    .filter(Boolean)
                    .join(", ") || t("service.total")}
                </td>
                <td className="num">
                  {s.trips !== undefined
                    ? `${s.qualifier !== "exact" ? `${t(`qualifier.${s.qualifier}`)} ` : ""}${f.number(s.trips)}`
                    : "—"}
                </td>
                <td className="num">{s.teu !== undefined ? f.number(s.teu) : "—"}</td>
                <td className="num">{s.valueUsd !== undefined ? f.moneyShort(s.valueUsd, "USD") : "—"}</td>
                <td className="small">
                  {s.sources.map((src) => (
                    <div key={src.key}>
                      {src.url ? (
                        <a href={src.url} rel="noreferrer noopener" target="_blank">
                          {src.publisher}
                        </a>
                      ) : (
                        src.publisher
                      )}
                      {src.published && `, ${f.date(src.published)}`}
                    </div>
                  ))}
                  {s.note && <div className="muted">{s.note}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
