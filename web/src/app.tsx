import { lazy } from "react";
import { BrowserRouter, Route, Routes } from "react-router-dom";
import { NotFoundPage } from "./components/page.tsx";
import { CountriesProvider } from "./countries-provider.tsx";
import { KIND_PATHS, LIST_KINDS } from "./kinds.ts";
import { Layout } from "./layout.tsx";

// Each page is its own chunk: the dashboard does not load MapLibre, the map does not load ECharts.
const AgreementPage = lazy(() => import("./pages/agreement-page.tsx").then((m) => ({ default: m.AgreementPage })));
const CommitmentPage = lazy(() => import("./pages/commitment-page.tsx").then((m) => ({ default: m.CommitmentPage })));
const CountriesPage = lazy(() => import("./pages/countries-page.tsx").then((m) => ({ default: m.CountriesPage })));
const CountryPage = lazy(() => import("./pages/country-page.tsx").then((m) => ({ default: m.CountryPage })));
const DashboardPage = lazy(() => import("./pages/dashboard-page.tsx").then((m) => ({ default: m.DashboardPage })));
const ListPage = lazy(() => import("./pages/list-page.tsx").then((m) => ({ default: m.ListPage })));
const MapPage = lazy(() => import("./pages/map-page.tsx").then((m) => ({ default: m.MapPage })));
const PartnerPage = lazy(() => import("./pages/partner-page.tsx").then((m) => ({ default: m.PartnerPage })));
const ProgrammePage = lazy(() => import("./pages/programme-page.tsx").then((m) => ({ default: m.ProgrammePage })));
const ProjectPage = lazy(() => import("./pages/project-page.tsx").then((m) => ({ default: m.ProjectPage })));
const RoutePage = lazy(() => import("./pages/route-page.tsx").then((m) => ({ default: m.RoutePage })));
const SignInPage = lazy(() => import("./pages/signin-page.tsx").then((m) => ({ default: m.SignInPage })));
const WorkspacePage = lazy(() => import("./pages/workspace-page.tsx").then((m) => ({ default: m.WorkspacePage })));
const ProposalPage = lazy(() => import("./pages/proposal-page.tsx").then((m) => ({ default: m.ProposalPage })));
const HistoryPage = lazy(() => import("./pages/history-page.tsx").then((m) => ({ default: m.HistoryPage })));
const EditPage = lazy(() => import("./pages/edit-page.tsx").then((m) => ({ default: m.EditPage })));
const ImportPage = lazy(() => import("./pages/import-page.tsx").then((m) => ({ default: m.ImportPage })));
const WhatIfPage = lazy(() => import("./pages/whatif-page.tsx").then((m) => ({ default: m.WhatIfPage })));
const SearchPage = lazy(() => import("./pages/search-page.tsx").then((m) => ({ default: m.SearchPage })));
const ServicePage = lazy(() => import("./pages/service-page.tsx").then((m) => ({ default: m.ServicePage })));

/** The portal's routes; the server answers every path that is not `/api/…` with this app. */
export function App() {
  return (
    <BrowserRouter>
      <CountriesProvider>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<DashboardPage />} />
            <Route path="map" element={<MapPage />} />
            <Route path="route" element={<RoutePage />} />
            <Route path="whatif" element={<WhatIfPage />} />
            <Route path="search" element={<SearchPage />} />
            <Route path="countries" element={<CountriesPage />} />
            <Route path="countries/:code" element={<CountryPage />} />
            {LIST_KINDS.map((kind) => (
              <Route key={kind} path={KIND_PATHS[kind]} element={<ListPage kind={kind} />} />
            ))}
            <Route path="projects/:id" element={<ProjectPage />} />
            <Route path="agreements/:id" element={<AgreementPage />} />
            <Route path="services/:id" element={<ServicePage />} />
            <Route path="programmes/:id" element={<ProgrammePage />} />
            <Route path="commitments/:id" element={<CommitmentPage />} />
            <Route path="partners/:id" element={<PartnerPage />} />
            <Route path="signin" element={<SignInPage />} />
            <Route path="workspace" element={<WorkspacePage />} />
            <Route path="proposals/:id" element={<ProposalPage />} />
            <Route path="history/:kind/:id" element={<HistoryPage />} />
            <Route path="edit/:kind/:id" element={<EditPage />} />
            <Route path="import" element={<ImportPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </CountriesProvider>
    </BrowserRouter>
  );
}
