/**
 * An error with a stable code that the edges (HTTP, CLI) map to a status and
 * a message for the user; `details` carries structured specifics.
 *
 * @example
 *   throw new AppError("invalid_dataset", "the dataset has 2 problems", { issues });
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
  }
}

/** The HTTP status for each error code; unknown codes are 500. */
export const ERROR_STATUS: Record<string, number> = {
  invalid_dataset: 422,
  invalid_request: 400,
  not_found: 404,
  unsupported: 400,
  database_unavailable: 503,
  // accounts and consultation (issue 6)
  unauthenticated: 401,
  invalid_credentials: 401,
  invalid_token: 401,
  forbidden: 403,
  insufficient_scope: 403,
  csrf_failed: 403,
  password_change_required: 403,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  precondition_required: 428,
  rate_limited: 429,
  // files read by imports and exports (issue 5): a bad file is the sender's problem, never a 500
  input_too_large: 413,
  invalid_xml: 422,
  invalid_encoding: 422,
  unsupported_encoding: 422,
  unsupported_version: 422,
  invalid_iati: 422,
  invalid_aiddata: 422,
  invalid_csv: 422,
  invalid_xlsx: 422,
  aborted: 409,
  nothing_to_export: 404,
};
