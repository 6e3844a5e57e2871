import { AppError } from "../../core/errors.ts";
import type { ByteSource } from "../text/decode.ts";
import { parseXml, type XmlLimits } from "../xml/parse-xml.ts";
import { type SchemaIssue, SchemaValidator } from "./validator.ts";

/** The verdict on one document: valid or not, and why. */
export interface ValidationResult {
  readonly valid: boolean;
  /** Schema issues, and the well-formedness or encoding problem that stopped reading, if any (at most 1,000). */
  readonly issues: readonly SchemaIssue[];
  readonly issueCount: number;
}

/**
 * Validates a whole IATI activity document against the 2.03 schema, streaming
 * (memory stays bounded whatever the size). Agrees with `xmllint --schema` on
 * the official schema test suite.
 *
 * @example
 *   const { valid, issues } = await validateIatiXml(createReadStream("activities.xml"));
 */
export async function validateIatiXml(
  source: ByteSource,
  limits: XmlLimits & { maxIssues?: number } = {},
): Promise<ValidationResult> {
  const validator = new SchemaValidator(undefined, limits.maxIssues);
  try {
    for await (const _ of parseXml(source, validator, limits)) {
      // the validator collects as the document streams past
    }
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const where = err.details as { line?: number; column?: number } | undefined;
    const issues = [
      ...validator.issues,
      { line: where?.line ?? 0, column: where?.column ?? 0, path: "(document)", message: err.message },
    ];
    return { valid: false, issues, issueCount: validator.issueCount + 1 };
  }
  return { valid: validator.issueCount === 0, issues: validator.issues, issueCount: validator.issueCount };
}
