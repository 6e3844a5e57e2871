import type { EChartsCoreOption } from "echarts/core";
import { useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ErrorNotice, Loading } from "../components/page.tsx";
import { useFormat } from "../format.ts";
import { Chart } from "./chart.tsx";

export interface Bar {
  key: string;
  label: string;
  value: number;
}

export interface BarPanelProps {
  title: string;
  note?: string;
  bars: readonly Bar[];
  /** Values are constant US dollars. */
  money?: boolean;
  horizontal?: boolean;
  /** Draw a line (a running total) instead of bars. */
  line?: boolean;
  /** The keys are years: years without a value are shown as gaps, not left out. */
  years?: boolean;
  valueLabel?: string;
  loading?: boolean;
  error?: Error | undefined;
  onSelect?: (bar: Bar) => void;
}

/** A titled panel with one bar (or line) chart and its data table. */
export function BarPanel({
  title,
  note,
  bars,
  money,
  horizontal,
  line,
  years,
  valueLabel,
  loading,
  error,
  onSelect,
}: BarPanelProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const format = (v: number) => (money ? f.moneyShort(v, "USD") : f.number(v));
  // With `years`, the chart has one slot per year from the first to the last; the table keeps only real values.
  const slots = useMemo<Array<Bar | { key: string; label: string; value: null }>>(() => {
    const first = Number(bars[0]?.key);
    const last = Number(bars.at(-1)?.key);
    if (!years || !Number.isInteger(first) || !Number.isInteger(last)) return [...bars];
    const byKey = new Map(bars.map((b) => [b.key, b]));
    let previous: number | null = null;
    return Array.from({ length: last - first + 1 }, (_, i) => {
      const key = String(first + i);
      const bar = byKey.get(key);
      // a running total (line) stays at its level through a year without change
      if (bar) previous = bar.value;
      return bar ?? { key, label: key, value: line ? previous : null };
    });
  }, [bars, years, line]);
  const option = useMemo<EChartsCoreOption>(() => {
    const categories = slots.map((b) => b.label);
    // Axis ticks are short numbers; the panel's note says the unit (constant 2021 US dollars).
    const valueAxis = {
      type: "value",
      splitNumber: horizontal ? 3 : 5,
      axisLabel: { formatter: (v: number) => f.compact(v) },
    };
    const every = Math.max(1, Math.ceil(slots.length / 9));
    const categoryAxis = {
      type: "category",
      data: horizontal ? [...categories].reverse() : categories,
      axisLabel: horizontal ? { width: 140, overflow: "truncate" } : { interval: every - 1 },
      axisTick: { alignWithLabel: true },
    };
    const values = slots.map((b) => b.value);
    return {
      // Room for the labels is set here: ECharts 6 no longer fits the grid to its labels by itself.
      grid: horizontal ? { left: 150, right: 24, top: 8, bottom: 24 } : { left: 52, right: 16, top: 16, bottom: 28 },
      tooltip: {
        trigger: "axis",
        valueFormatter: (v: number) => (money ? f.moneyShort(v, "USD") : f.number(v)),
      },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: [
        {
          type: line ? "line" : "bar",
          name: valueLabel ?? title,
          data: horizontal ? [...values].reverse() : values,
          cursor: onSelect ? "pointer" : "default",
          ...(line ? { step: "end", areaStyle: { opacity: 0.15 }, symbolSize: 5 } : { barMaxWidth: 28 }),
        },
      ],
    };
  }, [slots, money, horizontal, line, valueLabel, title, f, onSelect]);
  const select = onSelect
    ? (_: string, index: number) => {
        const bar = horizontal ? slots[slots.length - 1 - index] : slots[index];
        if (bar && bar.value !== null) onSelect(bar);
      }
    : undefined;
  return (
    <section className="panel chart-panel" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {note && <p className="muted small">{note}</p>}
      {error && <ErrorNotice error={error} />}
      {loading && !error && <Loading />}
      {!loading && !error && bars.length === 0 && <p className="muted">{t("chart.noData")}</p>}
      {!loading && !error && bars.length > 0 && (
        <Chart
          label={t("chart.label", { title, count: bars.length })}
          option={option}
          height={horizontal ? Math.max(180, bars.length * 26 + 40) : 260}
          onSelect={select}
          table={
            <table className="data-table compact">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("chart.category")}</th>
                  <th scope="col" className="num">
                    {valueLabel ?? (money ? t("charts.constantUsdShort") : t("chart.value"))}
                  </th>
                </tr>
              </thead>
              <tbody>
                {bars.map((b) => (
                  <tr key={b.key || b.label}>
                    <th scope="row">{b.label}</th>
                    <td className="num">{format(b.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      )}
    </section>
  );
}
