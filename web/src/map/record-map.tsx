import { LngLatBounds } from "maplibre-gl";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ErrorNotice, Loading } from "../components/page.tsx";
import { MAP_COLORS } from "./basemap.ts";
import { boundsOf, type Places, showPlaces } from "./project-layers.ts";
import { useDrawn, useMap } from "./use-map.ts";

/**
 * A small map of one record's places (no clustering), optionally with countries highlighted; it fits what it
 * shows. `label` describes the map for screen readers; the page lists the same places in text.
 */
export function RecordMap({
  places,
  highlight = [],
  fit = "places",
  label,
}: {
  places: Places;
  highlight?: readonly string[];
  /** What the view fits: the places (a project), or the highlighted countries (a country page). */
  fit?: "places" | "highlight";
  label: string;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const { handle, error } = useMap(container);

  const highlightKey = highlight.join(",");
  const drawn = useDrawn(handle, [places, highlightKey, fit]);
  useEffect(() => {
    const map = handle?.map;
    if (!map) return;
    const highlight = highlightKey ? highlightKey.split(",") : [];
    showPlaces(map, places, { cluster: false });
    if (highlight.length > 0)
      map.setPaintProperty("land", "fill-color", [
        "case",
        ["in", ["get", "iso3"], ["literal", [...highlight]]],
        "#9ecae1",
        MAP_COLORS.land,
      ]);
    // The view fits the record's places, or its highlighted countries when asked or when it has no places.
    let bounds = fit === "places" ? boundsOf(places) : undefined;
    if (!bounds) {
      const around = new LngLatBounds();
      for (const f of handle.base.countries.features) {
        if (!highlight.includes(f.properties.iso3)) continue;
        const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
        for (const polygon of polygons) for (const p of polygon[0] ?? []) around.extend([p[0] ?? 0, p[1] ?? 0]);
      }
      if (!around.isEmpty()) bounds = around;
    }
    if (bounds) map.fitBounds(bounds, { padding: 36, maxZoom: 6, duration: 0 });
  }, [handle, places, highlightKey, fit]);

  return (
    <figure className="map-frame map-small" aria-busy={!drawn}>
      <div ref={container} className="map-canvas" />
      <figcaption className="visually-hidden">{label}</figcaption>
      {error && <ErrorNotice error={error} />}
      {!handle && !error && (
        <div className="map-loading">
          <Loading what={t("map.baseMap")} />
        </div>
      )}
    </figure>
  );
}
