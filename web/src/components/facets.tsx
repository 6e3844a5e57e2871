import { type FormEvent, useId } from "react";
import { useTranslation } from "react-i18next";
import { splitList } from "../filters.ts";
import { useFormat } from "../format.ts";

export interface FacetOption {
  value: string;
  label: string;
  /** Matching records with this option (and the other filters), where the API can count them. */
  count?: number;
}

function optionText(o: FacetOption, number: (n: number) => string) {
  return o.count === undefined ? o.label : `${o.label} (${number(o.count)})`;
}

/** One choice from many (countries, sectors); several chosen elsewhere (a drill-down) show as one entry. */
export function SelectFacet({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string | undefined;
  options: readonly FacetOption[];
  onChange: (value: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const id = useId();
  const chosen = splitList(value);
  const multiple = chosen.length > 1;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{t("filters.any")}</option>
        {multiple && <option value={value}>{t("filters.several", { count: chosen.length })}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {optionText(o, (n) => f.number(n))}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Any of a few values (status, type, connectivity), as checkboxes. */
export function CheckboxFacet({
  legend,
  value,
  options,
  onChange,
}: {
  legend: string;
  value: string | undefined;
  options: readonly FacetOption[];
  onChange: (value: string | undefined) => void;
}) {
  const f = useFormat();
  const chosen = new Set(splitList(value));
  const toggle = (v: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(v);
    else next.delete(v);
    // keep the options' order so that the URL does not depend on the order of clicks
    const list = options.map((o) => o.value).filter((o) => next.has(o));
    onChange(list.length > 0 ? list.join(",") : undefined);
  };
  return (
    <fieldset className="field checkbox-facet">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="check">
          <input type="checkbox" checked={chosen.has(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
          <span>{optionText(o, (n) => f.number(n))}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** Free text and years: applied when the form is submitted (Enter or the button). */
export function TextAndYears({
  q,
  from,
  to,
  years,
  onApply,
}: {
  q: string | undefined;
  from: string | undefined;
  to: string | undefined;
  years: boolean;
  onApply: (values: { q?: string; from?: string; to?: string }) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const get = (k: string) => String(data.get(k) ?? "").trim() || undefined;
    onApply({ q: get("q"), from: get("from"), to: get("to") });
  };
  return (
    <form className="text-years" onSubmit={submit} key={`${q}|${from}|${to}`}>
      <div className="field">
        <label htmlFor={`${id}-q`}>{t("filters.q")}</label>
        <input id={`${id}-q`} name="q" type="search" defaultValue={q} />
      </div>
      {years && (
        <fieldset className="field years">
          <legend>{t("filters.years")}</legend>
          <label htmlFor={`${id}-from`} className="visually-hidden">
            {t("filters.from")}
          </label>
          <input
            id={`${id}-from`}
            name="from"
            type="number"
            min={1990}
            max={2100}
            inputMode="numeric"
            defaultValue={from}
            placeholder={t("filters.from")}
          />
          <span aria-hidden="true">–</span>
          <label htmlFor={`${id}-to`} className="visually-hidden">
            {t("filters.to")}
          </label>
          <input
            id={`${id}-to`}
            name="to"
            type="number"
            min={1990}
            max={2100}
            inputMode="numeric"
            defaultValue={to}
            placeholder={t("filters.to")}
          />
        </fieldset>
      )}
      <button type="submit">{t("filters.apply")}</button>
    </form>
  );
}
