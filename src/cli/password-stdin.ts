import { AppError } from "../core/errors.ts";

/**
 * Reads a password from standard input (`--password-stdin`): everything up to
 * the end, less one trailing newline. A terminal is refused, because it would
 * echo the password; pipe it in (`printf %s "$PW" | beltroad …`).
 */
export async function readPasswordFromStdin(stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (stdin.isTTY)
    throw new AppError(
      "invalid_request",
      '--password-stdin reads a pipe, not a terminal: printf %s "$PW" | beltroad …',
    );
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  const text = Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
  if (!text) throw new AppError("invalid_request", "no password on standard input");
  return text;
}
