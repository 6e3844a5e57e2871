/** A CSV cell: quoted when needed; text that a spreadsheet would run as a formula is escaped with a quote. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * CSV text (RFC 4180, `\n` line ends) from a header and rows.
 *
 * @example
 *   toCsv(["code"], [["LAO"]]) // "code\nLAO\n"
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\n") + "\n";
}
