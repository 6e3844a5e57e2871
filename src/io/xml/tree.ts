import { escapeAttr, escapeText } from "./escape.ts";
import type { XmlAttribute, XmlOpenTag } from "./parse-xml.ts";

/** A small element tree (one IATI activity at a time is built, never the whole document). */
export interface XNode {
  readonly name: string;
  readonly uri: string;
  readonly local: string;
  readonly prefix: string;
  readonly attributes: readonly XmlAttribute[];
  readonly ns: Readonly<Record<string, string>>;
  readonly line: number;
  readonly children: XNode[];
  text: string;
}

/** A node from a start tag, with no children yet. */
export function nodeOf(tag: XmlOpenTag): XNode {
  const { name, uri, local, prefix, attributes, ns, line } = tag;
  return { name, uri, local, prefix, attributes, ns, line, children: [], text: "" };
}

/** The no-namespace attribute `name` (or `xml:lang` style for the xml namespace), trimmed; undefined when absent. */
export function attr(node: XNode | undefined, name: string): string | undefined {
  if (!node) return undefined;
  // the mappers ask for attributes all the time: a plain loop, the kind of name decided once
  const qualified = name.includes(":");
  for (const a of node.attributes)
    if (qualified ? a.name === name : a.uri === "" && a.local === name) return a.value.trim();
  return undefined;
}

/** The first child named `name` in no namespace. */
export function child(node: XNode | undefined, name: string): XNode | undefined {
  return node?.children.find((c) => c.uri === "" && c.local === name);
}

/** Every child named `name` in no namespace. */
export function children(node: XNode | undefined, name: string): XNode[] {
  return node?.children.filter((c) => c.uri === "" && c.local === name) ?? [];
}

/** The node's text, whitespace runs collapsed and trimmed. */
export function textOf(node: XNode | undefined): string {
  const text = node?.text ?? "";
  // most texts have nothing to collapse (no whitespace but single spaces): spare them the replace's new string
  return UNEVEN_SPACE.test(text) ? text.replace(/\s+/g, " ").trim() : text.trim();
}

/** Whitespace other than a single space: what `textOf` has to collapse. */
const UNEVEN_SPACE = /[^\S ]|\s\s/;

const XML_NS = "http://www.w3.org/XML/1998/namespace";

/**
 * The node as standalone XML text: every namespace its names use is declared
 * on the fragment's root, so it can be pasted into another document.
 *
 * @example
 *   toXml(node) // '<x:foo xmlns:x="http://example.org/">…</x:foo>'
 */
export function toXml(node: XNode): string {
  const prefixes = new Map<string, string>();
  const collect = (n: XNode) => {
    if (n.prefix !== "" && n.uri !== XML_NS) prefixes.set(n.prefix, n.uri);
    for (const a of n.attributes) if (a.prefix !== "" && a.uri !== XML_NS) prefixes.set(a.prefix, a.uri);
    n.children.forEach(collect);
  };
  collect(node);
  const decls = [...prefixes].map(([p, uri]) => ` xmlns:${p}="${escapeAttr(uri)}"`).join("");
  return write(node, "", decls);
}

function write(n: XNode, inheritedDefault: string, decls: string): string {
  const ownDefault = n.prefix === "" ? n.uri : inheritedDefault;
  const defaultDecl = ownDefault !== inheritedDefault ? ` xmlns="${escapeAttr(ownDefault)}"` : "";
  const attrs = n.attributes.map((a) => ` ${a.name}="${escapeAttr(a.value)}"`).join("");
  // Text around child elements is indentation in IATI (element-only content) unless it says something.
  const text = n.children.length && n.text.trim() === "" ? "" : escapeText(n.text);
  const body = text + n.children.map((c) => write(c, ownDefault, "")).join("");
  const open = `<${n.name}${decls}${defaultDecl}${attrs}`;
  return body === "" ? `${open}/>` : `${open}>${body}</${n.name}>`;
}
