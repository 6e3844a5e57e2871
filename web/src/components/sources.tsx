import { createContext, type ReactNode, useContext, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Source } from "../../../src/core/domain/index.ts";
import { useFormat } from "../format.ts";

const SourceNumbers = createContext<ReadonlyMap<string, number>>(new Map());

/** Numbers a record's sources [1], [2]… so that every fact on the page can cite them. */
export function SourcesProvider({ sources, children }: { sources: readonly Source[]; children: ReactNode }) {
  const numbers = useMemo(() => new Map(sources.map((s, i) => [s.key, i + 1])), [sources]);
  return <SourceNumbers.Provider value={numbers}>{children}</SourceNumbers.Provider>;
}

/** Citation marks for source keys, linking to the list of sources. */
export function Cite({ keys }: { keys: readonly string[] | undefined }) {
  const { t } = useTranslation();
  const numbers = useContext(SourceNumbers);
  if (!keys?.length) return null;
  return (
    <span className="cite">
      {keys.map((k) => {
        const n = numbers.get(k);
        return (
          <a key={k} href={`#source-${k}`} aria-label={t("sources.cite", { n: n ?? k })}>
            [{n ?? k}]
          </a>
        );
      })}
    </span>
  );
}

/** The numbered list of sources: title (linked when it has a URL), publisher, date, note. */
export function SourceList({ sources }: { sources: readonly Source[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <section aria-labelledby="sources-heading" className="sources">
      <h2 id="sources-heading">{t("sources.title")}</h2>
      <ol>
        {sources.map((s) => (
          <li key={s.key} id={`source-${s.key}`} tabIndex={-1}>
            {s.url ? (
              <a href={s.url} rel="noreferrer noopener" target="_blank">
                {s.title}
              </a>
            ) : (
              <cite>{s.title}</cite>
            )}
            . {s.publisher}
            {s.published && <>, {f.date(s.published)}</>}
            {s.accessed && <> ({t("sources.accessed", { date: f.date(s.accessed) })})</>}
            {s.note && <span className="muted"> — {s.note}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
