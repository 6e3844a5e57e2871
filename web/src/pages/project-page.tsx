import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { ProjectRecord } from "../api/types.ts";
import { RecordActions } from "../components/account-menu.tsx";
import { ErrorNotice, Loading, usePageTitle } from "../components/page.tsx";
import {
  CountriesAndSectors,
  Description,
  FiguresTable,
  Indicators,
  MoneyTable,
  Participants,
  RecordHeader,
  RelatedRecords,
  Section,
  Timeline,
} from "../components/record-parts.tsx";
import { Cite, SourceList, SourcesProvider } from "../components/sources.tsx";
import { useFormat } from "../format.ts";
import { toPlaces } from "../map/project-layers.ts";
import { RecordMap } from "../map/record-map.tsx";
import { useLocalText } from "../names.ts";
import { useRecord } from "./use-record.ts";

/** A project: map, timeline, participants by role, money, figures, indicators, related records, sources. */
export function ProjectPage() {
  const { t } = useTranslation();
  const { text } = useLocalText();
  const { data, error, loading } = useRecord<ProjectRecord>("projects");
  const p = data?.data;
  usePageTitle(p ? text(p.names) : undefined);
  if (error) return <ErrorNotice error={error} />;
  if (loading || !p || !data) return <Loading />;
  return (
    <SourcesProvider sources={p.sources}>
      <article className="record">
        <RecordHeader
          kind="project"
          typeLabel={t(`type.project.${p.projectType}`)}
          names={p.names}
          status={p.status}
          connectivity={p.connectivity}
        />
        <RecordActions kind="projects" record={p} />
        <div className="detail-grid">
          <div className="detail-main">
            <Description descriptions={p.descriptions} />
            <CountriesAndSectors countries={p.countries} sectors={p.sectors} tags={p.tags} />
            <ProjectFacts project={p} />
            {p.dates.length > 0 && (
              <Section id="timeline" title={t("detail.timeline")}>
                <Timeline dates={p.dates} />
              </Section>
            )}
            <Section id="money" title={t("money.title")}>
              <p className="muted small">{t("money.explain")}</p>
              <MoneyTable transactions={p.transactions} related={data.related} />
            </Section>
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
            <Locations project={p} />
          </aside>
        </div>
        <SourceList sources={p.sources} />
      </article>
    </SourcesProvider>
  );
}

function ProjectFacts({ project: p }: { project: ProjectRecord }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <dl className="facts">
      <dt>{t("detail.committed")}</dt>
      <dd>
        {p.committedUsdConstant ? f.moneyShort(p.committedUsdConstant, "USD") : "—"}{" "}
        <span className="muted small">{t("charts.constantUsd")}</span>
      </dd>
      {p.environmentalCategory && (
        <>
          <dt>{t("detail.environmentalCategory")}</dt>
          <dd>{t(`envCategory.${p.environmentalCategory}`)}</dd>
        </>
      )}
    </dl>
  );
}

function Locations({ project: p }: { project: ProjectRecord }) {
  const { t } = useTranslation();
  const { text } = useLocalText();
  const places = useMemo(
    () =>
      toPlaces([
        {
          id: p.id,
          kind: "project",
          names: p.names,
          type: p.projectType,
          status: p.status,
          geometries: p.locations.map((l) => l.geometry),
        },
      ]),
    [p],
  );
  const countries = useMemo(() => p.countries.map((c) => c.code), [p]);
  return (
    <Section id="locations" title={t("detail.locations")}>
      {p.locations.length > 0 ? (
        <>
          <RecordMap places={places} highlight={countries} label={t("detail.mapOf", { name: text(p.names) })} />
          <ul className="locations">
            {p.locations.map((l) => (
              <li key={l.name}>
                {l.name}
                {l.exactness === "2" && <span className="badge small">{t("detail.approximate")}</span>}
                {l.note && <span className="muted small"> — {l.note}</span>} <Cite keys={l.sources} />
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">{t("detail.noLocation")}</p>
      )}
    </Section>
  );
}
