import { useContext, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { RecordKind } from "../../../src/core/domain/index.ts";
import { apiUrl } from "../api/client.ts";
import type { AggregateResponse } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { CountriesContext } from "../countries-context.ts";
import { type FilterKey, type Filters, filterParams, splitList } from "../filters.ts";
import {
  AGREEMENT_TYPES,
  CONNECTIVITY,
  PARTNER_TYPES,
  PROGRAMME_TYPES,
  PROJECT_TYPES,
  SERVICE_MODES,
  STATUSES,
} from "../kinds.ts";
import { useLabels, useLocalText } from "../names.ts";
import { CheckboxFacet, type FacetOption, SelectFacet, TextAndYears } from "./facets.tsx";

const TYPES: Record<RecordKind, readonly string[]> = {
  project: PROJECT_TYPES,
  agreement: AGREEMENT_TYPES,
  programme: PROGRAMME_TYPES,
  service: SERVICE_MODES,
  partner: PARTNER_TYPES,
  commitment: [],
};

/** Which filters each kind offers (the API accepts them all; these are the ones that narrow a kind usefully). */
const FACETS: Record<RecordKind, readonly FilterKey[]> = {
  project: ["country", "sector", "kind", "status", "type", "from", "to"],
  agreement: ["country", "type", "status", "from", "to"],
  programme: ["country", "type", "kind"],
  service: ["country", "type", "kind"],
  commitment: ["kind", "status"],
  partner: ["country", "type"],
};

/** Counts per option from `GET /api/v1/aggregate` (projects only), with the other filters applied. */
function useCounts(enabled: boolean, by: "country" | "sector" | "kind", filters: Filters, own: FilterKey) {
  const url = enabled
    ? apiUrl("/api/v1/aggregate", { by, measure: "count", of: "projects", ...filterParams(filters, own) })
    : null;
  const { data } = useApi<AggregateResponse>(url);
  return data?.data;
}

/**
 * The faceted filters of a list: free text, years, country, sector, connectivity, status and type. Every
 * change goes to the URL through `onChange`.
 */
export function FilterPanel({
  kind,
  filters,
  onChange,
  onClear,
}: {
  kind: RecordKind;
  filters: Filters;
  onChange: (changes: Filters) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const { text } = useLocalText();
  const label = useLabels();
  const countries = useContext(CountriesContext);
  const facets = FACETS[kind];
  const counted = kind === "project";
  const countryCounts = useCounts(counted, "country", filters, "country");
  const sectorCounts = useCounts(counted && facets.includes("sector"), "sector", filters, "sector");
  const kindCounts = useCounts(counted, "kind", filters, "kind");

  const countryOptions = useMemo<FacetOption[]>(() => {
    const counts = new Map(countryCounts?.map((c) => [c.key, c.value]));
    const chosen = new Set(splitList(filters.country));
    return countries.list
      .filter((c) => !countryCounts || (counts.get(c.code) ?? 0) > 0 || chosen.has(c.code))
      .map((c) => ({
        value: c.code,
        label: text(c.names),
        count: countryCounts ? (counts.get(c.code) ?? 0) : undefined,
      }))
      .sort((a, b) => a.label.localeCompare(b.label, t("locale")));
  }, [countries, countryCounts, filters.country, text, t]);

  const sectorOptions = useMemo<FacetOption[]>(
    () =>
      (sectorCounts ?? [])
        .map((s) => ({ value: s.key, label: label("sector", s.key, "Sector"), count: s.value }))
        .sort((a, b) => a.label.localeCompare(b.label, t("locale"))),
    [sectorCounts, label, t],
  );
  const kindOptions = CONNECTIVITY.map((c) => ({
    value: c,
    label: t(`connectivity.${c}`),
    count: kindCounts?.find((k) => k.key === c)?.value,
  }));
  const statusOptions = STATUSES.map((s) => ({ value: s, label: label("status", s, "ActivityStatus") }));
  const typeOptions = TYPES[kind].map((v) => ({ value: v, label: t(`type.${kind}.${v}`) }));
  const active = Object.keys(filters).length > 0;

  return (
    <div className="filter-panel">
      <TextAndYears
        q={filters.q}
        from={filters.from}
        to={filters.to}
        years={facets.includes("from")}
        onApply={(v) => onChange({ q: v.q, from: v.from, to: v.to })}
      />
      {facets.includes("country") && (
        <SelectFacet
          label={t("filters.country")}
          value={filters.country}
          options={countryOptions}
          onChange={(v) => onChange({ country: v })}
        />
      )}
      {facets.includes("sector") && (
        <SelectFacet
          label={t("filters.sector")}
          value={filters.sector}
          options={sectorOptions}
          onChange={(v) => onChange({ sector: v })}
        />
      )}
      {facets.includes("type") && typeOptions.length > 0 && (
        <CheckboxFacet
          legend={t(`filters.type.${kind}`)}
          value={filters.type}
          options={typeOptions}
          onChange={(v) => onChange({ type: v })}
        />
      )}
      {facets.includes("kind") && (
        <CheckboxFacet
          legend={t("filters.kind")}
          value={filters.kind}
          options={kindOptions}
          onChange={(v) => onChange({ kind: v })}
        />
      )}
      {facets.includes("status") && (
        <CheckboxFacet
          legend={t("filters.status")}
          value={filters.status}
          options={statusOptions}
          onChange={(v) => onChange({ status: v })}
        />
      )}
      {active && (
        <button type="button" className="link-button" onClick={onClear}>
          {t("filters.clear")}
        </button>
      )}
    </div>
  );
}
