import { AppError } from "../../core/errors.ts";

/** What the importer makes of a file's declared IATI version. */
export interface VersionVerdict {
  readonly version: string;
  /** Set when the file is read, but as 2.03 rather than as what it declares. */
  readonly warning?: string;
}

/**
 * Accepts IATI 2.03, reads 2.01 and 2.02 with a warning (2.03 only added to
 * them), refuses 1.x with a message saying what to do.
 *
 * @example
 *   checkIatiVersion("2.02").warning // "the file declares IATI 2.02; …"
 *   checkIatiVersion("1.05") // throws AppError unsupported_version
 */
export function checkIatiVersion(declared: string | undefined): VersionVerdict {
  const v = declared?.trim() ?? "";
  if (v === "2.03") return { version: v };
  if (v === "2.01" || v === "2.02")
    return {
      version: v,
      warning: `the file declares IATI ${v}; it is read and validated as 2.03, which only added to ${v} (a few ${v} files fail 2.03 and are reported)`,
    };
  if (v === "" || /^1(\.|$)/.test(v))
    throw new AppError(
      "unsupported_version",
      `${v ? `IATI version ${v}` : "a file without iati-activities/@version"} is IATI 1.x, which this importer does not read: ` +
        "convert it to IATI 2.03 first (IATI publishes upgrade guidance from 1.x to 2.01 and later)",
      { field: "iati-activities/@version", value: v },
    );
  return { version: v, warning: `unknown IATI version "${v}"; read and validated as 2.03` };
}
