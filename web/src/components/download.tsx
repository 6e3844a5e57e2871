import { useTranslation } from "react-i18next";
import { apiUrl, type Params } from "../api/client.ts";

const TYPES = {
  csv: "text/csv",
  geojson: "application/geo+json",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  iati: "application/xml",
} as const;

/**
 * Links that download the current selection, every page of it, in the API's CSV, GeoJSON and XLSX variants, and for
 * projects as an IATI 2.03 file (the server answers those with the whole selection and a file name). The XLSX file
 * has the import template's layout: edit it and import it again.
 */
export function DownloadLinks({ path, params, total }: { path: string; params: Params; total?: number }) {
  const { t } = useTranslation();
  const formats = (["csv", "geojson", "xlsx", ...(path.endsWith("/projects") ? ["iati"] : [])] as const).filter(
    (f): f is keyof typeof TYPES => f in TYPES,
  );
  return (
    <p className="downloads">
      <span className="muted small">
        {total === undefined ? t("download.label") : t("download.selection", { count: total })}
      </span>
      {formats.map((format) => (
        <a
          key={format}
          className="button-link"
          href={apiUrl(path, { ...params, format })}
          download
          type={TYPES[format]}
        >
          {t(`download.${format}`)}
          <span className="visually-hidden"> ({t("download.label")})</span>
        </a>
      ))}
    </p>
  );
}
