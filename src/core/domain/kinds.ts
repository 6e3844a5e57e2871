import { z } from "zod";
import { CountryCode, Geometry, Id, LocalizedText, PartialDate, Qualifier, SourceKeys } from "./common.ts";
import { AidDataOriginals, Budget, IatiActivityInfo, LoanTerms, OtherSector, RegionShare } from "./interop.ts";
import { activityFields, baseFields } from "./record.ts";

/** Partner: a country, international organisation, financier, company or other body. */
export const PartnerType = z.enum(["country", "international-organisation", "financier", "company", "other"]);
export const Partner = z
  .object({
    ...baseFields,
    kind: z.literal("partner"),
    partnerType: PartnerType,
    /** ISO alpha-3 of the country itself (countries) or of the seat/home country (others). */
    country: CountryCode.optional(),
    /** IATI OrganisationType code, for organisations. */
    organisationType: z.string().optional(),
    website: z.url().optional(),
  })
  .strict()
  .refine((p) => p.partnerType !== "country" || p.country !== undefined, {
    message: "a country partner needs its ISO alpha-3 code",
    path: ["country"],
  });
export type Partner = z.infer<typeof Partner>;

export const ProjectType = z.enum([
  "rail",
  "port",
  "road",
  "bridge",
  "power",
  "industrial-park",
  "pipeline",
  "digital",
  "livelihood",
  "other",
]);
/** A cooperation project (railway, port, park, plant, livelihood scheme…). */
export const Project = z
  .object({
    ...activityFields,
    kind: z.literal("project"),
    projectType: ProjectType,
    /** Environmental category as in IFC/ADB practice: A significant, B limited, C minimal. */
    environmentalCategory: z.enum(["A", "B", "C"]).optional(),
    /** Supranational regions (IATI recipient-region). */
    regions: z.array(RegionShare).optional(),
    /** Sectors in vocabularies other than DAC 5-digit. */
    otherSectors: z.array(OtherSector).optional(),
    budgets: z.array(Budget).optional(),
    loanTerms: LoanTerms.optional(),
    /** What an IATI import kept that has no other place (reporting org, other descriptions, unmodelled elements). */
    iati: IatiActivityInfo.optional(),
    /** AidData GCDF 3.0 values as published. */
    aiddata: AidDataOriginals.optional(),
  })
  .strict();
export type Project = z.infer<typeof Project>;

export const AgreementType = z.enum(["mou", "cooperation-plan", "joint-statement", "treaty", "other"]);
/** A cooperation document signed between parties. */
export const Agreement = z
  .object({
    ...activityFields,
    kind: z.literal("agreement"),
    agreementType: AgreementType,
    /** true for a document on Belt and Road cooperation itself (counts towards "countries with cooperation documents"). */
    beltAndRoad: z.boolean(),
    parties: z.array(Id).min(2),
    signed: PartialDate.optional(),
    place: z.string().optional(),
    summary: LocalizedText,
    projects: z.array(Id).default([]),
    ended: z.object({ date: PartialDate, note: z.string(), sources: SourceKeys }).strict().optional(),
  })
  .strict();
export type Agreement = z.infer<typeof Agreement>;

export const ProgrammeType = z.enum(["luban-workshop", "juncao", "hybrid-rice", "scholarship", "training", "other"]);
export const ProgrammeCount = z
  .object({
    metric: z.enum(["people-trained", "sites", "countries", "students", "hectares", "workshops"]),
    value: z.number().nonnegative(),
    qualifier: Qualifier.default("exact"),
    date: PartialDate,
    /** true when the value is a running total since the programme began. */
    cumulative: z.boolean().default(true),
    note: z.string().optional(),
    sources: SourceKeys,
  })
  .strict();
/** A people-to-people programme with its sites and dated counts. */
export const Programme = z
  .object({
    ...activityFields,
    kind: z.literal("programme"),
    programmeType: ProgrammeType,
    sites: z
      .array(
        z
          .object({
            name: z.string().min(1),
            country: CountryCode,
            geometry: Geometry.optional(),
            opened: PartialDate.optional(),
            record: Id.optional(),
            sources: SourceKeys,
          })
          .strict(),
      )
      .default([]),
    counts: z.array(ProgrammeCount).default([]),
  })
  .strict();
export type Programme = z.infer<typeof Programme>;

export const Stop = z
  .object({
    name: z.string().min(1),
    country: CountryCode,
    role: z.enum(["origin", "stop", "border-crossing", "transfer", "destination"]),
    coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).optional(),
    gaugeChange: z.object({ fromMm: z.number().int(), toMm: z.number().int() }).strict().optional(),
    note: z.string().optional(),
  })
  .strict();
/** A freight service: operator, mode, ordered stops, corridor and typical transit time. */
export const Service = z
  .object({
    ...activityFields,
    kind: z.literal("service"),
    mode: z.enum(["rail", "sea", "road", "multimodal"]),
    operators: z.array(Id).default([]),
    corridor: z.string().min(1),
    stops: z.array(Stop).min(2),
    transitTimes: z
      .array(
        z
          .object({
            from: z.string(),
            to: z.string(),
            minHours: z.number().positive(),
            maxHours: z.number().positive(),
            asOf: PartialDate.optional(),
            note: z.string().optional(),
            sources: SourceKeys,
          })
          .strict(),
      )
      .default([]),
    cargo: z.array(z.string()).default([]),
  })
  .strict();
export type Service = z.infer<typeof Service>;

export const CommitmentTarget = z
  .object({
    key: z.string().regex(/^[a-z0-9-]+$/),
    description: LocalizedText,
    value: z.number().nonnegative().optional(),
    unit: z.string().optional(),
    currency: z.string().optional(),
    deadline: PartialDate.optional(),
    progress: z
      .array(
        z
          .object({
            date: PartialDate,
            value: z.number().nonnegative(),
            qualifier: Qualifier.default("exact"),
            note: z.string().optional(),
            sources: SourceKeys,
          })
          .strict(),
      )
      .default([]),
    records: z.array(Id).default([]),
    sources: SourceKeys,
  })
  .strict();
/** A forum commitment (one of the eight major steps) with its targets and progress. */
export const Commitment = z
  .object({
    ...activityFields,
    kind: z.literal("commitment"),
    forum: z.string().min(1),
    step: z.number().int().positive(),
    announced: PartialDate,
    targets: z.array(CommitmentTarget).default([]),
  })
  .strict();
export type Commitment = z.infer<typeof Commitment>;

/** Any record of the registry. */
export const AnyRecord = z.union([Partner, Project, Agreement, Programme, Service, Commitment]);
export type AnyRecord = z.infer<typeof AnyRecord>;

/** The schema of each kind. */
export const RECORD_SCHEMAS = {
  partner: Partner,
  project: Project,
  agreement: Agreement,
  programme: Programme,
  service: Service,
  commitment: Commitment,
} as const;
