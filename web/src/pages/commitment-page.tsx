import { useTranslation } from "react-i18next";
import type { CommitmentRecord } from "../api/types.ts";
import { RecordActions } from "../components/account-menu.tsx";
import { ErrorNotice, Loading, usePageTitle } from "../components/page.tsx";
import {
  CountriesAndSectors,
  Description,
  FiguresTable,
  Participants,
  RecordHeader,
  type RelatedMap,
  RelatedRecords,
  Section,
} from "../components/record-parts.tsx";
import { Cite, SourceList, SourcesProvider } from "../components/sources.tsx";
import { type Format, useFormat } from "../format.ts";
import { useLocalText } from "../names.ts";
import { byDate } from "../records.ts";
import { useRecord } from "./use-record.ts";

type Target = CommitmentRecord["targets"][number];

/** A forum commitment (one of the eight major steps): each target with its deadline and progress. */
export function CommitmentPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { text } = useLocalText();
  const { data, error, loading } = useRecord<CommitmentRecord>("commitments");
  const c = data?.data;
  usePageTitle(c ? text(c.names) : undefined);
  if (error) return <ErrorNotice error={error} />;
  if (loading || !c || !data) return <Loading />;
  return (
    <SourcesProvider sources={c.sources}>
      <article className="record">
        <RecordHeader
          kind="commitment"
          typeLabel={t("commitment.step", { step: c.step })}
          names={c.names}
          status={c.status}
          connectivity={c.connectivity}
        />
        <RecordActions kind="commitments" record={c} />
        <div className="detail-main narrow">
          <dl className="facts">
            <dt>{t("commitment.forum")}</dt>
            <dd>{c.forum}</dd>
            <dt>{t("commitment.announced")}</dt>
            <dd>{f.date(c.announced)}</dd>
          </dl>
          <Description descriptions={c.descriptions} />
          <Section id="targets" title={t("commitment.targets")}>
            {c.targets.length === 0 && <p className="muted">{t("commitment.noTargets")}</p>}
            <ol className="targets">
              {c.targets.map((target) => (
                <TargetItem key={target.key} target={target} related={data.related} />
              ))}
            </ol>
          </Section>
          <CountriesAndSectors countries={c.countries} sectors={c.sectors} tags={c.tags} />
          {c.participants.length > 0 && (
            <Section id="participants" title={t("detail.participants")}>
              <Participants participants={c.participants} related={data.related} />
            </Section>
          )}
          {c.figures.length > 0 && (
            <Section id="figures" title={t("figures.title")}>
              <FiguresTable figures={c.figures} />
            </Section>
          )}
          {c.related.length > 0 && (
            <Section id="related" title={t("detail.related")}>
              <RelatedRecords items={c.related} related={data.related} />
            </Section>
          )}
        </div>
        <SourceList sources={c.sources} />
      </article>
    </SourcesProvider>
  );
}

function amount(value: number, target: Target, f: Format): string {
  if (target.currency) return f.moneyShort(value, target.currency);
  return target.unit ? `${f.number(value)} ${target.unit}` : f.number(value);
}

function TargetItem({ target, related }: { target: Target; related?: RelatedMap }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { text } = useLocalText();
  const progress = byDate(target.progress);
  const latest = progress.at(-1);
  const share = target.value && latest ? latest.value / target.value : undefined;
  const id = `target-${target.key}`;
  return (
    <li className="target panel">
      <h3 id={id}>
        {text(target.description)} <Cite keys={target.sources} />
      </h3>
      <dl className="facts">
        <dt>{t("commitment.target")}</dt>
        <dd>{target.value !== undefined ? amount(target.value, target, f) : t("commitment.noFigure")}</dd>
        {target.deadline && (
          <>
            <dt>{t("commitment.deadline")}</dt>
            <dd>{f.date(target.deadline)}</dd>
          </>
        )}
        <dt>{t("commitment.latest")}</dt>
        <dd>
          {latest
            ? t("commitment.latestValue", { value: amount(latest.value, target, f), date: f.date(latest.date) })
            : t("commitment.noProgress")}
        </dd>
      </dl>
      {share !== undefined && (
        <div className="progress">
          <progress max={1} value={Math.min(share, 1)} aria-labelledby={id} aria-valuetext={f.percent(share)} />
          <span>{t("commitment.ofTarget", { percent: f.percent(share) })}</span>
        </div>
      )}
      {progress.length > 0 && (
        <table className="data-table compact">
          <caption className="visually-hidden">{t("commitment.progress")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("money.date")}</th>
              <th scope="col" className="num">
                {t("commitment.progress")}
              </th>
              <th scope="col">{t("figures.note")}</th>
            </tr>
          </thead>
          <tbody>
            {progress.map((p) => (
              <tr key={`${p.date}-${p.value}`}>
                <td>{f.date(p.date)}</td>
                <td className="num">
                  {p.qualifier !== "exact" && `${t(`qualifier.${p.qualifier}`)} `}
                  {amount(p.value, target, f)}
                </td>
                <td>
                  {p.note && <span className="small">{p.note}</span>} <Cite keys={p.sources} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {target.records.length > 0 && (
        <>
          <p className="small">{t("commitment.records")}</p>
          <RelatedRecords items={target.records.map((r) => ({ id: r }))} related={related} />
        </>
      )}
    </li>
  );
}
