import type { FeatureCollection } from "geojson";
import { type MapLayerMouseEvent, Popup } from "maplibre-gl";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { getJson } from "../api/client.ts";
import { useFormat } from "../format.ts";
import { useLocalText } from "../names.ts";
import {
  addNetworkLayers,
  NETWORK_COLORS,
  NETWORK_LAYER_IDS,
  NETWORK_MAP_LAYERS,
  type NetworkLayerId,
  RAIL_STATUSES,
  setNetworkData,
  setNetworkVisibility,
  sourcesOf,
  visibleNetworkLayers,
} from "./network-layers.ts";
import type { MapHandle } from "./use-map.ts";

export type NetworkToggles = Partial<Record<NetworkLayerId, boolean>>;

/** GET /api/v1/network/geojson: the features, and the handling time all ports share. */
type NetworkCollection = FeatureCollection & { portHandling?: { sources?: string[] } };

/** Reads the `net` URL parameter ("rail,ports") into toggles. */
export function parseToggles(value: string | null): NetworkToggles {
  const on = new Set((value ?? "").split(","));
  return Object.fromEntries(NETWORK_LAYER_IDS.map((id) => [id, on.has(id)]));
}

/** Writes toggles back into the `net` URL parameter (undefined when none is on). */
export function formatToggles(on: NetworkToggles): string | undefined {
  const ids = NETWORK_LAYER_IDS.filter((id) => on[id]);
  return ids.length > 0 ? ids.join(",") : undefined;
}

/** Checkboxes that switch the network layers on and off (native inputs: Tab and Space work). */
export function NetworkControls({
  on,
  onToggle,
}: {
  on: NetworkToggles;
  /** One layer switched; the caller applies it to the toggles as they are then (the URL may lag behind clicks). */
  onToggle: (id: keyof NetworkToggles, on: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="field shading">
      <legend>{t("map.network.title")}</legend>
      {NETWORK_LAYER_IDS.map((id) => (
        <label key={id} className="check">
          <input
            type="checkbox"
            name="network-layer"
            value={id}
            checked={on[id] === true}
            onChange={(e) => onToggle(id, e.target.checked)}
          />
          <span>{t(`map.network.layer.${id}`)}</span>
        </label>
      ))}
      <p className="muted small">{t("map.network.help")}</p>
    </fieldset>
  );
}

/** The legend of the layers that are on. */
export function NetworkLegend({ on }: { on: NetworkToggles }) {
  const { t } = useTranslation();
  if (!NETWORK_LAYER_IDS.some((id) => on[id])) return null;
  return (
    <ul className="legend legend-inline" aria-label={t("map.network.legend")}>
      {on.rail &&
        RAIL_STATUSES.map((s) => (
          <li key={s}>
            <span
              className="swatch line"
              style={{
                height: "0.3rem",
                background:
                  s === "existing"
                    ? NETWORK_COLORS[s]
                    : `repeating-linear-gradient(90deg, ${NETWORK_COLORS[s]} 0 ${s === "planned" ? 3 : 6}px, transparent ${s === "planned" ? 3 : 6}px ${s === "planned" ? 7 : 9}px)`,
              }}
              aria-hidden="true"
            />
            {t(`map.network.rail.${s}`)}
          </li>
        ))}
      {on.sea && (
        <li>
          <span className="swatch line" style={{ background: NETWORK_COLORS.sea, height: "2px" }} aria-hidden="true" />
          {t("map.network.layer.sea")}
        </li>
      )}
      {on.ports && (
        <li>
          <span className="swatch round" style={{ background: NETWORK_COLORS.port }} aria-hidden="true" />
          {t("map.network.layer.ports")}
        </li>
      )}
      {on.crossings && (
        <li>
          <span
            className="swatch round"
            style={{ background: NETWORK_COLORS.crossing, borderColor: NETWORK_COLORS.crossingStroke, borderWidth: 2 }}
            aria-hidden="true"
          />
          {t("map.network.layer.crossings")}
        </li>
      )}
    </ul>
  );
}

/**
 * Keeps the network layers of a map in step with the toggles: fetches GET /api/v1/network/geojson once (when a
 * layer is first switched on), shows and hides the layers, and opens a popup on a click on a rail line, port or
 * crossing (unless a project is under the pointer: its own popup wins). Returns a load error, if any.
 */
export function useNetworkOverlay(
  handle: MapHandle | undefined,
  on: NetworkToggles,
): { error: Error | undefined; ready: boolean } {
  const [data, setData] = useState<NetworkCollection>();
  const [error, setError] = useState<Error>();
  const anyOn = NETWORK_LAYER_IDS.some((id) => on[id]);
  const popupFor = usePopupContent(data?.portHandling);
  const popup = useRef<Popup | undefined>(undefined);
  const onRef = useRef(on);
  onRef.current = on;

  useEffect(() => {
    if (!anyOn || data) return;
    const controller = new AbortController();
    getJson<NetworkCollection>("/api/v1/network/geojson", controller.signal).then(setData, (e: unknown) => {
      if (!controller.signal.aborted) setError(e instanceof Error ? e : new Error(String(e)));
    });
    return () => controller.abort();
  }, [anyOn, data]);

  useEffect(() => {
    const map = handle?.map;
    if (!map) return;
    addNetworkLayers(map);
    if (data) setNetworkData(map, data);
    setNetworkVisibility(map, on);
  }, [handle, data, on]);

  useEffect(() => {
    const map = handle?.map;
    if (!map) return;
    const layers = NETWORK_LAYER_IDS.filter((id) => id !== "sea").flatMap((id) => [...NETWORK_MAP_LAYERS[id]]);
    const onClick = (e: MapLayerMouseEvent) => {
      const places = ["place-lines", "place-points", "place-clusters"].filter((id) => map.getLayer(id));
      if (places.length > 0 && map.queryRenderedFeatures(e.point, { layers: places }).length > 0) return;
      const features = map.queryRenderedFeatures(e.point, { layers: visibleNetworkLayers(onRef.current) });
      // Points before lines: a crossing or port sits on top of the rail line it belongs to.
      const f =
        features.find((x) => x.properties.layer === "crossings") ??
        features.find((x) => x.properties.layer === "ports") ??
        features[0];
      if (!f) return;
      popup.current?.remove();
      popup.current = new Popup({ maxWidth: "320px", focusAfterOpen: false })
        .setLngLat(e.lngLat)
        .setDOMContent(popupFor(f.properties as Record<string, unknown>))
        .addTo(map);
    };
    const pointer = () => {
      map.getCanvas().style.cursor = "pointer";
    };
    const plain = () => {
      map.getCanvas().style.cursor = "";
    };
    for (const layer of layers) {
      map.on("click", layer, onClick);
      map.on("mouseenter", layer, pointer);
      map.on("mouseleave", layer, plain);
    }
    return () => {
      popup.current?.remove();
      for (const layer of layers) {
        map.off("click", layer, onClick);
        map.off("mouseenter", layer, pointer);
        map.off("mouseleave", layer, plain);
      }
    };
  }, [handle, popupFor]);

  return { error, ready: !anyOn || data !== undefined || error !== undefined };
}

/** The popup of a network feature: name, then what the layer knows (status and gauge, UN/LOCODE, dwell), sources. */
function usePopupContent(
  portHandling: { sources?: string[] } | undefined,
): (p: Record<string, unknown>) => HTMLElement {
  const { t } = useTranslation();
  const f = useFormat();
  const { lang } = useLocalText();
  const ref = useRef<(p: Record<string, unknown>) => HTMLElement>(() => document.createElement("div"));
  ref.current = (p) => {
    const root = document.createElement("div");
    root.className = "map-popup network-popup";
    const title = document.createElement("strong");
    title.textContent = String(p.name ?? "");
    root.append(title);
    const rows: Array<[string, string]> = [];
    const hours = (x: unknown) => f.number(Number(x), Number(x) < 10 ? 1 : 0);
    const dwell = () =>
      p.dwellLowHours === undefined
        ? undefined
        : t("map.network.dwellRange", {
            low: hours(p.dwellLowHours),
            typical: hours(p.dwellTypicalHours),
            high: hours(p.dwellHighHours),
          });
    if (p.layer === "rail") {
      rows.push([t("map.network.status"), t(`map.network.rail.${String(p.status)}`)]);
      rows.push([t("map.network.gauge"), `${f.number(Number(p.gaugeMm))} mm`]);
      rows.push([t("map.network.length"), `${f.number(Number(p.lengthKm))} km`]);
      if (p.opens) rows.push([t("map.network.opens"), f.date(String(p.opens))]);
      const project = lang === "zh" ? (p.project_zh ?? p.project_en) : p.project_en;
      if (project) rows.push([t("map.network.project"), String(project)]);
      if (p.speedKmh) rows.push([t("map.network.speed"), `${f.number(Number(p.speedKmh), 1)} km/h`]);
      if (p.freight === false) rows.push([t("map.network.freight"), t("map.network.passengerOnly")]);
    } else if (p.layer === "ports") {
      rows.push(["UN/LOCODE", String(p.locode)]);
      rows.push([t("map.network.handling"), dwell() ?? t("map.network.notModelled")]);
    } else if (p.layer === "crossings") {
      rows.push([t("map.network.gaugeChange"), `${p.gaugeFrom} → ${p.gaugeTo} mm`]);
      rows.push([t("map.network.dwell"), dwell() ?? t("map.network.notModelled")]);
    }
    const dl = document.createElement("dl");
    dl.style.cssText = "display:grid;grid-template-columns:auto 1fr;gap:0.1rem 0.6rem;margin:0.4rem 0";
    for (const [k, v] of rows) {
      const dt = document.createElement("dt");
      dt.className = "muted";
      dt.textContent = k;
      const dd = document.createElement("dd");
      dd.style.margin = "0";
      dd.textContent = v;
      dl.append(dt, dd);
    }
    root.append(dl);
    const sources = [...sourcesOf(p.sources), ...(p.layer === "ports" ? (portHandling?.sources ?? []) : [])];
    if (sources.length > 0) {
      const details = document.createElement("details");
      const summary = document.createElement("summary");
      summary.textContent = t("map.network.sources", { count: sources.length });
      const ul = document.createElement("ul");
      ul.className = "small";
      ul.style.cssText = "margin:0.3rem 0 0;padding-left:1rem;max-height:10rem;overflow:auto";
      for (const s of sources) {
        const li = document.createElement("li");
        li.textContent = s;
        ul.append(li);
      }
      details.append(summary, ul);
      root.append(details);
    }
    return root;
  };
  const [stable] = useState(() => (p: Record<string, unknown>) => ref.current(p));
  return stable;
}
