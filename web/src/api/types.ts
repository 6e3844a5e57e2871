import type {
  Agreement,
  Commitment,
  FreightStatistic,
  Names,
  Partner,
  Programme,
  Project,
  RecordKind,
  Service,
  Transaction,
} from "../../../src/core/domain/index.ts";

/** A transaction as the API returns it: converted amounts where an exchange rate exists. */
export type ApiTransaction = Transaction & { usdNominal?: number | null; usdConstant?: number | null };

/** What the store adds to every record it returns. */
interface Stored {
  committedUsdConstant?: number;
  version?: number;
  createdAt?: string;
  updatedAt?: string;
}
type WithApiMoney<T> = T extends { transactions: Transaction[] }
  ? Omit<T, "transactions"> & { transactions: ApiTransaction[] }
  : T;
export type ApiRecord<T> = WithApiMoney<T> & Stored;

export type ProjectRecord = ApiRecord<Project>;
export type PartnerRecord = ApiRecord<Partner>;
export type AgreementRecord = ApiRecord<Agreement>;
export type ProgrammeRecord = ApiRecord<Programme>;
export type ServiceRecord = ApiRecord<Service> & { statistics?: FreightStatistic[] };
export type CommitmentRecord = ApiRecord<Commitment>;
export type AnyApiRecord =
  | ProjectRecord
  | PartnerRecord
  | AgreementRecord
  | ProgrammeRecord
  | ServiceRecord
  | CommitmentRecord;

/** `GET /api/v1/{kind}` */
export interface ListResponse<T> {
  data: T[];
  meta: { total: number; limit: number; nextCursor: string | null };
}

/** A record named by another one: enough to link to it. */
export interface RecordSummary {
  id: string;
  kind: RecordKind;
  names: Names;
}

/** `GET /api/v1/{kind}/{id}` */
export interface DetailResponse<T> {
  data: T;
  related?: Record<string, RecordSummary>;
  statistics?: FreightStatistic[];
}

/** One row of `GET /api/v1/countries`. */
export interface CountrySummary {
  code: string;
  id: string;
  names: Names;
  region: string | null;
  /** Date of the first dated Belt and Road document; null when none is dated. */
  firstDocument: string | null;
  /** True when the country is party to any Belt and Road document, dated or not. */
  hasDocument?: boolean;
  /** When every one of its documents has ended, the latest end date. */
  ended: string | null;
  projects: number;
  committedUsdConstant: number;
}

/** `GET /api/v1/countries/{ISO3}` */
export interface CountryDetail {
  data: PartnerRecord;
  agreements?: Array<Partial<AgreementRecord> & RecordSummary>;
  projects?: Array<Partial<ProjectRecord> & RecordSummary>;
  programmes?: Array<Partial<ProgrammeRecord> & RecordSummary>;
  money?: unknown;
  documentsOverTime?: unknown;
  related?: Record<string, RecordSummary>;
}

export interface PublishedFigure {
  text: string;
  value: number;
  qualifier?: string;
  unit: string;
  date?: string;
  source: { title: string; publisher: string; url?: string; published?: string; note?: string };
}

/** `GET /api/v1/stats` */
export interface StatsResponse {
  stats: {
    projects: number;
    partnerCountries: number;
    cooperationCountries: number;
    agreements: number;
    programmes: number;
    committedUsdConstant: number;
    peopleTrained: number;
    freightTripsByYear: Record<string, number>;
  };
  figures?: Array<{ key: string; value: number; unit: string; drilldown?: string; published?: PublishedFigure[] }>;
}

/** `GET /api/v1/aggregate` */
export interface AggregateResponse {
  by: string;
  measure: string;
  of: string;
  data: Array<{ key: string; label?: { en: string; zh?: string }; value: number }>;
}

/** `GET /api/v1/search` */
export interface SearchResponse {
  data: Array<RecordSummary & { rank: number }>;
}
