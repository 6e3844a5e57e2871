import { type ExpressionSpecification, LngLatBounds } from "maplibre-gl";
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { getJson, postJson } from "../api/client.ts";
import { useApi } from "../api/use-api.ts";
import { ErrorNotice, Loading, PageHeader, usePageTitle } from "../components/page.tsx";
import { useFormat } from "../format.ts";
import { MAP_COLORS } from "../map/basemap.ts";
import { useDrawn, useMap } from "../map/use-map.ts";
import { useCountryName, useLocalText } from "../names.ts";
import type { NetworkInfo } from "./route-page.tsx";

interface GroupSummary {
  pairs: number;
  meanBaseHours: number;
  meanScenarioHours: number;
  changePct: number;
  effectPct: number;
  changedPairs: number;
  cutOffPairs: number;
}

interface PublishedRange {
  shipmentTimePct: [number, number];
  tradeCostPct: [number, number];
  note?: string;
}

interface WhatIfResult {
  scenario: { without: string[]; with: string[] };
  summary: {
    cities: number;
    world: GroupSummary;
    bri: GroupSummary;
    corridor: GroupSummary;
    countries: Record<string, GroupSummary>;
    published?: { source: string; world?: PublishedRange; bri?: PublishedRange; corridor?: PublishedRange };
  };
  warnings?: string[];
  method?: string;
}

interface Job {
  id: string;
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  result?: WhatIfResult;
  error?: unknown;
}

const CITY_CHOICES = [100, 300, 1000] as const;
/** Countries whose change rounds to 0.00% are counted, not listed. */
const SHOWN_PCT = 0.005;
const GROUPS = ["world", "bri", "corridor"] as const;

/** Shading steps of the % change in shipment time (upper bounds), light to dark. */
const CHANGE_STEPS: ReadonlyArray<{ below: number; color: string }> = [
  { below: 0.1, color: "#fee5d9" },
  { below: 1, color: "#fcae91" },
  { below: 5, color: "#fb6a4a" },
  { below: Number.POSITIVE_INFINITY, color: "#cb181d" },
];

function changeColor(pct: number): string {
  return CHANGE_STEPS.find((s) => pct < s.below)?.color ?? MAP_COLORS.land;
}

/**
 * The what-if: switch projects off, recompute shipment times between cities (de Soyres et al.'s method), and show
 * the change per country, the world / BRI / corridor summary beside the published ranges, and a shaded map.
 */
export function WhatIfPage() {
  const { t } = useTranslation();
  usePageTitle(t("whatif.title"));
  const network = useApi<NetworkInfo>("/api/v1/network");
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<number | undefined>();
  const [result, setResult] = useState<WhatIfResult>();
  const [error, setError] = useState<Error>();
  const controller = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => controller.current?.abort(), []);

  const run = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const all = form.get("all") === "on";
    const without = all ? ["all"] : form.getAll("without").map(String);
    const cities = Number(form.get("cities")) || CITY_CHOICES[0];
    if (without.length === 0) {
      setError(new Error(t("whatif.pickOne")));
      return;
    }
    controller.current?.abort();
    const ac = new AbortController();
    controller.current = ac;
    setRunning(true);
    setError(undefined);
    setResult(undefined);
    setProgress(undefined);
    try {
      const first = await postJson<WhatIfResult | { job: Job; href: string }>(
        "/api/v1/whatif",
        { without, cities },
        ac.signal,
      );
      if (first.status === 202 && "href" in first.body) {
        const href = first.body.href;
        setProgress(0);
        for (;;) {
          await new Promise((r) => setTimeout(r, 1000));
          if (ac.signal.aborted) return;
          const job = await getJson<Job>(href, ac.signal);
          setProgress(job.progress);
          if (job.status === "done" && job.result) {
            setResult(job.result);
            break;
          }
          if (job.status === "failed") throw new Error(typeof job.error === "string" ? job.error : t("whatif.failed"));
        }
      } else setResult(first.body as WhatIfResult);
    } catch (err) {
      if (!ac.signal.aborted) setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      if (!ac.signal.aborted) setRunning(false);
    }
  };

  return (
    <>
      <PageHeader title={t("whatif.title")} sub={t("whatif.intro")} />
      <div className="map-layout">
        <aside className="panel" aria-labelledby="whatif-form-heading">
          <h2 id="whatif-form-heading">{t("whatif.formTitle")}</h2>
          {network.loading && <Loading />}
          {network.error && <ErrorNotice error={network.error} />}
          {network.data && <WhatIfForm network={network.data} running={running} onSubmit={(e) => void run(e)} />}
        </aside>
        <div className="map-main">
          {running && (
            <div role="status" className="whatif-progress">
              <label htmlFor="whatif-progress">{t("whatif.running")}</label>{" "}
              <progress id="whatif-progress" max={1} {...(progress !== undefined ? { value: progress } : {})} />
              {progress !== undefined && ` ${Math.round(progress * 100)}%`}
            </div>
          )}
          {error && (
            <div className="notice notice-error" role="alert">
              <p>{t("whatif.failed")}</p>
              <p className="muted">{error.message}</p>
            </div>
          )}
          {!result && !running && !error && <p className="muted">{t("whatif.empty")}</p>}
          {result && <Summary result={result} />}
          <ChangeMap result={result} />
          <ChangeLegend />
          {result && <CountryTable result={result} />}
        </div>
      </div>
    </>
  );
}

function WhatIfForm({
  network,
  running,
  onSubmit,
}: {
  network: NetworkInfo;
  running: boolean;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
}) {
  const { t } = useTranslation();
  const { text } = useLocalText();
  const [all, setAll] = useState(false);
  const projects = network.projects.filter((p) => !p.passengerOnly);
  return (
    <form onSubmit={onSubmit}>
      <fieldset className="field" disabled={all}>
        <legend>{t("whatif.without")}</legend>
        {projects.map((p) => (
          <label key={p.id} className="check">
            <input type="checkbox" name="without" value={p.id} />
            <span>{text({ en: p.names.en ?? p.id, ...(p.names.zh ? { zh: p.names.zh } : {}) })}</span>
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" name="all" checked={all} onChange={(e) => setAll(e.target.checked)} />
        <span>{t("whatif.all")}</span>
      </label>
      <div className="field">
        <label htmlFor="whatif-cities">{t("whatif.cities")}</label>
        <select id="whatif-cities" name="cities" defaultValue={CITY_CHOICES[0]}>
          {CITY_CHOICES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <p className="muted small">{t("whatif.citiesHelp")}</p>
      <button type="submit" disabled={running}>
        {t("whatif.run")}
      </button>
    </form>
  );
}

function pct(f: ReturnType<typeof useFormat>, n: number): string {
  return `${n > 0 ? "+" : ""}${f.number(n, 2)}%`;
}

function Summary({ result }: { result: WhatIfResult }) {
  const { t } = useTranslation();
  const f = useFormat();
  const published = result.summary.published;
  const range = (r: PublishedRange | undefined) => {
    if (!r) return "—";
    const [a, b] = r.shipmentTimePct;
    const s = a === b ? `${f.number(a, 1)}%` : `${f.number(a, 1)}% … ${f.number(b, 1)}%`;
    return r.note ? `${t("whatif.upTo")} ${s}` : s;
  };
  return (
    <section aria-labelledby="whatif-summary-heading">
      <h2 id="whatif-summary-heading">{t("whatif.summary", { cities: result.summary.cities })}</h2>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("whatif.col.group")}</th>
              <th scope="col">{t("whatif.col.change")}</th>
              <th scope="col">{t("whatif.col.effect")}</th>
              <th scope="col">{t("whatif.col.published")}</th>
              <th scope="col">{t("whatif.col.changedPairs")}</th>
            </tr>
          </thead>
          <tbody>
            {GROUPS.map((g) => {
              const s = result.summary[g];
              return (
                <tr key={g}>
                  <th scope="row">{t(`whatif.group.${g}`)}</th>
                  <td>{pct(f, s.changePct)}</td>
                  <td>{pct(f, s.effectPct)}</td>
                  <td>{range(published?.[g])}</td>
                  <td>
                    {f.number(s.changedPairs)} / {f.number(s.pairs)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t("whatif.effectHelp")}</p>
      {published && <p className="muted small">{published.source}</p>}
      {(result.warnings ?? []).map((w) => (
        <p key={w} className="notice">
          {w}
        </p>
      ))}
    </section>
  );
}

function CountryTable({ result }: { result: WhatIfResult }) {
  const { t } = useTranslation();
  const f = useFormat();
  const countryName = useCountryName();
  const rows = useMemo(
    () =>
      Object.entries(result.summary.countries)
        .filter(([, s]) => Math.abs(s.changePct) >= SHOWN_PCT || s.cutOffPairs > 0)
        .sort((a, b) => b[1].changePct - a[1].changePct),
    [result],
  );
  const unchanged = Object.keys(result.summary.countries).length - rows.length;
  return (
    <section aria-labelledby="whatif-countries-heading">
      <h2 id="whatif-countries-heading">{t("whatif.countries")}</h2>
      <div className="table-scroll">
        <table className="data-table whatif-countries">
          <thead>
            <tr>
              <th scope="col">{t("whatif.col.country")}</th>
              <th scope="col">{t("whatif.col.change")}</th>
              <th scope="col">{t("whatif.col.base")}</th>
              <th scope="col">{t("whatif.col.scenario")}</th>
              <th scope="col">{t("whatif.col.changedPairs")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([code, s]) => (
              <tr key={code}>
                <th scope="row">{countryName(code)}</th>
                <td>{pct(f, s.changePct)}</td>
                <td>{f.number(s.meanBaseHours, 1)}</td>
                <td>{f.number(s.meanScenarioHours, 1)}</td>
                <td>
                  {f.number(s.changedPairs)} / {f.number(s.pairs)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t("whatif.unchanged", { count: unchanged })}</p>
    </section>
  );
}

function ChangeLegend() {
  const { t } = useTranslation();
  const f = useFormat();
  let from = 0;
  return (
    <ul className="legend legend-inline" aria-label={t("whatif.legend")}>
      {CHANGE_STEPS.map((s) => {
        const label = Number.isFinite(s.below)
          ? t("whatif.legendRange", { from: f.number(from, 1), to: f.number(s.below, 1) })
          : t("whatif.legendAbove", { from: f.number(from, 1) });
        from = s.below;
        return (
          <li key={s.color}>
            <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
            {label}
          </li>
        );
      })}
    </ul>
  );
}

/** Countries shaded by the % change in their shipment times. */
function ChangeMap({ result }: { result: WhatIfResult | undefined }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const { handle, error } = useMap(container);
  const drawn = useDrawn(handle, [result]);
  useEffect(() => {
    const map = handle?.map;
    if (!map) return;
    const pairs: string[] = [];
    for (const [code, s] of Object.entries(result?.summary.countries ?? {}))
      if (s.changePct > 0) pairs.push(code, changeColor(s.changePct));
    // The view fits the countries that changed by 0.1% or more.
    const strong = new Set(
      Object.entries(result?.summary.countries ?? {})
        .filter(([, c]) => c.changePct >= 0.1)
        .map(([code]) => code),
    );
    const bounds = new LngLatBounds();
    for (const f of handle.base.countries.features) {
      if (!strong.has(f.properties.iso3)) continue;
      const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const ring of polygons.map((poly) => poly[0] ?? []))
        for (const [x = 0, y = 0] of ring) bounds.extend([x, y]);
    }
    if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: 60, maxZoom: 4.5, duration: 0 });
    map.setPaintProperty(
      "land",
      "fill-color",
      pairs.length > 0
        ? (["match", ["get", "iso3"], ...pairs, MAP_COLORS.land] as unknown as ExpressionSpecification)
        : MAP_COLORS.land,
    );
  }, [handle, result]);
  return (
    <div className="map-frame" aria-busy={!drawn}>
      <div ref={container} className="map-canvas" />
      {error && <ErrorNotice error={error} />}
      {!handle && !error && (
        <div className="map-loading">
          <Loading what={t("map.baseMap")} />
        </div>
      )}
    </div>
  );
}
