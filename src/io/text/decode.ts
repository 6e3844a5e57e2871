import { TextDecoder } from "node:util";
import { AppError } from "../../core/errors.ts";

/** Limits every reader applies to its input. */
export interface InputLimits {
  /** Largest input accepted, in bytes (default 1 GiB). */
  readonly maxBytes?: number;
}

/** Any stream of bytes or text: a Node readable, an async generator, an array of chunks. */
export type ByteSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export const DEFAULT_MAX_BYTES = 1024 ** 3;

/** Chooses the encoding from the first bytes of the input (BOM, XML declaration…); returns a WHATWG label. */
export type EncodingSniffer = (head: Uint8Array) => string;

/** UTF-8 unless a byte-order mark says UTF-16 (the rule for CSV). */
export function sniffBom(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  return "utf-8";
}

function decoderFor(label: string): TextDecoder {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: false });
  } catch {
    throw new AppError("unsupported_encoding", `unsupported character encoding "${label}"; save the file as UTF-8`);
  }
}

/**
 * Turns a byte stream into text chunks in the encoding `sniff` picks, failing
 * with a clear `invalid_encoding` error at the first byte that is not valid in
 * it, and with `input_too_large` past `maxBytes`. Never buffers more than one
 * chunk (plus the first 1 KB used to sniff).
 *
 * @example
 *   for await (const text of decodeText(createReadStream(file), sniffBom)) parser.write(text);
 */
export async function* decodeText(
  source: ByteSource,
  sniff: EncodingSniffer,
  limits: InputLimits = {},
): AsyncGenerator<string> {
  const max = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  let decoder: TextDecoder | undefined;
  let head: Uint8Array[] = [];
  let headBytes = 0;
  let total = 0;
  const decode = (bytes: Uint8Array, stream: boolean): string => {
    try {
      return decoder!.decode(bytes, { stream });
    } catch {
      throw new AppError(
        "invalid_encoding",
        `the file is not valid ${decoder!.encoding} (bad byte sequence within the first ${total.toLocaleString("en")} bytes); save it as UTF-8`,
      );
    }
  };
  for await (const chunk of source) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    total += bytes.length;
    if (total > max)
      throw new AppError("input_too_large", `the file is larger than the limit of ${max.toLocaleString("en")} bytes`);
    if (!decoder) {
      head.push(bytes);
      headBytes += bytes.length;
      if (headBytes < 1024) continue;
      const all = concat(head);
      head = [];
      decoder = decoderFor(sniff(all));
      const text = decode(all, true);
      if (text) yield text;
      continue;
    }
    const text = decode(bytes, true);
    if (text) yield text;
  }
  if (!decoder) {
    const all = concat(head);
    decoder = decoderFor(sniff(all));
    const text = decode(all, true);
    if (text) yield text;
  }
  const rest = decode(new Uint8Array(0), false);
  if (rest) yield rest;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
