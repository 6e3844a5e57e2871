import type {
  Agreement,
  Connectivity,
  Partner,
  Programme,
  Project,
  RecordKind,
  Service,
} from "../../src/core/domain/index.ts";

/** The URL segment of each kind, the same in the portal and the API (`/projects/…`, `/api/v1/projects/…`). */
export const KIND_PATHS = {
  partner: "partners",
  project: "projects",
  agreement: "agreements",
  programme: "programmes",
  service: "services",
  commitment: "commitments",
} as const satisfies Record<RecordKind, string>;
export type KindPath = (typeof KIND_PATHS)[RecordKind];

const COUNTRY_ID = /^country-([a-z]{3})$/;

/** ISO alpha-3 of a country partner id (`country-lao` → `LAO`). */
export function countryOfPartnerId(id: string): string | undefined {
  return COUNTRY_ID.exec(id)?.[1]?.toUpperCase();
}

/**
 * The portal page of a record; country partners have their country page.
 *
 * @example
 *   recordPath("project", "china-laos-railway") // "/projects/china-laos-railway"
 *   recordPath("partner", "country-lao") // "/countries/LAO"
 */
export function recordPath(kind: RecordKind, id: string): string {
  const country = kind === "partner" ? countryOfPartnerId(id) : undefined;
  if (country) return `/countries/${country}`;
  return `/${KIND_PATHS[kind]}/${encodeURIComponent(id)}`;
}

// Each list is checked against the domain's enum: adding a value there fails the type check here until it is added.
function keysOf<T extends string>(all: Record<T, true>): T[] {
  return Object.keys(all) as T[];
}
export const CONNECTIVITY = keysOf<Connectivity>({ hard: true, soft: true, heart: true });
export const STATUSES = ["1", "2", "3", "4", "5", "6"] as const;
export const PROJECT_TYPES = keysOf<Project["projectType"]>({
  rail: true,
  port: true,
  road: true,
  bridge: true,
  power: true,
  "industrial-park": true,
  pipeline: true,
  digital: true,
  livelihood: true,
  other: true,
});
export const AGREEMENT_TYPES = keysOf<Agreement["agreementType"]>({
  mou: true,
  "cooperation-plan": true,
  "joint-statement": true,
  treaty: true,
  other: true,
});
export const PROGRAMME_TYPES = keysOf<Programme["programmeType"]>({
  "luban-workshop": true,
  juncao: true,
  "hybrid-rice": true,
  scholarship: true,
  training: true,
  other: true,
});
export const SERVICE_MODES = keysOf<Service["mode"]>({ rail: true, sea: true, road: true, multimodal: true });
export const PARTNER_TYPES = keysOf<Partner["partnerType"]>({
  country: true,
  "international-organisation": true,
  financier: true,
  company: true,
  other: true,
});

/** The list kinds the portal pages through (`/projects`, …), in menu order. */
export const LIST_KINDS = ["project", "agreement", "service", "programme", "commitment", "partner"] as const;
export type ListKind = (typeof LIST_KINDS)[number];
