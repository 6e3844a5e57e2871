import { BarChart, LineChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { type ECharts, type EChartsCoreOption, init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { type ReactNode, useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { asLang } from "../i18n/index.ts";

use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

/** The portal's font stack (styles.css): ECharts measures text with it, so labels are cut where they should be. */
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "PingFang SC", sans-serif';

/** A categorical palette with enough contrast on white; the first colour is the portal's accent. */
export const CHART_COLORS = ["#1f5f8b", "#d9822b", "#2a9d8f", "#8e5ea2", "#c0392b", "#6c757d", "#b5a642"];

export interface ChartProps {
  /** What the chart shows, for screen readers (the data table below says it in full). */
  label: string;
  option: EChartsCoreOption;
  height?: number;
  /** Called with the category clicked (drill-down). */
  onSelect?: (name: string, dataIndex: number) => void;
  /** The same data as a table, shown on request: the chart's text alternative. */
  table: ReactNode;
}

/**
 * An ECharts chart (SVG) that resizes with its box, in the UI's language, with its data as a table.
 *
 * @example
 *   <Chart label="Trips per year" option={{ xAxis: …, series: … }} table={<table>…</table>} />
 */
export function Chart({ label, option, height = 280, onSelect, table }: ChartProps) {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | undefined>(undefined);
  const select = useRef(onSelect);
  select.current = onSelect;
  const full = useMemo<EChartsCoreOption>(
    () => ({
      color: CHART_COLORS,
      aria: { enabled: false },
      textStyle: { fontFamily: FONT },
      animationDuration: 300,
      ...option,
    }),
    [option],
  );
  const current = useRef(full);
  current.current = full;

  // One instance per language (ECharts' own strings); it starts with the latest option.
  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const instance = init(node, undefined, { renderer: "svg", locale: lang === "zh" ? "ZH" : "EN" });
    chart.current = instance;
    instance.setOption(current.current, { notMerge: true });
    instance.on("click", (p) => {
      const params = p as { name?: string; dataIndex?: number };
      if (params.name !== undefined) select.current?.(params.name, params.dataIndex ?? 0);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(node);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, [lang]);

  useEffect(() => {
    chart.current?.setOption(full, { notMerge: true });
  }, [full]);

  return (
    <figure className="chart">
      <div ref={el} className="chart-canvas" style={{ height }} role="img" aria-label={label} />
      <details className="chart-data">
        <summary>{t("chart.showData")}</summary>
        {table}
      </details>
    </figure>
  );
}
