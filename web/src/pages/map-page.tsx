import { type MapLayerMouseEvent, Popup } from "maplibre-gl";
import { type Ref, useCallback, useContext, useEffect, useImperativeHandle, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import type { ProjectRecord } from "../api/types.ts";
import { useAllRecords } from "../api/use-all.ts";
import { FilterPanel } from "../components/filter-panel.tsx";
import { ErrorNotice, Loading, PageHeader, usePageTitle } from "../components/page.tsx";
import { RecordLink } from "../components/record-link.tsx";
import { CountriesContext } from "../countries-context.ts";
import { filterParams, useUrlFilters } from "../filters.ts";
import { useFormat } from "../format.ts";
import { recordPath } from "../kinds.ts";
import { DOCUMENT_STEPS, documentShading, MAP_COLORS } from "../map/basemap.ts";
import {
  formatToggles,
  NetworkControls,
  NetworkLegend,
  type NetworkToggles,
  parseToggles,
  useNetworkOverlay,
} from "../map/network-overlay.tsx";
import {
  anchorOf,
  boundsOf,
  expandCluster,
  PLACE_COLORS,
  PLACE_LAYERS,
  type PlaceProps,
  type Places,
  showPlaces,
  toPlaces,
} from "../map/project-layers.ts";
import { useDrawn, useMap } from "../map/use-map.ts";
import { useLabels, useLocalText } from "../names.ts";

const FIRST_YEAR = 2013;
const FIELDS = "id,kind,names,projectType,status,locations,countries";

/**
 * Projects on the offline map, as clustered points and lines, with partner countries shaded by the date of their
 * first cooperation document. The filters live in the URL; the list beside the map is its keyboard alternative.
 */
export function MapPage() {
  const { t } = useTranslation();
  const { text } = useLocalText();
  usePageTitle(t("map.title"));
  const { filters, params, set, clear } = useUrlFilters();
  const shade = params.get("shade") !== "0";
  const thisYear = new Date().getFullYear();
  const asOf = Math.min(Math.max(Number(params.get("asof")) || thisYear, FIRST_YEAR), thisYear);
  const netParam = params.get("net");
  const network = useMemo(() => parseToggles(netParam), [netParam]);
  const query = useMemo(() => ({ ...filterParams(filters), fields: FIELDS }), [filters]);
  const { records, total, truncated, error, loading } = useAllRecords<ProjectRecord>("/api/v1/projects", query);
  const places = useMemo(
    () =>
      toPlaces(
        (records ?? []).map((r) => ({
          id: r.id,
          kind: r.kind ?? "project",
          names: r.names,
          type: r.projectType,
          status: r.status,
          geometries: (r.locations ?? []).map((l) => l.geometry),
        })),
      ),
    [records],
  );
  const unplaced = (records ?? []).filter((r) => !(r.locations ?? []).length);
  const mapRef = useRef<ProjectMapHandle>(null);

  return (
    <>
      <PageHeader title={t("map.title")} sub={t("map.intro")} />
      <div className="map-layout">
        <aside className="panel" aria-labelledby="map-filters-heading">
          <h2 id="map-filters-heading">{t("filters.title")}</h2>
          <FilterPanel kind="project" filters={filters} onChange={(c) => set(c)} onClear={clear} />
          <ShadingControls
            shade={shade}
            asOf={asOf}
            thisYear={thisYear}
            onShade={(on) => set({ shade: on ? undefined : "0" }, true)}
            onAsOf={(y) => set({ asof: y === thisYear ? undefined : String(y) }, true)}
          />
          <NetworkControls
            on={network}
            onToggle={(id, on) =>
              set((prev) => ({ net: formatToggles({ ...parseToggles(prev.get("net")), [id]: on }) }), true)
            }
          />
        </aside>
        <div className="map-main">
          <p className="muted small" aria-live="polite">
            {loading
              ? t("common.loading")
              : t("map.shown", { count: records?.length ?? 0, total: total ?? 0 }) +
                (truncated ? ` ${t("map.truncated")}` : "")}
          </p>
          {error && <ErrorNotice error={error} />}
          <ProjectMap ref={mapRef} places={places} shade={shade} asOf={asOf} network={network} />
          <MapLegend />
          <NetworkLegend on={network} />
          {shade && <DocumentLegend />}
          <section aria-labelledby="map-list-heading" className="map-list">
            <h2 id="map-list-heading">{t("map.listTitle")}</h2>
            <p className="muted small">{t("map.listHelp")}</p>
            {loading && !records && <Loading />}
            <ul>
              {(records ?? []).map((r) => (
                <li key={r.id}>
                  <RecordLink kind="project" id={r.id} names={r.names} />{" "}
                  {(r.locations ?? []).length > 0 ? (
                    <button
                      type="button"
                      className="link-button small"
                      onClick={() => mapRef.current?.show(r.id)}
                      aria-label={t("map.showNamed", { name: text(r.names) })}
                    >
                      {t("map.showOnMap")}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
            {unplaced.length > 0 && <p className="muted small">{t("map.unplaced", { count: unplaced.length })}</p>}
          </section>
        </div>
      </div>
    </>
  );
}

function ShadingControls({
  shade,
  asOf,
  thisYear,
  onShade,
  onAsOf,
}: {
  shade: boolean;
  asOf: number;
  thisYear: number;
  onShade: (on: boolean) => void;
  onAsOf: (year: number) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <fieldset className="field shading">
      <legend>{t("map.shading")}</legend>
      <label className="check">
        <input type="checkbox" checked={shade} onChange={(e) => onShade(e.target.checked)} />
        <span>{t("map.shadeCountries")}</span>
      </label>
      {shade && (
        <>
          <label htmlFor="asof">{t("map.asOf", { year: f.date(String(asOf)) })}</label>
          <input
            id="asof"
            type="range"
            min={FIRST_YEAR}
            max={thisYear}
            step={1}
            value={asOf}
            onChange={(e) => onAsOf(Number(e.target.value))}
            aria-valuetext={f.date(String(asOf))}
          />
        </>
      )}
    </fieldset>
  );
}

/** The colours of the country shading. */
function DocumentLegend() {
  const { t } = useTranslation();
  return (
    <ul className="legend legend-inline" aria-label={t("map.shading")}>
      {DOCUMENT_STEPS.map((s, i) => {
        const next = DOCUMENT_STEPS[i + 1];
        return (
          <li key={s.from}>
            <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
            {next ? t("map.docYears", { from: s.from, to: next.from - 1 }) : t("map.docSince", { from: s.from })}
          </li>
        );
      })}
      <li>
        <span className="swatch" style={{ background: MAP_COLORS.undated }} aria-hidden="true" />
        {t("map.docUndated")}
      </li>
      <li>
        <span className="swatch" style={{ background: MAP_COLORS.ended }} aria-hidden="true" />
        {t("map.docEnded")}
      </li>
      <li>
        <span className="swatch" style={{ background: MAP_COLORS.china }} aria-hidden="true" />
        {t("map.china")}
      </li>
      <li>
        <span className="swatch" style={{ background: MAP_COLORS.land }} aria-hidden="true" />
        {t("map.docNone")}
      </li>
    </ul>
  );
}

function MapLegend() {
  const { t } = useTranslation();
  return (
    <ul className="legend legend-inline" aria-label={t("map.legend")}>
      <li>
        <span className="swatch round" style={{ background: PLACE_COLORS.point }} aria-hidden="true" />
        {t("map.legendPoint")}
      </li>
      <li>
        <span className="swatch line" style={{ background: PLACE_COLORS.line }} aria-hidden="true" />
        {t("map.legendLine")}
      </li>
      <li>
        <span className="swatch round" style={{ background: PLACE_COLORS.cluster }} aria-hidden="true" />
        {t("map.legendCluster")}
      </li>
    </ul>
  );
}

interface ProjectMapHandle {
  show(id: string): void;
}

function ProjectMap({
  ref,
  places,
  shade,
  asOf,
  network,
}: {
  ref: Ref<ProjectMapHandle>;
  places: Places;
  shade: boolean;
  asOf: number;
  network: NetworkToggles;
}) {
  const { t } = useTranslation();
  const { lang } = useLocalText();
  const label = useLabels();
  const navigate = useNavigate();
  const countries = useContext(CountriesContext);
  const container = useRef<HTMLDivElement>(null);
  const { handle, error } = useMap(container);
  const popup = useRef<Popup | undefined>(undefined);
  const { error: networkError, ready: networkReady } = useNetworkOverlay(handle, network);
  const drawn = useDrawn(handle, [places, shade, asOf, countries, network, networkReady]) && networkReady;
  const placesRef = useRef(places);
  placesRef.current = places;

  const popupContent = useCallback(
    (items: readonly PlaceProps[]) => {
      const root = document.createElement("div");
      root.className = "map-popup";
      const list = document.createElement("ul");
      for (const p of items.slice(0, 6)) {
        const li = document.createElement("li");
        const a = document.createElement("a");
        const path = recordPath("project", p.id);
        a.href = path;
        a.textContent = lang === "zh" ? p.name_zh : p.name_en;
        a.addEventListener("click", (e) => {
          if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
          e.preventDefault();
          void navigate(path);
        });
        const meta = document.createElement("span");
        meta.className = "muted small";
        meta.textContent = [
          p.type && t(`type.project.${p.type}`),
          p.status && label("status", p.status, "ActivityStatus"),
        ]
          .filter(Boolean)
          .join(" · ");
        li.append(a, document.createElement("br"), meta);
        list.append(li);
      }
      root.append(list);
      if (items.length > 6) {
        const more = document.createElement("p");
        more.className = "muted small";
        more.textContent = t("map.popupMore", { count: items.length - 6 });
        root.append(more);
      }
      return root;
    },
    [lang, navigate, t, label],
  );

  const openPopup = useCallback(
    (at: [number, number], items: readonly PlaceProps[], focus: boolean) => {
      const map = handle?.map;
      if (!map || items.length === 0) return;
      popup.current?.remove();
      const content = popupContent(items);
      popup.current = new Popup({ maxWidth: "280px", focusAfterOpen: false })
        .setLngLat(at)
        .setDOMContent(content)
        .addTo(map);
      if (focus) content.querySelector("a")?.focus();
    },
    [handle, popupContent],
  );

  // Sources and layers of the projects, and the click handlers.
  useEffect(() => {
    const map = handle?.map;
    if (!map) return;
    showPlaces(map, placesRef.current, { cluster: true });
    const onClick = (e: MapLayerMouseEvent) => {
      const seen = new Set<string>();
      const items: PlaceProps[] = [];
      for (const f of map.queryRenderedFeatures(e.point, { layers: [...PLACE_LAYERS] })) {
        const p = f.properties as PlaceProps;
        if (!seen.has(p.id)) {
          seen.add(p.id);
          items.push(p);
        }
      }
      openPopup([e.lngLat.lng, e.lngLat.lat], items, false);
    };
    const onCluster = (e: MapLayerMouseEvent) => void expandCluster(map, e);
    const pointer = () => {
      map.getCanvas().style.cursor = "pointer";
    };
    const plain = () => {
      map.getCanvas().style.cursor = "";
    };
    for (const layer of PLACE_LAYERS) {
      map.on("click", layer, onClick);
      map.on("mouseenter", layer, pointer);
      map.on("mouseleave", layer, plain);
    }
    map.on("click", "place-clusters", onCluster);
    map.on("mouseenter", "place-clusters", pointer);
    map.on("mouseleave", "place-clusters", plain);
    return () => {
      for (const layer of PLACE_LAYERS) {
        map.off("click", layer, onClick);
        map.off("mouseenter", layer, pointer);
        map.off("mouseleave", layer, plain);
      }
      map.off("click", "place-clusters", onCluster);
      map.off("mouseenter", "place-clusters", pointer);
      map.off("mouseleave", "place-clusters", plain);
    };
  }, [handle, openPopup]);

  // New selection: new data, and the view fits it.
  useEffect(() => {
    const map = handle?.map;
    if (!map) return;
    showPlaces(map, places, { cluster: true });
    popup.current?.remove();
    const bounds = boundsOf(places);
    if (bounds) map.fitBounds(bounds, { padding: 48, maxZoom: 5, duration: 0 });
  }, [handle, places]);

  // Shading of partner countries by the date of their first cooperation document.
  useEffect(() => {
    const map = handle?.map;
    if (!map) return;
    map.setPaintProperty("land", "fill-color", shade ? documentShading(countries.list, asOf) : MAP_COLORS.land);
  }, [handle, countries, shade, asOf]);

  // The list's "show on map": fit the record, open its popup and put focus on the popup's link.
  useImperativeHandle(
    ref,
    () => ({
      show(id) {
        const map = handle?.map;
        const bounds = boundsOf(placesRef.current, id);
        const at = anchorOf(placesRef.current, id);
        const item = [...placesRef.current.points.features, ...placesRef.current.lines.features].find(
          (f) => f.properties.id === id,
        );
        if (!map || !bounds || !at || !item) return;
        map.fitBounds(bounds, { padding: 80, maxZoom: 7, duration: 0 });
        container.current?.scrollIntoView({ block: "nearest" });
        openPopup(at, [item.properties], true);
      },
    }),
    [handle, openPopup],
  );

  return (
    <div className="map-frame" aria-busy={!drawn}>
      <div ref={container} className="map-canvas" />
      {error && <ErrorNotice error={error} />}
      {networkError && <ErrorNotice error={networkError} />}
      {!handle && !error && (
        <div className="map-loading">
          <Loading what={t("map.baseMap")} />
        </div>
      )}
    </div>
  );
}
