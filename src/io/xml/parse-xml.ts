import { type SaxesAttributeNS, SaxesParser, type SaxesTagNS } from "saxes";
import { AppError } from "../../core/errors.ts";
import { type ByteSource, decodeText, type InputLimits } from "../text/decode.ts";
import { sniffXmlEncoding } from "./sniff.ts";

/** An attribute with its namespace resolved (`uri` "" for none). */
export interface XmlAttribute {
  readonly name: string;
  readonly uri: string;
  readonly local: string;
  readonly prefix: string;
  readonly value: string;
}

/** A start tag: resolved name, attributes (namespace declarations excluded), declarations made on it, position. */
export interface XmlOpenTag {
  readonly name: string;
  readonly uri: string;
  readonly local: string;
  readonly prefix: string;
  readonly attributes: readonly XmlAttribute[];
  readonly ns: Readonly<Record<string, string>>;
  readonly line: number;
  readonly column: number;
}

/** What a consumer of the event stream implements. */
export interface XmlHandler {
  open(tag: XmlOpenTag): void;
  text(text: string, cdata: boolean): void;
  close(line: number, column: number): void;
}

export interface XmlLimits extends InputLimits {
  /** Deepest element nesting accepted (libxml2's default is 256). */
  readonly maxDepth?: number;
  /** Longest run of text or single tag, in characters (libxml2's default is 10,000,000). */
  readonly maxToken?: number;
}

const XMLNS = "http://www.w3.org/2000/xmlns/";

function fail(line: number, column: number, message: string): AppError {
  return new AppError("invalid_xml", `line ${line}, column ${column}: ${message}`, { line, column });
}

/**
 * Streams an XML document to `handler`, yielding after each chunk so the
 * caller can drain what the handler collected. Never fetches or expands
 * anything: a DOCTYPE (the only way to declare entities or point at external
 * files) is refused outright; only the five predefined entities and character
 * references are read. Well-formedness errors, bad encodings and limits end it
 * with an `AppError` (`invalid_xml`, `invalid_encoding`, `input_too_large`).
 *
 * @example
 *   for await (const _ of parseXml(createReadStream(file), handler)) drain();
 */
export async function* parseXml(source: ByteSource, handler: XmlHandler, limits: XmlLimits = {}): AsyncGenerator<void> {
  const maxDepth = limits.maxDepth ?? 256;
  const maxToken = limits.maxToken ?? 10_000_000;
  const parser = new SaxesParser({ xmlns: true, position: true });
  let depth = 0;
  let failure: AppError | undefined;
  parser.on("error", (err) => {
    failure ??= fail(parser.line, parser.column, err.message.replace(/^\d+:\d+: /, ""));
    throw failure;
  });
  parser.on("doctype", () => {
    failure ??= fail(
      parser.line,
      parser.column,
      "a DOCTYPE declaration is not accepted (it can define entities or point at other files); remove it",
    );
    throw failure;
  });
  parser.on("opentag", (tag: SaxesTagNS) => {
    depth += 1;
    if (depth > maxDepth) {
      failure ??= fail(parser.line, parser.column, `elements nested deeper than ${maxDepth} levels`);
      throw failure;
    }
    const attributes: XmlAttribute[] = [];
    for (const a of Object.values(tag.attributes) as SaxesAttributeNS[]) {
      if (a.uri === XMLNS) continue;
      attributes.push({ name: a.name, uri: a.uri, local: a.local, prefix: a.prefix, value: a.value });
    }
    handler.open({
      name: tag.name,
      uri: tag.uri,
      local: tag.local,
      prefix: tag.prefix,
      attributes,
      ns: tag.ns ?? {},
      line: parser.line,
      column: parser.column,
    });
  });
  parser.on("closetag", () => {
    depth -= 1;
    handler.close(parser.line, parser.column);
  });
  parser.on("text", (text) => handler.text(text, false));
  parser.on("cdata", (text) => handler.text(text, true));

  let sinceMarkup = 0;
  try {
    for await (const text of decodeText(source, sniffXmlEncoding, limits)) {
      // The longest run between two "<" bounds every text node and tag saxes must hold.
      let from = 0;
      for (let lt = text.indexOf("<"); ; lt = text.indexOf("<", from)) {
        sinceMarkup += (lt < 0 ? text.length : lt) - from;
        if (sinceMarkup > maxToken)
          throw fail(
            parser.line,
            parser.column,
            `a text or tag longer than ${maxToken.toLocaleString("en")} characters`,
          );
        if (lt < 0) break;
        sinceMarkup = 0;
        from = lt + 1;
      }
      parser.write(text);
      yield;
    }
    parser.close();
  } catch (err) {
    throw failure ?? err;
  }
  yield;
}
