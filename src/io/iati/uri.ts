/**
 * xs:anyURI as libxml2 checks it: collapse whitespace, turn characters that
 * RFC 3986 forbids but IRIs allow (space, non-ASCII, `<>"{}|\^``'`) into `_`,
 * then parse an RFC 3986 URI-reference (absolute URI first, then relative).
 */

const ALPHA = /[A-Za-z]/;
const DIGIT = /[0-9]/;
const HEX = /[0-9A-Fa-f]/;
const UNRESERVED = /[A-Za-z0-9\-._~]/;
const SUB_DELIM = /[!$&()*+,;=']/;

class Cursor {
  i = 0;
  constructor(readonly s: string) {}
  ch(): string {
    return this.s[this.i] ?? "";
  }
  at(k: number): string {
    return this.s[this.i + k] ?? "";
  }
  pct(): boolean {
    return this.ch() === "%" && HEX.test(this.at(1)) && HEX.test(this.at(2));
  }
  pchar(): boolean {
    const c = this.ch();
    return c !== "" && (UNRESERVED.test(c) || SUB_DELIM.test(c) || c === ":" || c === "@" || this.pct());
  }
  next(): void {
    this.i += this.ch() === "%" ? 3 : 1;
  }
}

function segment(cur: Cursor, forbid: string, empty: boolean): boolean {
  if (!cur.pchar()) return empty;
  while (cur.pchar() && cur.ch() !== forbid) cur.next();
  return true;
}

function moreSegments(cur: Cursor): boolean {
  while (cur.ch() === "/") {
    cur.i++;
    if (!segment(cur, "", true)) return false;
  }
  return true;
}

function authority(cur: Cursor): boolean {
  const start = cur.i;
  while (cur.ch() !== "" && (UNRESERVED.test(cur.ch()) || SUB_DELIM.test(cur.ch()) || cur.ch() === ":" || cur.pct()))
    cur.next();
  if (cur.ch() === "@") cur.i++;
  else cur.i = start;
  if (cur.ch() === "[") {
    const close = cur.s.indexOf("]", cur.i);
    if (close < 0) return false;
    cur.i = close + 1;
  } else {
    // an IPv4 address is a reg-name too; libxml2 2.9 reads both the same way
    while (cur.ch() !== "" && (UNRESERVED.test(cur.ch()) || SUB_DELIM.test(cur.ch()) || cur.pct())) cur.next();
  }
  if (cur.ch() === ":") {
    cur.i++;
    let port = "";
    while (DIGIT.test(cur.ch())) {
      port += cur.ch();
      cur.i++;
    }
    if (port === "" || Number(port) > 2147483647) return false;
  }
  return true;
}

function queryAndFragment(cur: Cursor): boolean {
  if (cur.ch() === "?") {
    cur.i++;
    while (cur.pchar() || cur.ch() === "/" || cur.ch() === "?") cur.next();
  }
  if (cur.ch() === "#") {
    cur.i++;
    while (cur.pchar() || cur.ch() === "/" || cur.ch() === "?" || cur.ch() === "[" || cur.ch() === "]") cur.next();
  }
  return cur.i >= cur.s.length;
}

/** `//authority path-abempty`, `/path`, or a rootless path; `forbid` is ":" for relative references. */
function pathPart(cur: Cursor, forbid: string): boolean {
  if (cur.ch() === "/" && cur.at(1) === "/") {
    cur.i += 2;
    return authority(cur) && moreSegments(cur);
  }
  if (cur.ch() === "/") {
    cur.i++;
    return segment(cur, "", false) ? moreSegments(cur) : true;
  }
  if (cur.pchar()) return segment(cur, forbid, false) && moreSegments(cur);
  return true;
}

function absolute(s: string): boolean {
  const cur = new Cursor(s);
  if (!ALPHA.test(cur.ch())) return false;
  while (cur.ch() !== "" && /[A-Za-z0-9+\-.]/.test(cur.ch())) cur.i++;
  if (cur.ch() !== ":") return false;
  cur.i++;
  return pathPart(cur, "") && queryAndFragment(cur);
}

function relative(s: string): boolean {
  const cur = new Cursor(s);
  return pathPart(cur, ":") && queryAndFragment(cur);
}

/**
 * True when `value` is a valid xs:anyURI for libxml2.
 *
 * @example
 *   isUriReference("http://example.org/a b") // true (the space is tolerated)
 *   isUriReference("%zz") // false
 */
export function isUriReference(value: string): boolean {
  if (value === "") return true;
  const collapsed = value.replace(/[ \t\n\r]+/g, " ").replace(/^ | $/g, "");
  const escaped = collapsed.replace(/[^\x21-\x7e]|[<>"{}|\\^`']/g, "_");
  return absolute(escaped) || relative(escaped);
}
