import type { z } from "zod";
import type { Connectivity, ProjectType as ProjectTypeSchema } from "../core/domain/index.ts";
import { Memo } from "./memo.ts";

type ProjectType = z.infer<typeof ProjectTypeSchema>;

/** What a sector says about a project: its type and its kind of connectivity. */
export interface SectorClass {
  readonly projectType: ProjectType;
  readonly connectivity: Connectivity;
}

const BY_CODE: Record<string, ProjectType> = { "21020": "road", "21030": "rail", "21040": "port", "22040": "digital" };

// DAC 3-digit sector categories → connectivity (hard: infrastructure; soft: rules, finance, governance;
// heart: people-to-people, livelihoods).
const SOFT = ["150", "151", "152", "240", "250", "330", "331", "332", "410", "510", "600", "910", "930", "998"];
const HEART = ["110", "111", "112", "113", "114", "120", "121", "122", "123", "130", "160", "310", "311", "312"];
const HEART_TOO = ["313", "430", "520", "530", "700", "720", "730", "740"];

/**
 * Classifies a DAC 5-digit sector code or 3-digit category (AidData uses
 * those). Rail, road, water transport and ICT codes give their project type;
 * energy codes give `power`; agriculture, food and rural development
 * `livelihood`; anything else `other`. Codes of no known category are `hard`.
 *
 * @example
 *   classifySector("21030") // { projectType: "rail", connectivity: "hard" }
 *   classifySector("120")   // { projectType: "other", connectivity: "heart" }
 */
export function classifySector(code: string): SectorClass {
  const category = code.slice(0, 3);
  const projectType: ProjectType =
    BY_CODE[code] ??
    (category.startsWith("23")
      ? "power"
      : category === "220"
        ? "digital"
        : ["310", "311", "312", "313", "430", "520"].includes(category)
          ? "livelihood"
          : "other");
  const connectivity: Connectivity = SOFT.includes(category)
    ? "soft"
    : HEART.includes(category) || HEART_TOO.includes(category)
      ? "heart"
      : "hard";
  return { projectType, connectivity };
}

/** Project type and connectivity from the first classifiable sector; `other`/`hard` (and `unclassified`) without one. */
export function classifySectors(codes: readonly string[]): SectorClass & { unclassified: boolean } {
  const first = codes.find((c) => SECTOR_CODE.test(c));
  if (!first) return { projectType: "other", connectivity: "hard", unclassified: true };
  const known = bySector.get(first);
  return { projectType: known.projectType, connectivity: known.connectivity, unclassified: false };
}

const SECTOR_CODE = /^\d{3}(\d{2})?$/;
// A file names a few hundred sector codes at most: each is classified once.
const bySector = new Memo(classifySector);
