import { z } from "zod";
import {
  ActivityDate,
  Connectivity,
  CountryShare,
  code,
  Figure,
  Id,
  Indicator,
  LocalizedText,
  Location,
  Names,
  Participant,
  RelatedRecord,
  SectorShare,
  Source,
  Transaction,
} from "./common.ts";
import { Identifiers, TextFallbacks } from "./interop.ts";

/** The kinds of record in the registry. */
export const RECORD_KINDS = ["partner", "project", "agreement", "programme", "service", "commitment"] as const;
export const RecordKind = z.enum(RECORD_KINDS);
export type RecordKind = z.infer<typeof RecordKind>;

/**
 * Fields every record has. `createdAt`, `updatedAt` and `version` are set by
 * the store; data files may leave them out.
 */
export const baseFields = {
  id: Id,
  names: Names,
  descriptions: LocalizedText.optional(),
  tags: z.array(z.string().regex(/^[a-z0-9-]+$/, "tags are lower-case slugs")).default([]),
  sources: z.array(Source).min(1, "every record needs at least one source"),
  figures: z.array(Figure).default([]),
  /** Identifiers in other datasets (IATI, AidData), for matching on re-import. */
  identifiers: Identifiers.optional(),
  /** Languages of names/descriptions copied from another language because the source had none. */
  textFallbacks: TextFallbacks.optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  version: z.number().int().positive().optional(),
};

/**
 * Fields of every activity-like record (all kinds but partners): connectivity
 * kind, IATI status and dates, sectors, countries, places, parties, money and results.
 */
export const activityFields = {
  ...baseFields,
  connectivity: z.array(Connectivity).min(1),
  status: code("ActivityStatus"),
  dates: z.array(ActivityDate).default([]),
  sectors: z.array(SectorShare).default([]),
  countries: z.array(CountryShare).default([]),
  locations: z.array(Location).default([]),
  participants: z.array(Participant).default([]),
  transactions: z.array(Transaction).default([]),
  indicators: z.array(Indicator).default([]),
  related: z.array(RelatedRecord).default([]),
};
