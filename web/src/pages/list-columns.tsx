import type { ReactNode } from "react";
import type {
  AgreementRecord,
  AnyApiRecord,
  CommitmentRecord,
  PartnerRecord,
  ProgrammeRecord,
  ProjectRecord,
  ServiceRecord,
} from "../api/types.ts";
import { RecordLink } from "../components/record-link.tsx";
import type { Format } from "../format.ts";
import type { ListKind } from "../kinds.ts";
import { latestCount, startDate } from "../records.ts";

export interface ColumnContext {
  f: Format;
  t: (key: string, options?: Record<string, unknown>) => string;
  label: (group: string, code: string, codelist?: "Sector" | "ActivityStatus") => string;
  country: (code: string) => string;
}

export interface Column<R> {
  /** i18n key of the header. */
  header: string;
  /** The API sort key this column orders by. */
  sort?: "name" | "start" | "committed";
  num?: boolean;
  cell: (r: R, c: ColumnContext) => ReactNode;
}

const name: Column<AnyApiRecord> = {
  header: "columns.name",
  sort: "name",
  cell: (r) => <RecordLink kind={r.kind} id={r.id} names={r.names} />,
};
const countries = (r: { countries?: ReadonlyArray<{ code: string }> }, c: ColumnContext, max = 3) => {
  const list = (r.countries ?? []).map((x) => c.country(x.code));
  return list.length > max
    ? `${list.slice(0, max).join(", ")} ${c.t("columns.more", { count: list.length - max })}`
    : list.join(", ");
};
const start: Column<{ dates?: ProjectRecord["dates"] }> = {
  header: "columns.start",
  sort: "start",
  cell: (r, c) => {
    const d = startDate(r.dates);
    return d ? c.f.date(d.slice(0, 4)) : "—";
  },
};
const status: Column<{ status: string }> = {
  header: "columns.status",
  cell: (r, c) => c.label("status", r.status, "ActivityStatus"),
};

const project: Array<Column<ProjectRecord>> = [
  name,
  { header: "columns.type", cell: (r, c) => c.t(`type.project.${r.projectType}`) },
  { header: "columns.countries", cell: (r, c) => countries(r, c) },
  status,
  start,
  {
    header: "columns.committed",
    sort: "committed",
    num: true,
    cell: (r, c) => (r.committedUsdConstant ? c.f.moneyShort(r.committedUsdConstant, "USD") : "—"),
  },
];
const agreement: Array<Column<AgreementRecord>> = [
  name,
  { header: "columns.type", cell: (r, c) => c.t(`type.agreement.${r.agreementType}`) },
  { header: "columns.countries", cell: (r, c) => countries(r, c) },
  {
    header: "columns.signed",
    sort: "start",
    cell: (r, c) => (r.signed ? c.f.date(r.signed) : "—"),
  },
  {
    header: "columns.inForce",
    cell: (r, c) => (r.ended ? c.t("agreement.endedOn", { date: c.f.date(r.ended.date) }) : c.t("common.yes")),
  },
];
const service: Array<Column<ServiceRecord>> = [
  name,
  { header: "columns.mode", cell: (r, c) => c.t(`type.service.${r.mode}`) },
  { header: "columns.countries", cell: (r, c) => countries(r, c, 4) },
  start,
  { header: "columns.stops", num: true, cell: (r, c) => c.f.number(r.stops?.length ?? 0) },
];
const programme: Array<Column<ProgrammeRecord>> = [
  name,
  { header: "columns.type", cell: (r, c) => c.t(`type.programme.${r.programmeType}`) },
  { header: "columns.countries", cell: (r, c) => countries(r, c) },
  start,
  {
    header: "columns.peopleTrained",
    num: true,
    cell: (r, c) => {
      const n = latestCount(r, "people-trained");
      return n ? c.f.number(n.value) : "—";
    },
  },
];
const commitment: Array<Column<CommitmentRecord>> = [
  { header: "columns.step", num: true, cell: (r, c) => c.f.number(r.step) },
  name,
  { header: "columns.announced", sort: "start", cell: (r, c) => c.f.date(r.announced) },
  { header: "columns.targets", num: true, cell: (r, c) => c.f.number(r.targets?.length ?? 0) },
];
const partner: Array<Column<PartnerRecord>> = [
  name,
  { header: "columns.type", cell: (r, c) => c.t(`type.partner.${r.partnerType}`) },
  { header: "columns.country", cell: (r, c) => (r.country ? c.country(r.country) : "—") },
];

/** The table columns of each list. */
export const COLUMNS: { [K in ListKind]: Array<Column<Extract<AnyApiRecord, { kind: K }>>> } = {
  project,
  agreement,
  service,
  programme,
  commitment,
  partner,
};

/** The sort orders each list offers (the API's keys; `-` for descending). */
export const SORTS: Record<ListKind, readonly string[]> = {
  project: ["name", "-name", "-start", "start", "-committed", "-updated"],
  agreement: ["name", "-start", "start", "-updated"],
  service: ["name", "-start", "start"],
  programme: ["name", "-start", "start"],
  commitment: ["start", "name"],
  partner: ["name", "-name", "-updated"],
};
