import { useTranslation } from "react-i18next";
import { apiUrl, type Params } from "../api/client.ts";

const FORMATS = ["csv", "geojson"] as const;

/**
 * Links that download the current selection, every page of it, in the API's CSV and GeoJSON variants
 * (the server answers those with the whole selection and a file name).
 */
export function DownloadLinks({ path, params, total }: { path: string; params: Params; total?: number }) {
  const { t } = useTranslation();
  return (
    <p className="downloads">
      <span className="muted small">
        {total === undefined ? t("download.label") : t("download.selection", { count: total })}
      </span>
      {FORMATS.map((format) => (
        <a
          key={format}
          className="button-link"
          href={apiUrl(path, { ...params, format })}
          download
          type={format === "csv" ? "text/csv" : "application/geo+json"}
        >
          {t(`download.${format}`)}
          <span className="visually-hidden"> ({t("download.label")})</span>
        </a>
      ))}
    </p>
  );
}
