import type { RecordKind } from "../../core/domain/index.ts";

/**
 * The columns of the CSV/XLSX template: one row per record, lists separated
 * by ";", dates as YYYY, YYYY-MM or YYYY-MM-DD, up to three sources per row
 * (every value of the row cites them). The same columns serve the template,
 * the import of a filled template and the `--layout template` export.
 */
export interface TemplateColumn {
  readonly name: string;
  /** Kinds the column applies to ("activity": every kind but partner). */
  readonly kinds: "all" | "activity" | readonly RecordKind[];
  readonly help: string;
  readonly example?: string;
}

const source = (n: number): TemplateColumn[] => [
  {
    name: `source${n}_title`,
    kinds: "all",
    help: `title of source ${n}${n === 1 ? " (required)" : ""}`,
    example: n === 1 ? "China–Laos Railway opens" : undefined,
  },
  {
    name: `source${n}_publisher`,
    kinds: "all",
    help: `publisher of source ${n}${n === 1 ? " (required)" : ""}`,
    example: n === 1 ? "Xinhua" : undefined,
  },
  { name: `source${n}_url`, kinds: "all", help: `URL of source ${n}` },
  { name: `source${n}_published`, kinds: "all", help: `date source ${n} was published` },
];

export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  {
    name: "id",
    kinds: "all",
    help: "record id, a lower-case slug; empty: made from name_en",
    example: "test-valley-railway",
  },
  {
    name: "kind",
    kinds: "all",
    help: "partner, project, agreement, programme, service or commitment",
    example: "project",
  },
  { name: "name_en", kinds: "all", help: "name in English (required)", example: "Test Valley Railway" },
  { name: "name_zh", kinds: "all", help: "name in Chinese (empty: the English name is shown, marked untranslated)" },
  { name: "description_en", kinds: "all", help: "description in English" },
  { name: "tags", kinds: "all", help: "lower-case slugs, ;-separated", example: "flagship;railway" },
  {
    name: "partner_type",
    kinds: ["partner"],
    help: "country, international-organisation, financier, company or other",
  },
  { name: "country", kinds: ["partner"], help: "ISO 3166 alpha-3 of the country (countries) or seat (others)" },
  { name: "organisation_type", kinds: ["partner"], help: "IATI OrganisationType code (10 government … 90 other)" },
  { name: "website", kinds: ["partner"], help: "URL" },
  { name: "iati_ref", kinds: ["partner"], help: "IATI organisation identifier" },
  {
    name: "status",
    kinds: "activity",
    help: "IATI ActivityStatus: 1 pipeline, 2 implementation, 3 finalisation, 4 closed, 5 cancelled, 6 suspended",
    example: "2",
  },
  { name: "connectivity", kinds: "activity", help: "hard, soft and/or heart, ;-separated", example: "hard" },
  { name: "countries", kinds: "activity", help: "ISO 3166 alpha-3 codes, ;-separated", example: "LAO;CHN" },
  { name: "sectors", kinds: "activity", help: "OECD DAC 5-digit sector codes, ;-separated", example: "21030" },
  { name: "planned_start", kinds: "activity", help: "planned start date" },
  { name: "start_date", kinds: "activity", help: "actual start date", example: "2016-12" },
  { name: "planned_end", kinds: "activity", help: "planned end date" },
  { name: "end_date", kinds: "activity", help: "actual end date" },
  { name: "funders", kinds: "activity", help: "partner ids of funding organisations, ;-separated" },
  { name: "implementers", kinds: "activity", help: "partner ids of implementing organisations, ;-separated" },
  {
    name: "project_type",
    kinds: ["project"],
    help: "rail, port, road, bridge, power, industrial-park, pipeline, digital, livelihood or other",
    example: "rail",
  },
  { name: "commitment_amount", kinds: ["project"], help: "amount committed, in commitment_currency (a number)" },
  { name: "commitment_currency", kinds: ["project"], help: "ISO 4217 currency of the commitment" },
  { name: "commitment_date", kinds: ["project"], help: "date of the commitment" },
  { name: "agreement_type", kinds: ["agreement"], help: "mou, cooperation-plan, joint-statement, treaty or other" },
  { name: "belt_and_road", kinds: ["agreement"], help: "yes when the document is on Belt and Road cooperation itself" },
  { name: "parties", kinds: ["agreement"], help: "partner ids of the parties (two or more), ;-separated" },
  { name: "signed", kinds: ["agreement"], help: "date signed" },
  { name: "place", kinds: ["agreement"], help: "where it was signed" },
  { name: "summary_en", kinds: ["agreement"], help: "summary in English (required for agreements)" },
  {
    name: "programme_type",
    kinds: ["programme"],
    help: "luban-workshop, juncao, hybrid-rice, scholarship, training or other",
  },
  { name: "mode", kinds: ["service"], help: "rail, sea, road or multimodal" },
  { name: "corridor", kinds: ["service"], help: "corridor name" },
  {
    name: "stops",
    kinds: ["service"],
    help: "name:ISO3:role;… with role origin, stop, border-crossing, transfer or destination",
  },
  { name: "forum", kinds: ["commitment"], help: "forum the commitment was made at" },
  { name: "step", kinds: ["commitment"], help: "number of the step (1, 2, …)" },
  { name: "announced", kinds: ["commitment"], help: "date announced" },
  ...source(1),
  ...source(2),
  ...source(3),
];

/** The columns that apply to a kind (the template for that kind). */
export function columnsFor(kind: RecordKind): TemplateColumn[] {
  return TEMPLATE_COLUMNS.filter((c) =>
    c.kinds === "all" ? true : c.kinds === "activity" ? kind !== "partner" : c.kinds.includes(kind),
  );
}
