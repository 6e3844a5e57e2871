import type { FeatureCollection } from "geojson";
import type { FilterSpecification, GeoJSONSource, Map as MapLibreMap } from "maplibre-gl";

/** The network layers a user can switch on the main map, in the order of the toggles. */
export const NETWORK_LAYER_IDS = ["rail", "sea", "ports", "crossings"] as const;
export type NetworkLayerId = (typeof NETWORK_LAYER_IDS)[number];

/** Rail statuses as GET /api/v1/network/geojson gives them. */
export const RAIL_STATUSES = ["existing", "under_construction", "planned"] as const;

/** Colours of the network layers (map and legend). Rail by status; dashes mark lines not yet open. */
export const NETWORK_COLORS = {
  existing: "#b2182b",
  under_construction: "#e66101",
  planned: "#5e3c99",
  sea: "#4a90c2",
  port: "#0b5394",
  crossing: "#ffd23f",
  crossingStroke: "#3a3a3a",
} as const;

/** MapLibre layer ids of each toggle (clicks on these open the network popup). */
export const NETWORK_MAP_LAYERS: Record<NetworkLayerId, readonly string[]> = {
  sea: ["net-sea"],
  rail: RAIL_STATUSES.map((s) => `net-rail-${s}`),
  ports: ["net-ports"],
  crossings: ["net-crossings"],
};

const SOURCE = "network";
const EMPTY: FeatureCollection = { type: "FeatureCollection", features: [] };

/**
 * Adds the network source and its layers (hidden) below the project layers, once per map. `data` may come later
 * through `setNetworkData`.
 *
 * @example
 *   addNetworkLayers(map); setNetworkData(map, geojson); setNetworkVisibility(map, { rail: true });
 */
export function addNetworkLayers(map: MapLibreMap): void {
  if (map.getSource(SOURCE)) return;
  map.addSource(SOURCE, { type: "geojson", data: EMPTY });
  const before = ["place-lines-casing", "place-lines", "place-clusters", "place-points"].find((id) => map.getLayer(id));
  const hidden = { visibility: "none" as const };
  const onLayer = (l: string): FilterSpecification => ["==", ["get", "layer"], l];
  const railOf = (status: string): FilterSpecification => [
    "all",
    ["==", ["get", "layer"], "rail"],
    ["==", ["get", "status"], status],
  ];
  map.addLayer(
    {
      id: "net-sea",
      type: "line",
      source: SOURCE,
      filter: onLayer("sea"),
      layout: { ...hidden, "line-join": "round" },
      paint: { "line-color": NETWORK_COLORS.sea, "line-width": 0.5, "line-opacity": 0.4 },
    },
    before,
  );
  for (const status of RAIL_STATUSES) {
    map.addLayer(
      {
        id: `net-rail-${status}`,
        type: "line",
        source: SOURCE,
        filter: railOf(status),
        layout: { ...hidden, "line-join": "round", "line-cap": status === "existing" ? "round" : "butt" },
        paint: {
          "line-color": NETWORK_COLORS[status],
          "line-width": ["interpolate", ["linear"], ["zoom"], 1, 1.8, 6, 3.5],
          ...(status === "existing" ? {} : { "line-dasharray": status === "planned" ? [1, 1.5] : [3, 1.5] }),
        },
      },
      before,
    );
  }
  map.addLayer(
    {
      id: "net-ports",
      type: "circle",
      source: SOURCE,
      filter: onLayer("ports"),
      layout: hidden,
      paint: {
        "circle-color": NETWORK_COLORS.port,
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 1, 2.5, 6, 5],
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 1,
      },
    },
    before,
  );
  map.addLayer(
    {
      id: "net-crossings",
      type: "circle",
      source: SOURCE,
      filter: onLayer("crossings"),
      layout: hidden,
      paint: {
        "circle-color": NETWORK_COLORS.crossing,
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 1, 4, 6, 7],
        "circle-stroke-color": NETWORK_COLORS.crossingStroke,
        "circle-stroke-width": 2,
      },
    },
    before,
  );
}

/** Replaces the network features. @example setNetworkData(map, await getJson("/api/v1/network/geojson")) */
export function setNetworkData(map: MapLibreMap, data: FeatureCollection): void {
  void (map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData(data);
}

/** Shows or hides each network layer. @example setNetworkVisibility(map, { rail: true, sea: false }) */
export function setNetworkVisibility(map: MapLibreMap, on: Partial<Record<NetworkLayerId, boolean>>): void {
  for (const id of NETWORK_LAYER_IDS)
    for (const layer of NETWORK_MAP_LAYERS[id])
      if (map.getLayer(layer)) map.setLayoutProperty(layer, "visibility", on[id] ? "visible" : "none");
}

/** The visible network layers, for `queryRenderedFeatures`. */
export function visibleNetworkLayers(on: Partial<Record<NetworkLayerId, boolean>>): string[] {
  return NETWORK_LAYER_IDS.filter((id) => id !== "sea" && on[id]).flatMap((id) => [...NETWORK_MAP_LAYERS[id]]);
}

/**
 * A network feature's `sources` property as a list: GeoJSON gives an array, MapLibre's rendered features give the
 * same array serialised as JSON.
 */
export function sourcesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string") {
    try {
      const parsed = JSON.parse(value) as unknown;
      return Array.isArray(parsed) ? parsed.map(String) : [value];
    } catch {
      return [value];
    }
  }
  return [];
}
