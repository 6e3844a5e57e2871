import { useTranslation } from "react-i18next";
import type { AgreementRecord } from "../api/types.ts";
import { RecordActions } from "../components/account-menu.tsx";
import { ErrorNotice, Loading, usePageTitle } from "../components/page.tsx";
import {
  CountriesAndSectors,
  Description,
  FiguresTable,
  PartyLink,
  RecordHeader,
  RelatedRecords,
  Section,
  Timeline,
} from "../components/record-parts.tsx";
import { Cite, SourceList, SourcesProvider } from "../components/sources.tsx";
import { useFormat } from "../format.ts";
import { useLocalText } from "../names.ts";
import { useRecord } from "./use-record.ts";

/** A cooperation document: parties, signing, summary, linked projects, and whether it is still in force. */
export function AgreementPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { text } = useLocalText();
  const { data, error, loading } = useRecord<AgreementRecord>("agreements");
  const a = data?.data;
  usePageTitle(a ? text(a.names) : undefined);
  if (error) return <ErrorNotice error={error} />;
  if (loading || !a || !data) return <Loading />;
  return (
    <SourcesProvider sources={a.sources}>
      <article className="record">
        <RecordHeader
          kind="agreement"
          typeLabel={t(`type.agreement.${a.agreementType}`)}
          names={a.names}
          status={a.status}
          connectivity={a.connectivity}
        />
        <RecordActions kind="agreements" record={a} />
        <div className="detail-main narrow">
          <dl className="facts">
            <dt>{t("agreement.parties")}</dt>
            <dd>
              <ul className="inline-list">
                {a.parties.map((p) => (
                  <li key={p}>
                    <PartyLink id={p} related={data.related} />
                  </li>
                ))}
              </ul>
            </dd>
            <dt>{t("agreement.signed")}</dt>
            <dd>
              {a.signed ? f.date(a.signed) : t("common.unknown")}
              {a.place && <> · {a.place}</>}
            </dd>
            <dt>{t("agreement.beltAndRoad")}</dt>
            <dd>{a.beltAndRoad ? t("common.yes") : t("common.no")}</dd>
            <dt>{t("agreement.inForce")}</dt>
            <dd>
              {a.ended ? (
                <>
                  {t("agreement.endedOn", { date: f.date(a.ended.date) })} — {a.ended.note}{" "}
                  <Cite keys={a.ended.sources} />
                </>
              ) : (
                t("common.yes")
              )}
            </dd>
          </dl>
          <Section id="summary" title={t("agreement.summary")}>
            <Description descriptions={a.summary} />
            <Description descriptions={a.descriptions} />
          </Section>
          <CountriesAndSectors countries={a.countries} sectors={a.sectors} tags={a.tags} />
          {a.dates.length > 0 && (
            <Section id="timeline" title={t("detail.timeline")}>
              <Timeline dates={a.dates} />
            </Section>
          )}
          {a.projects.length > 0 && (
            <Section id="projects" title={t("agreement.projects")}>
              <RelatedRecords items={a.projects.map((id) => ({ id }))} related={data.related} />
            </Section>
          )}
          {a.figures.length > 0 && (
            <Section id="figures" title={t("figures.title")}>
              <FiguresTable figures={a.figures} />
            </Section>
          )}
          {a.related.length > 0 && (
            <Section id="related" title={t("detail.related")}>
              <RelatedRecords items={a.related} related={data.related} />
            </Section>
          )}
        </div>
        <SourceList sources={a.sources} />
      </article>
    </SourcesProvider>
  );
}
