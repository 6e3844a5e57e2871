import { z } from "zod";
import { isCode } from "../codelists/index.ts";
import type { CodelistName } from "../codelists/names.ts";
import { isCountryCode } from "../countries.ts";

/** A stable record id: lower-case slug, unique across every kind (`china-laos-railway`). */
export const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lower-case slug such as china-laos-railway")
  .max(120);

/** A date as precise as its source: `2021`, `2021-12` or `2021-12-03`. */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$/, "must be YYYY, YYYY-MM or YYYY-MM-DD");
export type PartialDate = z.infer<typeof PartialDate>;

/** A full calendar date `YYYY-MM-DD`. */
export const FullDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be YYYY-MM-DD");

/** A value from an IATI codelist. */
export function code(list: CodelistName) {
  return z.string().refine((c) => isCode(list, c), { message: `not a code of the IATI ${list} codelist` });
}

/** ISO 3166-1 alpha-3 country code. */
export const CountryCode = z.string().refine(isCountryCode, { message: "not an ISO 3166-1 alpha-3 country code" });

/** ISO 4217 currency code known to the IATI Currency codelist. */
export const CurrencyCode = code("Currency");

/** Names or texts in several languages; English and Chinese are required for names. */
export const LocalizedText = z
  .object({ en: z.string().min(1), zh: z.string().min(1).optional() })
  .catchall(z.string().min(1));
export type LocalizedText = z.infer<typeof LocalizedText>;

export const Names = LocalizedText.extend({ zh: z.string().min(1) });
export type Names = z.infer<typeof Names>;

/** Where a fact comes from. `key` is how the parts of a record cite it (`s1`). */
export const Source = z
  .object({
    key: z.string().regex(/^[a-z0-9-]+$/),
    url: z.url().optional(),
    title: z.string().min(1),
    publisher: z.string().min(1),
    published: PartialDate.optional(),
    accessed: FullDate.optional(),
    note: z.string().optional(),
    /** For a document (an IATI document-link): MIME type, IATI DocumentCategory codes, languages, other titles. */
    document: z
      .object({
        format: z.string().min(1),
        categories: z.array(z.string().min(1)).min(1),
        languages: z.array(z.string().min(1)).optional(),
        titles: z.record(z.string(), z.string().min(1)).optional(),
        description: z.record(z.string(), z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Source = z.infer<typeof Source>;

/** Keys of the record's sources that support a part of it. */
export const SourceKeys = z.array(z.string()).min(1);

/** How exact a published number is: "over 17,000" is `more-than`. */
export const Qualifier = z.enum(["exact", "about", "at-least", "more-than", "less-than", "up-to"]);
export type Qualifier = z.infer<typeof Qualifier>;

/** A number stated by a source, kept with its date so that disagreeing sources can sit side by side. */
export const Figure = z
  .object({
    key: z.string().regex(/^[a-z0-9-]+$/),
    value: z.number(),
    unit: z.string().min(1),
    qualifier: Qualifier.default("exact"),
    asOf: PartialDate.optional(),
    note: z.string().optional(),
    sources: SourceKeys,
  })
  .strict();
export type Figure = z.infer<typeof Figure>;

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export const Geometry = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Point"), coordinates: Position }),
  z.object({ type: z.literal("LineString"), coordinates: z.array(Position).min(2) }),
  z.object({ type: z.literal("MultiLineString"), coordinates: z.array(z.array(Position).min(2)).min(1) }),
  z.object({ type: z.literal("Polygon"), coordinates: z.array(z.array(Position).min(4)).min(1) }),
  z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(z.array(Position).min(4)).min(1)).min(1) }),
]);
export type Geometry = z.infer<typeof Geometry>;

/** A place of a record. `exactness` is IATI GeographicExactness: 1 exact, 2 approximate. */
export const Location = z
  .object({
    name: z.string().min(1),
    geometry: Geometry,
    exactness: code("GeographicExactness"),
    country: CountryCode.optional(),
    note: z.string().optional(),
    sources: SourceKeys,
  })
  .strict();
export type Location = z.infer<typeof Location>;

/** A partner taking part in a record, with its IATI OrganisationRole (1 funding, 2 accountable, 3 extending, 4 implementing). */
export const Participant = z
  .object({
    partner: Id,
    role: code("OrganisationRole"),
    share: z.number().min(0).max(100).optional(),
    note: z.string().optional(),
    sources: SourceKeys,
  })
  .strict();
export type Participant = z.infer<typeof Participant>;

/** Money moving: amounts stay in their original currency, with the date that sets their value. */
export const Transaction = z
  .object({
    type: code("TransactionType"),
    date: PartialDate,
    amount: z.number().nonnegative(),
    currency: CurrencyCode,
    valueDate: PartialDate.optional(),
    provider: Id.optional(),
    receiver: Id.optional(),
    description: z.string().optional(),
    flowType: code("FlowType").optional(),
    financeType: code("FinanceType").optional(),
    /** false for an alternative figure from another source: kept, shown, never summed. */
    recommendedForAggregates: z.boolean().default(true),
    sources: SourceKeys,
  })
  .strict();
export type Transaction = z.infer<typeof Transaction>;

const Measurement = z.object({
  value: z.number(),
  date: PartialDate.optional(),
  qualifier: Qualifier.default("exact"),
});

/** A result indicator with baseline, target and dated actual values. */
export const Indicator = z
  .object({
    key: z.string().regex(/^[a-z0-9-]+$/),
    title: LocalizedText,
    unit: z.string().min(1),
    measure: code("IndicatorMeasure").default("1"),
    baseline: Measurement.optional(),
    target: Measurement.optional(),
    actuals: z.array(Measurement).default([]),
    sources: SourceKeys,
    /** The IATI result and periods the indicator came from (imports), kept for a faithful export. */
    iati: z
      .object({
        result: z.number().int().nonnegative(),
        resultType: z.string(),
        resultTitle: z.record(z.string(), z.string().min(1)),
        resultAggregation: z.boolean().optional(),
        ascending: z.boolean().optional(),
        aggregation: z.boolean().optional(),
        baselineYear: z.number().int().positive().optional(),
        baselineDate: FullDate.optional(),
        baselineValue: z.string().optional(),
        periods: z
          .array(
            z
              .object({
                start: FullDate,
                end: FullDate,
                targets: z.array(z.string()).default([]),
                actuals: z.array(z.string()).default([]),
              })
              .strict(),
          )
          .default([]),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Indicator = z.infer<typeof Indicator>;

/** A dated milestone; `type` is IATI ActivityDateType (1 planned start, 2 actual start, 3 planned end, 4 actual end). */
export const ActivityDate = z
  .object({
    type: code("ActivityDateType"),
    date: PartialDate,
    note: z.string().optional(),
    sources: SourceKeys,
  })
  .strict();
export type ActivityDate = z.infer<typeof ActivityDate>;

export const SectorShare = z
  .object({ code: code("Sector"), percentage: z.number().min(0).max(100).optional() })
  .strict();
export const CountryShare = z.object({ code: CountryCode, percentage: z.number().min(0).max(100).optional() }).strict();

/** A link to another record; `type` is IATI RelatedActivityType (1 parent, 2 child, 3 sibling, 4 co-funded, 5 third party). */
export const RelatedRecord = z
  .object({
    id: Id,
    type: code("RelatedActivityType"),
    /** The related activity's identifier in the source (IATI identifier, AidData Record ID). */
    ref: z.string().min(1).optional(),
  })
  .strict();

/** The seed's three kinds of connectivity: infrastructure, rules and standards, people-to-people. */
export const Connectivity = z.enum(["hard", "soft", "heart"]);
export type Connectivity = z.infer<typeof Connectivity>;
