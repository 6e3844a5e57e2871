import { type FormEvent, Suspense, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useLocation, useNavigate, useSearchParams } from "react-router-dom";
import { AccountMenu } from "./components/account-menu.tsx";
import { Loading } from "./components/page.tsx";
import { asLang, LANGUAGES, type Lang, setLanguage } from "./i18n/index.ts";

const NAV = [
  { to: "/", key: "nav.dashboard", end: true },
  { to: "/map", key: "nav.map" },
  { to: "/route", key: "nav.route" },
  { to: "/whatif", key: "nav.whatif" },
  { to: "/projects", key: "nav.projects" },
  { to: "/countries", key: "nav.countries" },
  { to: "/agreements", key: "nav.agreements" },
  { to: "/services", key: "nav.services" },
  { to: "/programmes", key: "nav.programmes" },
  { to: "/commitments", key: "nav.commitments" },
  { to: "/partners", key: "nav.partners" },
] as const;

const LANGUAGE_NAMES: Record<Lang, string> = { en: "English", zh: "中文" };
const HTML_LANG: Record<Lang, string> = { en: "en", zh: "zh-CN" };

/** Skip link, header (brand, search, language, navigation), the page, and the data credits. */
export function Layout() {
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const first = useRef(true);

  // After client-side navigation, move focus to the new page so keyboard and screen-reader users start there.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is what triggers it, not what it reads
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="site-header">
        <div className="site-bar">
          <Link to="/" className="brand">
            <span className="brand-name">Beltroad</span>
            <span className="brand-tagline">{t("brand.tagline")}</span>
          </Link>
          <SearchForm />
          <LanguageSwitch />
          <AccountMenu />
        </div>
        <nav aria-label={t("nav.label")} className="site-nav">
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={"end" in item ? item.end : false}>
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <p>{t("footer.data")}</p>
        <p>
          {t("footer.credits")} <a href="/api/docs">{t("footer.api")}</a>
        </p>
      </footer>
    </>
  );
}

function SearchForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const current = pathname === "/search" ? (params.get("q") ?? "") : "";
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const q = String(new FormData(e.currentTarget).get("q") ?? "").trim();
    if (q) void navigate(`/search?q=${encodeURIComponent(q)}`);
  };
  return (
    <search className="site-search">
      <form onSubmit={submit}>
        <label htmlFor="site-search-q" className="visually-hidden">
          {t("search.label")}
        </label>
        <input
          id="site-search-q"
          name="q"
          type="search"
          key={current}
          defaultValue={current}
          placeholder={t("search.placeholder")}
        />
        <button type="submit">{t("search.submit")}</button>
      </form>
    </search>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  return (
    <fieldset className="lang-switch">
      <legend className="visually-hidden">{t("lang.label")}</legend>
      {LANGUAGES.map((l) => (
        <button key={l} type="button" lang={HTML_LANG[l]} aria-pressed={l === lang} onClick={() => void setLanguage(l)}>
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </fieldset>
  );
}
