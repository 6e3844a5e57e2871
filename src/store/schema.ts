import type { Generated } from "kysely";
import type { GovernanceTables } from "./governance-schema.ts";

/** Tables of the Beltroad database (both engines). Timestamps are ISO-8601 text; booleans 0/1. */
export interface Database extends GovernanceTables {
  records: RecordsTable;
  record_countries: { record_id: string; country: string; percentage: number | null; share: number };
  record_sectors: { record_id: string; sector: string; percentage: number | null; share: number };
  record_tags: { record_id: string; tag: string };
  record_participants: { record_id: string; partner_id: string; role: string };
  transactions: TransactionsTable;
  freight_statistics: FreightStatisticsTable;
  record_versions: RecordVersionsTable;
}

export interface RecordsTable {
  id: string;
  kind: string;
  name_en: string;
  name_zh: string | null;
  /** Normalised English name (see core/text.ts), compared bytewise on both engines. */
  name_sort: string;
  /** The kind's own type: projectType, agreementType, programmeType, partnerType or service mode. */
  record_type: string | null;
  status: string | null;
  /** Bit set of connectivity kinds: 1 hard, 2 soft, 4 heart. */
  connectivity: number;
  start_year: number | null;
  end_year: number | null;
  committed_usd_constant: number;
  unconverted_transactions: number;
  source_count: number;
  workflow: Generated<string>;
  doc: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TransactionsTable {
  record_id: string;
  seq: number;
  type: string;
  date: string;
  year: number;
  amount: number;
  currency: string;
  value_date: string | null;
  usd_nominal: number | null;
  usd_constant: number | null;
  aggregate: number;
  provider: string | null;
  receiver: string | null;
}

export interface FreightStatisticsTable {
  id: string;
  service_id: string;
  city: string | null;
  country: string | null;
  corridor: string | null;
  direction: string | null;
  period_start: string;
  period_end: string;
  /** The calendar year when the period is exactly one full year, else null. */
  year: number | null;
  trips: number | null;
  teu: number | null;
  tonnes: number | null;
  value_usd: number | null;
  qualifier: string;
  published: string | null;
  doc: string;
  updated_at: string;
}

export interface RecordVersionsTable {
  record_id: string;
  version: number;
  /** NULL on the record's current version only: the document is `records.doc` (0005-lean-writes). */
  doc: string | null;
  changed_at: string;
  changed_by: string;
  note: string | null;
  /** Workflow state of this version, the organisation of whoever made it, and the proposal that did (0003-governance). */
  workflow?: string | null;
  org?: string | null;
  proposal_id?: string | null;
}
