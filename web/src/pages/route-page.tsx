import type { Feature, FeatureCollection, LineString, MultiLineString, Point, Position } from "geojson";
import { type GeoJSONSource, LngLatBounds } from "maplibre-gl";
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { ApiError, apiUrl, getJson } from "../api/client.ts";
import { useApi } from "../api/use-api.ts";
import { ErrorNotice, Loading, PageHeader, usePageTitle } from "../components/page.tsx";
import { useFormat } from "../format.ts";
import { useDrawn, useMap } from "../map/use-map.ts";
import { useLocalText } from "../names.ts";

/** What GET /api/v1/network says about passages, vessels and projects. */
export interface NetworkInfo {
  passages: Array<{ id: string; name: string; closedByDefault: boolean }>;
  vessels: Array<{ id: string; name: string; teu: number; source: string }>;
  defaultVessel: string | null;
  projects: Array<{ id: string; names: { en?: string; zh?: string }; passengerOnly: boolean }>;
}

interface LegGeometry {
  type: "LineString" | "MultiLineString";
  coordinates: unknown[];
}

interface Leg {
  mode: string;
  from: string;
  to: string;
  distanceKm: number;
  durationHours: number;
  geometry?: LegGeometry;
}

interface RouteResult {
  from: { name: string; country?: string };
  to: { name: string; country?: string };
  mode: string;
  distanceKm: number;
  distanceNm: number;
  durationHours: number;
  durationDays: number;
  costUsd: number;
  co2Kg: number;
  legs: Leg[];
  borderCrossings: Array<{ from: string; to: string; at: string; mode: string }>;
  gaugeChanges: Array<Record<string, unknown>>;
  geometry: LegGeometry;
  assumptions: Array<{ name: string; value: number | string; unit?: string; source: string }>;
  warnings?: string[];
}

const MODES = ["sea", "rail", "multimodal"] as const;
type Mode = (typeof MODES)[number];
const OBJECTIVES = ["time", "distance", "cost", "co2"] as const;

/** Line colours of the modes on the map and in the legend. */
export const MODE_COLORS: Record<string, string> = {
  sea: "#1f5f8b",
  rail: "#b2182b",
  road: "#7a5c00",
  transfer: "#555555",
};

type Outcome = { data: RouteResult; error?: undefined } | { data?: undefined; error: Error };

/** The mode that carries most of a route's distance (the colour of its line when legs have no geometry). */
function mainMode(r: RouteResult): string {
  const km = new Map<string, number>();
  for (const l of r.legs) km.set(l.mode, (km.get(l.mode) ?? 0) + l.distanceKm);
  return [...km.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "road";
}

/** The parts of a LineString or MultiLineString (split at ±180° by the API). */
function partsOf(g: LegGeometry | undefined): Position[][] {
  if (!g) return [];
  return g.type === "LineString" ? [g.coordinates as Position[]] : (g.coordinates as Position[][]);
}

/** One map feature per leg, coloured by its mode; the route's own line when the legs carry no geometry. */
export function legFeatures(route: RouteResult): Array<Feature<LineString | MultiLineString>> {
  const withGeometry = route.legs.filter((l) => l.geometry);
  const items = withGeometry.length > 0 ? withGeometry : [{ mode: mainMode(route), geometry: route.geometry }];
  return items.flatMap((l, i) => {
    const parts = partsOf(l.geometry).filter((p) => p.length >= 2);
    if (parts.length === 0) return [];
    const geometry: LineString | MultiLineString =
      parts.length === 1
        ? { type: "LineString", coordinates: parts[0]! }
        : { type: "MultiLineString", coordinates: parts };
    return [
      {
        type: "Feature",
        geometry,
        properties: { leg: i, mode: l.mode, color: MODE_COLORS[l.mode] ?? MODE_COLORS.transfer },
      },
    ];
  });
}

/**
 * The route planner: from/to, objective, passages to avoid, a project switched off and the ship; sea, rail and
 * multimodal routes side by side, the chosen one on the map with its legs and sourced assumptions. The form lives
 * in the URL.
 */
export function RoutePage() {
  const { t } = useTranslation();
  usePageTitle(t("route.title"));
  const [params, setParams] = useSearchParams();
  const network = useApi<NetworkInfo>("/api/v1/network");
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  const optimize = params.get("optimize") ?? "time";
  const avoid = params.get("avoid") ?? "";
  const without = params.get("without") ?? "";
  const vessel = params.get("vessel") ?? "";
  const [results, setResults] = useState<Partial<Record<Mode, Outcome>>>({});
  const [loading, setLoading] = useState(false);
  const [chosen, setChosen] = useState<Mode>("multimodal");

  useEffect(() => {
    if (!from || !to) {
      setResults({});
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setResults({});
    void Promise.all(
      MODES.map(async (mode): Promise<[Mode, Outcome]> => {
        try {
          const url = apiUrl("/api/v1/route", { from, to, mode, optimize, avoid, without, vessel });
          return [mode, { data: await getJson<RouteResult>(url, controller.signal) }];
        } catch (e) {
          return [mode, { error: e instanceof Error ? e : new Error(String(e)) }];
        }
      }),
    ).then((all) => {
      if (controller.signal.aborted) return;
      setResults(Object.fromEntries(all));
      setLoading(false);
      const ok = all.find(([m, o]) => m === "multimodal" && o.data) ?? all.find(([, o]) => o.data);
      if (ok) setChosen(ok[0]);
    });
    return () => controller.abort();
  }, [from, to, optimize, avoid, without, vessel]);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next: Record<string, string> = {};
    for (const key of ["from", "to", "optimize", "without", "vessel"]) {
      const v = String(form.get(key) ?? "").trim();
      if (v) next[key] = v;
    }
    const avoided = form.getAll("avoid").map(String);
    if (avoided.length) next.avoid = avoided.join(",");
    setParams(next);
  };

  const route = results[chosen]?.data;
  const anyResult = MODES.some((m) => results[m]);
  const allFailed = anyResult && MODES.every((m) => results[m]?.error);
  const firstError = MODES.map((m) => results[m]?.error).find(Boolean);

  return (
    <>
      <PageHeader title={t("route.title")} sub={t("route.intro")} />
      <div className="map-layout">
        <aside className="panel" aria-labelledby="route-form-heading">
          <h2 id="route-form-heading">{t("route.formTitle")}</h2>
          <RouteForm
            key={params.toString()}
            network={network.data}
            values={{ from, to, optimize, avoid: avoid.split(",").filter(Boolean), without, vessel }}
            onSubmit={submit}
          />
          {network.error && <p className="muted small">{t("route.networkUnavailable")}</p>}
        </aside>
        <div className="map-main">
          {loading && <Loading what={t("route.routes")} />}
          {!from || !to ? <p className="muted">{t("route.empty")}</p> : null}
          {allFailed && firstError && <RouteError error={firstError} />}
          {anyResult && !allFailed && <Comparison results={results} chosen={chosen} onChoose={setChosen} />}
          <RouteMap route={route} />
          <ModeLegend />
          {route && <RouteDetails route={route} mode={chosen} />}
        </div>
      </div>
    </>
  );
}

function RouteForm({
  network,
  values,
  onSubmit,
}: {
  network: NetworkInfo | undefined;
  values: { from: string; to: string; optimize: string; avoid: string[]; without: string; vessel: string };
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
}) {
  const { t } = useTranslation();
  const { text } = useLocalText();
  const projects = (network?.projects ?? []).filter((p) => !p.passengerOnly);
  return (
    <form onSubmit={onSubmit} className="route-form">
      <div className="field">
        <label htmlFor="route-from">{t("route.from")}</label>
        <input id="route-from" name="from" required defaultValue={values.from} aria-describedby="route-place-help" />
      </div>
      <div className="field">
        <label htmlFor="route-to">{t("route.to")}</label>
        <input id="route-to" name="to" required defaultValue={values.to} aria-describedby="route-place-help" />
      </div>
      <p id="route-place-help" className="muted small">
        {t("route.placeHelp")}
      </p>
      <div className="field">
        <label htmlFor="route-optimize">{t("route.optimize")}</label>
        <select id="route-optimize" name="optimize" defaultValue={values.optimize}>
          {OBJECTIVES.map((o) => (
            <option key={o} value={o}>
              {t(`route.objective.${o}`)}
            </option>
          ))}
        </select>
      </div>
      {network && (
        <fieldset className="field">
          <legend>{t("route.avoid")}</legend>
          {network.passages
            .filter((p) => !p.closedByDefault)
            .map((p) => (
              <label key={p.id} className="check">
                <input type="checkbox" name="avoid" value={p.id} defaultChecked={values.avoid.includes(p.id)} />
                <span>{t(`route.passage.${p.id}`, { defaultValue: p.name })}</span>
              </label>
            ))}
        </fieldset>
      )}
      {projects.length > 0 && (
        <div className="field">
          <label htmlFor="route-without">{t("route.without")}</label>
          <select id="route-without" name="without" defaultValue={values.without}>
            <option value="">{t("route.withoutNone")}</option>
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {text({ en: p.names.en ?? p.id, ...(p.names.zh ? { zh: p.names.zh } : {}) })}
              </option>
            ))}
          </select>
        </div>
      )}
      {network && network.vessels.length > 0 && (
        <div className="field">
          <label htmlFor="route-vessel">{t("route.vessel")}</label>
          <select id="route-vessel" name="vessel" defaultValue={values.vessel || (network.defaultVessel ?? "")}>
            {network.vessels.map((v) => (
              <option key={v.id} value={v.id}>
                {t(`route.vessels.${v.id}`, { defaultValue: v.name })}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit">{t("route.submit")}</button>
    </form>
  );
}

/** "No route" and "unknown place" as text. */
function RouteError({ error }: { error: Error }) {
  const { t } = useTranslation();
  if (error instanceof ApiError && (error.status === 400 || error.status === 404))
    return (
      <div className="notice notice-error" role="alert">
        <p>{error.status === 404 ? t("route.noRoute") : t("route.invalid")}</p>
        <p className="muted">{error.message}</p>
      </div>
    );
  return <ErrorNotice error={error} />;
}

function Comparison({
  results,
  chosen,
  onChoose,
}: {
  results: Partial<Record<Mode, Outcome>>;
  chosen: Mode;
  onChoose: (m: Mode) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section aria-labelledby="route-compare-heading">
      <h2 id="route-compare-heading">{t("route.compare")}</h2>
      <div className="table-scroll">
        <table className="data-table route-compare">
          <thead>
            <tr>
              <th scope="col">{t("route.col.mode")}</th>
              <th scope="col">{t("route.col.days")}</th>
              <th scope="col">{t("route.col.km")}</th>
              <th scope="col">{t("route.col.nm")}</th>
              <th scope="col">{t("route.col.cost")}</th>
              <th scope="col">{t("route.col.co2")}</th>
              <th scope="col">{t("route.col.borders")}</th>
              <th scope="col">{t("route.col.gauges")}</th>
              <th scope="col">{t("route.col.map")}</th>
            </tr>
          </thead>
          <tbody>
            {MODES.map((m) => {
              const o = results[m];
              const r = o?.data;
              return (
                <tr key={m} aria-current={m === chosen && r ? "true" : undefined}>
                  <th scope="row">{t(`route.mode.${m}`)}</th>
                  {r ? (
                    <>
                      <td>{f.number(r.durationDays, 1)}</td>
                      <td>{f.number(r.distanceKm)}</td>
                      <td>{f.number(r.distanceNm)}</td>
                      <td>{f.money(r.costUsd, "USD")}</td>
                      <td>{f.number(r.co2Kg)}</td>
                      <td>{r.borderCrossings.length}</td>
                      <td>{r.gaugeChanges.length}</td>
                      <td>
                        <button
                          type="button"
                          className="link-button small"
                          aria-pressed={m === chosen}
                          onClick={() => onChoose(m)}
                          aria-label={t("route.showMode", { mode: t(`route.mode.${m}`) })}
                        >
                          {m === chosen ? t("route.shown") : t("route.show")}
                        </button>
                      </td>
                    </>
                  ) : (
                    <td colSpan={8} className="muted">
                      {o?.error instanceof ApiError && o.error.status === 404
                        ? t("route.noRoute")
                        : (o?.error?.message ?? "")}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t("route.perTeu")}</p>
    </section>
  );
}

function RouteDetails({ route, mode }: { route: RouteResult; mode: Mode }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <>
      <section aria-labelledby="route-legs-heading">
        <h2 id="route-legs-heading">
          {t("route.legs", { mode: t(`route.mode.${mode}`), from: route.from.name, to: route.to.name })}
        </h2>
        {(route.warnings ?? []).map((w) => (
          <p key={w} className="notice">
            {w}
          </p>
        ))}
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("route.col.legMode")}</th>
                <th scope="col">{t("route.col.from")}</th>
                <th scope="col">{t("route.col.to")}</th>
                <th scope="col">{t("route.col.km")}</th>
                <th scope="col">{t("route.col.hours")}</th>
              </tr>
            </thead>
            <tbody>
              {route.legs.map((l, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: legs have no id and never reorder
                <tr key={i}>
                  <td>
                    <span
                      className="swatch line"
                      style={{ background: MODE_COLORS[l.mode] ?? MODE_COLORS.transfer }}
                      aria-hidden="true"
                    />{" "}
                    {t(`route.legMode.${l.mode}`, { defaultValue: l.mode })}
                  </td>
                  <td>{l.from}</td>
                  <td>{l.to}</td>
                  <td>{f.number(l.distanceKm)}</td>
                  <td>{f.number(l.durationHours, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="route-assumptions-heading">
        <h2 id="route-assumptions-heading">{t("route.assumptions")}</h2>
        <ul className="sources">
          {route.assumptions.map((a) => (
            <li key={a.name}>
              <strong>{a.name}</strong>: {typeof a.value === "number" ? f.number(a.value, 2) : a.value}
              {a.unit ? ` ${a.unit}` : ""} — <span className="muted small">{a.source}</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function ModeLegend() {
  const { t } = useTranslation();
  return (
    <ul className="legend legend-inline" aria-label={t("route.legend")}>
      {(["sea", "rail", "road", "transfer"] as const).map((m) => (
        <li key={m}>
          <span className="swatch line" style={{ background: MODE_COLORS[m] }} aria-hidden="true" />
          {t(`route.legMode.${m}`)}
        </li>
      ))}
    </ul>
  );
}

const EMPTY: FeatureCollection = { type: "FeatureCollection", features: [] };

/** The chosen route on the offline map: each leg coloured by its mode, and the route's two ends. */
function RouteMap({ route }: { route: RouteResult | undefined }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const { handle, error } = useMap(container);
  const drawn = useDrawn(handle, [route]);
  const data = useMemo(() => {
    if (!route) return { line: EMPTY, ends: EMPTY };
    const legs = legFeatures(route);
    const first = partsOf(route.geometry)[0]?.[0];
    const lastPart = partsOf(route.geometry).at(-1);
    const last = lastPart?.[lastPart.length - 1];
    const ends: Array<Feature<Point>> = [first, last]
      .filter((c): c is Position => c !== undefined)
      .map((c) => ({ type: "Feature", geometry: { type: "Point", coordinates: c }, properties: {} }));
    return {
      line: { type: "FeatureCollection", features: legs } as FeatureCollection,
      ends: { type: "FeatureCollection", features: ends } as FeatureCollection,
    };
  }, [route]);

  useEffect(() => {
    const map = handle?.map;
    if (!map) return;
    const source = map.getSource("route-line") as GeoJSONSource | undefined;
    if (source) {
      void source.setData(data.line);
      void (map.getSource("route-ends") as GeoJSONSource).setData(data.ends);
    } else {
      map.addSource("route-line", { type: "geojson", data: data.line });
      map.addSource("route-ends", { type: "geojson", data: data.ends });
      map.addLayer({
        id: "route-casing",
        type: "line",
        source: "route-line",
        layout: { "line-cap": "round", "line-join": "round" },
        paint: { "line-color": "#ffffff", "line-width": 6 },
      });
      map.addLayer({
        id: "route-line",
        type: "line",
        source: "route-line",
        layout: { "line-cap": "round", "line-join": "round" },
        paint: { "line-color": ["get", "color"], "line-width": 3.5 },
      });
      map.addLayer({
        id: "route-ends",
        type: "circle",
        source: "route-ends",
        paint: {
          "circle-color": "#222222",
          "circle-radius": 6,
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 2,
        },
      });
    }
    const bounds = new LngLatBounds();
    let any = false;
    for (const f of (data.line as FeatureCollection<LineString | MultiLineString>).features)
      for (const part of f.geometry.type === "LineString" ? [f.geometry.coordinates] : f.geometry.coordinates)
        for (const c of part) {
          bounds.extend([c[0] ?? 0, c[1] ?? 0]);
          any = true;
        }
    if (any) map.fitBounds(bounds, { padding: 48, maxZoom: 6, duration: 0 });
  }, [handle, data]);

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
