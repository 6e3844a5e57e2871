import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { apiUrl } from "../api/client.ts";
import type { AnyApiRecord, ListResponse, PartnerRecord } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { RecordActions } from "../components/account-menu.tsx";
import { ErrorNotice, Loading, usePageTitle } from "../components/page.tsx";
import { RecordLink } from "../components/record-link.tsx";
import { Description, FiguresTable, RecordHeader, Section } from "../components/record-parts.tsx";
import { SourceList, SourcesProvider } from "../components/sources.tsx";
import { useFormat } from "../format.ts";
import { KIND_PATHS } from "../kinds.ts";
import { useCountryName, useLocalText } from "../names.ts";
import { useRecord } from "./use-record.ts";

const TAKES_PART_IN = ["project", "agreement", "programme", "service"] as const;

/** A partner organisation (financier, company, international organisation) and the records it takes part in. */
export function PartnerPage() {
  const { t } = useTranslation();
  const { text } = useLocalText();
  const country = useCountryName();
  const { data, error, loading, id } = useRecord<PartnerRecord>("partners");
  const p = data?.data;
  usePageTitle(p ? text(p.names) : undefined);
  if (error) return <ErrorNotice error={error} />;
  if (loading || !p) return <Loading />;
  return (
    <SourcesProvider sources={p.sources}>
      <article className="record">
        <RecordHeader kind="partner" typeLabel={t(`type.partner.${p.partnerType}`)} names={p.names} />
        <RecordActions kind="partners" record={p} />
        <div className="detail-main narrow">
          <Description descriptions={p.descriptions} />
          <dl className="facts">
            {p.country && (
              <>
                <dt>{t(p.partnerType === "country" ? "columns.country" : "partner.seat")}</dt>
                <dd>
                  <Link to={`/countries/${p.country}`}>{country(p.country)}</Link>
                </dd>
              </>
            )}
            {p.website && (
              <>
                <dt>{t("partner.website")}</dt>
                <dd>
                  <a href={p.website} rel="noreferrer noopener" target="_blank">
                    {p.website}
                  </a>
                </dd>
              </>
            )}
          </dl>
          {TAKES_PART_IN.map((kind) => (
            <PartOf key={kind} kind={kind} partner={id} />
          ))}
          {p.figures.length > 0 && (
            <Section id="figures" title={t("figures.title")}>
              <FiguresTable figures={p.figures} />
            </Section>
          )}
        </div>
        <SourceList sources={p.sources} />
      </article>
    </SourcesProvider>
  );
}

function PartOf({ kind, partner }: { kind: (typeof TAKES_PART_IN)[number]; partner: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const path = KIND_PATHS[kind];
  const { data } = useApi<ListResponse<AnyApiRecord>>(
    apiUrl(`/api/v1/${path}`, { partner, fields: "id,kind,names", limit: 50 }),
  );
  if (!data || data.data.length === 0) return null;
  return (
    <Section
      id={`part-of-${kind}`}
      title={t(`partner.partOf.${kind}`, { count: data.meta.total, n: f.number(data.meta.total) })}
    >
      <ul>
        {data.data.map((r) => (
          <li key={r.id}>
            <RecordLink kind={kind} id={r.id} names={r.names} />
          </li>
        ))}
      </ul>
      {data.meta.total > data.data.length && (
        <p>
          <Link to={`/${path}?partner=${encodeURIComponent(partner)}`}>{t("partner.seeAll")}</Link>
        </p>
      )}
    </Section>
  );
}
