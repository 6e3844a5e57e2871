import { type LngLatBoundsLike, Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { type RefObject, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { asLang } from "../i18n/index.ts";
import { type BaseMapData, baseStyle, loadBaseMap } from "./basemap.ts";

// The worker is bundled as a file of the portal; MapLibre would otherwise look for it next to its own module.
setWorkerUrl(workerUrl);

/**
 * False from each change of `deps` until the map has drawn it (MapLibre's `idle`): pages set `aria-busy` with it,
 * and tests wait for it.
 */
export function useDrawn(handle: MapHandle | undefined, deps: readonly unknown[]): boolean {
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    const map = handle?.map;
    if (!map) return;
    setDrawn(false);
    const done = () => setDrawn(true);
    map.once("idle", done);
    map.triggerRepaint();
    return () => {
      map.off("idle", done);
    };
  }, [handle, ...deps]);
  return drawn && handle !== undefined;
}

export interface MapHandle {
  readonly map: MapLibreMap;
  readonly base: BaseMapData;
}

/**
 * Creates a MapLibre map with the offline base map in `container` and returns it once its style is loaded.
 * The map is rebuilt when the UI language changes, so that its controls speak that language.
 *
 * @example
 *   const ref = useRef<HTMLDivElement>(null);
 *   const { handle, error } = useMap(ref, { bounds: [[60, -10], [150, 55]] });
 */
export function useMap(
  container: RefObject<HTMLDivElement | null>,
  options: { bounds?: LngLatBoundsLike; interactive?: boolean } = {},
): { handle: MapHandle | undefined; error: Error | undefined } {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const [handle, setHandle] = useState<MapHandle>();
  const [error, setError] = useState<Error>();
  const interactive = options.interactive ?? true;
  // The first view only; later views are set by the caller (fitBounds).
  const [initialBounds] = useState(options.bounds);

  useEffect(() => {
    let map: MapLibreMap | undefined;
    let cancelled = false;
    loadBaseMap().then(
      (base) => {
        const el = container.current;
        if (cancelled || !el) return;
        map = new MapLibreMap({
          container: el,
          style: baseStyle(base, lang),
          bounds: initialBounds ?? [
            [-20, -40],
            [150, 65],
          ],
          fitBoundsOptions: { padding: 20 },
          interactive,
          maxZoom: 12,
          dragRotate: false,
          pitchWithRotate: false,
          attributionControl: { compact: true },
          locale: {
            "Map.Title": t("map.canvasLabel"),
            "NavigationControl.ZoomIn": t("map.zoomIn"),
            "NavigationControl.ZoomOut": t("map.zoomOut"),
            "NavigationControl.ResetBearing": t("map.resetBearing"),
            "Popup.Close": t("map.closePopup"),
            "AttributionControl.ToggleAttribution": t("map.toggleAttribution"),
          },
        });
        if (interactive) {
          map.addControl(new NavigationControl({ showCompass: false }), "top-right");
          map.touchZoomRotate.disableRotation();
        }
        map.addControl(new ScaleControl({}), "bottom-left");
        const ready = map;
        ready.on("load", () => {
          if (!cancelled) setHandle({ map: ready, base });
        });
      },
      (e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e : new Error(String(e)));
      },
    );
    return () => {
      cancelled = true;
      setHandle(undefined);
      map?.remove();
    };
  }, [container, lang, t, interactive, initialBounds]);

  return { handle, error };
}
