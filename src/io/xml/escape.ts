/** `&`, `<`, `>` escaped for XML text. */
export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escaped for a double-quoted XML attribute (whitespace kept as character references). */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

/**
 * An element with attributes (undefined ones left out) and already-escaped content.
 *
 * @example
 *   el("value", { currency: "USD", "value-date": "2020-01-01" }, "100") // '<value currency="USD" value-date="2020-01-01">100</value>'
 */
export function el(name: string, attrs: Record<string, string | undefined>, content = ""): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(v!)}"`)
    .join("");
  return content === "" ? `<${name}${a}/>` : `<${name}${a}>${content}</${name}>`;
}
