import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import type {
  ActivityDate,
  Connectivity,
  Figure,
  Indicator,
  Participant,
  RecordKind,
} from "../../../src/core/domain/index.ts";
import type { ApiTransaction, RecordSummary } from "../api/types.ts";
import { useFormat } from "../format.ts";
import { recordPath } from "../kinds.ts";
import { useCountryName, useLabels, useLocalText } from "../names.ts";
import { byDate } from "../records.ts";
import { RecordLink } from "./record-link.tsx";
import { Cite } from "./sources.tsx";

export type RelatedMap = Readonly<Record<string, RecordSummary>>;

/** A section of a detail page with its heading. */
export function Section({
  id,
  title,
  children,
  className,
}: {
  id: string;
  title: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className={className ?? "detail-section"}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/** Kind, names in both languages, status and connectivity. */
export function RecordHeader({
  kind,
  typeLabel,
  names,
  status,
  connectivity,
}: {
  kind: RecordKind;
  typeLabel?: string;
  names: { en: string; zh?: string };
  status?: string;
  connectivity?: readonly Connectivity[];
}) {
  const { t } = useTranslation();
  const { lang, text } = useLocalText();
  const label = useLabels();
  const other = lang === "zh" ? names.en : names.zh;
  return (
    <header className="page-header">
      <p className="kicker">
        {t(`kind.${kind}`)}
        {typeLabel && <> · {typeLabel}</>}
      </p>
      <h1>{text(names)}</h1>
      {other && other !== text(names) && (
        <p className="page-sub" lang={lang === "zh" ? "en" : "zh-CN"}>
          {other}
        </p>
      )}
      <p className="badges">
        {status && <span className={`badge status-${status}`}>{label("status", status, "ActivityStatus")}</span>}
        {connectivity?.map((c) => (
          <span key={c} className={`badge conn-${c}`}>
            {t(`connectivity.${c}`)}
          </span>
        ))}
      </p>
    </header>
  );
}

/** The record's description in the UI language, saying so when only English exists. */
export function Description({ descriptions }: { descriptions?: { en: string; zh?: string } }) {
  const { t } = useTranslation();
  const { lang } = useLocalText();
  if (!descriptions) return null;
  const missing = lang === "zh" && !descriptions.zh;
  return (
    <div className="description">
      <p lang={missing || lang === "en" ? "en" : "zh-CN"}>
        {lang === "zh" ? (descriptions.zh ?? descriptions.en) : descriptions.en}
      </p>
      {missing && <p className="muted small">{t("common.englishOnly")}</p>}
    </div>
  );
}

/** Countries (linked to their pages) and sectors (linked to the projects of that sector). */
export function CountriesAndSectors({
  countries,
  sectors,
  tags,
}: {
  countries?: ReadonlyArray<{ code: string; percentage?: number }>;
  sectors?: ReadonlyArray<{ code: string; percentage?: number }>;
  tags?: readonly string[];
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const country = useCountryName();
  const label = useLabels();
  return (
    <dl className="facts">
      {countries && countries.length > 0 && (
        <>
          <dt>{t("detail.countries")}</dt>
          <dd>
            <ul className="inline-list">
              {countries.map((c) => (
                <li key={c.code}>
                  <Link to={`/countries/${c.code}`}>{country(c.code)}</Link>
                  {c.percentage !== undefined && <> ({f.percent(c.percentage / 100)})</>}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {sectors && sectors.length > 0 && (
        <>
          <dt>{t("detail.sectors")}</dt>
          <dd>
            <ul className="inline-list">
              {sectors.map((s) => (
                <li key={s.code}>
                  <Link to={`/projects?sector=${s.code}`}>{label("sector", s.code, "Sector")}</Link>{" "}
                  <span className="muted small">({s.code})</span>
                  {s.percentage !== undefined && <> {f.percent(s.percentage / 100)}</>}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {tags && tags.length > 0 && (
        <>
          <dt>{t("detail.tags")}</dt>
          <dd>
            <ul className="inline-list tags">
              {tags.map((tag) => (
                <li key={tag}>{tag}</li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </dl>
  );
}

/** Dated milestones in time order. */
export function Timeline({ dates }: { dates: readonly ActivityDate[] }) {
  const f = useFormat();
  const label = useLabels();
  if (dates.length === 0) return null;
  return (
    <ol className="timeline">
      {byDate(dates).map((d) => (
        <li key={`${d.type}-${d.date}-${d.note ?? ""}`}>
          <time dateTime={d.date}>{f.date(d.date)}</time>
          <span className="timeline-what">
            {label("dateType", d.type)}
            {d.note && <span className="muted"> — {d.note}</span>} <Cite keys={d.sources} />
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The name of a party: its summary from the API's `related`, else its id. */
export function PartyLink({ id, related }: { id: string; related: RelatedMap | undefined }) {
  const summary = related?.[id];
  if (summary) return <RecordLink kind={summary.kind} id={id} names={summary.names} />;
  return <Link to={recordPath("partner", id)}>{id}</Link>;
}

/** Participants grouped by IATI role (funding, accountable, extending, implementing). */
export function Participants({
  participants,
  related,
}: {
  participants: readonly Participant[];
  related?: RelatedMap;
}) {
  const f = useFormat();
  const label = useLabels();
  if (participants.length === 0) return null;
  const roles = [...new Set(participants.map((p) => p.role))].sort();
  return (
    <dl className="participants">
      {roles.map((role) => (
        <div key={role}>
          <dt>{label("role", role, "OrganisationRole")}</dt>
          <dd>
            <ul>
              {participants
                .filter((p) => p.role === role)
                .map((p) => (
                  <li key={`${p.partner}-${p.role}`}>
                    <PartyLink id={p.partner} related={related} />
                    {p.share !== undefined && <> ({f.percent(p.share / 100)})</>}
                    {p.note && <span className="muted small"> — {p.note}</span>} <Cite keys={p.sources} />
                  </li>
                ))}
            </ul>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Money in its original currency with its value date, and in US dollars (nominal and constant 2021). */
export function MoneyTable({
  transactions,
  related,
}: {
  transactions: readonly ApiTransaction[];
  related?: RelatedMap;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const label = useLabels();
  if (transactions.length === 0) return <p className="muted">{t("money.none")}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t("money.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("money.type")}</th>
            <th scope="col">{t("money.date")}</th>
            <th scope="col" className="num">
              {t("money.original")}
            </th>
            <th scope="col" className="num">
              {t("money.usdNominal")}
            </th>
            <th scope="col" className="num">
              {t("money.usdConstant")}
            </th>
            <th scope="col">{t("money.notes")}</th>
          </tr>
        </thead>
        <tbody>
          {transactions.map((tx) => (
            <tr
              key={`${tx.type}-${tx.date}-${tx.amount}-${tx.currency}`}
              className={tx.recommendedForAggregates === false ? "alternative" : undefined}
            >
              <td>{label("transactionType", tx.type, "TransactionType")}</td>
              <td>
                {f.date(tx.date)}
                {tx.valueDate && tx.valueDate !== tx.date && (
                  <div className="muted small">{t("money.valueDate", { date: f.date(tx.valueDate) })}</div>
                )}
              </td>
              <td className="num">
                <span title={f.currencyName(tx.currency)}>{f.money(tx.amount, tx.currency)}</span>
                <div className="muted small">{tx.currency}</div>
              </td>
              <td className="num">{tx.usdNominal != null ? f.moneyShort(tx.usdNominal, "USD") : "—"}</td>
              <td className="num">
                {tx.usdConstant != null ? f.moneyShort(tx.usdConstant, "USD") : t("money.unconverted")}
              </td>
              <td>
                {tx.recommendedForAggregates === false && <strong className="small">{t("money.notSummed")} </strong>}
                {tx.description && <span className="small">{tx.description}</span>}
                {tx.provider && (
                  <div className="small">
                    {t("money.provider")}: <PartyLink id={tx.provider} related={related} />
                  </div>
                )}
                {tx.receiver && (
                  <div className="small">
                    {t("money.receiver")}: <PartyLink id={tx.receiver} related={related} />
                  </div>
                )}{" "}
                <Cite keys={tx.sources} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Published figures; figures sharing a key (sources that disagree, or values for different parts) sit together. */
export function FiguresTable({ figures }: { figures: readonly Figure[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (figures.length === 0) return null;
  const groups = new Map<string, Figure[]>();
  for (const fig of figures) groups.set(fig.key, [...(groups.get(fig.key) ?? []), fig]);
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t("figures.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("figures.what")}</th>
            <th scope="col" className="num">
              {t("figures.value")}
            </th>
            <th scope="col">{t("figures.asOf")}</th>
            <th scope="col">{t("figures.note")}</th>
          </tr>
        </thead>
        {[...groups].map(([key, group]) => (
          <tbody key={key} className="figure-group">
            {group.map((fig, i) => (
              <tr key={`${fig.value}-${fig.unit}-${fig.asOf}-${fig.note}`}>
                {i === 0 && (
                  <th scope="rowgroup" rowSpan={group.length}>
                    {t(`figureKey.${key}`, { defaultValue: key.replace(/-/g, " ") })}
                  </th>
                )}
                <td className="num">
                  {fig.qualifier && fig.qualifier !== "exact" && `${t(`qualifier.${fig.qualifier}`)} `}
                  {/^[A-Z]{3}$/.test(fig.unit) ? f.money(fig.value, fig.unit) : `${f.number(fig.value, 2)} ${fig.unit}`}
                </td>
                <td>{fig.asOf ? f.date(fig.asOf) : "—"}</td>
                <td>
                  {fig.note && <span className="small">{fig.note}</span>} <Cite keys={fig.sources} />
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

/** Result indicators: baseline, target and dated actual values. */
export function Indicators({ indicators }: { indicators: readonly Indicator[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { text } = useLocalText();
  if (indicators.length === 0) return null;
  const value = (m: { value: number; date?: string; qualifier?: string } | undefined, unit: string) =>
    m ? (
      <>
        {m.qualifier && m.qualifier !== "exact" && `${t(`qualifier.${m.qualifier}`)} `}
        {f.number(m.value, 2)} {unit}
        {m.date && <span className="muted small"> ({f.date(m.date)})</span>}
      </>
    ) : (
      "—"
    );
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t("indicators.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("indicators.indicator")}</th>
            <th scope="col">{t("indicators.baseline")}</th>
            <th scope="col">{t("indicators.target")}</th>
            <th scope="col">{t("indicators.actual")}</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((ind) => (
            <tr key={ind.key}>
              <th scope="row">
                {text(ind.title)} <Cite keys={ind.sources} />
              </th>
              <td>{value(ind.baseline, ind.unit)}</td>
              <td>{value(ind.target, ind.unit)}</td>
              <td>
                {ind.actuals.length === 0
                  ? "—"
                  : byDate(ind.actuals.map((a) => ({ ...a, date: a.date ?? "" }))).map((a) => (
                      <div key={`${a.date}-${a.value}`}>{value(a, ind.unit)}</div>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Records linked to this one (IATI related-activity types), with their names from the API's `related`. */
export function RelatedRecords({
  items,
  related,
}: {
  items: ReadonlyArray<{ id: string; type?: string }>;
  related?: RelatedMap;
}) {
  const label = useLabels();
  if (items.length === 0) return null;
  return (
    <ul className="related">
      {items.map((r) => {
        const s = related?.[r.id];
        return (
          <li key={r.id}>
            {s ? <RecordLink kind={s.kind} id={r.id} names={s.names} /> : <span>{r.id}</span>}
            {s && <span className="muted small"> · {label("kind", s.kind)}</span>}
            {r.type && <span className="muted small"> · {label("relation", r.type, "RelatedActivityType")}</span>}
          </li>
        );
      })}
    </ul>
  );
}
