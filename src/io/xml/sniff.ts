import { AppError } from "../../core/errors.ts";

/**
 * The encoding of an XML document from its first bytes (XML 1.0 appendix F):
 * a byte-order mark, else the `encoding` of the XML declaration, else UTF-8.
 *
 * @example
 *   sniffXmlEncoding(new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?>')) // "iso-8859-1"
 */
export function sniffXmlEncoding(head: Uint8Array): string {
  const [a, b, c] = [head[0], head[1], head[2]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return "utf-8";
  if (a === 0xff && b === 0xfe) return "utf-16le";
  if (a === 0xfe && b === 0xff) return "utf-16be";
  if (a === 0x3c && b === 0x00) return "utf-16le";
  if (a === 0x00 && b === 0x3c) return "utf-16be";
  const start = String.fromCharCode(...head.subarray(0, Math.min(head.length, 200)));
  const decl = /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/.exec(start);
  const declared = decl?.[1]?.toLowerCase();
  if (!declared) return "utf-8";
  if (declared.startsWith("utf-16") || declared === "ucs-2")
    throw new AppError(
      "invalid_encoding",
      `the XML declaration says ${decl![1]} but the file has no UTF-16 byte-order mark`,
    );
  return declared;
}
