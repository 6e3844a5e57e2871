import { z } from "zod";
import { CurrencyCode, code, FullDate, PartialDate, SourceKeys } from "./common.ts";

/**
 * Optional parts of records that come from the open-data formats (IATI 2.03
 * activities, AidData GCDF 3.0): what a curated record rarely has, kept so an
 * import loses nothing and an export can give it back.
 */

const Text = z.record(z.string(), z.string().min(1));

/** Identifiers of the record in other datasets: the IATI activity identifier / organisation ref, the AidData Record ID. */
export const Identifiers = z
  .object({ iati: z.string().min(1).optional(), aiddata: z.string().regex(/^\d+$/).optional() })
  .strict();
export type Identifiers = z.infer<typeof Identifiers>;

/**
 * Languages of `names` / `descriptions` that the source did not have and that
 * were filled from another language (`{ names: { zh: "en" } }`): shown as
 * untranslated, never exported as if they were translations.
 */
export const TextFallbacks = z
  .object({
    names: z.record(z.string(), z.string()).optional(),
    descriptions: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/** A supranational region (IATI Region codelist when `vocabulary` is "1") with its share. */
export const RegionShare = z
  .object({
    code: z.string().min(1),
    vocabulary: z.string().min(1).default("1"),
    percentage: z.number().min(0).max(100).optional(),
    names: Text.optional(),
  })
  .strict();

/** A sector in a vocabulary other than OECD DAC 5-digit (vocabulary "2": DAC 3-digit categories, as AidData uses). */
export const OtherSector = z
  .object({
    code: z.string().min(1),
    vocabulary: z.string().min(1),
    vocabularyUri: z.string().optional(),
    percentage: z.number().min(0).max(100).optional(),
    names: Text.optional(),
  })
  .strict();

/** A budget for a period, in its currency with its value date. */
export const Budget = z
  .object({
    type: code("BudgetType").optional(),
    status: code("BudgetStatus").optional(),
    periodStart: FullDate,
    periodEnd: FullDate,
    amount: z.number(),
    currency: CurrencyCode,
    valueDate: FullDate,
    sources: SourceKeys,
  })
  .strict();
export type Budget = z.infer<typeof Budget>;

/** Terms of a loan; rates and fees in percent, periods in years. */
export const LoanTerms = z
  .object({
    maturityYears: z.number().nonnegative().optional(),
    gracePeriodYears: z.number().nonnegative().optional(),
    interestRate: z.number().optional(),
    defaultInterestRate: z.number().optional(),
    managementFee: z.number().optional(),
    commitmentFee: z.number().optional(),
    insuranceFeePercent: z.number().optional(),
    insuranceFeeUsd: z.number().optional(),
    firstRepayment: PartialDate.optional(),
    lastRepayment: PartialDate.optional(),
    grantElement: z
      .object({
        oecdCashFlow: z.number().optional(),
        oecdGrantEquivalent: z.number().optional(),
        imf: z.number().optional(),
      })
      .strict()
      .optional(),
    lenders: z.number().int().positive().optional(),
    sources: SourceKeys,
  })
  .strict();
export type LoanTerms = z.infer<typeof LoanTerms>;

/** IATI activity attributes and parts with no place elsewhere in the record, kept for a faithful export. */
export const IatiActivityInfo = z
  .object({
    reportingOrg: z
      .object({ ref: z.string(), type: z.string(), secondaryReporter: z.boolean().optional(), names: Text })
      .strict(),
    lastUpdated: z.string().optional(),
    lang: z.string().optional(),
    defaultCurrency: z.string().optional(),
    hierarchy: z.string().optional(),
    humanitarian: z.boolean().optional(),
    linkedDataUri: z.string().optional(),
    budgetNotProvided: z.string().optional(),
    /** `@type` of the description that became `descriptions`. */
    descriptionType: z.string().optional(),
    /** The activity's other descriptions (objectives, target groups…). */
    descriptions: z.array(z.object({ type: z.string().optional(), text: Text }).strict()).optional(),
    /** Child elements of `iati-activity` that Beltroad does not model, verbatim XML, in document order. */
    raw: z.array(z.string()).optional(),
  })
  .strict();
export type IatiActivityInfo = z.infer<typeof IatiActivityInfo>;

/** AidData GCDF 3.0 values as published, beside what they were mapped to. */
export const AidDataOriginals = z
  .object({
    recordId: z.string(),
    parentId: z.string().optional(),
    umbrella: z.boolean().optional(),
    status: z.string().optional(),
    intent: z.string().optional(),
    flowType: z.string().optional(),
    flowTypeSimplified: z.string().optional(),
    flowClass: z.string().optional(),
    sectorCode: z.string().optional(),
    sectorName: z.string().optional(),
    recipient: z.string().optional(),
    recipientRegion: z.string().optional(),
    financierCountry: z.string().optional(),
    amounts: z.record(z.string(), z.number()).default({}),
    agencies: z
      .array(
        z.object({ name: z.string(), role: z.string(), type: z.string().optional(), partner: z.string() }).strict(),
      )
      .default([]),
    locationNarrative: z.string().optional(),
    geographicPrecision: z.string().optional(),
    staffComments: z.string().optional(),
    /** Every other non-empty column, by its header. */
    columns: z.record(z.string(), z.string()).default({}),
  })
  .strict();
export type AidDataOriginals = z.infer<typeof AidDataOriginals>;
