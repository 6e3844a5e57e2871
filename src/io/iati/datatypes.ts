import type { Datatype } from "./schema-types.ts";
import { isUriReference } from "./uri.ts";

/**
 * The XSD datatypes of the IATI schema, checked the way libxml2 (`xmllint
 * --schema`, the reference validator) checks them, quirks included: decimals
 * and integers carry at most 24 significant digits; xs:int and the date types
 * take no surrounding whitespace while the other types collapse it.
 */

const WS = /^[ \t\n\r]+|[ \t\n\r]+$/g;
const trim = (s: string) => s.replace(WS, "");

/**
 * xs:decimal as libxml2 2.9 reads it (xmlSchemaValAtomicType): optional sign,
 * leading zeros skipped, then at most 24 digits with an optional point;
 * surrounding whitespace allowed — even a sign followed only by whitespace.
 */
function isDecimal(raw: string): boolean {
  if (raw === "") return false;
  let i = 0;
  const s = raw;
  const ws = () => {
    while (i < s.length && " \t\n\r".includes(s[i]!)) i++;
  };
  const digit = () => i < s.length && s[i]! >= "0" && s[i]! <= "9";
  ws();
  if (s[i] === "+" || s[i] === "-") i++;
  if (i >= s.length) return false;
  let zeros = false;
  while (s[i] === "0") {
    i++;
    zeros = true;
  }
  let len = 0;
  while (len < 24) {
    if (digit()) {
      i++;
      len++;
    } else if (s[i] === ".") {
      i++;
      while (len < 24 && digit()) {
        i++;
        len++;
      }
      if (len === 0 && !zeros) return false;
      break;
    } else break;
  }
  ws();
  return i >= s.length;
}

/** Digits of an integer literal without sign and leading zeros, or undefined when it is not one. */
function integerDigits(value: string): { negative: boolean; digits: string } | undefined {
  const m = /^([+-]?)0*(\d*)$/.exec(value);
  if (!m || !/\d/.test(value)) return undefined;
  const digits = m[2] ?? "";
  return digits.length > 24 ? undefined : { negative: m[1] === "-", digits };
}

function isInt(value: string): boolean {
  const n = integerDigits(value);
  if (!n) return false;
  const v = Number(n.digits || "0") * (n.negative ? -1 : 1);
  return v >= -2147483648 && v <= 2147483647;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The `CCYY-MM-DD` part (with an optional leading minus), or false. */
function checkDate(year: string, month: string, day: string, negative: boolean): boolean {
  if (year.length > 4 && year.startsWith("0")) return false;
  if (year.length > 19 || (year.length === 19 && year > "9223372036854775807")) return false;
  const y = Number(year) * (negative ? -1 : 1);
  if (/^0+$/.test(year)) return false;
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1) return false;
  const max = m === 2 && isLeap(y) ? 29 : (DAYS[m - 1] ?? 0);
  return d <= max;
}

function checkZone(zone: string | undefined): boolean {
  if (zone === undefined || zone === "Z") return true;
  const h = Number(zone.slice(1, 3));
  const min = Number(zone.slice(4, 6));
  return h <= 23 && min <= 59 && h * 60 + min <= 840;
}

const DATE = /^(-?)(\d{4,})-(\d\d)-(\d\d)(Z|[+-]\d\d:\d\d)?$/;
// libxml2 tolerates trailing whitespace after a dateTime's time zone (and nowhere else).
const DATE_TIME = /^(-?)(\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d(?:\.\d+)?)(?:(Z|[+-]\d\d:\d\d)[ \t\n\r]*)?$/;

function isDate(value: string): boolean {
  const m = DATE.exec(value);
  return !!m && checkDate(m[2]!, m[3]!, m[4]!, m[1] === "-") && checkZone(m[5]);
}

function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m || !checkDate(m[2]!, m[3]!, m[4]!, m[1] === "-") || !checkZone(m[8])) return false;
  const h = Number(m[5]);
  const min = Number(m[6]);
  const sec = Number(m[7]);
  if (min > 59 || sec >= 60) return false;
  return h <= 23 || (h === 24 && min === 0 && sec === 0);
}

// XML 1.0 (fifth edition) NameChar, for NMTOKEN.
const NMTOKEN =
  /^[-.0-9:A-Z_a-z\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}]+$/u;

/**
 * True when `value` is a valid lexical value of the datatype, as libxml2 decides.
 *
 * @example
 *   isValidValue("decimal", " 1.5 ") // true
 *   isValidValue("date", "2013-02-29") // false
 */
export function isValidValue(type: Datatype, value: string): boolean {
  switch (type) {
    case "string":
      return true;
    case "decimal":
      return isDecimal(value);
    case "boolean":
      return /^(true|false|1|0)$/.test(trim(value));
    case "int":
      return isInt(value);
    case "nonNegativeInteger": {
      const n = integerDigits(trim(value));
      return !!n && (!n.negative || n.digits === "");
    }
    case "positiveInteger": {
      const n = integerDigits(trim(value));
      return !!n && !n.negative && n.digits !== "";
    }
    case "date":
      return isDate(value);
    case "dateTime":
      return isDateTime(value);
    case "anyURI":
      return isUriReference(value);
    case "NMTOKEN":
      return NMTOKEN.test(trim(value));
    case "xml-lang": {
      // union of xs:language (whitespace collapsed) and the empty string (whitespace kept)
      return value === "" || /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/.test(trim(value));
    }
  }
}

/** The XSD name of a datatype, for messages (`xs:decimal`). */
export function datatypeName(type: Datatype): string {
  return type === "xml-lang" ? "xs:language (or empty)" : `xs:${type}`;
}
